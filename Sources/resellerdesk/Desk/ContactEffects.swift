import ResellerCore
import Screens

/// The contact dialogs' effects: adding or correcting a contact (and the emails that follow), and a
/// storefront user's access.
extension TerminalApp {
    func push(_ dialog: ContactDialog) { push(dialog, perform: TerminalApp.perform(contact:)) }
    func push(_ dialog: AccessDialog) { push(dialog, perform: TerminalApp.perform(access:)) }

    func perform(contact effect: ContactDialog.Effect) {
        guard let dialog = top(ContactDialog.self) else { return }
        runDialog(effect, dialog, closed: discardDraft) { (form) throws(ServiceError) in
            let target = dialog.context
            let contact: Contact
            let notice: String
            if let id = target.contactId {
                contact = try service.editContact(id, form, by: .currentStaff())
                let moved = dialog.widget.original.email.lowercased() != contact.email.lowercased()
                let login = !moved || contact.storefrontUser == nil ? ""
                    : contact.storefrontUser?.status == .pending
                        ? " A new activation link is queued to \(contact.email); the old one no longer works."
                        : " The login changed: a notice is queued to both addresses."
                notice = "Saved \(contact.fullName) <\(contact.email)>." + login
            } else {
                contact = try service.addContact(to: target.accountId, form, by: .currentStaff())
                notice = contact.storefrontUser != nil
                    ? "Activation email queued to \(contact.email) (storefront Admin)" : "Added \(contact.fullName)"
            }
            pop()
            discardDraft()
            reloadDetail(target.accountId, notice: notice)
        }
    }

    func perform(access effect: AccessDialog.Effect) {
        guard let dialog = top(AccessDialog.self) else { return }
        runDialog(effect, dialog) { (form) throws(ServiceError) in
            let c = try service.setStorefrontAccess(dialog.context.id, type: form.userType, roles: form.roles,
                                                    by: .currentStaff())
            pop()
            let roles = c.storefrontUser?.roles.map(\.rawValue).joined(separator: ", ") ?? ""
            reloadDetail(c.accountId, notice: "\(c.email) is now \(form.userType.rawValue)"
                         + (roles.isEmpty || form.userType == .admin ? "." : ": \(roles)."))
        }
    }
}
