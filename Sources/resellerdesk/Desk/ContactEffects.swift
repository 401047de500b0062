import ResellerCore
import Screens

/// The Add Contact dialog's effects: saving the contact (and its activation email).
extension TerminalApp {
    func perform(contact effect: AddContactDialog.Effect) {
        switch effect {
        case .cancel:
            stack.removeLast()
            discardDraft()
        case .help:
            if case .contact(let dialog)? = stack.last { showHelp(dialog.help) }
        case .save(let id, let form):
            do {
                let contact = try service.addContact(to: id, form, by: .currentStaff())
                stack.removeLast()
                discardDraft()
                reloadDetail(id, notice: contact.storefrontUser != nil
                    ? "Activation email queued to \(contact.email) (storefront Admin)" : "Added \(contact.fullName)")
            } catch {
                if case .contact(var dialog)? = stack.last {
                    dialog.saveFailed(error)
                    stack[stack.count - 1] = .contact(dialog)
                }
            }
        }
    }
}
