/// One `Ntry` of a statement: an amount booked (or pending, or told for information) on the account. A
/// batched entry holds several transactions, each with its own payer and remittance information.
public struct BankEntry: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        /// `CRDT`: money in.
        case credit
        /// `DBIT`: money out, as a returned transfer.
        case debit
    }

    public enum Status: String, Sendable, Hashable {
        /// `BOOK`: on the account; the only status a payment is made from.
        case booked
        /// `PDNG`, and `FUTR` where a bank uses it: announced, not yet on the account.
        case pending
        /// `INFO`: told for information only, never on the account.
        case information
    }

    /// Where the `Ntry` starts, for messages.
    public var line: Int
    /// The entry's position in its statement, from 1.
    public var position: Int
    /// `AcctSvcrRef`: the bank's own reference of the entry.
    public var reference: String?
    /// `NtryRef`: a reference unique within the statement only.
    public var entryRef: String?
    /// The amount in minor units of `currency`, never negative: `direction` says which way it went.
    public var amount: Int64
    public var currency: String
    public var direction: Direction
    /// `RvslInd`: the entry undoes an earlier one (a credit reversing a debit, or the other way round).
    public var reversal: Bool
    public var status: Status
    /// `BookgDt` and `ValDt`, as `Dt`, or the date part of `DtTm` as the bank wrote it.
    public var bookingDate: CalendarDay?
    public var valueDate: CalendarDay?
    /// At least one: an entry without `TxDtls` gives one transaction made from the entry.
    public var transactions: [BankTransaction]

    public init(line: Int, position: Int, reference: String?, entryRef: String?, amount: Int64, currency: String,
                direction: Direction, reversal: Bool, status: Status, bookingDate: CalendarDay?,
                valueDate: CalendarDay?, transactions: [BankTransaction]) {
        self.line = line
        self.position = position
        self.reference = reference
        self.entryRef = entryRef
        self.amount = amount
        self.currency = currency
        self.direction = direction
        self.reversal = reversal
        self.status = status
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.transactions = transactions
    }
}
