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
    public var amounts: TaxedAmounts
    /// The gross total the ledger is debited (domain.md#the-seller-and-tax: nets + taxes).
    public var total: Money { amounts.total }
}

/// A credit note for days paid in advance and not used (a "cancel now").
public struct CreditNoteDraft: Sendable, Hashable {
    public var billedAccountId: Int64
    public var forAccountId: Int64
    public var date: CalendarDay
    public var lines: [InvoiceLine]
    public var amounts: TaxedAmounts
    /// The invoice whose days it credits (the newest that charged them), when there is one.
    public var creditedInvoiceId: Int64?
    public var creditedInvoiceNumber: String?
    public var total: Money { amounts.total }
}

/// What an invoice or credit note adds up to, and who it is between, as issued: the seller and the buyer's
/// VAT ID are kept with it, so a later change of configuration or account never rewrites a sent document.
public struct TaxedAmounts: Sendable, Hashable {
    public var net: Money
    public var tax: Money
    public var total: Money
    public var taxes: [TaxSubtotal]
    /// Issued before the desk computed tax (domain.md#the-seller-and-tax): its total is its nets, it has no
    /// breakdown, and it is never re-issued.
    public var issuedBeforeTax: Bool
    public var seller: Seller?
    public var buyerVATId: String?

    public init(_ totals: InvoiceTotals, seller: Seller?, buyerVATId: String?) {
        net = totals.net; tax = totals.tax; total = totals.total; taxes = totals.taxes
        issuedBeforeTax = false; self.seller = seller; self.buyerVATId = buyerVATId
    }

    /// A document from before tax: its total as it was, nothing else.
    public init(beforeTax total: Money) {
        net = total; tax = Money(minor: 0, currency: total.currency); self.total = total; taxes = []
        issuedBeforeTax = true; seller = nil; buyerVATId = nil
    }

    public init(net: Money, tax: Money, total: Money, taxes: [TaxSubtotal], issuedBeforeTax: Bool, seller: Seller?,
                buyerVATId: String?) {
        self.net = net; self.tax = tax; self.total = total; self.taxes = taxes
        self.issuedBeforeTax = issuedBeforeTax; self.seller = seller; self.buyerVATId = buyerVATId
    }

    /// The notes printed under the totals: each distinct reason of the breakdown, or that it predates tax.
    public var notes: [String] {
        issuedBeforeTax ? ["Issued before tax was computed: amounts exclude tax."] : taxes.notes
    }
}
