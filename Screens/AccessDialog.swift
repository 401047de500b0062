import FieldSchema
import ResellerCore
import TerminalKit

/// A storefront user's access: Admin, or User with roles (ticked below, only for a User).
public typealias AccessDialog = FormDialog<AccessForm, Contact>

extension FormDialog where Model == AccessForm, Context == Contact {
    public static func access(_ contact: Contact) -> AccessDialog {
        let form = contact.storefrontUser.map(AccessForm.init) ?? AccessForm()
        var rules = Form<AccessForm>.Rules()
        rules.enabled = { form, id in id == AccessSchema.type.id || form.userType == .user }
        rules.trailer = { form in
            [(form.userType == .admin ? " An Admin may order, pay, manage subscriptions and the account's users."
                                      : " A User may do what its roles allow; tick at least one.", .muted)]
        }
        return AccessDialog("Storefront access", title: "Storefront access of \(contact.fullName) <\(contact.email)>",
                            context: contact, form: Form(AccessSchema.fields, model: form, rules: rules),
                            save: "save the access (the user's next page follows it)",
                            cancel: "close without changing the access", refused: "Not saved")
    }
}
