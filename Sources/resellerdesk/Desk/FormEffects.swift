import ResellerCore
import Screens

/// The account form's effects: saving through the service, leaving it.
extension TerminalApp {
    func push(_ form: AccountFormScreen) { push(form, perform: TerminalApp.perform(form:)) }

    func perform(form effect: AccountFormScreen.Effect) {
        switch effect {
        case .save(let form, let id, let version): save(form, id: id, version: version)
        case .cancel:
            pop()
            discardDraft()
        case .help:
            if let form = top(AccountFormScreen.self) { showHelp(form.help) }
        }
    }

    /// Saves the form through the service: on success the form closes onto the account (and the list is
    /// searched again); on refusal the form stays with everything typed and the service's messages.
    private func save(_ form: AccountForm, id: Int64?, version: Int?) {
        let actor = Actor.currentStaff()
        do {
            let account: Account
            if let id, let version {
                account = try service.updateAccount(id, form, expectedVersion: version, by: actor)
            } else {
                account = try service.createAccount(form, by: actor)
            }
            pop()
            discardDraft()
            if top(AccountDetailScreen.self) != nil { pop() }
            push(try detailScreen(account.id))
            refreshAccounts()
        } catch {
            updateTop(AccountFormScreen.self) { $0.saveFailed(error) }
        }
    }
}
