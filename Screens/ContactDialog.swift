import FieldSchema
import ResellerCore
import TerminalKit

/// What a contact dialog saves to: the account (its name for the title, whether it has a price list for
/// the warning) and, when editing, the contact.
public struct ContactTarget: Sendable, Equatable, Codable {
    public let accountId: Int64
    public let accountName: String
    public let hasPriceList: Bool
    /// The contact being edited; nil adds one.
    public let contactId: Int64?

    public init(accountId: Int64, accountName: String, hasPriceList: Bool, contactId: Int64? = nil) {
        self.accountId = accountId; self.accountName = accountName
        self.hasPriceList = hasPriceList; self.contactId = contactId
    }
}

/// Add Contact and Edit Contact: the `ContactSchema` in a dialog. Ticking Storefront User (on Add) shows
/// the user type as Admin (read-only: a storefront user made from the desk is Admin until its access is
/// changed) and warns when the account has no price list yet. Edit leaves the storefront user to its own
/// actions (invite, access, deactivate).
public typealias ContactDialog = FormDialog<ContactForm, ContactTarget>

extension FormDialog where Model == ContactForm, Context == ContactTarget {
    /// `storefront`: Storefront User ticked from the start (the onboarding's next step).
    public static func add(accountId: Int64, accountName: String, hasPriceList: Bool, storefront: Bool = false)
        -> ContactDialog {
        var form = ContactForm()
        form.storefrontUser = storefront
        return make(form, original: form,
                    ContactTarget(accountId: accountId, accountName: accountName, hasPriceList: hasPriceList))
    }

    /// Edit Contact over a stored contact: a new email is its storefront login (the service says what
    /// follows: a new activation link, or a notice to both addresses).
    public static func edit(_ contact: Contact, accountName: String, hasPriceList: Bool) -> ContactDialog {
        let form = ContactForm(contact)
        return make(form, original: form, ContactTarget(accountId: contact.accountId, accountName: accountName,
                                                        hasPriceList: hasPriceList, contactId: contact.id))
    }

    /// Reopens a dialog from a draft: everything typed comes back, and it counts as changed.
    public static func resuming(_ form: ContactForm, _ target: ContactTarget) -> ContactDialog {
        make(form, original: ContactForm(), target)
    }

    private static func make(_ form: ContactForm, original: ContactForm, _ target: ContactTarget) -> ContactDialog {
        var rules = Form<ContactForm>.Rules()
        let hasPriceList = target.hasPriceList
        let adding = target.contactId == nil
        rules.trailer = { form in
            guard adding, form.storefrontUser else { return [] }
            return [(" User type              Admin (read-only)", .muted),
                    (" Saving queues an activation email with a one-time link.", .muted)]
                + (hasPriceList ? [] : [(" ! No price list assigned yet: the user could sign in but not order.",
                                         .warning)])
        }
        let fields = adding ? ContactSchema.fields
                            : ContactSchema.fields.filter { $0.id != ContactSchema.storefrontUser.id }
        return ContactDialog(adding ? "Add Contact" : "Edit Contact",
                             title: (adding ? "Add Contact to " : "Edit Contact of ") + target.accountName,
                             context: target, form: Form(fields, model: form, original: original, rules: rules),
                             save: adding ? "add the contact" : "save the contact",
                             cancel: "close without saving (asks first if anything was typed)",
                             refused: adding ? "Not added" : "Not saved",
                             check: { form in
                                 do throws(ServiceError) {
                                     _ = try ContactValidator.validate(form)
                                     return nil
                                 } catch { return error }
                             })
    }
}
