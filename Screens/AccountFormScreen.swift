import ResellerCore
import TerminalKit

/// The New Account / Edit Account form: sections Personal, Billing address and Ordering. It edits an
/// `AccountForm` and checks it with the service's own `AccountValidator`, so every message beside a field
/// is the one the service would give. The Ordering fields are disabled until Ordering is ticked and are
/// cleared (after asking, if they hold values) when it is unticked.
public struct AccountFormScreen: Screen {
    public enum Field: String, CaseIterable, Sendable {
        case name, tradingName, type, email, phone, website, registrationNumber, taxAuthority, description
        case street, city, postcode, state, country, currency, separateInvoices, taxExempt
        case enableOrdering, creditLimit, unlimitedCredit, prorateBilling, billingDay, partialChargesInvoicing, enableReselling

        var label: String {
            switch self {
            case .name: "Name *"
            case .tradingName: "Trading name"
            case .type: "Type"
            case .email: "Email *"
            case .phone: "Phone"
            case .website: "Website"
            case .registrationNumber: "VAT number"
            case .taxAuthority: "Tax authority"
            case .description: "Description"
            case .street: "Street"
            case .city: "City"
            case .postcode: "Postcode"
            case .state: "State"
            case .country: "Country * (GR, DE…)"
            case .currency: "Currency (EUR…)"
            case .separateInvoices: "Separate invoices"
            case .taxExempt: "Tax exempt"
            case .enableOrdering: "Enable Ordering"
            case .creditLimit: "Credit limit"
            case .unlimitedCredit: "Unlimited credit"
            case .prorateBilling: "Prorate billing"
            case .billingDay: "Billing day"
            case .partialChargesInvoicing: "Partial charges"
            case .enableReselling: "Enable Reselling"
            }
        }

        /// One line under the form while the field has the focus: what it holds and what it accepts.
        var help: String {
            switch self {
            case .name: "The legal name, as invoices show it (required)."
            case .tradingName: "The name the account trades under, when not its legal name."
            case .type: "What the account is to you: ←/→ or Space change it."
            case .email: "The account's email address (required), e.g. office@example.com."
            case .phone: "Digits with optional + - ( ) . / and spaces, e.g. +30 210 1234567."
            case .website: "The account's web address, e.g. https://example.com."
            case .registrationNumber: "The VAT or company registration number."
            case .taxAuthority: "The tax office the account is registered with."
            case .description: "Notes about the account, for staff."
            case .street, .city, .postcode, .state: "The billing address, as invoices show it."
            case .country: "A code or a name (GR, Greece, Ελλάδα); a single match completes on Tab."
            case .currency: "A code or a name (EUR, euro); empty takes the desk's default currency."
            case .separateInvoices: "Space ticks: one invoice per order instead of one per period."
            case .taxExempt: "Space ticks: no tax is charged to this account."
            case .enableOrdering: "Space ticks: the account may order (credit limit, proration, reselling)."
            case .creditLimit: "The most the account may owe, in its currency; more waits for staff."
            case .unlimitedCredit: "Space ticks: orders are never held for credit."
            case .prorateBilling: "Space ticks: a first partial period is charged by its days."
            case .billingDay: "The day each billing period starts: ←/→ or Space change it."
            case .partialChargesInvoicing: "When a partial period is invoiced: ←/→ or Space change it."
            case .enableReselling: "Space ticks: the account may sell to end customers of its own."
            }
        }

        var section: String {
            switch self {
            case .name, .tradingName, .type, .email, .phone, .website, .registrationNumber, .taxAuthority, .description: "Personal"
            case .street, .city, .postcode, .state, .country, .currency, .separateInvoices, .taxExempt: "Billing address"
            default: "Ordering"
            }
        }

        var isCheckbox: Bool {
            [.separateInvoices, .taxExempt, .enableOrdering, .unlimitedCredit, .prorateBilling, .enableReselling].contains(self)
        }

        /// Fields chosen from a list with Space or ← →: the value the form holds and the label shown.
        var choices: [(value: String, label: String)]? {
            switch self {
            case .type: AccountType.allCases.map { ($0.rawValue, $0.rawValue) }
            case .billingDay: BillingDay.all.map { ($0.text, $0.label) }
            case .partialChargesInvoicing: PartialChargesInvoicing.allCases.map { ($0.rawValue, $0.label) }
            default: nil
            }
        }
    }

    public enum Effect: Sendable, Equatable {
        case save(AccountForm, accountId: Int64?, version: Int?)
        case cancel, help
    }

    public private(set) var form: AccountForm
    private let original: AccountForm
    public let accountId: Int64?
    public let version: Int?
    public private(set) var focus: Field = .name
    private var editors: [Field: LineEditor] = [:]
    public private(set) var errors: [String: String] = [:]
    private var touched: Set<Field> = []
    public private(set) var message: String?
    /// A yes/no question waiting for an answer, and what "yes" does.
    public private(set) var question: (text: String, yes: Question)?
    private var top = 0
    let defaultCurrency: String

    public enum Question: Sendable { case clearOrdering, discard }

    public init(editing account: Account? = nil, defaultCurrency: String = "EUR") {
        let form = account.map { AccountForm($0.fields) } ?? AccountForm()
        self.form = form
        original = form
        accountId = account?.id
        version = account?.version
        self.defaultCurrency = defaultCurrency
        for field in Field.allCases where !field.isCheckbox && field.choices == nil {
            editors[field] = LineEditor(text(field, of: form), maxLength: field == .description ? 2000 : 200)
        }
        filterCreditLimit()
    }

    /// The credit limit takes only what the account's currency allows as it is typed (no "." in JPY): the
    /// currency the form holds now, so switching JPY to EUR takes cents again (#11 bug 7).
    private mutating func filterCreditLimit() {
        let currency = Currency.named(form.currency.isEmpty ? defaultCurrency : form.currency)
            ?? Currency.named(defaultCurrency) ?? Currency.named("EUR")!
        editors[.creditLimit]?.accepts = { Money.isValidPrefix($0, currency: currency) }
    }

    /// Reopens a form from a draft: everything typed comes back, and it counts as changed.
    public init(resuming form: AccountForm, accountId: Int64?, version: Int?, defaultCurrency: String = "EUR") {
        self.init(defaultCurrency: defaultCurrency)
        self.form = form
        for field in Field.allCases where editors[field] != nil {
            let value = text(field, of: form)
            editors[field]?.set(value)
        }
        filterCreditLimit()
        resumedAccountId = accountId
        resumedVersion = version
    }

    private var resumedAccountId: Int64?
    private var resumedVersion: Int?
    /// The account being edited (nil for a new one) and the version it was read at.
    public var target: (accountId: Int64?, version: Int?) { (accountId ?? resumedAccountId, version ?? resumedVersion) }

    public var isNew: Bool { target.accountId == nil }
    public var isDirty: Bool { form != original }

    /// Fields a basic reseller does without: folded until F4 opens them, so Tab skips them. One that holds
    /// a value, an error or the focus always shows.
    static let optional: Set<Field> = [.tradingName, .phone, .website, .registrationNumber, .taxAuthority, .description,
                                       .street, .city, .postcode, .state, .separateInvoices, .taxExempt]

    /// The optional fields are open (F4).
    public private(set) var unfolded = false

    /// Fields shown now: the billing day only with proration; the optional ones when open or not empty.
    public var visibleFields: [Field] {
        Field.allCases.filter { f in
            guard f != .billingDay || form.prorateBilling else { return false }
            return unfolded || !Self.optional.contains(f) || f == focus || !text(f, of: form).isEmpty || isChecked(f)
                || errors[f.rawValue] != nil
        }
    }

    /// Whether a field can be edited now (the Ordering section needs Ordering; an amount needs no Unlimited).
    public func isEnabled(_ f: Field) -> Bool {
        switch f {
        case .creditLimit: form.enableOrdering && !form.unlimitedCredit
        case .unlimitedCredit, .prorateBilling, .billingDay, .partialChargesInvoicing, .enableReselling: form.enableOrdering
        default: true
        }
    }

    public static let common = FormKeys.common(save: "save (refused with the reasons while the form is invalid)",
                                               cancel: "leave the form (asks first if anything changed)")

    /// The account form's own keys, after the common ones.
    public static let accountKeys: [Binding<FormKeys.Action>] = [
        Binding([.ctrl("r"), .function(3)], "Reseller",
                help: "Reseller preset: type Reseller, Ordering and Reselling on", .preset),
        Binding([.function(4)], "More",
                help: "show or fold the optional fields (phone, VAT, address…): Tab skips folded ones", .unfold),
    ]

    /// The keys in effect for the focused field: they drive dispatch, the footer and the help.
    public var bindings: [Binding<FormKeys.Action>] {
        (focus.isCheckbox ? FormKeys.checkbox : focus.choices != nil ? FormKeys.choice : []) + Self.common
            + Self.accountKeys
    }

    public var help: HelpScreen {
        FormKeys.help(isNew ? "New Account" : "Edit Account", common: Self.common + Self.accountKeys, choices: true)
    }

    // MARK: Update

    public mutating func update(_ key: Key, height: Int = 24) -> [Effect] {
        defer { keepFocusVisible(height: height) }
        if let q = question {
            question = nil
            guard key == .char("y") || key == .char("Y") else { message = nil; return [] }
            switch q.yes {
            case .clearOrdering:
                form.clearOrdering()
                for f in [Field.creditLimit, .billingDay] { editors[f]?.set("") }
                revalidate()
                return []
            case .discard:
                return [.cancel]
            }
        }
        guard let binding = Binding.binding(for: key, in: bindings) else {
            if isEnabled(focus), var editor = editors[focus], editor.handle(key) {
                editors[focus] = editor
                setText(focus, editor.text)
            }
            return []
        }
        if let reason = binding.disabledReason {
            message = reason
            return []
        }
        switch binding.action {
        case .save: return save()
        case .cancel:
            if isDirty {
                question = ("Discard the changes to this account? y/n", .discard)
                return []
            }
            return [.cancel]
        case .help: return [.help]
        case .preset:
            form.type = AccountType.reseller.rawValue
            form.enableOrdering = true
            form.enableReselling = true
            message = "Reseller: type Reseller, Ordering and Reselling on; set the credit limit."
            revalidate()
        case .unfold: unfolded.toggle()
        case .next: move(1)
        case .previous: move(-1)
        case .change, .changeBack:
            if focus.isCheckbox {
                toggle(focus)
            } else if let choices = focus.choices {
                cycle(focus, choices, binding.action == .change ? 1 : -1)
            }
        }
        return []
    }

    /// Matches for what is typed in the country or currency field, by the rule the validators and the CLI
    /// use (`Country.candidates`): the code, else whole names, else names starting with it. At most three.
    public static func suggestions(_ field: Field, _ text: String) -> [(code: String, name: String)] {
        switch field {
        case .country: Country.candidates(text).prefix(3).map { ($0.code, $0.name) }
        case .currency: Currency.candidates(text).prefix(3).map { ($0.code, $0.name) }
        default: []
        }
    }

    private mutating func move(_ step: Int) {
        // Leaving a country or currency completes it to the code when it matches one alone; several stay
        // as typed, for the validator to list them (the CLI refuses them the same way).
        let matches = focus == .country || focus == .currency ? Self.suggestions(focus, text(focus, of: form)) : []
        if matches.count == 1, let first = matches.first {
            setText(focus, first.code)
            editors[focus]?.set(first.code)
        }
        touched.insert(focus)
        revalidate()
        let fields = visibleFields.filter(isEnabled)
        guard let i = fields.firstIndex(of: focus) else { focus = fields.first ?? .name; return }
        focus = fields[(i + step + fields.count) % fields.count]
    }

    private mutating func toggle(_ f: Field) {
        switch f {
        case .enableOrdering:
            if form.enableOrdering {
                if form.orderingHasValues {
                    question = ("Turning Ordering off clears the credit limit, proration and reselling. Clear them? y/n", .clearOrdering)
                } else {
                    form.clearOrdering()
                }
            } else {
                form.enableOrdering = true
            }
        case .unlimitedCredit:
            form.unlimitedCredit.toggle()
            if form.unlimitedCredit { form.creditLimit = ""; editors[.creditLimit]?.set("") }
        case .prorateBilling:
            form.prorateBilling.toggle()
            // Proration needs a billing day: the 1st until another is chosen.
            form.billingDay = form.prorateBilling ? BillingDay.firstOfMonth.text : ""
        case .enableReselling: form.enableReselling.toggle()
        case .separateInvoices: form.separateInvoices.toggle()
        case .taxExempt: form.taxExempt.toggle()
        default: break
        }
        revalidate()
    }

    private mutating func cycle(_ f: Field, _ choices: [(value: String, label: String)], _ step: Int) {
        guard isEnabled(f) else { return }
        let current = Self.choice(text(f, of: form), of: f, in: choices) ?? 0
        setText(f, choices[(current + step + choices.count) % choices.count].value)
    }

    /// Which choice a value is, however it was spelt ("1", "first" and "1st" are all the first of the month).
    static func choice(_ value: String, of f: Field, in choices: [(value: String, label: String)]) -> Int? {
        let canonical = f == .billingDay ? (try? BillingDay.parse(value).text) ?? value : value
        return choices.firstIndex { $0.value.lowercased() == canonical.lowercased() }
    }

    /// Runs the service's validator; shows errors for fields the user has been through (all after a save).
    private mutating func revalidate(all: Bool = false) {
        errors = [:]
        do {
            _ = try AccountValidator.validate(form, defaultCurrency: defaultCurrency, defaultManager: "staff")
        } catch {
            errors = error.messagesByField.filter { field, _ in all || touched.contains { $0.rawValue == field } }
        }
    }

    private mutating func save() -> [Effect] {
        touched.formUnion(Field.allCases)
        revalidate(all: true)
        if !errors.isEmpty {
            message = "Cannot save: \(errors.count) field\(errors.count == 1 ? "" : "s") to fix (marked !)"
            if let first = visibleFields.first(where: { errors[$0.rawValue] != nil }) { focus = first }
            return []
        }
        message = nil
        return [.save(form, accountId: target.accountId, version: target.version)]
    }

    /// The service refused the save: show its errors beside the fields (a conflict in the message line,
    /// keeping everything typed).
    public mutating func saveFailed(_ error: ServiceError) {
        errors = error.messagesByField
        touched.formUnion(Field.allCases)   // moving on re-checks every field, keeping these errors in view
        // A problem of no field (a full disk, a conflict) is the message itself.
        let elsewhere = error.fieldErrors.filter { Field(rawValue: $0.field) == nil }.map(\.message)
        if case .conflict(_, let m) = error {
            message = "Not saved: \(m)"
        } else if !elsewhere.isEmpty {
            message = "Not saved: " + elsewhere.joined(separator: "; ")
        } else {
            message = "Not saved: \(error.fieldErrors.count) problem(s)"
        }
        if let first = visibleFields.first(where: { errors[$0.rawValue] != nil }) { focus = first }
    }

    // MARK: Form access

    func text(_ f: Field, of form: AccountForm) -> String {
        switch f {
        case .name: form.name
        case .tradingName: form.tradingName
        case .type: form.type
        case .email: form.email
        case .phone: form.phone
        case .website: form.website
        case .registrationNumber: form.registrationNumber
        case .taxAuthority: form.taxAuthority
        case .description: form.description
        case .street: form.street
        case .city: form.city
        case .postcode: form.postcode
        case .state: form.state
        case .country: form.country
        case .currency: form.currency
        case .creditLimit: form.creditLimit
        case .billingDay: form.billingDay
        case .partialChargesInvoicing: form.partialChargesInvoicing.isEmpty ? PartialChargesInvoicing.onOrderDay.rawValue : form.partialChargesInvoicing
        default: ""
        }
    }

    private mutating func setText(_ f: Field, _ value: String) {
        switch f {
        case .name: form.name = value
        case .tradingName: form.tradingName = value
        case .type: form.type = value
        case .email: form.email = value
        case .phone: form.phone = value
        case .website: form.website = value
        case .registrationNumber: form.registrationNumber = value
        case .taxAuthority: form.taxAuthority = value
        case .description: form.description = value
        case .street: form.street = value
        case .city: form.city = value
        case .postcode: form.postcode = value
        case .state: form.state = value
        case .country: form.country = value.uppercased()
        case .currency:
            form.currency = value.uppercased()
            filterCreditLimit()
        case .creditLimit: form.creditLimit = value
        case .billingDay: form.billingDay = value
        case .partialChargesInvoicing: form.partialChargesInvoicing = value
        default: break
        }
    }

    func isChecked(_ f: Field) -> Bool {
        switch f {
        case .separateInvoices: form.separateInvoices
        case .taxExempt: form.taxExempt
        case .enableOrdering: form.enableOrdering
        case .unlimitedCredit: form.unlimitedCredit
        case .prorateBilling: form.prorateBilling
        case .enableReselling: form.enableReselling
        default: false
        }
    }

    // MARK: Render

    /// Errors of fields that cannot take the focus now (hidden, or disabled with Ordering off): no field
    /// can show them, so the status line says them.
    var unfocusableErrors: [String] {
        let focusable = Set(visibleFields.filter(isEnabled).map(\.rawValue))
        return errors.filter { !focusable.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Section headers and the note of a section's folded fields (field nil), and fields, in screen order.
    private var lines: [(field: Field?, text: String, folded: Bool)] {
        var out: [(Field?, String, Bool)] = []
        let visible = visibleFields
        for section in ["Personal", "Billing address", "Ordering"] {
            let ordering = section == "Ordering" && !form.enableOrdering ? "(tick Enable Ordering to set these) " : ""
            out.append((nil, "── \(section) " + ordering, false))
            let fields = Field.allCases.filter { $0.section == section }
            out += fields.filter(visible.contains).map { ($0, section, false) }
            let folded = fields.filter { Self.optional.contains($0) && !visible.contains($0) }
            if !folded.isEmpty {
                out.append((nil, "   + \(folded.count) optional fields folded: F4 opens them", true))
            }
        }
        return out
    }

    /// Scrolls so the focused field (and its section header when possible) is on screen.
    private mutating func keepFocusVisible(height: Int) {
        let rows = Self.area(height, statusLines: 1)
        top = Self.scrolled(top, toShow: lines.firstIndex { $0.field == focus }, rows: rows)
    }

    /// Rows for fields: all but the title, the status (as many lines as the message wraps to, at least one),
    /// the focused field's help and the footer.
    static func area(_ height: Int, statusLines: Int) -> Int { height - 3 - max(1, statusLines) }

    /// `top` moved as little as needed for line `i` (and its section header when possible) to be in `rows`.
    static func scrolled(_ top: Int, toShow i: Int?, rows: Int) -> Int {
        guard let i else { return top }
        if i < top { return max(0, i - 1) }
        if i >= top + rows { return i - rows + 1 }
        return top
    }

    static let codeFieldWidth = 8

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put(isNew ? "ResellerDesk · New Account" : "ResellerDesk · Edit \(AccountCode.format(target.accountId ?? 0))", x: 1, y: 0, style: .title)
        let fieldError = errors[focus.rawValue].map { "\(focus.label.replacingOccurrences(of: " *", with: "")): \($0)" }
        let status = question?.text ?? ([fieldError ?? message] + unfocusableErrors).compactMap { $0 }
            .joined(separator: "; ")
        let statusLines = DisplayWidth.wrap(status, to: width - 2).count
        let area = Self.area(height, statusLines: statusLines)
        let top = Self.scrolled(self.top, toShow: lines.firstIndex { $0.field == focus }, rows: area)
        let labelWidth = 22, valueX = 2 + labelWidth + 1
        let valueWidth = min(40, width - valueX - 2)
        for (row, line) in lines.dropFirst(top).prefix(area).enumerated() {
            let y = 1 + row
            guard let f = line.field else {
                g.put(line.text, x: 1, y: y, style: line.folded ? .muted : .key, maxWidth: width - 2)
                continue
            }
            let enabled = isEnabled(f), error = errors[f.rawValue]
            let focused = f == focus
            g.put((error != nil ? "!" : " ") + f.label, x: 1, y: y,
                  style: focused ? .focused : error != nil ? .invalid : (enabled ? .normal : .muted), maxWidth: labelWidth + 1)
            let valueStyle: CellStyle = focused ? .focused : (enabled ? .normal : .muted)
            if f.isCheckbox {
                g.put(isChecked(f) ? "[x]" : "[ ]", x: valueX, y: y, style: valueStyle)
            } else if let choices = f.choices {
                let value = text(f, of: form)
                let label = Self.choice(value, of: f, in: choices).map { choices[$0].label } ?? value
                g.put("< \(label) >", x: valueX, y: y, style: valueStyle)
            } else if let editor = editors[f] {
                if f == .creditLimit && form.unlimitedCredit {
                    g.put("Unlimited", x: valueX, y: y, style: valueStyle)
                } else {
                    // A country or currency is a code: a short field, with the suggestions beside it.
                    let w = f == .country || f == .currency ? Self.codeFieldWidth : valueWidth
                    g.field(editor.visible(width: w - 1), x: valueX, y: y, width: w, focused: focused && enabled)
                }
                if f == .creditLimit && enabled && !form.unlimitedCredit {
                    g.put(form.currency.isEmpty ? defaultCurrency : form.currency, x: valueX + valueWidth + 1, y: y, style: .muted)
                }
            }
            // An error shows whole under the form while its field has the focus; elsewhere the label's ! marks it.
            if error == nil, f == .country || f == .currency {
                let hint = Self.suggestions(f, text(f, of: form)).map { "\($0.code) \($0.name)" }.joined(separator: " · ")
                g.put(hint, x: valueX + Self.codeFieldWidth + 1, y: y, style: .muted, maxWidth: width - valueX - Self.codeFieldWidth - 2)
            }
        }
        if !status.isEmpty {
            g.putWrapped(status, x: 1, bottom: height - 3, width: width - 2,
                         style: question != nil ? .warning : .invalid, maxLines: height - 6)
        }
        g.put(focus.help, x: 1, y: height - 2, style: .muted, maxWidth: width - 2)
        g.footer(bindings, y: height - 1)
        return g
    }
}
