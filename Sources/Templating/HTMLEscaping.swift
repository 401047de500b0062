import Mustache
import ResellerCore

/// The one escaping rule of every HTML the desk makes, storefront pages and emails alike: `& < > " '`
/// become entities, and what the input rules refuse (controls, bidi overrides) becomes U+FFFD, since it
/// cannot be shown usefully. The template engine applies it to every `{{name}}` (see `TemplateEngine`).
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c != "\t" && TextRules.isForbidden(c, allowNewlines: true) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// The rule as a Mustache content type, named by the pragma every HTML template starts with.
    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }

    static let pragma: String = {
        MustacheContentTypes.register(ContentType(), named: "DESK_HTML")
        return "{{% CONTENT_TYPE: DESK_HTML}}"
    }()
}
