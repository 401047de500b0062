import FieldSchema
import ResellerCore
import TerminalKit

/// The New Account / Edit Account form: the `Form` widget over `AccountSchema`, with the account's own
/// rules. It checks the form with the service's own `AccountValidator`, so every message beside a field is
/// the one the service would give. The Ordering fields are disabled until Ordering is ticked and are
/// cleared (after asking, if they hold values) when it is unticked. The tax exemption reason likewise waits
/// for Tax exempt and goes with it, without asking (the service keeps no reason for an account not exempt).
public struct AccountFormScreen: Screen {
    public typealias Action = Form<AccountForm>.Action

    public enum Effect: Sendable, Equatable {
        case save(AccountForm, accountId: Int64?, version: Int?)
        case cancel, help
    }

    public private(set) var widget: Form<AccountForm>
    /// The account being edited (nil for a new one) and the version it was read at.
    public let target: (accountId: Int64?, version: Int?)
    let defaultCurrency: String
    /// The staff logins the account manager completes from (`ResellerService.staffLogins`).
    let staff: [String]
    /// Fields the user has been through: only their errors show before a save.
    private var touched: Set<String> = []

    public var form: AccountForm { widget.model }
    public var focus: String { widget.focus }
    public var errors: [String: String] { widget.errors }
    public var message: String? { widget.message }
    public var isNew: Bool { target.accountId == nil }
    public var isDirty: Bool { widget.isDirty }
    public var unfolded: Bool { widget.unfolded }
    public var visibleFields: [String] { widget.shownFields.map(\.id) }
    public func isEnabled(_ id: String) -> Bool { widget.isEnabled(id) }

    public init(editing account: Account? = nil, defaultCurrency: String = "EUR", staff: [String] = []) {
        let form = account.map { AccountForm($0.fields) } ?? AccountForm()
        self.init(form, original: form, target: (account?.id, account?.version), defaultCurrency: defaultCurrency,
                  staff: staff)
    }

    /// Reopens a form from a draft: everything typed comes back, and it counts as changed.
    public init(resuming form: AccountForm, accountId: Int64?, version: Int?, defaultCurrency: String = "EUR",
                staff: [String] = []) {
        self.init(form, original: AccountForm(), target: (accountId, version), defaultCurrency: defaultCurrency,
                  staff: staff)
    }

    private init(_ form: AccountForm, original: AccountForm, target: (Int64?, Int?), defaultCurrency: String,
                 staff: [String]) {
        widget = Form(AccountSchema.fields, model: form, original: original,
                      rules: Self.rules(defaultCurrency, staff: staff))
        self.target = target
        self.defaultCurrency = defaultCurrency
        self.staff = staff
        filterCreditLimit()
    }

    /// The staff logins that start with what is typed (all of them for nothing typed), at most four.
    static func managers(_ typed: String, among staff: [String]) -> [String] {
        let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        return Array(staff.filter { $0.lowercased().hasPrefix(text) }.prefix(4))
    }

    /// The account's rules beyond its schema.
    static func rules(_ defaultCurrency: String, staff: [String]) -> Form<AccountForm>.Rules {
        var r = Form<AccountForm>.Rules()
        r.enabled = { form, id in
            switch id {
            case AccountSchema.creditLimit.id: form.enableOrdering && !form.unlimitedCredit
            case AccountSchema.unlimitedCredit.id, AccountSchema.prorateBilling.id, AccountSchema.billingDay.id,
                 AccountSchema.partialChargesInvoicing.id, AccountSchema.enableReselling.id:
                form.enableOrdering
            case AccountSchema.taxExemptionReason.id: form.taxExempt
            default: true
            }
        }
        r.present = { form, id in id != AccountSchema.billingDay.id || form.prorateBilling }
        r.shownValue = { form, id in
            switch id {
            case AccountSchema.creditLimit.id where form.unlimitedCredit: "Unlimited"
            // Empty means the doc's default, on order day.
            case AccountSchema.partialChargesInvoicing.id where form.partialChargesInvoicing.isEmpty:
                "< \(PartialChargesInvoicing.onOrderDay.label) >"
            default: nil
            }
        }
        r.note = { form, id in
            switch id {
            case AccountSchema.creditLimit.id where form.enableOrdering && !form.unlimitedCredit:
                form.currency.isEmpty ? defaultCurrency : form.currency
            case AccountSchema.country.id, AccountSchema.currency.id:
                suggestions(id, id == AccountSchema.country.id ? form.country : form.currency)
                    .map { "\($0.code) \($0.name)" }.joined(separator: " · ")
            case AccountSchema.accountManager.id where !form.accountManager.isEmpty:
                managers(form.accountManager, among: staff).filter { $0 != form.accountManager }
                    .joined(separator: " · ")
            default: ""
            }
        }
        // A country or currency is a code: a short field, with the suggestions beside it.
        r.width = { id in
            switch id {
            case AccountSchema.country.id, AccountSchema.currency.id: 8
            case AccountSchema.accountManager.id: 16
            default: nil
            }
        }
        r.sectionNote = { form, section in
            section == "Ordering" && !form.enableOrdering ? "(tick Enable Ordering to set these)" : ""
        }
        return r
    }

    /// The credit limit takes only what the account's currency allows as it is typed (no "." in JPY): the
    /// currency the form holds now, so switching JPY to EUR takes cents again (#11 bug 7).
    private mutating func filterCreditLimit() {
        let currency = Currency.named(form.currency.isEmpty ? defaultCurrency : form.currency)
            ?? Currency.named(defaultCurrency) ?? Currency.named("EUR")!
        widget.filter(AccountSchema.creditLimit.id) { Money.isValidPrefix($0, currency: currency) }
    }

    public static let common = Form<AccountForm>.common(
        save: "save (refused with the reasons while the form is invalid)",
        cancel: "leave the form (asks first if anything changed)")

    /// The account form's own keys, after the common ones.
    public static let accountKeys: [Binding<Action>] = [
        Binding([.ctrl("r"), .function(3)], "Reseller",
                help: "Reseller preset: type Reseller, Ordering and Reselling on", .own("preset")),
        Binding([.function(4)], "More",
                help: "show or fold the optional fields (phone, VAT, address…): Tab skips folded ones",
                .own("unfold")),
    ]

    /// The keys in effect for the focused field: they drive dispatch, the footer and the help.
    public var bindings: [Binding<Action>] { widget.keys(Self.common + Self.accountKeys) }

    public var help: HelpScreen {
        FormKeys.help(isNew ? "New Account" : "Edit Account", common: Self.common + Self.accountKeys, choices: true)
    }

    // MARK: Update

    public mutating func update(_ key: Key, height: Int = 24) -> [Effect] {
        defer { widget.keepFocusVisible(height: height) }
        switch widget.update(key, table: bindings) {
        case .none: break
        case .edited(let id):
            if id == AccountSchema.currency.id { filterCreditLimit() }
        case .left(let id):
            complete(id)
            touched.insert(id)
            revalidate()
        case .changed(let id): changed(id)
        case .answered("clearOrdering", let yes):
            if yes { widget.change { $0.clearOrdering() } }
            widget.message = nil
            revalidate()
        case .answered(_, let yes):
            if yes { return [.cancel] }
            widget.message = nil
        case .save: return save()
        case .cancel:
            guard isDirty else { return [.cancel] }
            widget.ask("Discard the changes to this account? y/n", tag: "discard")
        case .help: return [.help]
        case .own("preset"):
            widget.change {
                $0.type = AccountType.reseller.rawValue
                $0.enableOrdering = true
                $0.enableReselling = true
            }
            widget.message = "Reseller: type Reseller, Ordering and Reselling on; set the credit limit."
            revalidate()
        case .own: widget.unfolded.toggle()
        }
        return []
    }

    private static func path(_ id: String) -> WritableKeyPath<AccountForm, String> {
        id == AccountSchema.country.id ? \.country : \.currency
    }

    /// Leaving a country or currency completes it to the code when it matches one alone; several stay as
    /// typed, for the validator to list them (the CLI refuses them the same way).
    private mutating func complete(_ id: String) {
        if id == AccountSchema.accountManager.id, !form.accountManager.isEmpty,
           case let matches = Self.managers(form.accountManager, among: staff), matches.count == 1 {
            widget.change { $0.accountManager = matches[0] }
            return
        }
        guard id == AccountSchema.country.id || id == AccountSchema.currency.id else { return }
        let matches = Self.suggestions(id, form[keyPath: Self.path(id)])
        if matches.count == 1, let code = matches.first?.code {
            widget.change { $0[keyPath: Self.path(id)] = code }
            if id == AccountSchema.currency.id { filterCreditLimit() }
        }
    }

    /// What a tick box or choice brings with it.
    private mutating func changed(_ id: String) {
        switch id {
        case AccountSchema.enableOrdering.id where !form.enableOrdering:
            // Unticked: the section is cleared, after asking when it holds anything.
            widget.change { $0.enableOrdering = true }
            if form.orderingHasValues {
                widget.ask("Turning Ordering off clears the credit limit, proration and reselling. Clear them? y/n",
                           tag: "clearOrdering")
            } else {
                widget.change { $0.clearOrdering() }
            }
        case AccountSchema.unlimitedCredit.id where form.unlimitedCredit: widget.change { $0.creditLimit = "" }
        // One field: unticked, its reason goes without asking, as the validator would drop it on save.
        case AccountSchema.taxExempt.id where !form.taxExempt: widget.change { $0.taxExemptionReason = "" }
        // Proration needs a billing day: the 1st until another is chosen.
        case AccountSchema.prorateBilling.id:
            widget.change { $0.billingDay = $0.prorateBilling ? BillingDay.firstOfMonth.text : "" }
        default: break
        }
        revalidate()
    }

    /// Matches for what is typed in the country or currency field, by the rule the validators and the CLI
    /// use (`Country.candidates`): the code, else whole names, else names starting with it. At most three.
    public static func suggestions(_ id: String, _ text: String) -> [(code: String, name: String)] {
        switch id {
        case AccountSchema.country.id: Country.candidates(text).prefix(3).map { ($0.code, $0.name) }
        case AccountSchema.currency.id: Currency.candidates(text).prefix(3).map { ($0.code, $0.name) }
        default: []
        }
    }

    /// Runs the service's validator; shows errors for fields the user has been through (all after a save).
    private mutating func revalidate(all: Bool = false) {
        do {
            _ = try AccountValidator.validate(form, defaultCurrency: defaultCurrency, defaultManager: "staff")
            widget.errors = [:]
        } catch {
            widget.errors = error.messagesByField.filter { field, _ in all || touched.contains(field) }
        }
    }

    private mutating func save() -> [Effect] {
        complete(focus)   // saved from the country field: completed as leaving it would
        touched.formUnion(AccountSchema.fields.map(\.id))
        revalidate(all: true)
        if !errors.isEmpty {
            widget.message = "Cannot save: \(errors.count) field\(errors.count == 1 ? "" : "s") to fix (marked !)"
            if let first = widget.firstError { widget.focus(on: first) }
            return []
        }
        widget.message = nil
        return [.save(form, accountId: target.accountId, version: target.version)]
    }

    /// The service refused the save: its errors beside the fields (a conflict in the message line),
    /// keeping everything typed.
    public mutating func saveFailed(_ error: ServiceError) {
        widget.errors = error.messagesByField
        touched.formUnion(AccountSchema.fields.map(\.id))   // moving on re-checks every field, keeping these in view
        // A problem of no field (a full disk, a conflict) is the message itself.
        let elsewhere = error.fieldErrors.filter { AccountSchema.fields.spec($0.field) == nil }.map(\.message)
        if case .conflict(_, let m) = error {
            widget.message = "Not saved: \(m)"
        } else if !elsewhere.isEmpty {
            widget.message = "Not saved: " + elsewhere.joined(separator: "; ")
        } else {
            widget.message = "Not saved: \(error.fieldErrors.count) problem(s)"
        }
        if let first = widget.firstError { widget.focus(on: first) }
    }

    // MARK: Render

    public func render(width: Int, height: Int) -> Grid {
        let title = isNew ? "ResellerDesk · New Account"
                          : "ResellerDesk · Edit \(AccountCode.format(target.accountId ?? 0))"
        return widget.render(title: title, width: width, height: height, keys: bindings)
    }
}
