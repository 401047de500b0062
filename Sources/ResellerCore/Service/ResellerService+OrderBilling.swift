import Foundation

/// What an executed order starts: its subscriptions and their first charges, and the migration that gives the
/// orders of a desk from before billing their subscriptions and first invoices.
extension ResellerService {
    /// An executed order starts billing (domain.md#subscriptions). Each recurring line becomes a subscription,
    /// each line's first charge (the amount the credit check counted) waits as a pending charge dated by Partial
    /// Charges Invoicing, and the charges due by `today` are invoiced at once in the caller's transaction: "on order
    /// day" issues the first invoice with the order; "on next billing day" leaves the charge to the run, where it joins
    /// the first whole period on one invoice, and available credit counts it meanwhile.
    func startBilling(_ tx: StoreTx, orderId: Int64, on today: CalendarDay, by actor: Actor,
                      at now: Date) throws -> Invoice? {
        guard let order = try tx.order(orderId), let account = try tx.account(order.accountId) else { return nil }
        var due: [PendingCharge] = []
        for var charge in try Self.openSubscriptions(tx, order, account, executedOn: today, at: now) {
            charge.line.chargeId = try tx.insertPendingCharge(charge, at: now)
            if charge.invoiceDate <= today { due.append(charge) }
        }
        return try issueCharges(tx, account, due, through: today, by: actor, at: now).first
    }

    /// Invoices waiting charges at once, in the caller's transaction (an order's first charges, a raised
    /// quantity's added units "on order day"): one invoice per date, or per account-it-is-for with
    /// Separate invoices.
    func issueCharges(_ tx: StoreTx, _ account: Account, _ charges: [PendingCharge], through day: CalendarDay,
                      by actor: Actor, at now: Date) throws -> [Invoice] {
        guard !charges.isEmpty else { return [] }
        let run: Invoicer.Run
        do {
            run = try Invoicer.run(accounts: [try Self.billingAccount(tx, account)], subscriptions: [],
                                   charges: charges, through: day, tax: try invoiceTax(tx))
        } catch let error as FieldError {
            // Refused whole (an order that would invoice at once while the seller is not configured, names the key).
            throw ServiceError.refused(field: error.field, message: error.message)
        }
        return try issueInvoices(tx, run.invoices.map { (account, $0) }, by: actor, at: now)
    }

    /// Creates the order's subscriptions (the run starts with the period after the first) and returns every
    /// line's first charge: a recurring line's first period, partial or whole, or a one-time item.
    static func openSubscriptions(_ tx: StoreTx, _ order: Order, _ account: Account, executedOn today: CalendarDay,
                                  at now: Date) throws -> [PendingCharge] {
        let scheme = try BillingScheme(account.fields.ordering, firstOrderDay: try tx.firstOrderDay(of: account.id))
        return try order.lines.map { line in
            guard line.billingPeriod.isRecurring else {
                return try firstCharge(order, line, account, scheme, subscription: nil, executedOn: today)
            }
            let calendar = try BillingCalendar(scheme: scheme, start: order.orderDay, period: line.billingPeriod)
            var sub = Subscription(id: 0, billedAccountId: account.id, forAccountId: order.customerAccountId,
                                   forAccountName: order.customerName, orderId: order.id,
                                   productCode: line.productCode, description: line.description,
                                   period: line.billingPeriod, unitPrice: line.unitPrice, start: order.orderDay,
                                   quantity: line.quantity, nextBillingDate: calendar.first.nextStart)
            sub.scheme = scheme
            sub.taxClass = line.taxClass
            let id = try tx.insertSubscription(sub, at: now)
            try tx.audit(.system, "subscription", id, "create",
                         ["order": [nil, order.number], "product": [nil, line.productCode],
                          "quantity": [nil, String(line.quantity)],
                          "nextBillingDate": [nil, sub.nextBillingDate.description]], at: now)
            return try firstCharge(order, line, account, scheme, subscription: id, executedOn: today)
        }
    }

    /// One line's first charge: the amount the order's credit check counted, for the first period of its
    /// subscription (none for a one-time item), dated by Partial Charges Invoicing, never before `today`.
    static func firstCharge(_ order: Order, _ line: OrderLine, _ account: Account, _ scheme: BillingScheme,
                            subscription: Int64?, executedOn today: CalendarDay) throws -> PendingCharge {
        var charged = InvoiceLine(forAccountId: order.customerAccountId, forAccountName: order.customerName,
                                  subscriptionId: subscription, productCode: line.productCode,
                                  description: line.description, quantity: line.quantity, unitPrice: line.unitPrice,
                                  amount: line.firstCharge, taxClass: line.taxClass)
        // A one-time item is dated as the order's preview said (order day, or the next billing date).
        var invoiceDate = line.invoiceDay
        if line.billingPeriod.isRecurring {
            let first = try BillingCalendar(scheme: scheme, start: order.orderDay, period: line.billingPeriod).first
            charged.periodStart = first.start
            charged.periodEnd = first.end
            if first.isPartial { charged.daysCharged = first.days; charged.daysInPeriod = first.daysInPeriod }
            invoiceDate = Invoicer.invoiceDate(of: first, scheme: scheme)
        }
        // A held order executed later is invoiced on the day it is executed, never dated before it.
        return PendingCharge(billedAccountId: account.id, invoiceDate: max(invoiceDate, today), line: charged,
                             orderId: order.id)
    }

    /// The migration of a desk from before billing invoiced first charges (issue #12): each executed order
    /// gets the subscriptions it lacks, and its plain ledger debit becomes its first invoice, numbered in
    /// order, dated the order day, with the order's lines; the debit is linked to it, its amount untouched.
    /// No email goes out for these: they were charged long ago. An order whose lines do not add up to its
    /// debit keeps the plain debit (the statement stays as it was; nothing is invented).
    static func invoiceOrdersOfBefore(_ tx: StoreTx, at now: Date) throws {
        for orderId in try tx.executedOrderIds() {
            guard let order = try tx.order(orderId), let account = try tx.account(order.accountId) else { continue }
            let subscribed = try tx.subscriptionIds(ofOrder: orderId)
            var charges: [PendingCharge]
            if subscribed.isEmpty {
                charges = try openSubscriptions(tx, order, account, executedOn: order.orderDay, at: now)
            } else {
                let scheme = try BillingScheme(account.fields.ordering,
                                               firstOrderDay: try tx.firstOrderDay(of: account.id))
                var ids = subscribed.makeIterator()
                charges = try order.lines.map { line in
                    try firstCharge(order, line, account, scheme,
                                    subscription: line.billingPeriod.isRecurring ? ids.next() : nil,
                                    executedOn: order.orderDay)
                }
            }
            guard let debit = try tx.plainOrderDebit(orderId) else { continue }
            for i in charges.indices { charges[i].invoiceDate = order.orderDay }
            // These orders were charged before tax: their invoices keep the nets they debited.
            let run = try Invoicer.run(accounts: [try billingAccount(tx, account)], subscriptions: [],
                                       charges: charges, through: order.orderDay, tax: nil)
            guard run.invoices.count == 1, let draft = run.invoices.first,
                  draft.total.minor == debit.amount else { continue }
            let number = DocumentNumber.format("INV", try tx.nextNumber("invoice"))
            let id = try tx.insertInvoices([(draft, number)], by: .system, at: now)[0]
            for charge in charges {
                let chargeId = try tx.insertPendingCharge(charge, at: now)
                try tx.markChargeInvoiced(chargeId, invoiceId: id)
            }
            try tx.linkDebit(debit.id, toInvoice: id, number: number)
            try tx.audit(.system, "invoice", id, "issue",
                         ["number": [nil, number], "account": [nil, account.code], "order": [nil, order.number],
                          "total": [nil, draft.total.decimalString], "date": [nil, draft.date.description]], at: now)
        }
    }

    static func billingAccount(_ tx: StoreTx, _ account: Account) throws -> BillingAccount {
        try billingAccount(account, firstOrderDay: try tx.firstOrderDay(of: account.id))
    }

    /// The account's billing terms as the invoicer takes them. The account's form already validated its payment
    /// terms and currency; these checks only guard code.
    static func billingAccount(_ account: Account, firstOrderDay: CalendarDay?) throws -> BillingAccount {
        let scheme = try BillingScheme(account.fields.ordering, firstOrderDay: firstOrderDay)
        return try BillingAccount(id: account.id, scheme: scheme, currency: account.fields.currency,
                                  separateInvoices: account.fields.separateInvoices,
                                  paymentTermsDays: account.fields.paymentTermsDays, buyer: taxBuyer(account))
    }
}
