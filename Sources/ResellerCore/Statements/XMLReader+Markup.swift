/// The pieces of markup other than tags: the XML declaration, comments, processing instructions, CDATA,
/// references and names, and the small scanning helpers.
extension XMLReader.Parser {
    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, only at the very start. Only UTF-8 (and its
    /// subset US-ASCII) is read: a file declaring another encoding would be read wrong, so it is refused.
    mutating func declaration() throws(XMLReadError) {
        guard looking(at: "<?xml"), i + 5 < b.count,
              isSpace(b[i + 5]) || b[i + 5] == UInt8(ascii: "?") else { return }
        let order = ["version", "encoding", "standalone"]
        var seen: [String] = []
        i += 5
        while true {
            let spaced = skipSpace()
            guard i < b.count else { throw fail(i, "the document ends inside the XML declaration: expected ?>") }
            if looking(at: "?>") {
                i += 2
                break
            }
            let at = i
            guard spaced, let name = name(), let rank = order.firstIndex(of: name), seen.isEmpty == (rank == 0),
                  seen.allSatisfy({ order.firstIndex(of: $0)! < rank }) else {
                throw fail(at, "\(shown(at)) in the XML declaration: expected version=\"1.0\", then "
                           + "encoding=\"UTF-8\" and standalone=\"yes\" if given, then ?>")
            }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "=") else { throw fail(i, "\(name) has no value: expected =") }
            i += 1
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'"),
                  let end = b[(i + 1)...].firstIndex(of: b[i]) else {
                throw fail(i, "the \(name) of the XML declaration is not quoted: expected \(name)=\"…\"")
            }
            let value = String(decoding: b[(i + 1)..<end], as: UTF8.self)
            i = end + 1
            seen.append(name)
            try checkDeclared(name, value, at: at)
        }
        guard seen.first == "version" else {
            throw fail(i - 1, "the XML declaration has no version: expected <?xml version=\"1.0\" …?>")
        }
    }

    private func checkDeclared(_ name: String, _ value: String, at offset: Int) throws(XMLReadError) {
        switch name {
        case "version":
            let digits = value.dropFirst(2)
            guard value.hasPrefix("1."), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail(offset, "version \"\(value)\" is not XML 1.0: expected version=\"1.0\"")
            }
        case "encoding":
            guard ["UTF-8", "UTF8", "US-ASCII"].contains(value.uppercased()) else {
                throw fail(offset, "the file declares encoding \"\(value)\": only UTF-8 is read, so save the file "
                           + "as UTF-8 and declare encoding=\"UTF-8\"")
            }
        default:
            guard value == "yes" || value == "no" else {
                throw fail(offset, "standalone=\"\(value)\": expected \"yes\" or \"no\"")
            }
        }
    }

    /// `<!-- … -->`; "--" may appear only as the end.
    mutating func comment() throws(XMLReadError) {
        let start = i
        i += 4
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "-") && b[i + 1] == UInt8(ascii: "-") {
                guard i + 2 < b.count, b[i + 2] == UInt8(ascii: ">") else {
                    throw fail(i, "\"--\" inside a comment: expected the comment to end at the first --, as -->")
                }
                i += 3
                return
            }
            i += 1
        }
        throw fail(b.count, "the document ends inside a comment begun on line \(source.line(at: start)): "
                   + "expected -->")
    }

    /// `<?target data?>`, which the reader skips; the target `xml` is the declaration's alone.
    mutating func instruction() throws(XMLReadError) {
        let start = i
        i += 2
        guard let target = name() else {
            throw fail(i, "\"<?\" starts no processing instruction: expected a name, as in <?target …?>")
        }
        if target.lowercased() == "xml" {
            throw fail(start, target == "xml"
                       ? "the XML declaration <?xml …?> must come first in the file, before anything, even spaces"
                       : "the processing instruction name \(target) is reserved: expected another name")
        }
        guard !target.contains(":") else {
            throw fail(start, "the processing instruction name \(target) has a colon: expected a name without one")
        }
        guard looking(at: "?>") || (i < b.count && isSpace(b[i])) else {
            throw fail(i, "\(shown(i)) after <?\(target): expected white space or ?>")
        }
        guard let end = find("?>") else {
            throw fail(b.count, "the document ends inside the processing instruction <?\(target) begun on line "
                       + "\(source.line(at: start)): expected ?>")
        }
        i = end + 2
    }

    /// `<![CDATA[ … ]]>`: text taken as it is written, markup characters included.
    mutating func cdata() throws(XMLReadError) {
        let start = i
        i += 9
        guard let end = find("]]>") else {
            throw fail(b.count, "the document ends inside a CDATA section begun on line \(source.line(at: start)): "
                       + "expected ]]>")
        }
        let run = b[i..<end]
        i = end + 3
        Self.appendText(run, to: &open[open.count - 1].text)
    }

    func doctype() -> XMLReadError {
        fail(i, "a DOCTYPE is refused: a bank file needs none, and the entities it may declare can expand a "
             + "small file without bound; expected the document without <!DOCTYPE …>")
    }

    /// `&name;` or `&#NNN;` / `&#xHHH;`, as the one character it stands for. Without a DTD only the five
    /// predefined entities exist.
    mutating func reference() throws(XMLReadError) -> Unicode.Scalar {
        let start = i
        i += 1
        if i < b.count && b[i] == UInt8(ascii: "#") {
            i += 1
            let hex = i < b.count && b[i] == UInt8(ascii: "x")
            if hex { i += 1 }
            var value: UInt32 = 0, digits = 0
            while i < b.count, let digit = Self.digit(b[i], hex: hex) {
                value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)   // past U+10FFFF is refused below
                digits += 1
                i += 1
            }
            guard digits > 0, i < b.count, b[i] == UInt8(ascii: ";") else {
                throw fail(start, "a character reference must be &#NNN; or &#xHHH;, as &#233; or &#xE9;")
            }
            i += 1
            guard XMLSource.isXMLChar(value), let scalar = Unicode.Scalar(value) else {
                let written = String(decoding: b[start..<i], as: UTF8.self)
                throw fail(start, "\(written) is not a character XML allows: expected a reference to text, a tab "
                           + "or a line break")
            }
            return scalar
        }
        guard let name = name(), i < b.count, b[i] == UInt8(ascii: ";") else {
            throw fail(start, "\"&\" starts no reference here: expected &amp; &lt; &gt; &quot; &apos; or &#NNN;, "
                       + "and &amp; for a literal &")
        }
        i += 1
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            throw fail(start, "unknown entity &\(name);: without a DTD XML knows only &amp; &lt; &gt; &quot; "
                       + "&apos; and character references such as &#233;")
        }
    }

    private static func digit(_ c: UInt8, hex: Bool) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The XML `Name` at the position, consumed; nil (and nothing consumed) when none starts there.
    mutating func name() -> String? {
        let start = i
        guard source.isNameStart(at: i) else { return nil }
        i += source.scalar(at: i).length
        while i < b.count {
            let length = source.nameCharLength(at: i)
            guard length > 0 else { break }
            i += length
        }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    /// Skips white space; whether there was any.
    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = i
        while i < b.count && isSpace(b[i]) { i += 1 }
        return i > start
    }

    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    func looking(at text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        return text.withUTF8Buffer { expected in (0..<count).allSatisfy { b[i + $0] == expected[$0] } }
    }

    /// Where `text` next starts at or after the position.
    func find(_ text: StaticString) -> Int? {
        let pattern = text.withUTF8Buffer { Array($0) }
        var j = i
        while j + pattern.count <= b.count {
            if b[j] == pattern[0] && b[j..<(j + pattern.count)].elementsEqual(pattern) { return j }
            j += 1
        }
        return nil
    }

    /// The character at `offset` quoted for a message ("\"x\""), or "the end" past the last byte.
    func shown(_ offset: Int) -> String {
        guard offset < b.count else { return "the end of the document" }
        let scalar = source.scalar(at: offset).scalar
        return scalar.properties.isWhitespace || scalar.value < 0x20
            ? XMLSource.codePoint(scalar.value) : "\"\(Character(scalar))\""
    }

    /// An error at `offset`; past the end it names the last line, where the document stopped.
    func fail(_ offset: Int, _ message: String) -> XMLReadError {
        XMLReadError(line: source.line(at: min(offset, b.count - 1)), message)
    }

    /// Appends character data with XML's line-break normalisation: CR LF and a lone CR are read as LF.
    static func appendText(_ run: ArraySlice<UInt8>, to text: inout [UInt8]) {
        guard run.contains(0x0D) else { return text.append(contentsOf: run) }
        var previousCR = false
        for c in run {
            if c == 0x0D {
                text.append(0x0A)
            } else if !(c == 0x0A && previousCR) {
                text.append(c)
            }
            previousCR = c == 0x0D
        }
    }
}
