/// Writes the JSON stored in rows (audit changes, outbox parameters): compact, keys sorted so stored
/// values diff cleanly. Hand-written because it runs for every change, and Foundation's JSONEncoder cost a
/// third of bulk-import time.
enum CompactJSON {
    static func encode(_ object: [String: String]) -> String {
        var out = "{"
        for (n, key) in object.keys.sorted().enumerated() {
            if n > 0 { out += "," }
            string(key, into: &out)
            out += ":"
            string(object[key]!, into: &out)
        }
        return out + "}"
    }

    /// Audit changes: field → [old, new], null for "not set".
    static func encode(_ changes: [String: [String?]]) -> String {
        var out = "{"
        for (n, key) in changes.keys.sorted().enumerated() {
            if n > 0 { out += "," }
            string(key, into: &out)
            out += ":["
            for (m, value) in changes[key]!.enumerated() {
                if m > 0 { out += "," }
                if let value { string(value, into: &out) } else { out += "null" }
            }
            out += "]"
        }
        return out + "}"
    }

    private static func string(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
