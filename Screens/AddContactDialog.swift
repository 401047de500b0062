import ResellerCore
import TerminalKit

/// The Add Contact dialog (modal). Ticking Storefront User shows the user type as Admin (read-only: a
/// storefront user made from the desk is always Admin) and warns when the account has no price list yet.
public struct AddContactDialog: Screen {
    public enum Field: String, CaseIterable, Sendable {
        case firstName, lastName, email, phone, mobile, companyRole, primary, billTo, optIn, storefrontUser

        var label: String {
            switch self {
            case .firstName: "First name"
            case .lastName: "Last name *"
            case .email: "Email * (the login)"
            case .phone: "Phone"
            case .mobile: "Mobile"
            case .companyRole: "Company role"
            case .primary: "Primary contact"
            case .billTo: "Bill-to contact"
            case .optIn: "Opt-in (consent)"
            case .storefrontUser: "Storefront User"
            }
        }

        /// One line under the dialog while the field has the focus.
        var help: String {
            switch self {
            case .firstName: "The contact's first name."
            case .lastName: "The contact's last name (required)."
            case .email: "The contact's email (required); a storefront user signs in with it."
            case .phone, .mobile: "Digits with optional + - ( ) . / and spaces, e.g. +30 210 1234567."
            case .companyRole: "The contact's role in the company, e.g. Purchasing."
            case .primary: "Space ticks: the account's main contact."
            case .billTo: "Space ticks: invoices go to this contact."
            case .optIn: "Space ticks: the contact agreed to receive news by email."
            case .storefrontUser: "Space ticks: an Admin storefront user, emailed an activation link on save."
            }
        }

        var isCheckbox: Bool { [.primary, .billTo, .optIn, .storefrontUser].contains(self) }
    }

    public enum Effect: Sendable, Equatable {
        case save(accountId: Int64, form: ContactForm)
        case cancel, help
    }

    public let accountId: Int64
    public let accountName: String
    public let hasPriceList: Bool
    public private(set) var form = ContactForm()
    public private(set) var focus: Field = .firstName
    private var editors: [Field: LineEditor] = [:]
    public private(set) var errors: [String: String] = [:]
    public private(set) var message: String?

    /// `storefront`: Storefront User ticked from the start (the onboarding's next step).
    public init(accountId: Int64, accountName: String, hasPriceList: Bool, storefront: Bool = false) {
        self.accountId = accountId
        self.accountName = accountName
        self.hasPriceList = hasPriceList
        form.storefrontUser = storefront
        original = form
        for f in Field.allCases where !f.isCheckbox { editors[f] = LineEditor(maxLength: 200) }
    }

    /// Reopens the dialog from a draft: everything typed comes back.
    public init(resuming form: ContactForm, accountId: Int64, accountName: String, hasPriceList: Bool) {
        self.init(accountId: accountId, accountName: accountName, hasPriceList: hasPriceList)
        self.form = form
        for f in Field.allCases where !f.isCheckbox {
            let value = text(f)
            editors[f]?.set(value)
        }
    }

    /// What the dialog opened with: Esc asks first only when something changed since.
    private var original = ContactForm()
    public var isDirty: Bool { form != original }

    private func text(_ f: Field) -> String {
        switch f {
        case .firstName: form.firstName
        case .lastName: form.lastName
        case .email: form.email
        case .phone: form.phone
        case .mobile: form.mobile
        case .companyRole: form.companyRole
        default: ""
        }
    }

    public static let common = FormKeys.common(save: "add the contact",
                                               cancel: "close without adding (asks first if anything was typed)")

    /// The keys in effect for the focused field; in a text field every other key edits the text.
    public var bindings: [Binding<FormKeys.Action>] { (focus.isCheckbox ? FormKeys.checkbox : []) + Self.common }

    public var help: HelpScreen { FormKeys.help("Add Contact", common: Self.common, choices: false) }

    /// Set while "Discard …? y/n" is asked.
    private var askingDiscard = false

    public mutating func update(_ key: Key, height: Int = 24) -> [Effect] {
        if askingDiscard {
            askingDiscard = false
            message = nil
            return key == .char("y") || key == .char("Y") ? [.cancel] : []
        }
        guard let action = Binding.action(for: key, in: bindings) else {
            if var editor = editors[focus], editor.handle(key) {
                editors[focus] = editor
                set(focus, editor.text)
                errors[focus.rawValue] = nil   // being corrected: the next save checks it again
            }
            return []
        }
        switch action {
        case .cancel:
            guard isDirty else { return [.cancel] }
            askingDiscard = true
            message = "Discard this contact? y/n"
        case .save:
            do {
                _ = try ContactValidator.validate(form)
                errors = [:]
                return [.save(accountId: accountId, form: form)]
            } catch {
                saveFailed(error)
                return []
            }
        case .help: return [.help]
        case .next: step(1)
        case .previous: step(-1)
        case .change, .changeBack: toggle(focus)
        case .preset, .unfold: break   // the account form's keys: not in this dialog's tables
        }
        return []
    }

    private mutating func step(_ n: Int) {
        let all = Field.allCases
        focus = all[(all.firstIndex(of: focus)! + n + all.count) % all.count]
    }

    private mutating func toggle(_ f: Field) {
        switch f {
        case .primary: form.primary.toggle()
        case .billTo: form.billTo.toggle()
        case .optIn: form.optIn.toggle()
        case .storefrontUser: form.storefrontUser.toggle()
        default: break
        }
    }

    private mutating func set(_ f: Field, _ text: String) {
        switch f {
        case .firstName: form.firstName = text
        case .lastName: form.lastName = text
        case .email: form.email = text
        case .phone: form.phone = text
        case .mobile: form.mobile = text
        case .companyRole: form.companyRole = text
        default: break
        }
    }

    private func isChecked(_ f: Field) -> Bool {
        switch f {
        case .primary: form.primary
        case .billTo: form.billTo
        case .optIn: form.optIn
        case .storefrontUser: form.storefrontUser
        default: false
        }
    }

    public mutating func saveFailed(_ error: ServiceError) {
        errors = error.messagesByField
        let elsewhere = error.fieldErrors.filter { Field(rawValue: $0.field) == nil }.map(\.message)
        message = elsewhere.isEmpty ? "Not added: \(errors.count) field\(errors.count == 1 ? "" : "s") to fix"
                                    : "Not added: " + elsewhere.joined(separator: "; ")
        if let first = Field.allCases.first(where: { errors[$0.rawValue] != nil }) { focus = first }
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("Add Contact to \(accountName)", x: 1, y: 0, style: .title, maxWidth: width - 2)
        let valueX = 24, valueWidth = min(40, width - 26)
        for (i, f) in Field.allCases.enumerated() {
            let y = 2 + i, error = errors[f.rawValue], focused = f == focus
            g.put((error != nil ? "!" : " ") + f.label, x: 1, y: y, style: focused ? .focused : error != nil ? .invalid : .normal, maxWidth: 22)
            if f.isCheckbox {
                g.put(isChecked(f) ? "[x]" : "[ ]", x: valueX, y: y, style: focused ? .focused : .normal)
            } else if let editor = editors[f] {
                g.field(editor.visible(width: valueWidth - 1), x: valueX, y: y, width: valueWidth, focused: focused)
            }
        }
        var y = 3 + Field.allCases.count
        if form.storefrontUser {
            g.put(" User type              Admin (read-only)", x: 1, y: y, style: .muted, maxWidth: width - 2)
            y += 1
            g.put(" Saving queues an activation email with a one-time link.", x: 1, y: y, style: .muted, maxWidth: width - 2)
            y += 1
            if !hasPriceList {
                g.put(" ! No price list assigned yet: the user could sign in but not order.", x: 1, y: y, style: .warning, maxWidth: width - 2)
            }
        }
        let status = askingDiscard ? message : errors[focus.rawValue] ?? message
        if let status { g.putWrapped(status, x: 1, bottom: height - 3, width: width - 2, style: .invalid) }
        g.put(focus.help, x: 1, y: height - 2, style: .muted, maxWidth: width - 2)
        g.footer(bindings, y: height - 1)
        return g
    }
}
