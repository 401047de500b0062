import Foundation

/// Header values for RFC 5322: nothing a name or subject holds can add a header line. CR, LF, NUL and
/// other controls are dropped, and non-ASCII text becomes RFC 2047 encoded words.
enum HeaderEncoding {
    /// Drops every control character: a header value is always one line.
    static func oneLine(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }))
    }

    static func isPlainASCII(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } }

    /// An unstructured value (Subject) as printable ASCII; encoded words when it is not ASCII.
    /// The result may span lines (CRLF + space), each at most 78 octets.
    static func unstructured(_ value: String, headerLength: Int) -> String {
        let text = oneLine(value)
        if isPlainASCII(text) && text.utf8.count + headerLength <= 78 && !text.contains("=?") { return text }
        return encodedWords(text)
    }

    /// RFC 2047 "B" encoded words of at most 75 characters, split on character boundaries, joined by
    /// folding whitespace.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for c in text {
            let bytes = Array(String(c).utf8)
            if chunk.count + bytes.count > 45 {   // 45 bytes → 60 base64 chars + 12 = 72 ≤ 75
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?=" }

    /// `Name <addr>`: the name quoted when ASCII, encoded words when not.
    static func mailbox(name: String, address: String) -> String {
        let addr = oneLine(address).filter { $0 != "<" && $0 != ">" && $0 != "," && $0 != " " }
        let clean = oneLine(name).trimmingCharacters(in: .whitespaces)
        if clean.isEmpty { return "<\(addr)>" }
        if isPlainASCII(clean) {
            let quoted = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(addr)>"
        }
        return encodedWords(clean) + " <\(addr)>"
    }

    /// RFC 5322 date, e.g. "Sun, 29 Nov 2026 01:14:43 +0000".
    static func date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: d)
    }
}
