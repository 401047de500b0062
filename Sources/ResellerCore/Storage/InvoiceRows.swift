import Foundation
import GRDB

/// An issued invoice as stored: its number and what the draft said.
public struct Invoice: Sendable, Hashable {
    public let id: Int64
    public var number: String
    public var draft: InvoiceDraft
    public var createdAt: Date
    /// Set by the service when it reads the ledger: how much of the total is paid, and so the status.
    public var paid: Money?
    public var status: InvoiceStatus?
}

public enum DocumentNumber {
    /// INV-000001, CRN-000001: six digits at least, never reused.
    public static func format(_ prefix: String, _ n: Int64) -> String {
        let d = String(n)
        return prefix + "-" + String(repeating: "0", count: max(0, 6 - d.count)) + d
    }
}

extension StoreTx {
    /// The next number of `counter`, taken inside the caller's IMMEDIATE transaction: a rolled-back invoice
    /// gives its number back, so numbers have no gaps.
    func nextNumber(_ counter: String) throws -> Int64 {
        try nextNumbers(counter, count: 1).lowerBound
    }

    /// The next `count` numbers of `counter` (at least one), taken at once as `nextNumber` takes one.
    func nextNumbers(_ counter: String, count: Int) throws -> ClosedRange<Int64> {
        let sql = "UPDATE counters SET value = value + ? WHERE name = ? RETURNING value"
        guard let last = try value(Int64.self, sql: sql, arguments: [count, counter]) else {
            throw ServiceError.storage("the numbering counter \(counter) is missing")
        }
        return last - Int64(count) + 1...last
    }

    /// Writes invoices and their lines, each invoice with its number, and returns their ids in the same order;
    /// the unique index refuses a period invoiced before. A batch's invoices are a few statements in all.
    func insertInvoices(_ invoices: [(draft: InvoiceDraft, number: String)], by actor: Actor,
                        at now: Date) throws -> [Int64] {
        let stamp = Self.stamp(now)
        let returned = try insertRows("""
            INSERT INTO invoices (number, billed_account_id, for_account_id, invoice_date, due_date, total_minor,
              currency, created_at, created_by, net_minor, tax_minor, taxes, seller, buyer_vat_id)
            """, width: 14, invoices.map { d, number in
                [number, d.billedAccountId, d.forAccountId, d.date.description, d.dueDate.description, d.total.minor,
                 d.total.currency, stamp, actor.description] + (try Self.amountColumns(d.amounts))
            }, returning: "id, number")
        var ids: [String: Int64] = [:]
        for r in returned { ids[r[1]] = r[0] }
        let invoiceIds = invoices.map { ids[$0.number]! }
        // Line ids follow the order of the values, so the lines keep their order.
        var lines: [[(any DatabaseValueConvertible)?]] = []
        for (id, invoice) in zip(invoiceIds, invoices) {
            for l in invoice.draft.lines {
                lines.append([id, l.chargeId == nil && l.subscriptionId != nil ? "period" : "charge", l.subscriptionId,
                              l.forAccountId, l.forAccountName, l.productCode, l.description,
                              l.periodStart?.description, l.periodEnd?.description, l.quantity, l.unitPrice.minor,
                              l.daysCharged, l.daysInPeriod, l.amount.minor, l.tax?.category.rawValue,
                              l.tax?.rate.hundredths])
            }
        }
        try insertRows("""
            INSERT INTO invoice_lines (invoice_id, kind, subscription_id, for_account_id, for_account_name,
              product_code, description, period_start, period_end, quantity, unit_price_minor, days_charged,
              days_in_period, amount_minor, tax_category, tax_rate)
            """, width: 16, lines)
        return invoiceIds
    }

    func invoices(of accountId: Int64) throws -> [Invoice] {
        try rows(sql: "SELECT * FROM invoices WHERE billed_account_id = ? ORDER BY id",
                         arguments: [accountId]).map(invoice)
    }

    /// The account's debits oldest first (invoice ids where they are invoices) and its credits: payments
    /// less their reversals, and credit notes. A reversal is stored as a debit naming the payment.
    func settlementLedger(of accountId: Int64) throws -> (debits: [InvoiceSettlement.Debit], credits: Int64) {
        var debits: [InvoiceSettlement.Debit] = []
        var credits: Int64 = 0
        let what = "the sum of the payments of \(AccountCode.format(accountId))"
        for r in try rows(sql: """
            SELECT kind, amount_minor, invoice_id, reverses_id FROM ledger WHERE account_id = ? ORDER BY id
            """, arguments: [accountId]) {
            let amount: Int64 = r["amount_minor"]
            if (r["kind"] as String) == "credit" {
                credits = try MoneySum.add(credits, amount, what: what)
            } else if (r["reverses_id"] as Int64?) != nil {
                credits = try MoneySum.subtract(credits, amount, what: what)
            } else {
                debits.append(InvoiceSettlement.Debit(invoiceId: r["invoice_id"], amount: amount))
            }
        }
        return (debits, credits)
    }

    /// The sums of `settlementLedger` for each account: its credits (less reversals) and all of its debits (an
    /// account with no entries has none). Their difference is the account's balance.
    func settlementTotals(of accountIds: [Int64]) throws -> [Int64: (debits: Int64, credits: Int64)] {
        var found: [Int64: (debits: Int64, credits: Int64)] = [:]
        for r in try rows(forIds: accountIds, { marks in """
            SELECT account_id,
                   COALESCE(SUM(CASE WHEN kind <> 'credit' AND reverses_id IS NULL THEN amount_minor ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN kind = 'credit' THEN amount_minor WHEN reverses_id IS NOT NULL
                                     THEN -amount_minor ELSE 0 END), 0)
            FROM ledger WHERE account_id IN (\(marks)) GROUP BY account_id
            """ }) {
            found[r[0]] = (r[1], r[2])
        }
        return found
    }

    func allInvoices() throws -> [Invoice] {
        try rows(sql: "SELECT * FROM invoices ORDER BY id").map(invoice)
    }

    /// The account an invoice is billed to, without reading the invoice: a bank entry's match.
    func billedAccountId(ofInvoice number: String) throws -> Int64? {
        try value(Int64.self, sql: "SELECT billed_account_id FROM invoices WHERE number = ?",
                           arguments: [number])
    }

    func invoice(number: String) throws -> Invoice? {
        try row(sql: "SELECT * FROM invoices WHERE number = ?", arguments: [number]).map(invoice)
    }

    private func invoice(_ r: SQLRow) throws -> Invoice {
        let currency: String = r["currency"]
        let id: Int64 = r["id"]
        let amounts = try Self.amounts(r, currency: currency)
        let lines = try rows(sql: "SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY id",
                                     arguments: [id]).map { Self.line($0, currency: currency, taxes: amounts.taxes) }
        let draft = InvoiceDraft(billedAccountId: r["billed_account_id"], forAccountId: r["for_account_id"],
                                 date: Self.day(r["invoice_date"])!, dueDate: Self.day(r["due_date"])!, lines: lines,
                                 amounts: amounts)
        return Invoice(id: id, number: r["number"], draft: draft, createdAt: r["created_at"])
    }

    /// A stored day (YYYY-MM-DD), as invoice and credit note rows keep them.
    static func day(_ text: String?) -> CalendarDay? {
        text.flatMap { try? CalendarDay.parse($0, field: "", label: "") }
    }

    /// One line of an invoice or a credit note: both tables keep the same columns. Its tax's reason is its
    /// category's in the document's breakdown.
    static func line(_ l: SQLRow, currency: String, taxes: [TaxSubtotal]) -> InvoiceLine {
        InvoiceLine(forAccountId: l["for_account_id"], forAccountName: l["for_account_name"],
                    subscriptionId: l["subscription_id"], productCode: l["product_code"],
                    description: l["description"], periodStart: day(l["period_start"]),
                    periodEnd: day(l["period_end"]), quantity: l["quantity"],
                    unitPrice: Money(minor: l["unit_price_minor"], currency: currency),
                    daysCharged: l["days_charged"], daysInPeriod: l["days_in_period"],
                    amount: Money(minor: l["amount_minor"], currency: currency),
                    tax: TaxedAmountsJSON.lineTax(category: l["tax_category"], rate: l["tax_rate"], in: taxes))
    }

    /// The columns of `TaxedAmounts` in the order net_minor, tax_minor, taxes, seller, buyer_vat_id: all NULL for
    /// a document from before tax.
    static func amountColumns(_ a: TaxedAmounts) throws -> [(any DatabaseValueConvertible)?] {
        guard !a.issuedBeforeTax else { return [nil, nil, nil, nil, nil] }
        return [a.net.minor, a.tax.minor, TaxedAmountsJSON.taxes(a.taxes), try a.seller.map(TaxedAmountsJSON.seller),
                a.buyerVATId]
    }

    /// A document's amounts as stored; one with no net was issued before tax.
    static func amounts(_ r: SQLRow, currency: String) throws -> TaxedAmounts {
        let total = Money(minor: r["total_minor"], currency: currency)
        guard let net = r["net_minor"] as Int64? else { return TaxedAmounts(beforeTax: total) }
        let taxes = try TaxedAmountsJSON.taxes(from: r["taxes"])
        let seller = try (r["seller"] as String?).map { try JSONDecoder().decode(Seller.self, from: Data($0.utf8)) }
        return TaxedAmounts(net: Money(minor: net, currency: currency),
                            tax: Money(minor: r["tax_minor"], currency: currency), total: total, taxes: taxes,
                            issuedBeforeTax: false, seller: seller, buyerVATId: r["buyer_vat_id"])
    }

}
