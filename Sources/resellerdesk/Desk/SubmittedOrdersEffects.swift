import ResellerCore
import Screens

/// The Submitted orders screen's effects: reading the orders with their accounts' names and credit, executing
/// (asking again above the credit when the service refuses for it), cancelling, opening an account.
extension TerminalApp {
    func push(_ screen: SubmittedOrdersScreen) { push(screen, perform: TerminalApp.perform(submittedOrders:)) }

    func perform(submittedOrders effect: SubmittedOrdersScreen.Effect) {
        let staff = Actor.currentStaff()
        switch effect {
        case .back: pop()
        case .reload: showSubmittedOrders(notice: nil, push: false)
        case .help:
            if let screen = top(SubmittedOrdersScreen.self) { showHelp(screen.help) }
        case .open(let accountId): openDetail(accountId)
        case .execute(let orderId, let aboveCredit):
            do {
                let o = try service.executeOrder(orderId, aboveCredit: aboveCredit, by: staff)
                let debit = o.total.minor > 0 ? "\(o.total.display) debited" : "nothing to debit (0.00)"
                showSubmittedOrders(notice: "\(o.number) executed: \(debit).", push: false)
                refreshAccounts()
            } catch {
                if !aboveCredit, let available = creditShort(of: orderId, refusal: error),
                   top(SubmittedOrdersScreen.self) != nil {
                    updateTop(SubmittedOrdersScreen.self) { $0.askAboveCredit(orderId: orderId, available: available) }
                } else {
                    showSubmittedOrders(notice: error.description, push: false)
                }
            }
        case .cancel(let orderId):
            do {
                let o = try service.cancelOrder(orderId, by: staff)
                showSubmittedOrders(notice: "\(o.number) canceled; the reseller is emailed.", push: false)
            } catch {
                showSubmittedOrders(notice: error.description, push: false)
            }
        }
    }

    /// The available credit when the service refused an order because it is above it (its refusal names the
    /// order; a suspended account or Ordering off is refused for another reason and is not asked about).
    private func creditShort(of orderId: Int64, refusal: ServiceError) -> Money? {
        guard case .refused(field: "order", message: _) = refusal, let order = try? service.order(orderId),
              let account = try? service.account(order.accountId), account.status == .active,
              case .amount(let available)?? = try? service.availableCredit(order.accountId),
              available.minor < order.total.minor else { return nil }
        return available
    }

    /// Opens (or reads again, keeping the highlighted order's place) the Submitted orders of every account,
    /// each with its account's name and available credit, read once per account.
    func showSubmittedOrders(notice: String?, push: Bool) {
        do {
            var byAccount: [Int64: (name: String, available: CreditLimit?)] = [:]
            let rows = try service.submittedOrders().map { order throws(ServiceError) in
                if byAccount[order.accountId] == nil {
                    byAccount[order.accountId] = (try service.account(order.accountId).name,
                                                  try service.availableCredit(order.accountId))
                }
                let account = byAccount[order.accountId]!
                return SubmittedOrderRow(order: order, accountName: account.name, available: account.available)
            }
            if push {
                self.push(SubmittedOrdersScreen(rows, notice: notice))
            } else {
                updateTop(SubmittedOrdersScreen.self) {
                    $0 = SubmittedOrdersScreen(rows, notice: notice, selected: $0.selected)
                }
            }
        } catch {
            _ = accounts.update(.failed(error.description))
        }
    }
}
