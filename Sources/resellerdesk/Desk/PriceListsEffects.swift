import Foundation
import ResellerCore
import Screens

/// The price-lists screen's effects: reading every list with its items and accounts, the active flag, the
/// edit, and the import of a replacement CSV (the file is read here, the screen only has its path).
extension TerminalApp {
    func push(_ screen: PriceListsScreen) { push(screen, perform: TerminalApp.perform(priceLists:)) }
    func push(_ dialog: PriceListDialog) { push(dialog, perform: TerminalApp.perform(priceListEdit:)) }

    func perform(priceLists effect: PriceListsScreen.Effect) {
        let staff = Actor.currentStaff()
        switch effect {
        case .back: pop()
        case .reload: showPriceLists(notice: nil, push: false)
        case .help:
            if let screen = top(PriceListsScreen.self) { showHelp(screen.help) }
        case .setActive(let name, let active):
            priceListAction { () throws(ServiceError) in
                let list = try service.updatePriceList(named: name, PriceListChange(active: active), by: staff)
                let users = try service.accountsUsing(priceList: name).count
                let effect = users == 0 ? "" : active
                    ? "; \(users == 1 ? "1 account" : "\(users) accounts") can order from it while it is valid"
                    : "; \(users == 1 ? "1 account" : "\(users) accounts") can no longer order from it"
                return (list.name, "\(list.name) is \(active ? "active" : "inactive") now\(effect).")
            }
        case .edit(let list): push(PriceListDialog.edit(list))
        case .importCSV(let name, let path):
            let csv: String
            do {
                csv = try String(contentsOfFile: (path as NSString).expandingTildeInPath, encoding: .utf8)
            } catch {
                showPriceListProblems(["Cannot read \(path): \(error.localizedDescription)"])
                return
            }
            priceListAction { () throws(ServiceError) in
                let before = try service.priceLists().first { $0.name == name }?.itemCount
                let list = try service.replacePriceListItems(named: name, csv: csv, by: staff)
                let was = before.map { " (was \($0))" } ?? ""
                return (list.name, "\(list.name) now has \(list.itemCount) items\(was); orders already placed "
                        + "keep their prices.")
            }
        }
    }

    /// Runs one change; on success the lists are read again with its notice and the list (maybe renamed)
    /// highlighted, on refusal every problem the service found shows whole.
    private func priceListAction(_ action: () throws(ServiceError) -> (name: String, notice: String)) {
        do {
            let done = try action()
            showPriceLists(notice: done.notice, push: false, selecting: done.name)
        } catch {
            showPriceListProblems(error.fieldErrors.map(\.message))
        }
    }

    private func showPriceListProblems(_ problems: [String]) {
        updateTop(PriceListsScreen.self) { $0.showProblems(problems) }
    }

    /// Opens (or reads again) the price lists, each with its items and the accounts it is assigned to.
    func showPriceLists(notice: String?, push: Bool, selecting name: String? = nil) {
        do {
            let lists = try service.priceLists()
            var items: [Int64: [PriceListItem]] = [:], users: [Int64: [AccountSummary]] = [:]
            for list in lists {
                items[list.id] = try service.priceListItems(list.id)
                users[list.id] = try service.accountsUsing(priceList: list.name)
            }
            let content = PriceListsContent(lists: lists, items: items, users: users, today: service.today)
            if push {
                self.push(PriceListsScreen(content, notice: notice))
            } else {
                updateTop(PriceListsScreen.self) {
                    $0 = PriceListsScreen(content, notice: notice, selecting: name ?? $0.current?.name)
                }
            }
        } catch {
            _ = accounts.update(.failed(error.description))
        }
    }

    func perform(priceListEdit effect: PriceListDialog.Effect) {
        guard let dialog = top(PriceListDialog.self) else { return }
        runDialog(effect, dialog) { (form) throws(ServiceError) in
            let changed = form.changedFields(from: dialog.context).map(\.noun)
            let list = try service.updatePriceList(named: dialog.context.name, form.change(from: dialog.context),
                                                   by: .currentStaff())
            pop()
            showPriceLists(notice: changed.isEmpty ? "Nothing changed."
                                                   : "Saved \(list.name): " + changed.joined(separator: ", ") + ".",
                           push: false, selecting: list.name)
        }
    }
}
