import Foundation
import ResellerCore
import TerminalKit

/// The edit of a price list's name, validity and description: one one-line prompt per field, each holding
/// the value as it is, Enter to the next, Esc to give up. Kept apart from the screen (and small) because a
/// shared form widget is to replace it; the screen only opens it and takes its answers.
public struct PriceListEdit: Sendable {
    public enum Field: Int, Sendable, CaseIterable {
        case name, validFrom, validTo, description

        public var label: String {
            switch self {
            case .name: "Name"
            case .validFrom: "Valid from"
            case .validTo: "Valid to"
            case .description: "Description"
            }
        }

        /// Under the prompt: what the field takes.
        public var hint: String {
            switch self {
            case .name: "the list's name, unique"
            case .validFrom, .validTo: "a date as YYYY-MM-DD; empty for no limit"
            case .description: "optional; empty clears it"
            }
        }
    }

    /// What changed: only the fields edited to another value, as `updatePriceList` takes them.
    public struct Answers: Sendable, Equatable {
        public var name: String?
        public var validFrom: String?
        public var validTo: String?
        public var description: String?

        public var isEmpty: Bool { name == nil && validFrom == nil && validTo == nil && description == nil }
        public var change: PriceListChange {
            PriceListChange(name: name, validFrom: validFrom, validTo: validTo, description: description)
        }
        /// "name, valid to": the fields changed, for the notice after the save.
        public var fieldNames: String {
            [(name, Field.name), (validFrom, .validFrom), (validTo, .validTo), (description, .description)]
                .filter { $0.0 != nil }.map { $0.1.label.lowercased() }.joined(separator: ", ")
        }
    }

    public enum Outcome: Sendable, Equatable { case editing, canceled, done(Answers) }

    public let listName: String
    public private(set) var field: Field = .name
    public private(set) var editor: LineEditor
    private let original: [Field: String]
    private var answers = Answers()

    public init(_ list: PriceList) {
        listName = list.name
        original = [.name: list.name, .validFrom: list.validFrom?.description ?? "",
                    .validTo: list.validTo?.description ?? "", .description: list.description ?? ""]
        editor = LineEditor(list.name, maxLength: 500)
    }

    /// Enter keeps the field's value (if it changed) and moves on; after the last field the edit is done.
    public mutating func next() -> Outcome {
        let text = editor.text.trimmingCharacters(in: .whitespaces)
        if text != original[field] {
            switch field {
            case .name: answers.name = text
            case .validFrom: answers.validFrom = text
            case .validTo: answers.validTo = text
            case .description: answers.description = text
            }
        }
        guard let following = Field(rawValue: field.rawValue + 1) else { return .done(answers) }
        field = following
        editor = LineEditor(original[following] ?? "", maxLength: 500)
        return .editing
    }

    /// Any other key edits the prompt's text.
    public mutating func edit(_ key: Key) { editor.handle(key) }

    /// "Edit Cloud Essentials EUR, 2 of 4: Valid from — a date as YYYY-MM-DD; empty for no limit".
    public var heading: String {
        "Edit \(listName), \(field.rawValue + 1) of \(Field.allCases.count): \(field.label) — \(field.hint)"
    }
}
