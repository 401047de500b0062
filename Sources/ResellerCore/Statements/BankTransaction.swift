/// One `TxDtls` of an entry: what the payer sent, with the remittance information that finds its invoice.
public struct BankTransaction: Sendable, Hashable {
    /// The amount in minor units of `currency`: `TxDtls/Amt`, else `AmtDtls/TxAmt/Amt`, else (for an entry
    /// of one transaction) the entry's.
    public var amount: Int64
    public var currency: String
    /// `Refs/AcctSvcrRef`: the bank's reference of this transaction.
    public var reference: String?
    /// `Refs/EndToEndId`, nil for SEPA's placeholder "NOTPROVIDED".
    public var endToEndId: String?
    /// `RltdPties/Dbtr/Nm` (001.02–001.07) or `RltdPties/Dbtr/Pty/Nm` (001.08).
    public var debtorName: String?
    /// `RmtInf/Strd/CdtrRefInf/Ref`, in document order.
    public var structuredReferences: [String]
    /// `RmtInf/Ustrd`, then `RmtInf/Strd/AddtlRmtInf` (free text too, where some payers put their reference),
    /// in document order; for an entry without `TxDtls`, its `AddtlNtryInf`.
    public var unstructured: [String]
    /// The key under which this transaction is recorded as booked, so a file read twice, or a notification
    /// and the statement repeating it, never books it twice. See `TransactionKey` for the rule.
    public var key: String

    public init(amount: Int64, currency: String, reference: String?, endToEndId: String?, debtorName: String?,
                structuredReferences: [String], unstructured: [String], key: String = "") {
        self.amount = amount
        self.currency = currency
        self.reference = reference
        self.endToEndId = endToEndId
        self.debtorName = debtorName
        self.structuredReferences = structuredReferences
        self.unstructured = unstructured
        self.key = key
    }
}
