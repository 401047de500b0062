import ResellerCore
import Screens

/// The price-list picker's effects: its preview of a list's items and the assignment.
extension TerminalApp {
    /// Opens the picker over an account's detail, each list marked with the service's refusals.
    func openPicker(_ id: Int64) {
        do {
            let detail = try service.accountDetail(id)
            var picker = PriceListPicker(accountId: id, accountCode: detail.account.code,
                                         lists: try service.priceLists(), assigned: detail.priceLists,
                                         refusals: try service.priceListRefusals(for: id), today: service.today)
            let first = picker.start()
            stack.append(.picker(picker))
            perform(first.map(Effect.picker))
        } catch {
            notifyDetail(error.description)
        }
    }

    func perform(picker effect: PriceListPicker.Effect) {
        switch effect {
        case .cancel: stack.removeLast()
        case .help:
            if case .picker(let picker)? = stack.last { showHelp(picker.help) }
        case .loadItems(let listId):
            if case .picker(var picker)? = stack.last, let items = try? service.priceListItems(listId) {
                picker.showItems(items, of: listId)
                stack[stack.count - 1] = .picker(picker)
            }
        case .assign(let id, let names):
            do {
                let result = try service.assignPriceLists(id, names: names, by: .currentStaff())
                stack.removeLast()
                let assigned = result.assigned.isEmpty ? "nothing new" : result.assigned.joined(separator: ", ")
                reloadDetail(id, notice: (["Assigned: " + assigned] + result.warnings.map { "warning: \($0)" })
                    .joined(separator: "; "))
            } catch {
                if case .picker(var picker)? = stack.last {
                    picker.showRefusal(error)
                    stack[stack.count - 1] = .picker(picker)
                }
            }
        }
    }
}
