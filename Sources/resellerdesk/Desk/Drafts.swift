import Foundation
import ResellerCore
import Screens

/// Unsaved forms kept on disk: a dropped SSH link, a kill or a crash loses nothing typed.
extension TerminalApp {
    /// The form was saved or given up: its draft goes.
    func discardDraft() {
        FormDraft.remove()
        lastDraft = nil
    }

    /// While a form with changes is on screen, what was typed is on disk too, and the next start offers
    /// to resume it.
    func keepDraft() {
        let content: FormDraft.Content
        if let form = top(AccountFormScreen.self), form.isDirty {
            content = .account(accountId: form.target.accountId, version: form.target.version, form: form.form)
        } else if let dialog = top(ContactDialog.self), dialog.isDirty {
            content = .contact(target: dialog.context, form: dialog.model)
        } else {
            return
        }
        guard content != lastDraft else { return }   // moving between fields changes nothing to keep
        FormDraft(database: service.store.path, content: content, savedAt: Date()).write()
        lastDraft = content
    }

    /// Reopens a kept draft where it was: an account form, or a contact dialog over its account.
    func resume(_ draft: FormDraft) {
        switch draft.content {
        case .account(let id, let version, let form):
            push(AccountFormScreen(resuming: form, accountId: id, version: version,
                                   defaultCurrency: service.settings.defaultCurrency, staff: service.staffLogins()))
        case .contact(let target, let form):
            openDetail(target.accountId)
            guard top(AccountDetailScreen.self) != nil else { return }   // the account is gone: nothing to add it to
            push(ContactDialog.resuming(form, target))
        }
    }
}
