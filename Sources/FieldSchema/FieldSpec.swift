/// One field of a form, described once: what it holds (a key path into the form's model), how it is
/// labelled, its limits and its one-line help. The terminal's `Form` widget lays it out and edits it, the
/// validators read its limits and names, the CLI its flag and the JSON its id, so a field cannot say one
/// thing in one front and another elsewhere. This module has no dependencies: the service and the
/// terminal kit both read it.
public struct FieldSpec<Model>: Sendable {
    /// A choice's stored value and the words shown for it ("1" → "First of month").
    public struct Choice: Sendable, Equatable {
        public let value: String
        public let label: String
        public init(_ value: String, _ label: String) { self.value = value; self.label = label }
    }

    public enum Kind: Sendable {
        /// Typed text of at most `maxLength` characters (newlines allowed when `multiline`).
        case text(WritableKeyPath<Model, String> & Sendable, maxLength: Int, multiline: Bool = false)
        /// A tick box.
        case check(WritableKeyPath<Model, Bool> & Sendable)
        /// One of a fixed list, changed with ←/→ or Space.
        case choice(WritableKeyPath<Model, String> & Sendable, [Choice])
    }

    /// The field's name as docs/domain.md#accounts writes it (camelCase): the JSON key and `FieldError.field`.
    public let id: String
    /// As the form shows it, "Trading name".
    public let label: String
    /// As messages name it, "trading name".
    public let noun: String
    public let kind: Kind
    /// The section of the form it sits in ("Personal", "Billing address", "Ordering").
    public let section: String
    public let required: Bool
    /// Optional for the usual case: folded away (and skipped by Tab) until the form's optional fields open.
    public let foldable: Bool
    /// One line: what the field holds and what it accepts.
    public let help: String
    /// The CLI's long flag for it, "trading-name" (the id unless told).
    public let flag: String

    public init(_ id: String, _ label: String, _ kind: Kind, section: String = "", required: Bool = false,
                foldable: Bool = false, noun: String? = nil, flag: String? = nil, help: String) {
        self.id = id
        self.label = label
        self.kind = kind
        self.section = section
        self.required = required
        self.foldable = foldable
        self.noun = noun ?? label.lowercased()
        self.flag = flag ?? id
        self.help = help
    }

    public var isCheck: Bool { if case .check = kind { true } else { false } }
    public var choices: [Choice]? { if case .choice(_, let c) = kind { c } else { nil } }
    public var maxLength: Int? { if case .text(_, let n, _) = kind { n } else { nil } }
    public var isMultiline: Bool { if case .text(_, _, let m) = kind { m } else { false } }

    /// The field's value as text ("" for a tick box).
    public func text(of model: Model) -> String {
        switch kind {
        case .text(let path, _, _), .choice(let path, _): model[keyPath: path]
        case .check: ""
        }
    }

    public func isChecked(_ model: Model) -> Bool {
        if case .check(let path) = kind { model[keyPath: path] } else { false }
    }

    /// Sets a text or choice field; a tick box takes "true"/"false".
    public func set(_ value: String, in model: inout Model) {
        switch kind {
        case .text(let path, _, _), .choice(let path, _): model[keyPath: path] = value
        case .check(let path): model[keyPath: path] = value == "true"
        }
    }

    public func setChecked(_ value: Bool, in model: inout Model) {
        if case .check(let path) = kind { model[keyPath: path] = value }
    }
}

extension Array {
    /// The spec of a field by its id.
    public func spec<Model>(_ id: String) -> FieldSpec<Model>? where Element == FieldSpec<Model> {
        first { $0.id == id }
    }

    /// Every field's value as text by id: nil for empty text, "true"/"false" for a tick box.
    public func texts<Model>(of model: Model) -> [String: String?] where Element == FieldSpec<Model> {
        reduce(into: [:]) { out, spec in
            let text = spec.text(of: model)
            out[spec.id] = spec.isCheck ? String(spec.isChecked(model)) : text.isEmpty ? nil : text
        }
    }
}
