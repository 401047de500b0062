// TEMPORARY until h-camt merges: the same API, crude.
public struct RemittanceReferences: Sendable, Hashable {
    public var paymentReferences: [PaymentReference] = []
    public var invoiceNumbers: [String] = []
    public var accountCodes: [String] = []
    public static func find(structured: [String], unstructured: [String]) -> RemittanceReferences {
        var r = RemittanceReferences()
        for t in structured + unstructured {
            for w in t.split(separator: " ") {
                if let p = PaymentReference(parsing: String(w)) { r.paymentReferences.append(p) }
                if w.uppercased().hasPrefix("INV-") { r.invoiceNumbers.append(w.uppercased()) }
                if w.uppercased().hasPrefix("ACC-") { r.accountCodes.append(w.uppercased()) }
            }
        }
        return r
    }
}
extension PaymentReference {
    public var invoiceNumber: String? {
        let body = text.dropFirst(4)
        guard let i = body.firstIndex(where: \.isNumber) else { return nil }
        return body[..<i] + "-" + body[i...]
    }
}
