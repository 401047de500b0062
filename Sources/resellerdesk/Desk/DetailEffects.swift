import ResellerCore
import Screens

/// The account detail's effects: paging, the dialogs it opens, and its actions on contacts, storefront
/// users, orders and payments, each answered in the detail's notice line.
extension TerminalApp {
    func perform(detail effect: AccountDetailScreen.Effect) {
        let staff = Actor.currentStaff()
        guard let screen = top(AccountDetailScreen.self) else { return }
        // The section in view is where the next account opened in this session starts.
        detailSection = screen.section
        switch effect {
        case .reload(let id): openDetail(id)
        case .back:
            pop()
            // A payment recorded on the account may have settled what Collections listed under it.
            if top(CollectionsScreen.self) != nil { showCollections(notice: nil, push: false) }
        case .help: showHelp(screen.help)
        case .moreOrders(let id, let before):
            if let page = try? service.orderPage(of: id, before: before, limit: Self.detailPage) {
                updateTop(AccountDetailScreen.self) { $0.appendOrders(page) }
            }
        case .moreHistory(let id, let before):
            if let events = try? service.accountHistory(id, before: before, limit: Self.detailPage) {
                updateTop(AccountDetailScreen.self) { $0.appendHistory(events) }
            }
        case .edit(let id):
            do {
                push(AccountFormScreen(editing: try service.account(id),
                                       defaultCurrency: service.settings.defaultCurrency, staff: service.staffLogins()))
            } catch {
                notifyDetail(error.description)
            }
        case .pickPriceLists(let id): openPicker(id)
        case .addContact(let id, let storefront):
            push(ContactDialog.add(accountId: id, accountName: screen.detail.account.name,
                                   hasPriceList: !screen.detail.priceLists.isEmpty, storefront: storefront))
        case .editContact(let contact):
            push(ContactDialog.edit(contact, accountName: screen.detail.account.name,
                                    hasPriceList: !screen.detail.priceLists.isEmpty))
        case .access(let contact): push(AccessDialog.access(contact))
        case .changeStatus: push(StatusDialog.status(of: screen.detail.account))
        case .reversePayment(let id, let paymentId):
            if let payment = screen.content.statement.first(where: { $0.id == paymentId }) {
                push(ReversalDialog.reversal(of: payment, accountId: id))
            }
        case .open(let id):
            do {
                push(try detailScreen(id))
            } catch {
                notifyDetail(error.description)
            }
        case .removeContact(let contact):
            detailAction(contact.accountId) { () throws(ServiceError) in
                try service.removeContact(contact.id, by: staff)
                return "Removed \(contact.fullName) <\(contact.email)>; the history keeps it."
            }
        case .invite(let contact):
            detailAction(contact.accountId) { () throws(ServiceError) in
                _ = try service.enableStorefront(contactId: contact.id, by: staff)
                return "\(contact.email) is invited: an activation email is queued (storefront Admin)."
            }
        case .unassign(let id, let name):
            detailAction(id) { () throws(ServiceError) in
                try service.unassignPriceLists(id, names: [name], by: staff)
                return "Unassigned \(name)."
            }
        case .resendActivation(let id, let email):
            detailAction(id) { () throws(ServiceError) in
                try service.resendActivation(email: email, by: staff)
                return "A new activation email is queued to \(email); the earlier link no longer works."
            }
        case .deactivate(let id, let email):
            detailAction(id) { () throws(ServiceError) in
                try service.deactivateStorefront(email: email, by: staff)
                return "Deactivated \(email); their sessions ended."
            }
        case .resetPassword(let id, let email):
            detailAction(id) { () throws(ServiceError) in
                try service.startPasswordReset(email: email, by: staff)
                return "A password reset link is queued to \(email)."
            }
        case .execute(let id, let orderId):
            detailAction(id) { () throws(ServiceError) in
                let o = try service.executeOrder(orderId, by: staff)
                return "\(o.number) executed: \(o.total.display) debited."
            }
        case .cancelOrder(let id, let orderId):
            detailAction(id) { () throws(ServiceError) in
                let o = try service.cancelOrder(orderId, by: staff)
                return "\(o.number) canceled."
            }
        case .changeQuantity(let sub): push(QuantityDialog.quantity(of: sub, today: service.today))
        case .cancelSubscription(let id, let subscriptionId, let now):
            detailAction(id) { () throws(ServiceError) in
                Self.cancelled(try service.cancelSubscription(subscriptionId, now: now, by: staff))
            }
        case .viewDocument(let document): push(DocumentScreen(document, accountCode: screen.detail.account.code))
        case .recordPayment(let id, let amount):
            do {
                let paid = try service.recordPayment(accountId: id, PaymentForm(amount: amount), by: staff)
                reloadDetail(id, notice: "Payment of \(paid.display) recorded.")
            } catch {
                updateTop(AccountDetailScreen.self) {
                    $0.paymentFailed(error.messagesByField.values.sorted().joined(separator: "; "))
                }
            }
        }
    }

    /// Opens an account's detail over the others, with the runner of its effects.
    func push(_ screen: AccountDetailScreen) { push(screen, perform: TerminalApp.perform(detail:)) }

    /// Opens an account's detail, or reads the one on top again keeping its place.
    func openDetail(_ id: Int64) {
        do {
            if let old = top(AccountDetailScreen.self) {
                let screen = try detailScreen(id, keepingPlaceOf: old)
                updateTop(AccountDetailScreen.self) { $0 = screen }
            } else {
                push(try detailScreen(id))
            }
        } catch {
            _ = accounts.update(.failed(error.description))
        }
    }

    /// Runs one action of the account detail screen; its answer, or the service's refusal, shows there.
    private func detailAction(_ id: Int64, _ action: () throws(ServiceError) -> String) {
        do {
            reloadDetail(id, notice: try action())
        } catch {
            notifyDetail(error.description)
        }
    }

    /// Replaces the account detail on top of the stack with a fresh read, with a notice line.
    func reloadDetail(_ id: Int64, notice: String) {
        guard let old = top(AccountDetailScreen.self),
              var screen = try? detailScreen(id, keepingPlaceOf: old) else { return }
        screen.notify(notice)
        updateTop(AccountDetailScreen.self) { $0 = screen }
        refreshAccounts()
    }

    /// An account's detail read for the screen: the account, the first pages of its orders and history
    /// (on a reload, at least as many as were read, so the place is kept) and the counts on its tabs.
    func detailScreen(_ id: Int64, keepingPlaceOf old: AccountDetailScreen? = nil)
        throws(ServiceError) -> AccountDetailScreen {
        let orders = max(Self.detailPage, old?.detail.orders.count ?? 0)
        let events = max(Self.detailPage, old?.detail.audit.count ?? 0)
        let content = AccountDetailContent(try service.accountDetail(id, auditLimit: events),
                                           counts: try service.accountCounts(id),
                                           orders: try service.orderPage(of: id, limit: orders),
                                           statement: try service.statement(of: id),
                                           billing: try service.accountBilling(id))
        if let old { return AccountDetailScreen(content, keepingPlaceOf: old) }
        return AccountDetailScreen(content, section: detailSection)
    }

    func notifyDetail(_ text: String) { updateTop(AccountDetailScreen.self) { $0.notify(text) } }
}
