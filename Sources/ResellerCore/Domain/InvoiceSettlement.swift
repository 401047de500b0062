/// Open, Paid or Overdue (domain.md#invoices).
public enum InvoiceStatus: String, Sendable, CaseIterable {
    case open = "Open", paid = "Paid", overdue = "Overdue"

    public static func parse(_ raw: String, field: String = "status") throws(FieldError) -> InvoiceStatus {
        guard let s = allCases.first(where: { $0.rawValue.lowercased() == raw.lowercased() }) else {
            throw FieldError(field, "status must be open, paid or overdue, not \"\(raw)\"")
        }
        return s
    }
}

/// How payments settle invoices (domain.md#settlement: "payments settle the oldest open invoices first"), pure. The
/// allocation is derived from the ledger each time rather than stored: every credit (payments less their
/// reversals, and credit notes) pays the account's debits oldest first — an order's own first charge is a
/// debit too, older than the invoices after it. A reversed payment therefore reopens exactly the newest
/// invoices it had paid, and two payments recorded at once cannot allocate the same invoice twice.
public enum InvoiceSettlement {
    /// One ledger debit, oldest first; `invoiceId` when it is an invoice's.
    public struct Debit: Sendable, Hashable {
        public var invoiceId: Int64?
        public var amount: Int64
        public init(invoiceId: Int64?, amount: Int64) { self.invoiceId = invoiceId; self.amount = amount }
    }

    /// Invoice id → the part of it paid, in minor units.
    public static func paid(debits: [Debit], credits: Int64) -> [Int64: Int64] {
        var left = max(0, credits)
        var out: [Int64: Int64] = [:]
        for d in debits {
            // A negative debit (a row no form writes) pays nothing, rather than giving credit back.
            let share = max(0, min(left, d.amount))
            left -= share
            if let id = d.invoiceId { out[id, default: 0] += share }
        }
        return out
    }

    /// What `paid(debits:credits:)` gives the newest debit of `amount` (an invoice just issued), from sums
    /// alone: `earlierDebits` is every debit before it.
    public static func paidOfNewest(amount: Int64, earlierDebits: Int64, credits: Int64) -> Int64 {
        guard amount > 0 else { return 0 }
        return min(amount, max(0, max(0, credits) - earlierDebits))
    }

    /// Paid when nothing is left to pay (a 0.00 invoice is paid); Overdue once its due date has passed.
    public static func status(total: Int64, paid: Int64, dueDate: CalendarDay, today: CalendarDay) -> InvoiceStatus {
        if paid >= total { return .paid }
        return today > dueDate ? .overdue : .open
    }
}
