/// An invoice the run would issue: not yet numbered, nothing written. Storage numbers it and writes it,
/// its ledger debit and its email in one transaction.
public struct InvoiceDraft: Sendable, Hashable {
    public var billedAccountId: Int64
    /// Set with Separate invoices: the one account all its lines are for.
    public var forAccountId: Int64?
    /// The day its lines became due: a period's first day, or the day Partial Charges Invoicing names.
    public var date: CalendarDay
    /// `date` plus the account's payment terms.
    public var dueDate: CalendarDay
    public var lines: [InvoiceLine]
    public var total: Money
}

/// A credit note for days paid in advance and not used (a "cancel now").
public struct CreditNoteDraft: Sendable, Hashable {
    public var billedAccountId: Int64
    public var forAccountId: Int64
    public var date: CalendarDay
    public var lines: [InvoiceLine]
    public var total: Money
}
