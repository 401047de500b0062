/// Writes the JSON stored in rows (audit changes, outbox parameters): compact, keys sorted so stored
/// values diff cleanly. Hand-written because it runs for every change, and Foundation's JSONEncoder cost a
/// third of bulk-import time.
enum CompactJSON {
    static func encode(_ object: [String: String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (n, key) in object.keys.sorted().enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            string(key, into: &out)
            out.append(UInt8(ascii: ":"))
            string(object[key]!, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Audit changes: field → [old, new], null for "not set".
    static func encode(_ changes: [String: [String?]]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (n, key) in changes.keys.sorted().enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            string(key, into: &out)
            out += ":[".utf8
            for (m, value) in changes[key]!.enumerated() {
                if m > 0 { out.append(UInt8(ascii: ",")) }
                if let value { string(value, into: &out) } else { out += "null".utf8 }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` as a JSON string, its bytes appended to `out`. Written over bytes, the runs between escapes copied
    /// whole: an invoice email carries its document (JSON, kilobytes, a quote every few bytes) as a parameter,
    /// and appending one scalar at a time to a String was a tenth of a billing run.
    static func string(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count + bytes.count / 4 + 2)
            out.append(UInt8(ascii: "\""))
            var run = 0
            for i in bytes.indices {
                let c = bytes[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                switch c {
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case UInt8(ascii: "\n"): out += #"\n"#.utf8
                case UInt8(ascii: "\r"): out += #"\r"#.utf8
                case UInt8(ascii: "\t"): out += #"\t"#.utf8
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out += #"\u00"#.utf8
                    out.append(hex[Int(c >> 4)])
                    out.append(hex[Int(c & 0xf)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            out.append(UInt8(ascii: "\""))
        }
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
