/// The bytes of an XML document, checked once to be UTF-8 holding only characters XML 1.0 allows, with where
/// each line starts. The reader then works on bytes (every character of markup is ASCII, and a slice between
/// two ASCII bytes is whole UTF-8), and any offset names its line without counting as it goes.
struct XMLSource {
    let bytes: [UInt8]
    /// The offset of the first character: 3 past a UTF-8 byte order mark, else 0.
    let start: Int
    /// The offset each line starts at, ascending; line 1 starts at `start`.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) throws(XMLReadError) {
        self.bytes = bytes
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.prefix(4).contains(0) {
            throw XMLReadError(line: 1, "the file is UTF-16 or UTF-32: expected UTF-8, so save it as UTF-8")
        }
        start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard start < bytes.count else { throw XMLReadError(line: 1, "the file is empty: expected an XML document") }
        lineStarts = try Self.check(bytes, from: start)
    }

    /// The 1-based line of `offset`.
    func line(at offset: Int) -> Int {
        var low = 0, high = lineStarts.count   // the count of line starts at or before `offset`
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return max(low, 1)
    }

    /// The scalar starting at `offset` and its length in bytes; the bytes are known to be valid UTF-8.
    func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b0 = UInt32(bytes[offset])
        func next(_ k: Int) -> UInt32 { UInt32(bytes[offset + k] & 0x3F) }
        switch b0 {
        case ..<0x80: return (Unicode.Scalar(b0)!, 1)
        case ..<0xE0: return (Unicode.Scalar((b0 & 0x1F) << 6 | next(1))!, 2)
        case ..<0xF0: return (Unicode.Scalar((b0 & 0x0F) << 12 | next(1) << 6 | next(2))!, 3)
        default: return (Unicode.Scalar((b0 & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3))!, 4)
        }
    }

    /// Whether an XML `Name` starts at `offset`.
    func isNameStart(at offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        let c = bytes[offset]
        if c < 0x80 { return Self.asciiName[Int(c)] == 2 }
        return Self.isNameStart(scalar(at: offset).scalar)
    }

    /// The length in bytes of the `NameChar` at `offset`, 0 when there is none.
    func nameCharLength(at offset: Int) -> Int {
        let c = bytes[offset]
        if c < 0x80 { return Self.asciiName[Int(c)] == 0 ? 0 : 1 }
        let (s, length) = scalar(at: offset)
        return isNameChar(s) ? length : 0
    }

    /// For each ASCII byte: 2 when it may start a name, 1 when it may only continue one, 0 otherwise. A table,
    /// as names are most of what the reader reads.
    private static let asciiName: [UInt8] = (0..<128).map { c in
        let s = Unicode.Scalar(UInt8(c))
        return isNameStart(s) ? 2 : isNameChar(s) ? 1 : 0
    }

    /// XML 1.0 (fifth edition) `NameStartChar`: letters of every script, "_" and ":", not digits or marks.
    static func isNameStart(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3A, 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
             0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    /// XML 1.0 `NameChar`: a `NameStartChar`, or "-", ".", a digit, U+00B7 and the combining marks.
    func isNameChar(_ s: Unicode.Scalar) -> Bool { Self.isNameChar(s) }

    static func isNameChar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isNameStart(s)
        }
    }

    /// XML 1.0's `Char`: tab, line feed, carriage return and everything from space up, except surrogates and
    /// U+FFFE, U+FFFF. Anything else cannot appear in a document, not even as a character reference.
    static func isXMLChar(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Validates the UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF) and the characters, and
    /// notes where lines start: after a line feed, after a carriage return not followed by one (XML reads
    /// CR LF and a lone CR as one line break each).
    private static func check(_ b: [UInt8], from start: Int) throws(XMLReadError) -> [Int] {
        var starts = [start]
        var i = start
        let n = b.count
        while i < n {
            let b0 = b[i]
            if b0 >= 0x20 && b0 < 0x80 {   // the common case first: printable ASCII
                i += 1
                continue
            }
            if b0 < 0x80 {
                if b0 == 0x0A || (b0 == 0x0D && (i + 1 == n || b[i + 1] != 0x0A)) { starts.append(i + 1) }
                guard isXMLChar(UInt32(b0)) else { throw forbidden(UInt32(b0), line: starts.count) }
                i += 1
                continue
            }
            let length: Int, low: UInt8, high: UInt8   // the range of the second byte, which excludes
            switch b0 {                               // overlong forms, surrogates and values past U+10FFFF
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: throw notUTF8(b0, line: starts.count)
            }
            guard i + length <= n else { throw notUTF8(b0, line: starts.count) }
            guard (low...high).contains(b[i + 1]) else { throw notUTF8(b0, line: starts.count) }
            for k in 2..<max(length, 2) where !(0x80...0xBF).contains(b[i + k]) {
                throw notUTF8(b0, line: starts.count)
            }
            var value = UInt32(b0) & (0xFF >> (length + 1))
            for k in 1..<length { value = value << 6 | UInt32(b[i + k] & 0x3F) }
            guard isXMLChar(value) else { throw forbidden(value, line: starts.count) }
            i += length
        }
        return starts
    }

    /// Names the byte a malformed sequence starts with: in a file saved as Latin-1, the "é" of "café".
    private static func notUTF8(_ byte: UInt8, line: Int) -> XMLReadError {
        let hex = String(byte, radix: 16, uppercase: true)
        return XMLReadError(line: line, "the file is not UTF-8 (byte 0x\(hex) starts no UTF-8 character here): "
                            + "expected UTF-8, so save the file as UTF-8")
    }

    private static func forbidden(_ value: UInt32, line: Int) -> XMLReadError {
        XMLReadError(line: line, "character \(codePoint(value)) is not allowed in XML: expected text, tabs and "
                     + "line breaks")
    }

    /// "U+0007": how a message names a character that cannot be shown.
    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
