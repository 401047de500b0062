import ResellerCore

/// HTML text built in Swift: every value that comes from a person or the database passes `escape`.
enum HTML {
    static func escape(_ text: String) -> String {
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
                // What the input rules refuse (controls, bidi overrides) cannot be shown usefully: U+FFFD.
                if c != "\t" && TextRules.isForbidden(c, allowNewlines: true) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// A whole page: the shared head, the header with the signed-in user (or nothing), the content.
    static func page(title: String, signedIn: StorefrontHeader? = nil, notice: Notice? = nil, _ body: String) -> String {
        let header = signedIn.map { h in
            """
            <nav><a href="/dashboard">Dashboard</a> <a href="/orders">Orders</a>\(h.reselling ? " <a href=\"/customers\">End customers</a>" : "")
            <a href="/password">Password</a>
            <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="\(escape(h.csrf))">
            <button type="submit" class="link">Log out</button></form>
            <span class="who">\(escape(h.email)) · \(escape(h.reseller))</span></nav>
            """
        } ?? ""
        let noticeHTML = notice.map { "<p class=\"notice \($0.kind)\" role=\"status\">\(escape($0.text))</p>" } ?? ""
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Storefront</title>
        <link rel="stylesheet" href="/style.css"></head>
        <body><header><strong>Storefront</strong>\(header)</header>
        <main><h1>\(escape(title))</h1>\(noticeHTML)\(body)</main></body></html>
        """
    }

    /// A labelled input with its error beside it.
    static func field(_ name: String, label: String, value: String = "", type: String = "text", error: String? = nil,
                      attributes: String = "") -> String {
        let id = "f-" + name
        let errorHTML = error.map { "<span class=\"error\" id=\"\(id)-error\">\(escape($0))</span>" } ?? ""
        let described = error != nil ? " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"" : ""
        return """
        <p class="field"><label for="\(id)">\(escape(label))</label>
        <input id="\(id)" name="\(escape(name))" type="\(type)" value="\(escape(value))"\(described) \(attributes)>\(errorHTML)</p>
        """
    }

    static func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(escape(name))\" value=\"\(escape(value))\">"
    }
}

/// The signed-in header's facts.
struct StorefrontHeader {
    var email: String
    var reseller: String
    var reselling: Bool
    var csrf: String
}

/// One line at the top of a page: what just happened, or why something was refused.
struct Notice {
    var text: String
    var kind = "info"   // info | ok | warn | error
    static func error(_ text: String) -> Notice { Notice(text: text, kind: "error") }
    static func ok(_ text: String) -> Notice { Notice(text: text, kind: "ok") }
    static func warn(_ text: String) -> Notice { Notice(text: text, kind: "warn") }
}
