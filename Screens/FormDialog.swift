import FieldSchema
import ResellerCore
import TerminalKit

/// A dialog that is one form (Add/Edit Contact, a storefront user's access, an account's status, a
/// payment's reversal): the `Form` widget over a schema, saved whole. `Context` is what the save is for (the
/// account, the contact), so the runtime needs nothing else to carry it out. The service checks what is
/// saved; its refusal shows beside the fields by their ids, or in the status line for no field.
public struct FormDialog<Model: Sendable & Equatable, Context: Sendable>: Screen {
    public typealias Action = Form<Model>.Action
    public enum Effect: Sendable, Equatable {
        case save(Model)
        /// The save once more, answered yes to the question the runtime asked with `confirm` (a raise above
        /// the available credit).
        case confirmed(Model)
        case cancel, help
    }

    private static var confirmTag: String { "confirm" }

    /// The dialog's name in its help ("Add Contact").
    public let name: String
    public let title: String
    public let context: Context
    public private(set) var widget: Form<Model>
    private let common: [Binding<Action>]
    /// What the message says when the save is refused ("Not added").
    private let refused: String
    /// A check before the save leaves the dialog (a validator the service runs again), if the form has one.
    private let check: @Sendable (Model) -> ServiceError?

    public var model: Model { widget.model }
    public var focus: String { widget.focus }
    public var errors: [String: String] { widget.errors }
    public var message: String? { widget.message }
    public var isDirty: Bool { widget.isDirty }

    /// `submit`: Enter saves, under that label (a dialog of one field), as `Form.common` says.
    public init(_ name: String, title: String, context: Context, form: Form<Model>, save: String, cancel: String,
                submit: String? = nil, refused: String,
                check: @escaping @Sendable (Model) -> ServiceError? = { _ in nil }) {
        self.name = name
        self.title = title
        self.context = context
        widget = form
        common = Form<Model>.common(save: save, cancel: cancel, submit: submit)
        self.refused = refused
        self.check = check
    }

    /// The keys in effect for the focused field; in a text field every other key edits the text.
    public var bindings: [Binding<Action>] { widget.keys(common) }

    public var help: HelpScreen {
        FormKeys.help(name, common: common, checks: widget.fields.contains(where: \.isCheck),
                      choices: widget.fields.contains { $0.choices != nil })
    }

    public mutating func update(_ key: Key, height: Int = 24) -> [Effect] {
        defer { widget.keepFocusVisible(height: height) }
        switch widget.update(key, table: bindings) {
        case .edited(let id), .changed(let id):
            widget.errors[id] = nil   // being corrected: the next save checks it again
            if widget.errors.isEmpty { widget.message = nil }
        case .answered(let tag, let yes):
            widget.message = nil
            if tag == Self.confirmTag {
                if yes { return [.confirmed(model)] }
                widget.message = "\(refused)."
                return []
            }
            if yes { return [.cancel] }
        case .cancel:
            guard isDirty else { return [.cancel] }
            widget.ask("Discard what was typed in \(name)? y/n", tag: "discard")
        case .save:
            if let error = check(model) {
                saveFailed(error)
                return []
            }
            widget.errors = [:]
            return [.save(model)]
        case .help: return [.help]
        case .none, .left, .own: break
        }
        return []
    }

    /// The save needs a yes first (the runtime asked the service what it would do): a y/n in the status line,
    /// everything typed kept; y is `.confirmed`, n leaves the dialog open saying it was not saved.
    public mutating func confirm(_ question: String) { widget.ask(question, tag: Self.confirmTag) }

    /// The service refused the save: its messages beside their fields, the rest in the status line, and
    /// everything typed kept.
    public mutating func saveFailed(_ error: ServiceError) {
        widget.errors = error.messagesByField.filter { field, _ in widget.fields.spec(field) != nil }
        let elsewhere = error.fieldErrors.filter { widget.fields.spec($0.field) == nil }.map(\.message)
        let count = widget.errors.count
        widget.message = elsewhere.isEmpty ? "\(refused): \(count) field\(count == 1 ? "" : "s") to fix"
                                           : "\(refused): " + elsewhere.joined(separator: "; ")
        if let first = widget.firstError { widget.focus(on: first) }
    }

    public func render(width: Int, height: Int) -> Grid {
        widget.render(title: title, width: width, height: height, keys: bindings)
    }
}
