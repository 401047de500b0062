import Foundation
import GRDB

extension StoreTx {
    /// Stores a charge until the invoice of its date; returns its id.
    func insertPendingCharge(_ c: PendingCharge, at now: Date) throws -> Int64 {
        let l = c.line
        return try insert(sql: """
            INSERT INTO pending_charges (billed_account_id, invoice_date, subscription_id, for_account_id,
              for_account_name, product_code, description, period_start, period_end, quantity, unit_price_minor,
              currency, days_charged, days_in_period, amount_minor, created_at, order_id, tax_class)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [c.billedAccountId, c.invoiceDate.description, l.subscriptionId, l.forAccountId,
                             l.forAccountName, l.productCode, l.description, l.periodStart?.description,
                             l.periodEnd?.description, l.quantity, l.unitPrice.minor, l.unitPrice.currency,
                             l.daysCharged, l.daysInPeriod, l.amount.minor, now, c.orderId, l.taxClass.rawValue])
    }

    /// The charges of the accounts not yet invoiced and dated on or before `through`, each line carrying its id;
    /// each account's oldest first.
    func pendingCharges(of accountIds: [Int64], through: CalendarDay) throws -> [PendingCharge] {
        try rows(forIds: accountIds, after: [through.description]) { marks in """
            SELECT * FROM pending_charges WHERE billed_account_id IN (\(marks)) AND invoice_id IS NULL
              AND invoice_date <= ? ORDER BY id
            """
        }.map(Self.pendingCharge)
    }

    /// Which of the accounts have a charge not yet invoiced, whatever its date.
    func accountsWithUninvoicedCharges(_ accountIds: [Int64]) throws -> Set<Int64> {
        Set(try rows(forIds: accountIds) { marks in
            "SELECT DISTINCT billed_account_id FROM pending_charges WHERE billed_account_id IN (\(marks)) "
                + "AND invoice_id IS NULL"
        }.map { $0[0] as Int64 })
    }

    /// Every charge of `accountId` not yet invoiced, whatever its date: what available credit still owes.
    func uninvoicedCharges(of accountId: Int64) throws -> [PendingCharge] {
        try rows(sql: """
            SELECT * FROM pending_charges WHERE billed_account_id = ? AND invoice_id IS NULL ORDER BY id
            """, arguments: [accountId]).map(Self.pendingCharge)
    }

    /// Marks a charge invoiced; a charge already on an invoice is refused, so it is never invoiced twice.
    func markChargeInvoiced(_ chargeId: Int64, invoiceId: Int64) throws {
        let changed = try execute(sql: "UPDATE pending_charges SET invoice_id = ? WHERE id = ? AND invoice_id IS NULL",
                       arguments: [invoiceId, chargeId])
        guard changed == 1 else {
            throw ServiceError.storage("charge \(chargeId) is already on an invoice")
        }
    }

    private static func pendingCharge(_ r: SQLRow) -> PendingCharge {
        let currency: String = r["currency"]
        func day(_ t: String?) -> CalendarDay? { t.flatMap { try? CalendarDay.parse($0, field: "", label: "") } }
        let line = InvoiceLine(forAccountId: r["for_account_id"], forAccountName: r["for_account_name"],
                               subscriptionId: r["subscription_id"], chargeId: r["id"],
                               productCode: r["product_code"], description: r["description"],
                               periodStart: day(r["period_start"]), periodEnd: day(r["period_end"]),
                               quantity: r["quantity"],
                               unitPrice: Money(minor: r["unit_price_minor"], currency: currency),
                               daysCharged: r["days_charged"], daysInPeriod: r["days_in_period"],
                               amount: Money(minor: r["amount_minor"], currency: currency),
                               taxClass: TaxClass(rawValue: r["tax_class"]) ?? .standard)
        return PendingCharge(billedAccountId: r["billed_account_id"], invoiceDate: day(r["invoice_date"])!, line: line,
                             orderId: r["order_id"])
    }
}
