import Foundation

/// One line of an account's statement (domain.md#ledger: Ledger and credit). Debits raise the balance, credits lower
/// it; nothing is ever deleted, so a payment recorded by mistake is cancelled by a reversal, a new debit.
public struct LedgerEntry: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case order = "Order", payment = "Payment", reversal = "Payment reversal", charge = "Charge"
        /// An issued invoice (its number in `note`): a debit, like the order's first charge.
        case invoice = "Invoice"
        /// A credit note of a "cancel now" (its number in `note`): a credit, like a payment.
        case creditNote = "Credit note"
        public var isDebit: Bool { self != .payment && self != .creditNote }
    }

    public let id: Int64
    public var kind: Kind
    public var amount: Money
    public var orderId: Int64?
    /// The payment a reversal cancels, and the reversal that cancelled a payment.
    public var reverses: Int64?
    public var reversedBy: Int64?
    public var note: String?
    public var createdAt: Date
    public var createdBy: String
    /// The balance once this entry is counted (debits − credits so far).
    public var balanceAfter: Money

    /// The description and the note, as one statement line says them; an invoice's or credit note's note
    /// is its number, which the description already names.
    public var line: String {
        guard let note, !note.isEmpty, kind != .invoice, kind != .creditNote else { return description }
        return description + ": " + note
    }

    /// What the entry is about, for a statement line.
    public var description: String {
        switch kind {
        case .order: return orderId.map(OrderNumber.format) ?? "Order"
        case .payment: return "Payment" + (reversedBy.map { " (reversed by entry \($0))" } ?? "")
        case .reversal: return "Reversal of payment " + (reverses.map(String.init) ?? "")
        case .charge: return "Charge"
        case .invoice: return "Invoice " + (note ?? "")
        case .creditNote: return "Credit note " + (note ?? "")
        }
    }
}
