import ResellerCore
import Screens

/// The Unmatched payments screen's effects: reading the waiting bank entries, assigning one to an account
/// (the account picker and its searches) and dismissing one with the reason.
extension TerminalApp {
    func push(_ screen: UnmatchedPaymentsScreen) { push(screen, perform: TerminalApp.perform(unmatched:)) }
    func push(_ picker: AssignEntryPicker) { push(picker, perform: TerminalApp.perform(assignEntry:)) }
    func push(_ dialog: DismissEntryDialog) { push(dialog, perform: TerminalApp.perform(dismissEntry:)) }

    func perform(unmatched effect: UnmatchedPaymentsScreen.Effect) {
        switch effect {
        case .back:
            pop()
            // What was assigned may have settled overdue invoices: the Collections screen below reads again.
            if top(CollectionsScreen.self) != nil { showCollections(notice: nil, push: false) }
        case .reload: showUnmatched(notice: nil, push: false)
        case .help:
            if let screen = top(UnmatchedPaymentsScreen.self) { showHelp(screen.help) }
        case .assign(let entryId):
            do {
                var picker = AssignEntryPicker.assign(try service.bankEntry(entryId))
                let first = picker.start()
                push(picker)
                for effect in first { perform(assignEntry: effect) }
            } catch {
                showUnmatched(notice: error.description, push: false)
            }
        case .dismiss(let entryId):
            do {
                push(DismissEntryDialog.dismiss(try service.bankEntry(entryId)))
            } catch {
                showUnmatched(notice: error.description, push: false)
            }
        }
    }

    func perform(assignEntry effect: AssignEntryPicker.Effect) {
        guard let picker = top(AssignEntryPicker.self) else { return }
        switch effect {
        case .cancel: pop()
        case .help: showHelp(picker.help)
        case .search(let query, let request):
            do {
                let page = try service.searchAccounts(query, limit: Self.pickerPage)
                updateTop(AssignEntryPicker.self) {
                    $0.showResults(request: request, rows: page.rows, more: page.nextAfter != nil)
                }
            } catch {
                updateTop(AssignEntryPicker.self) { $0.showRefusal(error.description) }
            }
        case .picked(let accountId):
            do {
                let entry = picker.context
                try service.assignEntry(entry.id, toAccount: accountId, by: .currentStaff())
                let account = try service.account(accountId)
                pop()
                showUnmatched(notice: "Entry \(entry.id): \(entry.amount.display) booked as a payment of "
                              + "\(account.code) \(account.name).", push: false)
                refreshAccounts()
            } catch {
                updateTop(AssignEntryPicker.self) { $0.showRefusal(error.description) }
            }
        }
    }

    func perform(dismissEntry effect: DismissEntryDialog.Effect) {
        guard let dialog = top(DismissEntryDialog.self) else { return }
        runDialog(effect, dialog) { (form) throws(ServiceError) in
            let entry = try service.dismissEntry(dialog.context.id, form, by: .currentStaff())
            pop()
            showUnmatched(notice: "Entry \(entry.id) dismissed: \(entry.why ?? form.reason)", push: false)
        }
    }

    /// Opens (or reads again, keeping the highlighted entry's place) the bank entries waiting for staff.
    func showUnmatched(notice: String?, push: Bool) {
        do {
            let entries = try service.unmatchedEntries()
            if push {
                self.push(UnmatchedPaymentsScreen(entries, notice: notice))
            } else {
                updateTop(UnmatchedPaymentsScreen.self) {
                    $0 = UnmatchedPaymentsScreen(entries, notice: notice, selected: $0.selected)
                }
            }
        } catch {
            // Opening, the accounts list says why; reading again, the screen itself does.
            guard !push, let old = top(UnmatchedPaymentsScreen.self) else {
                _ = accounts.update(.failed(error.description))
                return
            }
            updateTop(UnmatchedPaymentsScreen.self) {
                $0 = UnmatchedPaymentsScreen(old.entries, notice: error.description, selected: old.selected)
            }
        }
    }
}
