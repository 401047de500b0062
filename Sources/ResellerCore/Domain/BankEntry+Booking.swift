import Foundation

/// One transaction of a bank statement as the desk books it (domain.md#collections: bank statements): a
/// statement entry's transaction, keyed by the bank's reference so the same one in a later file is known.
public struct StatementItem: Sendable, Hashable {
    public enum Direction: String, Sendable { case credit, debit }

    public var key: String
    public var file: String
    public var statementId: String
    public var line: Int
    public var bookingDate: CalendarDay?
    public var amount: Money
    public var direction: Direction
    /// Booked by the bank; a pending entry is reported, never booked (it may still change or vanish).
    public var booked: Bool
    /// The bank marks the entry as reversing an earlier one (`RvslInd`): never booked silently.
    public var reversal: Bool
    public var debtorName: String?
    /// The bank's own reference of the entry or transaction, for the payment's note.
    public var bankReference: String?
    public var structured: [String]
    public var unstructured: [String]

    public init(key: String, file: String, statementId: String, line: Int, bookingDate: CalendarDay?,
                amount: Money, direction: Direction, booked: Bool, reversal: Bool = false, debtorName: String?,
                bankReference: String?, structured: [String], unstructured: [String]) {
        self.key = key; self.file = file; self.statementId = statementId; self.line = line
        self.bookingDate = bookingDate; self.amount = amount; self.direction = direction; self.booked = booked
        self.reversal = reversal
        self.debtorName = debtorName; self.bankReference = bankReference; self.structured = structured
        self.unstructured = unstructured
    }

    /// The remittance information as staff read it: the structured references, then the free text.
    public var remittance: String { (structured + unstructured).joined(separator: " · ") }

    /// The payment's note in the ledger: the bank's reference and the debtor's name.
    public var paymentNote: String { Self.paymentNote(reference: bankReference ?? key, debtor: debtorName) }

    public static func paymentNote(reference: String, debtor: String?) -> String {
        ["Bank transfer", reference, debtor].compactMap { $0 }.joined(separator: " · ")
    }
}

/// Where an imported entry stands: booked as a payment, waiting for staff (unmatched, or listed: a debit),
/// assigned by staff to an account (and booked then), or dismissed with a reason.
public enum BankEntryState: String, Sendable, Codable, CaseIterable {
    case booked, unmatched, assigned, dismissed
}

/// An imported entry as stored: the unmatched queue lists these.
public struct BankEntryRecord: Sendable, Hashable {
    public var id: Int64
    public var key: String
    public var file: String
    public var statementId: String
    public var bookingDate: CalendarDay?
    public var amount: Money
    public var direction: StatementItem.Direction
    public var debtorName: String?
    public var remittance: String
    public var state: BankEntryState
    /// Why it waits (no reference found, another currency, a debit), or why staff dismissed it.
    public var why: String?
    public var accountId: Int64?
    public var ledgerId: Int64?
    public var importedAt: Date
    public var importedBy: String
    public var decidedAt: Date?
    public var decidedBy: String?

    public init(id: Int64, key: String, file: String, statementId: String, bookingDate: CalendarDay?, amount: Money,
                direction: StatementItem.Direction, debtorName: String?, remittance: String, state: BankEntryState,
                why: String?, accountId: Int64?, ledgerId: Int64?, importedAt: Date, importedBy: String,
                decidedAt: Date?, decidedBy: String?) {
        self.id = id; self.key = key; self.file = file; self.statementId = statementId
        self.bookingDate = bookingDate; self.amount = amount; self.direction = direction
        self.debtorName = debtorName; self.remittance = remittance; self.state = state; self.why = why
        self.accountId = accountId; self.ledgerId = ledgerId; self.importedAt = importedAt
        self.importedBy = importedBy; self.decidedAt = decidedAt; self.decidedBy = decidedBy
    }
}

/// What an import did with one statement transaction.
public enum StatementOutcome: Sendable, Hashable {
    /// Booked as a payment of the account (its ledger entry).
    case booked(accountId: Int64, ledgerId: Int64, entryId: Int64)
    /// Already imported (by an earlier file, or earlier in this one): nothing booked again.
    case repeated(entryId: Int64)
    /// Waiting in the unmatched queue, with why (a debit is listed there too).
    case unmatched(entryId: Int64, why: String)
    /// Not booked by the bank yet: nothing stored; a later statement books it.
    case pending

    public var label: String {
        switch self {
        case .booked: "booked"
        case .repeated: "already imported"
        case .unmatched: "unmatched"
        case .pending: "pending"
        }
    }
}

/// One import of statements: every transaction read, with what became of it.
public struct StatementImportReport: Sendable {
    public var files: [String]
    public var items: [(item: StatementItem, outcome: StatementOutcome)]

    public func count(_ label: String) -> Int { items.filter { $0.outcome.label == label }.count }
}
