import FieldSchema

/// The one form widget of the desk: fields laid out from their specs (sections, labels, a `*` for
/// required ones), a line editor per text field, tick boxes and choices, the focus, the errors, a message or
/// a y/n question, folded optional fields, scrolling, the focused field's help and the footer. A screen
/// gives it a schema, its keys and a few rules (`Rules`), and answers what `update` returns.
public struct Form<Model: Sendable & Equatable>: Sendable {
    public enum Action: Sendable, Equatable {
        case save, next, previous, change, changeBack, cancel, help
        /// A key of the screen's own (the account form's Reseller preset).
        case own(String)
    }

    /// What a key did, for the screen to answer.
    public enum Outcome: Sendable, Equatable {
        case none
        /// Text was typed into field `id`.
        case edited(String)
        /// The focus left field `id` (for completion and checks of what was typed).
        case left(String)
        /// A tick box was toggled or a choice changed.
        case changed(String)
        case save, cancel, help
        case own(String)
        /// The question asked with `tag` was answered.
        case answered(String, yes: Bool)
    }

    /// The form's rules beyond the schema. Every closure takes the model and a field id.
    public struct Rules: Sendable {
        /// Whether the field takes the focus and edits now (the Ordering fields need Ordering).
        public var enabled: @Sendable (Model, String) -> Bool = { _, _ in true }
        /// Whether the field is part of the form now (the billing day only with proration).
        public var present: @Sendable (Model, String) -> Bool = { _, _ in true }
        /// What the value cell shows instead of the value ("Unlimited"), if anything.
        public var shownValue: @Sendable (Model, String) -> String? = { _, _ in nil }
        /// Muted words after the value (a currency, completions).
        public var note: @Sendable (Model, String) -> String = { _, _ in "" }
        /// A text field's width when not the usual one (a code).
        public var width: @Sendable (String) -> Int? = { _ in nil }
        /// Muted words after a section's heading.
        public var sectionNote: @Sendable (Model, String) -> String = { _, _ in "" }
        /// Lines under the fields (a dialog's notices), each with its style.
        public var trailer: @Sendable (Model) -> [(String, CellStyle)] = { _ in [] }
        public init() {}
    }

    public let fields: [FieldSpec<Model>]
    public private(set) var model: Model
    /// What the form opened with: leaving asks first only when something changed since.
    public let original: Model
    public let rules: Rules
    public private(set) var focus: String
    public var errors: [String: String] = [:]
    public var message: String?
    public private(set) var question: (text: String, tag: String)?
    /// The optional fields are open: Tab visits them.
    public var unfolded = false
    private var editors: [String: LineEditor] = [:]
    private var top = 0

    public init(_ fields: [FieldSpec<Model>], model: Model, original: Model? = nil, rules: Rules = Rules()) {
        self.fields = fields
        self.model = model
        self.original = original ?? model
        self.rules = rules
        focus = fields.first?.id ?? ""
        for spec in fields {
            if let max = spec.maxLength { editors[spec.id] = LineEditor(spec.text(of: model), maxLength: max) }
        }
    }

    public var isDirty: Bool { model != original }
    public var focusedSpec: FieldSpec<Model>? { fields.spec(focus) }

    // MARK: Keys

    /// The keys of every field; `save` and `cancel` say what saving and leaving do in this form. A form of
    /// one field may `submit` with Enter, under that label ("Write"): Enter saves, and Next leaves the footer.
    public static func common(save: String, cancel: String, submit: String? = nil) -> [Binding<Action>] {
        let enter: [Key] = [.enter]
        return [
            Binding((submit == nil ? [] : enter) + [.ctrl("s"), .function(2)], submit ?? "Save", help: save, .save),
            Binding([.tab, .down] + (submit == nil ? enter : []), "Next", help: "next field", .next,
                    footer: submit == nil),
            Binding([.backTab, .up], "", help: "previous field", .previous, footer: false),
            Binding([.escape], "Cancel", help: cancel, .cancel),
            Binding([.function(1)], "Help", help: "this help", .help),
        ]
    }

    /// The keys of a tick box, before the common ones.
    public static var checkKeys: [Binding<Action>] {
        [Binding([.char(" "), .char("x")], "Toggle", help: "tick or untick the box", .change)]
    }

    /// The keys of a choice, before the common ones.
    public static var choiceKeys: [Binding<Action>] {
        [
            Binding([.right, .char(" ")], "Change", help: "the next choice", .change),
            Binding([.left], "", help: "the previous choice", .changeBack, footer: false),
        ]
    }

    /// The keys in effect on the focused field: its kind's, then `common` (in a text field every other
    /// key edits the text).
    public func keys(_ common: [Binding<Action>]) -> [Binding<Action>] {
        guard let spec = focusedSpec else { return common }
        return (spec.isCheck ? Self.checkKeys : spec.choices != nil ? Self.choiceKeys : []) + common
    }

    // MARK: Update

    /// One key, dispatched through `table` (from `keys`); what the screen must answer comes back.
    public mutating func update(_ key: Key, table: [Binding<Action>]) -> Outcome {
        if let q = question {
            question = nil
            return .answered(q.tag, yes: key.isYes)
        }
        guard let binding = Binding.binding(for: key, in: table) else {
            guard isEnabled(focus), var editor = editors[focus], editor.handle(key) else { return .none }
            editors[focus] = editor
            fields.spec(focus)?.set(editor.text, in: &model)
            return .edited(focus)
        }
        if let reason = binding.disabledReason {
            message = reason
            return .none
        }
        switch binding.action {
        case .save: return .save
        case .cancel: return .cancel
        case .help: return .help
        case .own(let name): return .own(name)
        case .next, .previous:
            let left = focus
            move(binding.action == .next ? 1 : -1)
            return .left(left)
        case .change, .changeBack:
            guard let spec = focusedSpec, isEnabled(focus) else { return .none }
            if spec.isCheck {
                spec.setChecked(!spec.isChecked(model), in: &model)
            } else if let choices = spec.choices {
                let current = choices.firstIndex { $0.value.lowercased() == spec.text(of: model).lowercased() } ?? 0
                let step = binding.action == .change ? 1 : -1
                spec.set(choices[(current + step + choices.count) % choices.count].value, in: &model)
            } else {
                return .none
            }
            return .changed(focus)
        }
    }

    /// Asks a y/n question in the status line; the next key answers it (`Outcome.answered`).
    public mutating func ask(_ text: String, tag: String) { question = (text, tag) }

    /// Changes the model from outside the editors (a preset, a completion, a cleared section): the text
    /// fields show the new values.
    public mutating func change(_ body: (inout Model) -> Void) {
        body(&model)
        for spec in fields {
            let text = spec.text(of: model)
            if let editor = editors[spec.id], editor.text != text { editors[spec.id]?.set(text) }
        }
    }

    /// Limits what a text field takes as it is typed (a credit limit's decimals).
    public mutating func filter(_ id: String, accepts: @escaping @Sendable (String) -> Bool) {
        editors[id]?.accepts = accepts
    }

    /// Puts the focus on a field (the first with an error after a refused save).
    public mutating func focus(on id: String) { focus = id }

    /// The first shown field with an error, if any.
    public var firstError: String? { shownFields.first { errors[$0.id] != nil }?.id }

    public func isEnabled(_ id: String) -> Bool { rules.enabled(model, id) }

    /// Fields on screen now: present ones; folded optional ones only when open, holding a value or an
    /// error, or focused.
    public var shownFields: [FieldSpec<Model>] {
        fields.filter { spec in
            guard rules.present(model, spec.id) else { return false }
            return unfolded || !spec.foldable || spec.id == focus || !spec.text(of: model).isEmpty
                || spec.isChecked(model) || errors[spec.id] != nil
        }
    }

    private mutating func move(_ step: Int) {
        let ids = shownFields.map(\.id).filter(isEnabled)
        guard let i = ids.firstIndex(of: focus) else { focus = ids.first ?? focus; return }
        focus = ids[(i + step + ids.count) % ids.count]
    }

    // MARK: Render

    /// Errors of fields that cannot take the focus now (hidden, or disabled): the status line says them.
    public var unfocusableErrors: [String] {
        let focusable = Set(shownFields.map(\.id).filter(isEnabled))
        return errors.filter { !focusable.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Section headings (field nil) with their notes, fields, and the note of each section's folded fields.
    private var lines: [(field: FieldSpec<Model>?, text: String, folded: Bool)] {
        var out: [(FieldSpec<Model>?, String, Bool)] = []
        let shown = Set(shownFields.map(\.id))
        var sections: [String] = []
        for spec in fields where !sections.contains(spec.section) { sections.append(spec.section) }
        for section in sections {
            let members = fields.filter { $0.section == section }
            if !section.isEmpty {
                let note = rules.sectionNote(model, section)
                out.append((nil, "── \(section) " + (note.isEmpty ? "" : note + " "), false))
            }
            out += members.filter { shown.contains($0.id) }.map { ($0, section, false) }
            let folded = members.filter { $0.foldable && !shown.contains($0.id) && rules.present(model, $0.id) }
            if !folded.isEmpty {
                out.append((nil, "   + \(folded.count) optional fields folded: F4 opens them", true))
            }
        }
        return out
    }

    /// Rows for fields: all but the title, the status (as many lines as it wraps to, at least one), the
    /// focused field's help and the footer.
    static func area(_ height: Int, statusLines: Int) -> Int { height - 3 - max(1, statusLines) }

    /// `top` moved as little as needed for line `i` (and its section heading when possible) to be in `rows`.
    static func scrolled(_ top: Int, toShow i: Int?, rows: Int) -> Int {
        guard let i else { return top }
        if i < top { return max(0, i - 1) }
        if i >= top + rows { return i - rows + 1 }
        return top
    }

    /// Keeps the focused field on screen from one frame to the next (so it scrolls as little as needed).
    public mutating func keepFocusVisible(height: Int) {
        let rows = Self.area(height, statusLines: 1)
        top = Self.scrolled(top, toShow: lines.firstIndex { $0.field?.id == focus }, rows: rows)
    }

    /// The status line: the question, else the focused field's error (named) or the message, then errors no
    /// field can show.
    public var status: String {
        if let q = question { return q.text }
        let fieldError = errors[focus].map { "\(focusedSpec?.label ?? focus): \($0)" }
        return ([fieldError ?? message] + unfocusableErrors).compactMap { $0 }.joined(separator: "; ")
    }

    public static var labelWidth: Int { 22 }

    /// The whole screen: `title` on the first row, the fields, the status, the help line and the footer.
    public func render(title: String, width: Int, height: Int, keys table: [Binding<Action>]) -> Grid {
        var g = Grid(width: width, height: height)
        g.titleBar(title)
        let status = self.status
        let trailer = rules.trailer(model)
        let area = Self.area(height, statusLines: DisplayWidth.wrap(status, to: width - 2).count) - trailer.count
        let lines = self.lines
        let top = Self.scrolled(self.top, toShow: lines.firstIndex { $0.field?.id == focus }, rows: area)
        let valueX = 2 + Self.labelWidth + 1
        let valueWidth = min(40, width - valueX - 2)
        var y = 1
        for line in lines.dropFirst(top).prefix(area) {
            defer { y += 1 }
            guard let spec = line.field else {
                g.put(line.text, x: 1, y: y, style: line.folded ? .muted : .key, maxWidth: width - 2)
                continue
            }
            let id = spec.id, enabled = isEnabled(id), error = errors[id], focused = id == focus
            let label = (error != nil ? "!" : " ") + spec.label + (spec.required ? " *" : "")
            g.put(label, x: 1, y: y, style: focused ? .focused : error != nil ? .invalid : (enabled ? .normal : .muted),
                  maxWidth: Self.labelWidth + 1)
            let style: CellStyle = focused ? .focused : (enabled ? .normal : .muted)
            var end = valueX
            if let shown = rules.shownValue(model, id) {
                end += g.put(shown, x: valueX, y: y, style: style)
            } else if spec.isCheck {
                end += g.put(spec.isChecked(model) ? "[x]" : "[ ]", x: valueX, y: y, style: style)
            } else if let choices = spec.choices {
                let value = spec.text(of: model)
                let label = choices.first { $0.value.lowercased() == value.lowercased() }?.label ?? value
                end += g.put("< \(label) >", x: valueX, y: y, style: style)
            } else if let editor = editors[id] {
                let w = rules.width(id) ?? valueWidth
                g.field(editor.visible(width: w - 1), x: valueX, y: y, width: w, focused: focused && enabled)
                end += w
            }
            let note = rules.note(model, id)
            if !note.isEmpty { g.put(note, x: end + 1, y: y, style: .muted, maxWidth: max(0, width - end - 2)) }
        }
        for (text, style) in trailer {
            g.put(text, x: 1, y: y, style: style, maxWidth: width - 2)
            y += 1
        }
        if !status.isEmpty {
            g.putWrapped(status, x: 1, bottom: height - 3, width: width - 2,
                         style: question != nil ? .warning : .invalid, maxLines: height - 6)
        }
        g.put(focusedSpec?.help ?? "", x: 1, y: height - 2, style: .muted, maxWidth: width - 2)
        g.footer(table, y: height - 1)
        return g
    }
}
