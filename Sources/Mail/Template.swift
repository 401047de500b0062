import Foundation

/// A mustache-style template: `{{name}}` is replaced by the value of `name`, HTML-escaped in HTML
/// templates (`{{{name}}}` inserts it as it is, for ready-made HTML); an unknown name renders as nothing.
public struct Template: Sendable {
    public let text: String
    public let html: Bool

    public func render(_ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let triple = rest[open.upperBound...].hasPrefix("{")
            let start = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[start...].range(of: triple ? "}}}" : "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = rest[start..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = values[name] ?? ""
            out += (html && !triple) ? Template.escape(value) : value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
