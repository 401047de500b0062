/// Invoices and credit notes as EN 16931 e-invoices (domain.md#invoices-as-documents): UBL 2.1 with the Peppol
/// BIS Billing 3.0 customization, written from the document as issued (its lines, its amounts, the seller kept
/// with it), never from what was paid since. Pure: the caller reads the document and the account.
public enum UBL {
    /// An issued invoice as a UBL 2.1 Invoice (Peppol BIS Billing 3.0 customization), UTF-8.
    public static func invoice(_ i: Invoice, account: Account) throws(UBLError) -> [UInt8] {
        try UBLDocument(kind: .invoice, number: i.number, date: i.draft.date, dueDate: i.draft.dueDate,
                        lines: i.draft.lines, amounts: i.draft.amounts, credited: nil, account: account).bytes()
    }

    /// A credit note as a UBL 2.1 CreditNote referencing the invoice it credits (number and issue date).
    public static func creditNote(_ c: CreditNote, account: Account,
                                  creditedInvoiceDate: CalendarDay?) throws(UBLError) -> [UInt8] {
        let credited = c.draft.creditedInvoiceNumber.map { UBLDocument.Credited(number: $0, date: creditedInvoiceDate) }
        return try UBLDocument(kind: .creditNote, number: c.number, date: c.draft.date, dueDate: nil,
                               lines: c.draft.lines, amounts: c.draft.amounts, credited: credited,
                               account: account).bytes()
    }
}

/// Why a document has no e-invoice: it was issued before the desk computed tax, so it names no seller, no
/// category and no rate, and it is never re-issued (domain.md#the-seller-and-tax).
public struct UBLError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One invoice or credit note on its way to UBL: what both kinds share, and the few places they differ.
struct UBLDocument {
    enum Kind {
        case invoice, creditNote

        var root: String { self == .invoice ? "Invoice" : "CreditNote" }
        /// UNCL 1001: 380 commercial invoice, 381 credit note.
        var typeCode: (element: String, code: String) {
            self == .invoice ? ("cbc:InvoiceTypeCode", "380") : ("cbc:CreditNoteTypeCode", "381")
        }
        var line: String { self == .invoice ? "cac:InvoiceLine" : "cac:CreditNoteLine" }
        var quantity: String { self == .invoice ? "cbc:InvoicedQuantity" : "cbc:CreditedQuantity" }
    }

    struct Credited { var number: String, date: CalendarDay? }

    static let customizationID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    static let profileID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

    let kind: Kind
    let number: String
    let date: CalendarDay
    let dueDate: CalendarDay?
    let lines: [InvoiceLine]
    let amounts: TaxedAmounts
    let seller: Seller
    let credited: Credited?
    let account: Account
    /// Each line's quantity × unit price: what its net amount is less a proration (see `line`).
    let undiscounted: [Money]

    init(kind: Kind, number: String, date: CalendarDay, dueDate: CalendarDay?, lines: [InvoiceLine],
         amounts: TaxedAmounts, credited: Credited?, account: Account) throws(UBLError) {
        guard !amounts.issuedBeforeTax, let seller = amounts.seller else {
            throw UBLError("\(number) was issued before the seller was configured: it has no e-invoice")
        }
        if let n = lines.firstIndex(where: { $0.tax == nil }) {
            throw UBLError("\(number) has no tax category on its line \(n + 1): it has no e-invoice")
        }
        var undiscounted: [Money] = []
        for l in lines {
            // Also the allowance, full − net, must be an amount: checked here so that writing cannot fail.
            let (full, tooMany) = l.unitPrice.minor.multipliedReportingOverflow(by: Int64(l.quantity))
            let (allowance, tooBig) = full.subtractingReportingOverflow(l.amount.minor)
            guard !tooMany, !tooBig, allowance != .min else {
                throw UBLError("\(number): a line's quantity × unit price is out of range")
            }
            undiscounted.append(Money(minor: full, currency: l.unitPrice.currency))
        }
        self.undiscounted = undiscounted
        self.kind = kind; self.number = number; self.date = date; self.dueDate = dueDate; self.lines = lines
        self.amounts = amounts; self.seller = seller; self.credited = credited; self.account = account
    }

    var currency: String { amounts.total.currency }

    /// A document not subject to VAT [O] states no VAT identifier of either party (BR-O-02); the category
    /// excludes every other on the same document (BR-O-11), so one look at the breakdown decides.
    var notSubjectToVAT: Bool { amounts.taxes.contains { $0.category == .outOfScope } }

    func bytes() -> [UInt8] {
        let schema = "urn:oasis:names:specification:ubl:schema:xsd:"
        var w = XMLWriter()
        w.element(kind.root, ["xmlns": schema + kind.root + "-2", "xmlns:cac": schema + "CommonAggregateComponents-2",
                              "xmlns:cbc": schema + "CommonBasicComponents-2"]) { w in
            // UBL's schema fixes the order of a document's parts: this is it.
            header(&w)
            sellerParty(&w)
            buyerParty(&w)
            paymentMeans(&w)
            paymentTerms(&w)
            taxTotal(&w)
            monetaryTotal(&w)
            for n in lines.indices { line(&w, n) }
        }
        return w.bytes + [10]
    }

    /// What the document is, its dates, its notes, its currency, whom it is for, and what it credits.
    private func header(_ w: inout XMLWriter) {
        w.element("cbc:CustomizationID", text: Self.customizationID)
        w.element("cbc:ProfileID", text: Self.profileID)
        w.element("cbc:ID", text: number)
        w.element("cbc:IssueDate", text: date.description)
        if let dueDate { w.element("cbc:DueDate", text: dueDate.description) }
        w.element(kind.typeCode.element, text: kind.typeCode.code)
        // Peppol allows one note at document level (PEPPOL-EN16931-R002): the printed notes, one per line.
        w.element("cbc:Note", ifPresent: amounts.notes.joined(separator: "\n"))
        w.element("cbc:DocumentCurrencyCode", text: currency)
        // The buyer quotes its account code when it pays or asks about the document.
        w.element("cbc:BuyerReference", text: account.code)
        if let credited {
            w.element("cac:BillingReference") { w in
                w.element("cac:InvoiceDocumentReference") { w in
                    w.element("cbc:ID", text: credited.number)
                    if let day = credited.date { w.element("cbc:IssueDate", text: day.description) }
                }
            }
        }
    }

    /// A credit note is not paid: it credits the account's balance with the seller, which settles its open
    /// invoices. Stating so is also what BR-CO-25 asks of a document with an amount due and no due date.
    private func paymentTerms(_ w: inout XMLWriter) {
        guard kind == .creditNote else { return }
        w.element("cac:PaymentTerms") { w in
            w.element("cbc:Note", text: "Credited to the balance of account \(account.code); nothing to pay.")
        }
    }

    /// The document's totals as issued: nets, nets plus taxes, and all of it payable (what was paid since is
    /// not part of the document).
    private func monetaryTotal(_ w: inout XMLWriter) {
        w.element("cac:LegalMonetaryTotal") { w in
            w.amount("cbc:LineExtensionAmount", amounts.net)
            w.amount("cbc:TaxExclusiveAmount", amounts.net)
            w.amount("cbc:TaxInclusiveAmount", amounts.total)
            w.amount("cbc:PayableAmount", amounts.total)
        }
    }
}

extension XMLWriter {
    /// An amount with the currency's decimals and its currencyID, as every UBL amount is written.
    mutating func amount(_ name: String, _ money: Money) {
        element(name, ["currencyID": money.currency], text: money.decimalString)
    }
}
