import FieldSchema

/// Rules for any text a person types anywhere (names, emails, notes): no control characters, no bidi
/// overrides or isolates, so stored text can never steer a terminal or reorder what a reader sees.
public enum TextRules {
    /// Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and the invisible
    /// marks U+200E/U+200F/U+061C. Ranges, not a Set: the first Set of UInt32 makes the Swift runtime scan every
    /// protocol conformance in the binary, about 0.1 ms of the terminal's first frame (issue #27).
    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Whether a scalar may never appear in stored single-line text.
    public static func isForbidden(_ s: Unicode.Scalar, allowNewlines: Bool = false) -> Bool {
        let v = s.value
        if allowNewlines && v == 0x0A { return false }
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }   // C0, DEL, C1
        if isBidiControl(v) { return true }
        if v == 0x2028 || v == 0x2029 { return true }                          // line/paragraph separators
        if (0xD800...0xDFFF).contains(v) || v == 0xFFFE || v == 0xFFFF { return true }
        return false
    }

    /// Trims surrounding white space and checks length and characters. Empty input gives nil for an optional
    /// field and an error for a required one.
    public static func clean(_ raw: String, field: String, label: String, required: Bool, max: Int,
                             multiline: Bool = false) throws(FieldError) -> String? {
        let text = trimmed(raw)
        if text.isEmpty {
            if required { throw FieldError(field, "\(label) is required") }
            return nil
        }
        if text.unicodeScalars.contains(where: { isForbidden($0, allowNewlines: multiline) }) {
            throw FieldError(field, "\(label) must not contain control characters or direction overrides")
        }
        if text.count > max { throw FieldError(field, "\(label) must be at most \(max) characters (it has \(text.count))") }
        return text
    }

    /// `raw` without the white space around it: what Foundation's `.whitespacesAndNewlines` trims, scalar by
    /// scalar as Foundation does, but without bridging to NSString, whose first use took 0.1 ms of every start
    /// of the terminal.
    static func trimmed(_ raw: String) -> String {
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhiteSpace($0) }),
              let last = scalars.lastIndex(where: { !isWhiteSpace($0) }) else { return "" }
        return String(Substring(scalars[first...last]))
    }

    /// Foundation's white space and newlines: Unicode's White_Space (the Z categories, tab to carriage return,
    /// U+0085) and the zero width space U+200B.
    private static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || s.value == 0x200B }

    /// `clean` with the field's name, noun, requirement and limit read from its one description.
    static func clean<Model>(_ model: Model, _ spec: FieldSpec<Model>) throws(FieldError) -> String? {
        try clean(spec.text(of: model), field: spec.id, label: spec.noun, required: spec.required,
                  max: spec.maxLength ?? 200, multiline: spec.isMultiline)
    }

    /// `clean` for a field that must be filled in: its text, or the refusal (empty is refused whatever the spec
    /// says, so callers need no unwrapping).
    static func required<Model>(_ model: Model, _ spec: FieldSpec<Model>) throws(FieldError) -> String {
        guard let text = try clean(model, spec) else { throw FieldError(spec.id, "\(spec.noun) is required") }
        return text
    }
}

import Foundation
