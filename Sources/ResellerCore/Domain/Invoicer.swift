/// What a billing run issues through a date (domain.md#invoicing), as drafts. Pure: the same
/// subscriptions, charges and date give the same drafts; storage applies them.
///
/// Every period is charged in advance and invoiced on its first day. A prorated first period is invoiced
/// on the order day, or with "on next billing day" on the day after it ends, where it joins the first
/// whole period. Invoices are one per billed account and date, or per account-it-is-for with Separate
/// invoices. A run through a date long after the last one catches up: each period still lands on the
/// invoice of its own date, so due dates and Overdue stay right.
public enum Invoicer {
    /// The invoices due through `through`, oldest date first, and how far each subscription is then invoiced.
    public struct Run: Sendable, Hashable {
        public var invoices: [InvoiceDraft]
        /// Subscription id → its new next billing date, for those that moved.
        public var nextBillingDates: [Int64: CalendarDay]
    }

    private struct Key: Hashable, Comparable {
        var date: CalendarDay, account: Int64, forAccount: Int64?
        static func < (a: Key, b: Key) -> Bool {
            (a.date, a.account, a.forAccount ?? 0) < (b.date, b.account, b.forAccount ?? 0)
        }
    }

    /// What taxing an invoice needs besides its account: the seller and the desk's rates.
    public struct Tax: Sendable, Hashable {
        public let seller: Seller
        public let rates: TaxRateTable
        /// `seller.missingKeys`, found once: every line of a run asks (it was a sixteenth of a billing run).
        private let missingKeys: [String]

        public init(seller: Seller, rates: TaxRateTable) {
            self.seller = seller; self.rates = rates; missingKeys = seller.missingKeys
        }

        /// The tax of an item of `taxClass` sold to `buyer` on `day`; refused while the seller is incomplete
        /// (domain.md#the-seller-and-tax: nothing is invoiced while its name, address, country or VAT ID is missing).
        public func treatment(_ buyer: TaxRules.Buyer, _ taxClass: TaxClass,
                              on day: CalendarDay) throws(FieldError) -> TaxTreatment {
            guard let country = seller.country, missingKeys.isEmpty else {
                throw FieldError(missingKeys.first ?? "company", "nothing can be invoiced until the seller is "
                                 + "configured: set " + missingKeys.joined(separator: ", ")
                                 + " in [company] of the configuration")
            }
            return try TaxRules.treatment(sellerCountry: country, buyer: buyer, taxClass: taxClass, on: day,
                                          rates: rates)
        }
    }

    public static func run(accounts: [BillingAccount], subscriptions: [Subscription], charges: [PendingCharge] = [],
                           through: CalendarDay, tax: Tax?) throws(FieldError) -> Run {
        var byId: [Int64: BillingAccount] = [:]
        for a in accounts { byId[a.id] = a }
        var groups: [Key: [InvoiceLine]] = [:]
        var next: [Int64: CalendarDay] = [:]

        func key(_ account: BillingAccount, _ date: CalendarDay, _ line: InvoiceLine) -> Key {
            Key(date: date, account: account.id, forAccount: account.separateInvoices ? line.forAccountId : nil)
        }

        // A cancelled subscription may still owe the days before its end: `periodsDue` stops at `endDate`.
        for sub in subscriptions {
            guard let account = byId[sub.billedAccountId] else {
                throw FieldError("account", "subscription \(sub.id) is billed to account "
                                 + "\(AccountCode.format(sub.billedAccountId)), which is not in the run")
            }
            let due = try periodsDue(sub, account: account, through: through)
            for (date, line) in due.lines { groups[key(account, date, line), default: []].append(line) }
            if due.next != sub.nextBillingDate { next[sub.id] = due.next }
        }
        for charge in charges where charge.invoiceDate <= through {
            guard let account = byId[charge.billedAccountId] else {
                throw FieldError("account", "a charge is billed to account "
                                 + "\(AccountCode.format(charge.billedAccountId)), which is not in the run")
            }
            guard charge.line.amount.currency == account.currency else {
                throw FieldError("currency", "a charge in \(charge.line.amount.currency) cannot be invoiced to "
                                 + "an account in \(account.currency)")
            }
            groups[key(account, charge.invoiceDate, charge.line), default: []].append(charge.line)
        }

        var invoices: [InvoiceDraft] = []
        for k in groups.keys.sorted() {
            let account = byId[k.account]!
            let lines = groups[k]!.sorted { a, b in
                (a.forAccountName, a.forAccountId, a.productCode, a.periodStart?.dayNumber ?? 0)
                    < (b.forAccountName, b.forAccountId, b.productCode, b.periodStart?.dayNumber ?? 0)
            }
            let (taxed, amounts) = try taxing(lines, account: account, on: k.date, tax: tax)
            invoices.append(InvoiceDraft(billedAccountId: k.account, forAccountId: k.forAccount, date: k.date,
                                         dueDate: k.date.adding(days: account.paymentTermsDays), lines: taxed,
                                         amounts: amounts))
        }
        return Run(invoices: invoices, nextBillingDates: next)
    }

    /// `lines` each with the tax the rules give it on `day` (the tax point of an invoice issued in advance is its
    /// date), and what they add up to. With no `tax`, the documents of a desk from before tax (its migration only).
    static func taxing(_ lines: [InvoiceLine], account: BillingAccount, on day: CalendarDay,
                       tax: Tax?) throws(FieldError) -> ([InvoiceLine], TaxedAmounts) {
        guard let tax else { return (lines, TaxedAmounts(beforeTax: try total(lines, currency: account.currency))) }
        var taxed = lines
        for i in taxed.indices { taxed[i].tax = try tax.treatment(account.buyer, taxed[i].taxClass, on: day) }
        let totals = try InvoiceTotals(lines: taxed.map { ($0.amount, $0.tax!) }, currency: account.currency)
        return (taxed, TaxedAmounts(totals, seller: tax.seller, buyerVATId: account.buyer.validVATId))
    }

    /// The day a period is invoiced on: its first day, except a prorated first period "on next billing day".
    public static func invoiceDate(of p: ChargePeriod, scheme: BillingScheme) -> CalendarDay {
        p.isPartial && scheme.partialChargesInvoicing == .onNextBillingDay ? p.nextStart : p.start
    }

    /// The lines of `sub` due through `through`, each with its invoice date, and the next billing date after.
    static func periodsDue(_ sub: Subscription, account: BillingAccount, through: CalendarDay)
        throws(FieldError) -> (lines: [(CalendarDay, InvoiceLine)], next: CalendarDay) {
        guard sub.unitPrice.currency == account.currency else {
            throw FieldError("currency", "subscription \(sub.id) is priced in \(sub.unitPrice.currency), its "
                             + "account in \(account.currency)")
        }
        let scheme = sub.scheme ?? account.scheme
        let calendar = try BillingCalendar(scheme: scheme, start: sub.start, period: sub.period)
        guard var p = calendar.period(startingOn: sub.nextBillingDate) else {
            throw FieldError("nextBillingDate", "subscription \(sub.id): \(sub.nextBillingDate) is not the first "
                             + "day of one of its periods")
        }
        var lines: [(CalendarDay, InvoiceLine)] = []
        while sub.endDate.map({ p.start <= $0 }) ?? true {
            let date = invoiceDate(of: p, scheme: scheme)
            guard date <= through else { break }
            // A "cancel now" before the period was invoiced: only the days up to the end are charged.
            let last = min(p.end, sub.endDate ?? p.end)
            let days = p.start.daysThrough(last)
            let quantity = sub.quantity(on: p.start)
            let whole = try lineTotal(sub.unitPrice, quantity, field: "quantity")
            let prorated = days != p.daysInPeriod
            lines.append((date, InvoiceLine(
                forAccountId: sub.forAccountId, forAccountName: sub.forAccountName, subscriptionId: sub.id,
                productCode: sub.productCode, description: sub.description, periodStart: p.start, periodEnd: last,
                quantity: quantity, unitPrice: sub.unitPrice, daysCharged: prorated ? days : nil,
                daysInPeriod: prorated ? p.daysInPeriod : nil,
                amount: Money(minor: p.prorate(whole, days: days), currency: sub.unitPrice.currency),
                taxClass: sub.taxClass)))
            p = calendar.period(after: p)
        }
        return (lines, p.start)
    }

    /// unit price × quantity, refused (never trapped) past the money ceiling, which keeps every proration
    /// (× at most 2 × 366) and every invoice sum inside Int64.
    static func lineTotal(_ unit: Money, _ quantity: Int, field: String) throws(FieldError) -> Int64 {
        let (total, overflow) = unit.minor.multipliedReportingOverflow(by: Int64(quantity))
        guard !overflow, total <= Money.ceiling(unit.currency).minor, total >= 0 else {
            throw FieldError(field, "\(quantity) × \(unit.display) exceeds \(Money.ceiling(unit.currency).display)")
        }
        return total
    }

    static func total(_ lines: [InvoiceLine], currency: String) throws(FieldError) -> Money {
        var sum: Int64 = 0
        for line in lines {
            let (s, overflow) = sum.addingReportingOverflow(line.amount.minor)
            guard !overflow else { throw FieldError("amount", "the invoice total is out of range") }
            sum = s
        }
        return Money(minor: sum, currency: currency)
    }
}
