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

    /// `s` as a JSON string. The runs between characters that need an escape are appended whole (an
    /// invoice email's document is kilobytes, appended one scalar at a time it was a tenth of a billing run).
    static func string(_ s: String, into out: inout String) {
        out += "\""
        var s = s
        s.withUTF8 { b in
            var start = 0
            for i in 0..<b.count {
                let c = b[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                if start < i { out += String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self) }
                start = i + 1
                switch c {
                case UInt8(ascii: "\""): out += "\\\""
                case UInt8(ascii: "\\"): out += "\\\\"
                case UInt8(ascii: "\n"): out += "\\n"
                case UInt8(ascii: "\r"): out += "\\r"
                case UInt8(ascii: "\t"): out += "\\t"
                default:
                    let hex = String(c, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
            if start < b.count { out += String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self) }
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
