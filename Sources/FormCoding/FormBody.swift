/// An `application/x-www-form-urlencoded` body (or query string), decoded. Pure, so the fuzzer can drive it.
/// Refuses what a browser never sends: bad percent escapes, invalid UTF-8, NUL, more than `maxFields`
/// fields or a value over `maxValue` bytes.
public struct FormBody: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)] = []

    public enum Failure: Error, Equatable {
        case malformed(String)
    }

    public static let maxFields = 400
    public static let maxValue = 4096

    public init(fields: [(name: String, value: String)]) { self.fields = fields }

    public static func == (a: FormBody, b: FormBody) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> FormBody {
        var form = FormBody(fields: [])
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard form.fields.count < maxFields else { throw .malformed("more than \(maxFields) fields") }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decode(parts[0]), value = parts.count > 1 ? try decode(parts[1]) : ""
            guard value.utf8.count <= maxValue else { throw .malformed("the field \(name.prefix(40)) is longer than \(maxValue) bytes") }
            form.fields.append((name, value))
        }
        return form
    }

    static func decode(_ part: some Collection<UInt8>) throws(Failure) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(part.count)
        var i = part.startIndex
        while i != part.endIndex {
            let b = part[i]
            if b == UInt8(ascii: "+") {
                out.append(0x20)
            } else if b == UInt8(ascii: "%") {
                let h = part.index(after: i)
                guard h != part.endIndex, part.index(after: h) != part.endIndex,
                      let hi = hex(part[h]), let lo = hex(part[part.index(after: h)]) else { throw .malformed("a bad % escape") }
                out.append(hi << 4 | lo)
                i = part.index(after: h)
            } else {
                out.append(b)
            }
            i = part.index(after: i)
        }
        guard !out.contains(0), let text = String(validating: out, as: UTF8.self) else { throw .malformed("text that is not UTF-8") }
        return text
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The first value of `name`, or "" when absent.
    public subscript(_ name: String) -> String { fields.first { $0.name == name }?.value ?? "" }
}
