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
            push(picker)
            for effect in first { perform(picker: effect) }
        } catch {
            notifyDetail(error.description)
        }
    }

    func push(_ picker: PriceListPicker) { push(picker, perform: TerminalApp.perform(picker:)) }

    func perform(picker effect: PriceListPicker.Effect) {
        switch effect {
        case .cancel: pop()
        case .help:
            if let picker = top(PriceListPicker.self) { showHelp(picker.help) }
        case .loadItems(let listId):
            if let items = try? service.priceListItems(listId) {
                updateTop(PriceListPicker.self) { $0.showItems(items, of: listId) }
            }
        case .assign(let id, let names):
            do {
                let result = try service.assignPriceLists(id, names: names, by: .currentStaff())
                pop()
                let assigned = result.assigned.isEmpty ? "nothing new" : result.assigned.joined(separator: ", ")
                reloadDetail(id, notice: (["Assigned: " + assigned] + result.warnings.map { "warning: \($0)" })
                    .joined(separator: "; "))
            } catch {
                updateTop(PriceListPicker.self) { $0.showRefusal(error) }
            }
        }
    }
}
