/// A small streaming XML writer: elements, attributes and text, UTF-8 bytes out, one element per line indented
/// by two spaces so a person can read what was sent. Elements hold either text or other elements, never both,
/// so the indentation never becomes part of a value.
///
/// Everything written as text or as an attribute value goes through `escaped`, the one escaping rule; element
/// and attribute names are the caller's literals and are written as they are.
public struct XMLWriter: Sendable {
    public private(set) var bytes: [UInt8]
    private var depth = 0

    /// Starts a document with its XML declaration.
    public init() {
        bytes = Array(#"<?xml version="1.0" encoding="UTF-8"?>"#.utf8)
    }

    /// `<name attributes>` … `</name>` around what `body` writes.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                                 _ body: (inout XMLWriter) -> Void) {
        startTag(name, attributes)
        bytes.append(UInt8(ascii: ">"))
        depth += 1
        body(&self)
        depth -= 1
        newLine()
        bytes += Array("</\(name)>".utf8)
    }

    /// `<name attributes>text</name>`.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        startTag(name, attributes)
        bytes += Array(">\(Self.escaped(text))</\(name)>".utf8)
    }

    /// The element only when `text` has something besides white space: an empty element would state a value
    /// the document does not have.
    public mutating func element(_ name: String, ifPresent text: String?) {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return }
        element(name, text: text)
    }

    private mutating func startTag(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        newLine()
        bytes += Array("<\(name)".utf8)
        for (key, value) in attributes { bytes += Array(" \(key)=\"\(Self.escaped(value))\"".utf8) }
    }

    private mutating func newLine() {
        bytes.append(10)
        bytes += repeatElement(UInt8(ascii: " "), count: 2 * depth)
    }

    /// The one escaping rule, for text and attribute values alike: `&`, `<`, `>` and `"` as entities, and the
    /// characters XML 1.0 does not allow at all (C0 controls other than tab, line feed and carriage return;
    /// U+FFFE, U+FFFF) dropped, since no escape can carry them and a parser refuses the whole document.
    public static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;".unicodeScalars
            case "<": out += "&lt;".unicodeScalars
            case ">": out += "&gt;".unicodeScalars
            case "\"": out += "&quot;".unicodeScalars
            case "\t", "\n", "\r": out.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
