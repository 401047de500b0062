/// A small, strict XML 1.0 reader in plain Swift: bank files are read without linking FoundationXML and
/// libxml2 into the binary, which would cost every start of the terminal its loading time.
///
/// It reads what banks deliver and refuses the rest with the line at fault: one root element, tags that
/// match, quoted and unique attributes, the XML declaration, comments, processing instructions, CDATA, the
/// five predefined entities and character references, a UTF-8 byte order mark, and namespaces resolved by
/// prefix. A DOCTYPE is refused outright: a bank statement needs none, and entity declarations are how a
/// small file expands into gigabytes. Input that is not UTF-8 is refused, naming the line.
public enum XMLReader {
    /// The deepest nesting read. A camt statement nests about a dozen levels; the limit keeps a hostile file
    /// from building a tree too deep to walk or free without exhausting the stack.
    public static let maxDepth = 256

    /// The namespace the prefix `xml` is bound to in every document.
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    /// The root element of the document in `bytes`, with everything below it.
    public static func parse(_ bytes: [UInt8]) throws(XMLReadError) -> Element {
        var parser = Parser(source: try XMLSource(bytes))
        return try parser.document()
    }

    /// The reader's state: the position in the bytes and the elements opened and not yet closed.
    struct Parser {
        let source: XMLSource
        let b: [UInt8]
        var i: Int
        var open: [Frame] = []
        var root: Element?

        init(source: XMLSource) {
            self.source = source
            b = source.bytes
            i = source.start
        }
    }

    /// An element whose start tag was read and whose end tag was not yet.
    struct Frame {
        let qualifiedName: String
        let prefix: String?
        let local: String
        let line: Int
        /// The namespace declarations of this start tag: prefix ("" for the default namespace) and URI.
        let declarations: [(prefix: String, uri: String)]
        var namespace: String?
        var attributes: [Attribute] = []
        var text: [UInt8] = []
        var children: [Element] = []
    }
}

extension XMLReader.Parser {
    typealias Element = XMLReader.Element

    mutating func document() throws(XMLReadError) -> Element {
        try declaration()
        try misc()
        guard i < b.count else {
            throw fail(i, "the document holds no element: expected a root element such as <Document>")
        }
        try startTag()
        while !open.isEmpty { try content() }
        guard let root else { throw fail(i, "the document holds no element") }
        try misc()
        return root
    }

    /// White space, comments and processing instructions: all that may stand before and after the root.
    mutating func misc() throws(XMLReadError) {
        while true {
            skipSpace()
            guard i < b.count else { return }
            if looking(at: "<!--") {
                try comment()
            } else if looking(at: "<?") {
                try instruction()
            } else if looking(at: "<!DOCTYPE") {
                throw doctype()
            } else if let root {
                if b[i] == UInt8(ascii: "<"), i + 1 < b.count, source.isNameStart(at: i + 1) {
                    throw fail(i, "a second root element after </\(root.qualifiedName)>: a document has one "
                               + "root element and everything else inside it")
                }
                throw fail(i, "\(shown(i)) after the root element </\(root.qualifiedName)>: only comments and "
                           + "white space may follow it")
            } else if b[i] == UInt8(ascii: "<") && !looking(at: "</") {
                return
            } else {
                throw fail(i, "\(shown(i)) before the root element: expected the document to start with an "
                           + "element such as <Document>")
            }
        }
    }

    /// One piece of an open element's content: text, a reference, a tag, a comment, CDATA or an instruction.
    mutating func content() throws(XMLReadError) {
        guard i < b.count else {
            let top = open[open.count - 1]
            throw fail(i, "the document ends inside <\(top.qualifiedName)>, opened on line \(top.line): "
                       + "expected </\(top.qualifiedName)>")
        }
        switch b[i] {
        case UInt8(ascii: "<"):
            switch i + 1 < b.count ? b[i + 1] : 0 {
            case UInt8(ascii: "/"):
                try endTag()
            case UInt8(ascii: "?"):
                try instruction()
            case UInt8(ascii: "!"):
                if looking(at: "<!--") {
                    try comment()
                } else if looking(at: "<![CDATA[") {
                    try cdata()
                } else if looking(at: "<!DOCTYPE") {
                    throw doctype()
                } else {
                    throw fail(i, "\"<!\" starts no comment or CDATA section here: expected <!-- or <![CDATA[")
                }
            default:
                try startTag()
            }
        case UInt8(ascii: "&"):
            let scalar = try reference()
            open[open.count - 1].text.append(contentsOf: Array(String(scalar).utf8))
        default:
            try characters()
        }
    }

    /// Character data up to the next markup; "]]>" may not appear in it, as it would look like a CDATA end.
    mutating func characters() throws(XMLReadError) {
        var j = i
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: "<") || c == UInt8(ascii: "&") { break }
            if c == UInt8(ascii: "]"), j + 2 < b.count, b[j + 1] == c, b[j + 2] == UInt8(ascii: ">") {
                throw fail(j, "\"]]>\" in text: expected it written as ]]&gt;")
            }
            j += 1
        }
        let run = b[i..<j]
        i = j
        Self.appendText(run, to: &open[open.count - 1].text)
    }

    /// `<name attributes>` or `<name attributes/>`.
    mutating func startTag() throws(XMLReadError) {
        let tagStart = i
        i += 1
        guard let qname = name() else {
            throw fail(tagStart, "\"<\" starts no tag here: expected a name, as in <Amt>, or &lt; for a literal <")
        }
        var raw: [(name: String, value: String, offset: Int)] = []
        var empty = false
        while true {
            let spaced = skipSpace()
            guard i < b.count else { throw fail(i, "the document ends inside the tag <\(qname): expected >") }
            if b[i] == UInt8(ascii: ">") {
                i += 1
                break
            }
            if b[i] == UInt8(ascii: "/") {
                guard i + 1 < b.count, b[i + 1] == UInt8(ascii: ">") else {
                    throw fail(i, "\"/\" in the tag <\(qname)>: expected /> to end it")
                }
                i += 2
                empty = true
                break
            }
            let attrStart = i
            guard let attr = name() else {
                throw fail(i, "\(shown(i)) in the tag <\(qname)>: expected an attribute name, > or />")
            }
            guard spaced else {
                throw fail(attrStart, "attribute \(attr) of <\(qname)> is not separated from what precedes it: "
                           + "expected white space before it")
            }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "=") else {
                throw fail(i, "attribute \(attr) of <\(qname)> has no value: expected \(attr)=\"…\"")
            }
            i += 1
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else {
                throw fail(i, "the value of attribute \(attr) of <\(qname)> is not quoted: expected \(attr)=\"…\"")
            }
            let value = try attributeValue(attr, of: qname)
            guard !raw.contains(where: { $0.name == attr }) else {
                throw fail(attrStart, "attribute \(attr) appears twice in <\(qname)>: expected it once")
            }
            raw.append((attr, value, attrStart))
        }
        try push(qname, raw, at: tagStart)
        if empty { close() }
    }

    /// An attribute's quoted value: references resolved, each tab and line break written as such read as a
    /// space (XML's normalisation, so a value means the same however the file wraps it).
    mutating func attributeValue(_ attr: String, of qname: String) throws(XMLReadError) -> String {
        let quote = b[i]
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else {
                throw fail(i, "the document ends inside the value of attribute \(attr) of <\(qname)>: "
                           + "expected a closing quote")
            }
            let c = b[i]
            switch c {
            case quote:
                i += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "<"):
                throw fail(i, "\"<\" in the value of attribute \(attr) of <\(qname)>: expected it written as &lt;")
            case UInt8(ascii: "&"):
                out.append(contentsOf: Array(String(try reference()).utf8))
            case 0x0D:
                out.append(0x20)
                i += i + 1 < b.count && b[i + 1] == 0x0A ? 2 : 1
            case 0x09, 0x0A:
                out.append(0x20)
                i += 1
            default:
                out.append(c)
                i += 1
            }
        }
    }

    /// Opens an element: its namespace declarations take effect on the element itself, then its name and
    /// its attributes' names are resolved.
    mutating func push(_ qname: String, _ raw: [(name: String, value: String, offset: Int)],
                       at tagStart: Int) throws(XMLReadError) {
        guard open.count < XMLReader.maxDepth else {
            throw fail(tagStart, "<\(qname)> is nested \(XMLReader.maxDepth + 1) deep: expected at most "
                       + "\(XMLReader.maxDepth) levels (a bank statement needs about a dozen)")
        }
        var declarations: [(prefix: String, uri: String)] = []
        var plain: [(name: String, value: String, offset: Int)] = []
        for attribute in raw {
            if attribute.name == "xmlns" {
                guard attribute.value != XMLReader.xmlNamespace && attribute.value != XMLReader.xmlnsNamespace else {
                    throw fail(attribute.offset, "xmlns=\"\(attribute.value)\" is not allowed: that namespace "
                               + "belongs to the prefix \(attribute.value == XMLReader.xmlNamespace ? "xml" : "xmlns")")
                }
                declarations.append(("", attribute.value))
            } else if attribute.name.hasPrefix("xmlns:") {
                let prefix = String(attribute.name.dropFirst(6))
                try checkDeclaration(prefix, attribute.value, at: attribute.offset)
                declarations.append((prefix, attribute.value))
            } else {
                plain.append(attribute)
            }
        }
        let (prefix, local) = try split(qname, at: tagStart)
        open.append(XMLReader.Frame(qualifiedName: qname, prefix: prefix, local: local,
                                    line: source.line(at: tagStart), declarations: declarations))
        let namespace: String?
        if let prefix {
            guard let uri = lookup(prefix) else {
                throw fail(tagStart, "the namespace prefix \(prefix) of <\(qname)> is not declared: expected "
                           + "xmlns:\(prefix)=\"…\" on it or on an element around it")
            }
            namespace = uri
        } else {
            namespace = lookup("").flatMap { $0.isEmpty ? nil : $0 }
        }
        var attributes: [XMLReader.Attribute] = []
        for attribute in plain {
            let (prefix, local) = try split(attribute.name, at: attribute.offset)
            var uri: String?
            if let prefix {
                uri = lookup(prefix)
                guard uri != nil else {
                    throw fail(attribute.offset, "the namespace prefix \(prefix) of attribute \(attribute.name) "
                               + "is not declared: expected xmlns:\(prefix)=\"…\" on <\(qname)> or around it")
                }
            }
            if let same = attributes.first(where: { $0.name == local && $0.namespace == uri }) {
                throw fail(attribute.offset, "attributes \(same.qualifiedName) and \(attribute.name) of "
                           + "<\(qname)> are one attribute, as their prefixes stand for one namespace: "
                           + "expected it once")
            }
            attributes.append(XMLReader.Attribute(name: local, namespace: uri, qualifiedName: attribute.name,
                                                  value: attribute.value))
        }
        open[open.count - 1].namespace = namespace
        open[open.count - 1].attributes = attributes
    }

    /// The rules of XML namespaces for `xmlns:prefix="uri"`.
    func checkDeclaration(_ prefix: String, _ uri: String, at offset: Int) throws(XMLReadError) {
        if prefix == "xmlns" {
            throw fail(offset, "the prefix xmlns is reserved: expected another prefix")
        }
        if prefix.contains(":") || prefix.isEmpty {
            throw fail(offset, "xmlns:\(prefix) declares no valid prefix: expected a name without a colon")
        }
        if (prefix == "xml") != (uri == XMLReader.xmlNamespace) || uri == XMLReader.xmlnsNamespace {
            throw fail(offset, "xmlns:\(prefix)=\"\(uri)\" is not allowed: the prefix xml belongs to "
                       + "\(XMLReader.xmlNamespace) alone, and xmlns is bound to no prefix")
        }
        if uri.isEmpty {
            throw fail(offset, "xmlns:\(prefix)=\"\" would undeclare a prefix, which XML 1.0 does not allow: "
                       + "expected a namespace URI")
        }
    }

    /// "camt:Ntry" → ("camt", "Ntry"); "Ntry" → (nil, "Ntry"). A name with more colons, or one at either end,
    /// is no qualified name.
    func split(_ qname: String, at offset: Int) throws(XMLReadError) -> (prefix: String?, local: String) {
        let parts = qname.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1 { return (nil, qname) }
        guard parts.count == 2, !parts[0].isEmpty, let first = parts[1].unicodeScalars.first,
              XMLSource.isNameStart(first) else {
            throw fail(offset, "\(qname) is not a qualified name: expected a name with at most one colon between "
                       + "a prefix and a local name, as in camt:Ntry")
        }
        return (String(parts[0]), String(parts[1]))
    }

    /// The URI `prefix` stands for in the innermost open element ("" for the default namespace).
    func lookup(_ prefix: String) -> String? {
        if prefix == "xml" { return XMLReader.xmlNamespace }
        for frame in open.reversed() {
            if let declaration = frame.declarations.last(where: { $0.prefix == prefix }) { return declaration.uri }
        }
        return nil
    }

    /// `</name>`, which must close the innermost open element.
    mutating func endTag() throws(XMLReadError) {
        let tagStart = i
        i += 2
        guard let qname = name() else {
            throw fail(i, "\"</\" starts no end tag here: expected a name, as in </Amt>")
        }
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: ">") else {
            throw fail(i, "the end tag </\(qname) is not closed: expected >")
        }
        i += 1
        let top = open[open.count - 1]
        guard top.qualifiedName == qname else {
            throw fail(tagStart, "</\(qname)> closes <\(top.qualifiedName)>, which was opened on line \(top.line)")
        }
        close()
    }

    /// Closes the innermost element: it becomes a child of the one around it, or the root.
    mutating func close() {
        let frame = open.removeLast()
        let element = Element(name: frame.local, namespace: frame.namespace, qualifiedName: frame.qualifiedName,
                              attributes: frame.attributes, text: String(decoding: frame.text, as: UTF8.self),
                              children: frame.children, line: frame.line)
        if open.isEmpty { root = element } else { open[open.count - 1].children.append(element) }
    }
}
