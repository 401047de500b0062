import Foundation

/// Orders: pricing, placing (the credit check itself is in ResellerService+Credit.swift), executing, cancelling and
/// reading them.
extension ResellerService {
    /// Prices the lines from the reseller's assigned price lists and prorates first charges by its billing
    /// settings. Changes nothing; the storefront shows it before the order is placed.
    public func previewOrder(accountId: Int64, customerAccountId: Int64?, lines: [OrderRequestLine],
                             on day: CalendarDay? = nil,
                             by actor: Actor = .system) throws(ServiceError) -> OrderPreview {
        let day = day ?? today
        return try store.read { tx in
            try checkStorefrontRights(tx, actor, accountId: accountId, needs: .order)
            return try price(tx, accountId: accountId, customerAccountId: customerAccountId, lines: lines, on: day)
        }
    }

    private func price(_ tx: StoreTx, accountId: Int64, customerAccountId: Int64?, lines: [OrderRequestLine],
                       on day: CalendarDay) throws -> OrderPreview {
        guard let account = try tx.account(accountId) else {
            throw ServiceError.notFound(field: "account", message: "no account \(AccountCode.format(accountId))")
        }
        guard let ordering = account.fields.ordering else {
            throw ServiceError.refused(field: "account", message: "\(account.name) does not have ordering enabled")
        }
        try checkTakesOrders(tx, account)
        let customerId = customerAccountId ?? accountId
        if customerId != accountId {
            guard ordering.enableReselling else {
                throw ServiceError.refused(field: "customer", message: "\(account.name) does not have reselling enabled, so it can order only for itself")
            }
            guard let customer = try tx.account(customerId), customer.parentAccountId == accountId else {
                throw ServiceError.notFound(field: "customer", message: "no end customer \(AccountCode.format(customerId)) of \(account.name)")
            }
            // An end customer's own status governs orders for it, as the reseller's does for its own.
            try checkTakesOrders(tx, customer)
        }
        guard !lines.isEmpty else { throw ServiceError.invalid("lines", "add at least one product to the order") }
        // Only an active list valid on the order day sells (domain.md#price-lists); the others are kept aside to say
        // why.
        var catalogue: [(item: PriceListItem, listId: Int64)] = []
        var shelved: [(item: PriceListItem, list: PriceList, reason: String)] = []
        for list in try tx.priceLists(of: accountId) {
            let reasons = list.unavailability(on: day)
            if !reasons.isEmpty {
                let reason = reasons.joined(separator: " and ")
                shelved += try tx.items(of: list.id).map { ($0, list, reason) }
            } else {
                catalogue += try tx.items(of: list.id).map { ($0, list.id) }
            }
        }
        var e = ErrorList()
        var priced: [OrderLine] = []
        let ceiling = Money.ceiling(account.fields.currency)
        let firstOrderDay = try tx.firstOrderDay(of: accountId)
        for (n, request) in lines.enumerated() {
            let label = "line \(n + 1)"
            do throws(FieldError) {
                try Quantity.check(request.quantity, field: "quantity")
            } catch {
                e.add(error.field, "\(label): \(error.message)")
                continue
            }
            let matches = catalogue.filter {
                $0.item.productCode.lowercased() == request.productCode.lowercased()
                    && (request.billingPeriod == nil || $0.item.billingPeriod == request.billingPeriod)
            }
            guard let match = matches.first else {
                let code = request.productCode.lowercased()
                if let s = shelved.first(where: { $0.item.productCode.lowercased() == code }) {
                    e.add("productCode", "\(label): \(request.productCode) is priced only in \(s.list.name), "
                          + "which \(s.reason), so it cannot be ordered from on \(day)")
                } else {
                    e.add("productCode",
                          "\(label): \(request.productCode) is not in the price lists of \(account.name)")
                }
                continue
            }
            if matches.count > 1 {
                e.add("billingPeriod", "\(label): \(request.productCode) is priced \(matches.map(\.item.billingPeriod.rawValue).joined(separator: " and ")); choose one")
                continue
            }
            // Checked: an overflow trap would take down the whole storefront. Capping the line also keeps
            // the proration below (× up to 2 × 366) and the order's sum inside Int64.
            let (full, overflow) = match.item.unitPrice.minor.multipliedReportingOverflow(by: Int64(request.quantity))
            if overflow || full > ceiling.minor {
                e.add("quantity", "\(label): the line total would exceed \(ceiling.display)")
                continue
            }
            var proration: Proration?
            if let billingDay = ordering.prorateBillingDay {
                proration = Proration.partial(orderDay: day, billingDay: billingDay, firstOrderDay: firstOrderDay,
                                              period: match.item.billingPeriod)
            }
            // "On next billing day" the partial first period and a one-time item wait for the next billing
            // date (domain.md#invoicing); on a billing date itself there is nothing to wait for.
            var invoiceDay = day
            if ordering.partialChargesInvoicing == .onNextBillingDay, let billingDay = ordering.prorateBillingDay,
               let next = Proration.partial(orderDay: day, billingDay: billingDay, firstOrderDay: firstOrderDay,
                                            period: .monthly)?.nextBillingDay {
                invoiceDay = next
            }
            priced.append(OrderLine(productCode: match.item.productCode, description: match.item.description,
                                    billingPeriod: match.item.billingPeriod, quantity: request.quantity,
                                    unitPrice: match.item.unitPrice,
                                    firstCharge: Money(minor: proration?.apply(to: full) ?? full, currency: account.fields.currency),
                                    proration: proration, invoiceDay: invoiceDay, priceListId: match.listId,
                                    taxClass: match.item.taxClass))
        }
        try e.throwIfAny()
        var sum: Int64 = 0
        for line in priced {
            let (next, overflow) = sum.addingReportingOverflow(line.firstCharge.minor)
            guard !overflow, next <= ceiling.minor else {
                throw ServiceError.invalid("quantity", "the order total would exceed \(ceiling.display)")
            }
            sum = next
        }
        // The credit check counts the first charges with the tax they will bear (domain.md#the-seller-and-tax).
        let amounts = try taxed(tx, account, priced.map { ($0.firstCharge, $0.taxClass, max($0.invoiceDay, day)) })
        return OrderPreview(accountId: accountId, customerAccountId: customerId, orderDay: day, lines: priced,
                            net: amounts.net, tax: amounts.tax, taxes: amounts.taxes, total: amounts.total,
                            partialChargesInvoicing: ordering.partialChargesInvoicing,
                            availableCredit: try available(tx, account))
    }

    /// The credit check (domain.md#credit): within the available credit, or Unlimited, the order is Executed and the
    /// ledger debited; above it, it is accepted as Submitted and the "no available credit" email goes to
    /// the customer and the account manager. Pricing, the check and the debit run in one IMMEDIATE
    /// transaction, so two orders placed at once can never spend the same credit.
    public func placeOrder(accountId: Int64, customerAccountId: Int64?, lines: [OrderRequestLine],
                           by actor: Actor) throws(ServiceError) -> Order {
        let now = self.now, day = self.today
        return try store.write { tx in
            try checkStorefrontRights(tx, actor, accountId: accountId, needs: .order)
            try tx.lockAccount(accountId)
            let preview = try price(tx, accountId: accountId, customerAccountId: customerAccountId, lines: lines, on: day)
            let status: OrderStatus = preview.withinCredit ? .executed : .submitted
            let id = try tx.insertOrder(preview, status: status, placedBy: actor, at: now)
            try tx.audit(actor, "order", id, "place", ["status": [nil, status.rawValue], "total": [nil, preview.total.decimalString]], at: now)
            // The order's first charges are invoiced (and debited) by the billing they start; a free order
            // (a trial item, or a proration that rounds to 0.00) debits nothing.
            if status == .executed {
                _ = try startBilling(tx, orderId: id, on: day, by: actor, at: now)
            } else {
                try queueOverCredit(tx, orderId: id, preview: preview, by: actor, at: now)
            }
            return try tx.order(id)!
        }
    }

    private func queueOverCredit(_ tx: StoreTx, orderId: Int64, preview: OrderPreview, by actor: Actor, at now: Date) throws {
        guard let account = try tx.account(preview.accountId) else { return }
        var recipients = [try customer(tx, placedBy: actor.description, account)]
        recipients.append((staffEmail(account.fields.accountManager), account.fields.accountManager))
        let params = ["orderNumber": OrderNumber.format(orderId), "resellerName": account.name,
                      "total": preview.total.display, "availableCredit": preview.availableCredit?.display ?? "Unlimited",
                      "helpContact": settings.helpContact]
        for (address, name) in recipients {
            try tx.enqueue(QueuedMail(kind: .orderOverCredit, toAddress: address, toName: name,
                                      subject: "Order \(OrderNumber.format(orderId)) submitted with no available credit",
                                      params: params.merging(["recipientName": name]) { $1 }), at: now)
        }
    }

    /// Who hears about an order on the reseller's side: the storefront user who placed it, while still a
    /// contact of the account, else the account's email.
    private func customer(_ tx: StoreTx, placedBy: String, _ account: Account) throws -> (String, String) {
        if let cid = try tx.contactId(email: placedBy), let c = try tx.contact(cid), c.accountId == account.id,
           c.storefrontUser != nil {
            return (c.email, c.fullName)
        }
        return (account.fields.email, account.name)
    }

    /// The reseller is told when staff execute or cancel its Submitted order (domain.md#orders), in the same
    /// transaction.
    private func queueDecision(_ tx: StoreTx, _ order: Order, _ kind: MailKind, by actor: Actor, at now: Date) throws {
        guard let account = try tx.account(order.accountId) else { return }
        let (address, name) = try customer(tx, placedBy: order.placedBy, account)
        let params = ["orderNumber": order.number, "resellerName": account.name, "total": order.total.display,
                      "staff": actor.login, "helpContact": settings.helpContact, "recipientName": name]
        let verb = kind == .orderExecuted ? "executed" : "canceled"
        try tx.enqueue(QueuedMail(kind: kind, toAddress: address, toName: name,
                                  subject: "Order \(order.number) \(verb)", params: params), at: now)
    }

    /// Staff execute a Submitted order only while the account has Ordering on (no Ordering is no credit,
    /// not an unlimited one); above the available credit only when they confirmed it (`aboveCredit`).
    public func executeOrder(_ orderId: Int64, aboveCredit: Bool = false,
                             by actor: Actor) throws(ServiceError) -> Order {
        let now = self.now, today = self.today
        return try store.write { tx in
            let order = try submittedOrder(tx, orderId)
            try tx.lockAccount(order.accountId)
            guard let account = try tx.account(order.accountId) else { throw ServiceError.notFound(field: "order", message: "no account") }
            try checkTakesOrders(tx, account)
            guard account.fields.ordering != nil else {
                throw ServiceError.refused(field: "order", message: "\(account.name) has Ordering off, so "
                                           + "\(order.number) cannot be executed; turn Ordering on first, "
                                           + "or cancel the order")
            }
            // Executed today, its first charges are invoiced from today, with today's tax.
            let charges = order.lines.map { ($0.firstCharge, $0.taxClass, max($0.invoiceDay, today)) }
            let gross = try taxed(tx, account, charges).total
            if !aboveCredit, gross.minor > 0, let available = try available(tx, account),
               gross.minor > available.minor {
                throw ServiceError.refused(field: "order", message: "\(order.number) totals \(gross.display) "
                                           + "but only \(available.display) is available; record a payment first, "
                                           + "or confirm executing it above the credit")
            }
            try tx.setOrderStatus(orderId, .executed, at: now)
            _ = try startBilling(tx, orderId: orderId, on: today, by: actor, at: now)
            try tx.audit(actor, "order", orderId, "execute", ["status": [OrderStatus.submitted.rawValue, OrderStatus.executed.rawValue]], at: now)
            try queueDecision(tx, order, .orderExecuted, by: actor, at: now)
            return try tx.order(orderId)!
        }
    }

    public func cancelOrder(_ orderId: Int64, by actor: Actor) throws(ServiceError) -> Order {
        let now = self.now
        return try store.write { tx in
            let order = try submittedOrder(tx, orderId)
            try tx.setOrderStatus(orderId, .canceled, at: now)
            try queueDecision(tx, order, .orderCanceled, by: actor, at: now)
            try tx.audit(actor, "order", orderId, "cancel", ["status": [OrderStatus.submitted.rawValue, OrderStatus.canceled.rawValue]], at: now)
            return try tx.order(orderId)!
        }
    }

    private func submittedOrder(_ tx: StoreTx, _ id: Int64) throws -> Order {
        guard let order = try tx.order(id) else {
            throw ServiceError.notFound(field: "order", message: "no order \(OrderNumber.format(id))")
        }
        guard order.status == .submitted else {
            throw ServiceError.refused(field: "order", message: "\(order.number) is \(order.status.rawValue); only a Submitted order can be executed or canceled")
        }
        return order
    }

    /// An order; a storefront user sees only its own account's, and only with the Buyer right.
    public func order(_ id: Int64, by actor: Actor = .system) throws(ServiceError) -> Order {
        let found: Order? = try store.read { tx in
            guard let o = try tx.order(id) else { return nil }
            if case .storefront(let userId, _) = actor {
                // Another reseller's order is not found, not refused: its number tells nothing.
                guard try tx.contact(ofUser: userId)?.accountId == o.accountId else { return nil }
                try checkStorefrontRights(tx, actor, accountId: o.accountId, needs: .order)
            }
            return o
        }
        guard let found else { throw .notFound(field: "order", message: "no order \(OrderNumber.format(id))") }
        return found
    }

    public func orders(of accountId: Int64, limit: Int = 50,
                       by actor: Actor = .system) throws(ServiceError) -> [Order] {
        try store.read { tx in
            try checkStorefrontRights(tx, actor, accountId: accountId, needs: .order)
            return try tx.orders(of: accountId, limit: limit)
        }
    }

    public func submittedOrders() throws(ServiceError) -> [Order] { try store.read { try $0.submittedOrders() } }
}
