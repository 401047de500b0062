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

/// Reads back the flat JSON this module writes: an array of objects whose keys and values are strings
/// without escapes (`[{"from":"2027-01-10","quantity":"2"}]`). Nil for anything else (an escape, a number,
/// spaces): the caller then uses Foundation's decoder.
enum FlatJSON {
    static func objects(_ text: String) -> [[String: String]]? {
        var out: [[String: String]] = []
        var utf8 = Array(text.utf8)[...]
        func take(_ c: UInt8) -> Bool {
            guard utf8.first == c else { return false }
            utf8.removeFirst()
            return true
        }
        func string() -> String? {
            guard take(UInt8(ascii: "\"")),
                  let end = utf8.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            let bytes = utf8[utf8.startIndex..<end]
            guard !bytes.contains(UInt8(ascii: "\\")) else { return nil }
            utf8 = utf8[(end + 1)...]
            return String(decoding: bytes, as: UTF8.self)
        }
        guard take(UInt8(ascii: "[")) else { return nil }
        if take(UInt8(ascii: "]")) { return utf8.isEmpty ? out : nil }
        repeat {
            guard take(UInt8(ascii: "{")) else { return nil }
            var object: [String: String] = [:]
            if !take(UInt8(ascii: "}")) {
                repeat {
                    guard let key = string(), take(UInt8(ascii: ":")), let value = string() else { return nil }
                    object[key] = value
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            out.append(object)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) && utf8.isEmpty ? out : nil
    }
}
