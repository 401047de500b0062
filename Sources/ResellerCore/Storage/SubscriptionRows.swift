import Foundation
import GRDB

extension StoreTx {
    func insertSubscription(_ s: Subscription, at now: Date) throws -> Int64 {
        return try insert(sql: """
            INSERT INTO subscriptions (billed_account_id, for_account_id, order_id, product_code, description,
              billing_period, unit_price_minor, currency, start_day, quantity, quantity_steps, next_billing_date,
              end_date, status, billing_day, first_order_day, partial_charges, created_at, tax_class)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [s.billedAccountId, s.forAccountId, s.orderId, s.productCode, s.description,
                             s.period.rawValue, s.unitPrice.minor, s.unitPrice.currency, s.start.description,
                             s.quantity(on: s.start), try Self.steps(s.quantitySteps), s.nextBillingDate.description,
                             s.endDate?.description, s.status.rawValue, s.scheme?.billingDay?.text,
                             s.scheme?.firstOrderDay?.description,
                             (s.scheme?.partialChargesInvoicing ?? .onOrderDay).rawValue, now,
                             s.taxClass.rawValue])
    }

    func subscription(_ id: Int64) throws -> Subscription? {
        try row(sql: Self.subscriptionSelect + " WHERE s.id = ?", arguments: [id]).map(Self.subscription)
    }

    /// Writes what a quantity change or a cancellation decided; the run's next billing date is left alone.
    func updateSubscriptionTerms(_ s: Subscription, on day: CalendarDay) throws {
        try execute(sql: """
            UPDATE subscriptions SET quantity = ?, quantity_steps = ?, end_date = ?, status = ? WHERE id = ?
            """, arguments: [s.quantity(on: day), try Self.steps(s.quantitySteps), s.endDate?.description,
                             s.status.rawValue, s.id])
    }

    /// Moves the next billing date of several subscriptions: one UPDATE per date (a run moves all of a
    /// batch's subscriptions, mostly to the same day), instead of one per subscription.
    func setNextBillingDates(_ dates: [Int64: CalendarDay]) throws {
        var byDay: [CalendarDay: [Int64]] = [:]
        for (id, day) in dates { byDay[day, default: []].append(id) }
        for (day, ids) in byDay.sorted(by: { $0.key < $1.key }) {
            try execute(forIds: ids.sorted(), before: [day.description]) { marks in
                "UPDATE subscriptions SET next_billing_date = ? WHERE id IN (\(marks))"
            }
        }
    }

    /// The subscriptions billed to the accounts that may owe a period by `through` (the invoicer decides), each
    /// account's in the order they were made.
    func billableSubscriptions(of accountIds: [Int64], through: CalendarDay) throws -> [Subscription] {
        try rows(forIds: accountIds, after: [through.description]) { marks in
            Self.subscriptionSelect + """
             WHERE s.billed_account_id IN (\(marks)) AND s.next_billing_date <= ?
               AND (s.end_date IS NULL OR s.next_billing_date <= s.end_date) ORDER BY s.id
            """
        }.map(Self.subscription)
    }

    /// The accounts with a subscription or a waiting charge that may owe something by `through`.
    func accountsWithBillableSubscriptions(through: CalendarDay) throws -> [Int64] {
        try values(Int64.self, sql: """
            SELECT billed_account_id FROM subscriptions
             WHERE next_billing_date <= ? AND (end_date IS NULL OR next_billing_date <= end_date)
            UNION
            SELECT billed_account_id FROM pending_charges WHERE invoice_id IS NULL AND invoice_date <= ?
            ORDER BY billed_account_id
            """, arguments: [through.description, through.description])
    }

    /// The first day the account owes something new: its earliest next billing date or waiting charge.
    func nextBillingDate(of accountId: Int64) throws -> CalendarDay? {
        try value(String.self, sql: """
            SELECT MIN(d) FROM (
              SELECT next_billing_date AS d FROM subscriptions
               WHERE billed_account_id = ? AND (end_date IS NULL OR next_billing_date <= end_date)
              UNION ALL
              SELECT invoice_date FROM pending_charges WHERE billed_account_id = ? AND invoice_id IS NULL) AS due
            """, arguments: [accountId, accountId]).flatMap(Self.day)
    }

    func subscriptions(billedTo accountId: Int64) throws -> [Subscription] {
        try rows(sql: Self.subscriptionSelect + " WHERE s.billed_account_id = ? ORDER BY s.id",
                         arguments: [accountId]).map(Self.subscription)
    }

    func allSubscriptions() throws -> [Subscription] {
        try rows(sql: Self.subscriptionSelect + " ORDER BY s.id").map(Self.subscription)
    }

    /// The columns in a fixed order, read back by position: a billing run reads every due subscription, and
    /// reading by name cost a case-insensitive search per column.
    private static let subscriptionSelect = """
        SELECT s.id, s.billed_account_id, s.for_account_id, a.name, s.order_id, s.product_code, s.description,
               s.billing_period, s.unit_price_minor, s.currency, s.start_day, s.quantity, s.next_billing_date,
               s.end_date, s.status, s.quantity_steps, s.billing_day, s.first_order_day, s.partial_charges,
               s.tax_class
        FROM subscriptions s JOIN accounts a ON a.id = s.for_account_id
        """

    private static func steps(_ steps: [QuantityStep]) throws -> String {
        String(decoding: try JSONEncoder().encode(steps.map { ["from": $0.from.description,
                                                              "quantity": String($0.quantity)] }), as: UTF8.self)
    }

    private static func subscription(_ r: SQLRow) throws -> Subscription {
        let currency: String = r[9]
        let start = day(r[10])!
        var s = Subscription(id: r[0], billedAccountId: r[1], forAccountId: r[2], forAccountName: r[3],
                             orderId: r[4], productCode: r[5], description: r[6],
                             period: BillingPeriod(rawValue: r[7]) ?? .monthly,
                             unitPrice: Money(minor: r[8], currency: currency), start: start,
                             quantity: r[11], nextBillingDate: day(r[12]), endDate: day(r[13]),
                             status: SubscriptionStatus(rawValue: r[14]) ?? .active)
        let json: String = r[15]
        // The run reads every due subscription: the flat form this file writes is read by hand (Foundation's
        // decoder cost more than the rest of the row); anything else goes to the decoder.
        let raw = try FlatJSON.objects(json) ?? JSONDecoder().decode([[String: String]].self, from: Data(json.utf8))
        s.quantitySteps = raw.compactMap { e in
            guard let from = day(e["from"]), let q = e["quantity"].flatMap(Int.init) else { return nil }
            return QuantityStep(from: from, quantity: q)
        }
        let billingDay = (r[16] as String?).flatMap { try? BillingDay.parse($0) }
        s.scheme = try BillingScheme(billingDay: billingDay, firstOrderDay: day(r[17]),
                                     partialChargesInvoicing: PartialChargesInvoicing(rawValue: r[18]) ?? .onOrderDay)
        s.taxClass = TaxClass(rawValue: r[19]) ?? .standard
        return s
    }
}
