import FieldSchema
import ResellerCore
import TerminalKit

/// The Add Contact dialog (modal): the `Form` widget over `ContactSchema`. Ticking Storefront User shows
/// the user type as Admin (read-only: a storefront user made from the desk is always Admin) and warns when
/// the account has no price list yet.
public struct AddContactDialog: Screen {
    public typealias Action = Form<ContactForm>.Action

    public enum Effect: Sendable, Equatable {
        case save(accountId: Int64, form: ContactForm)
        case cancel, help
    }

    public let accountId: Int64
    public let accountName: String
    public let hasPriceList: Bool
    public private(set) var widget: Form<ContactForm>

    public var form: ContactForm { widget.model }
    public var focus: String { widget.focus }
    public var errors: [String: String] { widget.errors }
    public var message: String? { widget.message }
    public var isDirty: Bool { widget.isDirty }

    /// `storefront`: Storefront User ticked from the start (the onboarding's next step).
    public init(accountId: Int64, accountName: String, hasPriceList: Bool, storefront: Bool = false) {
        var form = ContactForm()
        form.storefrontUser = storefront
        self.init(form, original: form, accountId: accountId, accountName: accountName, hasPriceList: hasPriceList)
    }

    /// Reopens the dialog from a draft: everything typed comes back.
    public init(resuming form: ContactForm, accountId: Int64, accountName: String, hasPriceList: Bool) {
        self.init(form, original: ContactForm(), accountId: accountId, accountName: accountName,
                  hasPriceList: hasPriceList)
    }

    private init(_ form: ContactForm, original: ContactForm, accountId: Int64, accountName: String,
                 hasPriceList: Bool) {
        self.accountId = accountId
        self.accountName = accountName
        self.hasPriceList = hasPriceList
        var rules = Form<ContactForm>.Rules()
        rules.trailer = { form in
            guard form.storefrontUser else { return [] }
            return [(" User type              Admin (read-only)", .muted),
                    (" Saving queues an activation email with a one-time link.", .muted)]
                + (hasPriceList ? [] : [(" ! No price list assigned yet: the user could sign in but not order.",
                                         .warning)])
        }
        widget = Form(ContactSchema.fields, model: form, original: original, rules: rules)
    }

    public static let common = Form<ContactForm>.common(
        save: "add the contact", cancel: "close without adding (asks first if anything was typed)")

    /// The keys in effect for the focused field; in a text field every other key edits the text.
    public var bindings: [Binding<Action>] { widget.keys(Self.common) }

    public var help: HelpScreen { FormKeys.help("Add Contact", common: Self.common, choices: false) }

    public mutating func update(_ key: Key, height: Int = 24) -> [Effect] {
        defer { widget.keepFocusVisible(height: height) }
        switch widget.update(key, table: bindings) {
        case .edited(let id): widget.errors[id] = nil   // being corrected: the next save checks it again
        case .answered(_, let yes):
            widget.message = nil
            if yes { return [.cancel] }
        case .cancel:
            guard isDirty else { return [.cancel] }
            widget.ask("Discard this contact? y/n", tag: "discard")
        case .save:
            do {
                _ = try ContactValidator.validate(form)
                widget.errors = [:]
                return [.save(accountId: accountId, form: form)]
            } catch {
                saveFailed(error)
            }
        case .help: return [.help]
        case .none, .left, .changed, .own: break
        }
        return []
    }

    public mutating func saveFailed(_ error: ServiceError) {
        widget.errors = error.messagesByField
        let elsewhere = error.fieldErrors.filter { ContactSchema.fields.spec($0.field) == nil }.map(\.message)
        let count = widget.errors.count
        widget.message = elsewhere.isEmpty ? "Not added: \(count) field\(count == 1 ? "" : "s") to fix"
                                           : "Not added: " + elsewhere.joined(separator: "; ")
        if let first = widget.firstError { widget.focus(on: first) }
    }

    public func render(width: Int, height: Int) -> Grid {
        widget.render(title: "Add Contact to \(accountName)", width: width, height: height, keys: bindings)
    }
}
