import Foundation
import GRDB

extension StoreTx {
    func insertOrder(_ p: OrderPreview, status: OrderStatus, placedBy: Actor, at now: Date) throws -> Int64 {
        let id = try insert(sql: """
            INSERT INTO orders (account_id, customer_account_id, status, total_minor, currency, order_day, placed_by,
                                created_at, executed_at, net_minor, tax_minor, taxes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [p.accountId, p.customerAccountId, status.rawValue, p.total.minor, p.total.currency,
                             p.orderDay.description, placedBy.description, now, status == .executed ? now : nil,
                             p.net.minor, p.tax.minor, TaxedAmountsJSON.taxes(p.taxes)])
        for l in p.lines {
            try execute(sql: """
                INSERT INTO order_lines (order_id, product_code, description, billing_period, quantity,
                  unit_price_minor, first_charge_minor, prorated_days, period_days, invoice_day, price_list_id,
                  tax_class) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """, arguments: [id, l.productCode, l.description, l.billingPeriod.rawValue, l.quantity,
                                 l.unitPrice.minor, l.firstCharge.minor, l.proration?.days, l.proration?.periodDays,
                                 l.invoiceDay.description, l.priceListId, l.taxClass.rawValue])
        }
        return id
    }

    func setOrderStatus(_ id: Int64, _ status: OrderStatus, at now: Date) throws {
        try execute(sql: """
            UPDATE orders SET status = ?,
              executed_at = CASE WHEN ? = 'Executed' THEN ? ELSE executed_at END,
              canceled_at = CASE WHEN ? = 'Canceled' THEN ? ELSE canceled_at END
            WHERE id = ?
            """, arguments: [status.rawValue, status.rawValue, now, status.rawValue, now, id])
    }

    /// Every executed order, oldest first (the first-invoices data migration walks them).
    func executedOrderIds() throws -> [Int64] {
        try values(Int64.self, sql: "SELECT id FROM orders WHERE status = 'Executed' ORDER BY id")
    }

    func subscriptionIds(ofOrder orderId: Int64) throws -> [Int64] {
        try values(Int64.self, sql: "SELECT id FROM subscriptions WHERE order_id = ? ORDER BY id", arguments: [orderId])
    }

    /// The day of the account's first executed order: the billing day of "day of first order" accounts.
    func firstOrderDay(of accountId: Int64) throws -> CalendarDay? {
        try value(String.self, sql: """
            SELECT MIN(order_day) FROM orders WHERE account_id = ? AND status = 'Executed'
            """, arguments: [accountId]).flatMap { try? CalendarDay.parse($0, field: "", label: "") }
    }

    private static let orderSelect = """
        SELECT o.*, c.name AS customer_name FROM orders o JOIN accounts c ON c.id = o.customer_account_id
        """

    func order(_ id: Int64) throws -> Order? {
        guard let row = try row(sql: Self.orderSelect + " WHERE o.id = ?", arguments: [id]) else { return nil }
        return try order(row, withLines: true)
    }

    func orders(of accountId: Int64, limit: Int) throws -> [Order] {
        try rows(sql: Self.orderSelect + " WHERE o.account_id = ? ORDER BY o.id DESC LIMIT ?",
                         arguments: [accountId, limit]).map { try order($0, withLines: false) }
    }

    /// An account's orders a page at a time for staff: the first page (`before` nil) starts with every
    /// Submitted order, as those wait for staff; the others follow newest first, `limit` at a time. `next`
    /// is the `before` of the page after, nil on the last.
    func orderPage(of accountId: Int64, before: Int64?, limit: Int) throws -> (orders: [Order], next: Int64?) {
        let waiting = before != nil ? [] : try rows(sql: Self.orderSelect
            + " WHERE o.account_id = ? AND o.status = 'Submitted' ORDER BY o.id DESC", arguments: [accountId])
        let rest = try rows(sql: Self.orderSelect
            + " WHERE o.account_id = ? AND o.status <> 'Submitted' AND o.id < ? ORDER BY o.id DESC LIMIT ?",
            arguments: [accountId, before ?? Int64.max, limit + 1])
        let orders = try (waiting + rest.prefix(limit)).map { try order($0, withLines: false) }
        return (orders, rest.count > limit ? orders.last?.id : nil)
    }

    func orderCount(of accountId: Int64) throws -> Int {
        try value(Int.self, sql: "SELECT COUNT(*) FROM orders WHERE account_id = ?", arguments: [accountId]) ?? 0
    }

    func submittedOrders() throws -> [Order] {
        try rows(sql: Self.orderSelect + " WHERE o.status = 'Submitted' ORDER BY o.id")
            .map { try order($0, withLines: false) }
    }

    private func order(_ r: SQLRow, withLines: Bool) throws -> Order {
        let currency: String = r["currency"]
        let id: Int64 = r["id"]
        var lines: [OrderLine] = []
        if withLines {
            lines = try rows(sql: "SELECT * FROM order_lines WHERE order_id = ? ORDER BY id",
                arguments: [id]).map { l in
                let day = (try? CalendarDay.parse(l["invoice_day"], field: "", label: "")) ?? CalendarDay(Date())
                var proration: Proration?
                if let d = l["prorated_days"] as Int?, let p = l["period_days"] as Int? {
                    proration = Proration(days: d, periodDays: p, nextBillingDay: day)
                }
                return OrderLine(productCode: l["product_code"], description: l["description"],
                                 billingPeriod: BillingPeriod(rawValue: l["billing_period"]) ?? .oneTime,
                                 quantity: l["quantity"], unitPrice: Money(minor: l["unit_price_minor"], currency: currency),
                                 firstCharge: Money(minor: l["first_charge_minor"], currency: currency),
                                 proration: proration, invoiceDay: day, priceListId: l["price_list_id"],
                                 taxClass: TaxClass(rawValue: l["tax_class"]) ?? .standard)
            }
        }
        return Order(id: id, accountId: r["account_id"], customerAccountId: r["customer_account_id"],
                     customerName: r["customer_name"], status: OrderStatus(rawValue: r["status"]) ?? .submitted,
                     total: Money(minor: r["total_minor"], currency: currency),
                     net: (r["net_minor"] as Int64?).map { Money(minor: $0, currency: currency) },
                     tax: (r["tax_minor"] as Int64?).map { Money(minor: $0, currency: currency) },
                     orderDay: (try? CalendarDay.parse(r["order_day"], field: "", label: "")) ?? CalendarDay(Date()),
                     createdAt: r["created_at"], placedBy: r["placed_by"], lines: lines,
                     taxes: try TaxedAmountsJSON.taxes(from: r["taxes"]))
    }

    func endCustomerIds(of resellerId: Int64) throws -> [Int64] {
        try values(Int64.self, sql: "SELECT id FROM accounts WHERE parent_account_id = ? ORDER BY name",
            arguments: [resellerId])
    }
}
