import DeskTestSupport
import Testing
@testable import ResellerCore

/// The bank files' XML reader: what it reads, what it refuses with which line, and the same trees as
/// Foundation's parser (libxml2) for every document both read.
@Suite struct XMLReaderTests {
    static func parse(_ text: String) throws(XMLReadError) -> XMLReader.Element {
        try XMLReader.parse(Array(text.utf8))
    }

    @Test func readsElementsTextAttributesAndLines() throws {
        let root = try Self.parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document>
              <Ntry n="1" kind='batch'>
                <Amt Ccy="EUR">100.00</Amt>
                <Empty/>
              </Ntry>
            </Document>
            """)
        #expect(root.name == "Document" && root.namespace == nil && root.line == 2)
        let entry = try #require(root.first("Ntry"))
        #expect(entry.line == 3 && entry.attribute("n") == "1" && entry.attribute("kind") == "batch")
        #expect(entry.attributes.map(\.name) == ["n", "kind"])
        #expect(root["Ntry/Amt"] == "100.00" && root.first("Ntry/Amt")?.line == 4)
        #expect(root.first("Ntry/Amt")?.attribute("Ccy") == "EUR")
        #expect(root.first("Ntry/Empty").map { $0.text == "" && $0.children.isEmpty && $0.line == 5 } == true)
        #expect(entry.text == "\n    \n    \n  ")
        #expect(root.all("Ntry/Missing").isEmpty && root.first("Amt") == nil)
    }

    @Test func resolvesEntitiesAndCharacterReferences() throws {
        let root = try Self.parse(#"<a t="&quot;x&apos; &lt;&amp;&gt; &#9;&#10;">&amp;&lt;&gt;&quot;&apos;"#
                                  + #" caf&#233; caf&#xE9; &#x3B1;&#x3b2; &#128512;</a>"#)
        #expect(root.text == "&<>\"' café café αβ 😀")
        #expect(root.attribute("t") == "\"x' <&> \t\n")
    }

    @Test func upperCaseXInACharacterReferenceIsRefused() {
        // XML writes hexadecimal references with a lower-case x only.
        #expect(throws: XMLReadError.self) { try Self.parse("<a>&#X3B2;</a>") }
    }

    @Test func readsCDATACommentsAndInstructions() throws {
        let root = try Self.parse("""
            <?xml version='1.0' standalone="yes"?>
            <!-- before --><?app data?>
            <a>one<![CDATA[ <b>&amp; ]] ]]>two<!-- a comment -> fine - --><?pi x?>three<![CDATA[]]></a>
            <!-- after --> <?app?>

            """)
        #expect(root.text == "one <b>&amp; ]] twothree" && root.children.isEmpty)
    }

    @Test func skipsAByteOrderMarkAndNormalisesLineBreaks() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<a>\r\n<b x=\"1\r\n2\t3\">x\ry\r\nz</b>\r<c/></a>".utf8)
        let root = try XMLReader.parse(bytes)
        #expect(root.first("b")?.text == "x\ny\nz" && root.first("b")?.attribute("x") == "1 2 3")
        #expect(root.first("b")?.line == 2 && root.first("c")?.line == 6)
    }

    @Test func resolvesNamespacesByPrefix() throws {
        let root = try Self.parse("""
            <c:Document xmlns:c="urn:camt" xmlns="urn:default" xmlns:x="urn:other">
              <c:Ntry x:note="n" plain="p"><Amt>1</Amt><c:Amt>2</c:Amt></c:Ntry>
              <Ntry xmlns="urn:camt"><Amt>3</Amt><none xmlns=""><deep/></none></Ntry>
              <x:Ntry><c:Amt>4</c:Amt></x:Ntry>
              <d:Ntry xmlns:d="urn:camt"><d:Amt xml:lang="en">5</d:Amt></d:Ntry>
            </c:Document>
            """)
        #expect(root.name == "Document" && root.namespace == "urn:camt" && root.qualifiedName == "c:Document")
        // One vocabulary, whatever the prefix: elements of another namespace never match.
        #expect(root.children("Ntry").map(\.line) == [2, 3, 5])
        #expect(root.all("Ntry/Amt").map(\.text) == ["2", "3", "5"])
        let first = try #require(root.first("Ntry"))
        #expect(first.children.map { $0.namespace } == ["urn:default", "urn:camt"])
        #expect(first.attributes == [
            XMLReader.Attribute(name: "note", namespace: "urn:other", qualifiedName: "x:note", value: "n"),
            XMLReader.Attribute(name: "plain", namespace: nil, qualifiedName: "plain", value: "p"),
        ])
        #expect(first.attribute("note") == nil && first.attribute("plain") == "p")
        let none = try #require(root.children("Ntry")[1].children.last)
        #expect(none.namespace == nil && none.children.first?.namespace == nil)
        #expect(root.all("Ntry/Amt").last?.attributes.first?.namespace == XMLReader.xmlNamespace)
    }

    // MARK: - Refusals, each with its line

    static let mismatched = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>1</MsgId></GrpHdr>
            <Stmt>
              <Id>S1</Id>
              <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
              <!-- the entry -->
              <Ntry>
                <Amt Ccy="EUR">10.00
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2024-03-05</Dt></BookgDt>
                </Amt>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """

    @Test func aMismatchedEndTagNamesBothLines() {
        #expect(throws: XMLReadError(line: 14, "</Amt> closes <Ntry>, which was opened on line 9")) {
            try Self.parse(Self.mismatched.replacingOccurrences(of: "10.00\n", with: "10.00</Amt>\n"))
        }
        #expect(throws: XMLReadError(line: 14, "</Ntry> closes <Amt>, which was opened on line 10")) {
            try Self.parse(Self.mismatched.replacingOccurrences(of: "        </Amt>\n", with: ""))
        }
    }

    /// Each refusal: the document, the line named and words the message must hold.
    static let refusals: [(String, Int, String)] = [
        ("<a>\n<b>\n", 2, "the document ends inside <b>, opened on line 2: expected </b>"),
        ("<a>\n<b></b>\n<!-- x", 3, "the document ends inside a comment begun on line 3"),
        ("<a><![CDATA[x", 1, "the document ends inside a CDATA section"),
        ("<a x=\"1", 1, "the document ends inside the value of attribute x of <a>"),
        ("<a\n  x='1'", 2, "the document ends inside the tag <a"),
        ("<a/>\n<b/>", 2, "a second root element after </a>"),
        ("<a/>\ntext", 2, "\"t\" after the root element </a>: only comments and white space may follow it"),
        ("text<a/>", 1, "\"t\" before the root element"),
        ("", 1, "the file is empty"),
        ("\u{FEFF}", 1, "the file is empty"),
        ("  \n <!-- only -->\n", 2, "the document holds no element"),
        ("<a>\n<b x=1/></a>", 2, "the value of attribute x of <b> is not quoted: expected x=\"…\""),
        ("<a>\n<b x='1' y=\"2\" x=\"3\"/></a>", 2, "attribute x appears twice in <b>"),
        ("<a xmlns:p='u' xmlns:q='u'>\n<b p:x='1' q:x='2'/></a>", 2, "attributes p:x and q:x of <b> are one attribute"),
        ("<a>\n<b x='1'y='2'/></a>", 2, "attribute y of <b> is not separated"),
        ("<a>\n<b x></b></a>", 2, "attribute x of <b> has no value"),
        ("<a>\n<b x='<'/></a>", 2, "\"<\" in the value of attribute x of <b>"),
        ("<a>\n&nbsp;</a>", 2, "unknown entity &nbsp;"),
        ("<a>\nfish & chips</a>", 2, "\"&\" starts no reference here"),
        ("<a>\n&#0;</a>", 2, "&#0; is not a character XML allows"),
        ("<a>\n&#xD800;</a>", 2, "&#xD800; is not a character XML allows"),
        ("<a>\n&#x110000;</a>", 2, "&#x110000; is not a character XML allows"),
        ("<a>\n&#12a;</a>", 2, "a character reference must be &#NNN; or &#xHHH;"),
        ("<a>\nx ]]> y</a>", 2, "\"]]>\" in text"),
        ("<a>\n<!-- a -- b --></a>", 2, "\"--\" inside a comment"),
        ("<a>\n< b/></a>", 2, "\"<\" starts no tag here"),
        ("<a>\n<1b/></a>", 2, "\"<\" starts no tag here"),
        ("<a>\n</></a>", 2, "\"</\" starts no end tag"),
        ("<a>\n<b></b </a>", 2, "the end tag </b is not closed"),
        ("<a>\n<!foo></a>", 2, "\"<!\" starts no comment or CDATA section"),
        ("<a>\n<b/ ></a>", 2, "\"/\" in the tag <b>"),
        ("</a>", 1, "before the root element"),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n]>\n<lolz>&lol;</lolz>", 2,
         "a DOCTYPE is refused"),
        ("<a>\n<!DOCTYPE a></a>", 2, "a DOCTYPE is refused"),
        (" <?xml version=\"1.0\"?><a/>", 1, "the XML declaration <?xml …?> must come first"),
        ("<!-- x -->\n<?xml version=\"1.0\"?><a/>", 2, "the XML declaration <?xml …?> must come first"),
        ("<?xml encoding=\"UTF-8\"?><a/>", 1, "in the XML declaration: expected version=\"1.0\""),
        ("<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?><a/>", 1, "in the XML declaration"),
        ("<?xml version=\"2.0\"?><a/>", 1, "version \"2.0\" is not XML 1.0"),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a/>", 1,
         "the file declares encoding \"ISO-8859-1\": only UTF-8 is read"),
        ("<?xml version=\"1.0\" standalone=\"maybe\"?><a/>", 1, "standalone=\"maybe\": expected \"yes\" or \"no\""),
        ("<?xml version=\"1.0\"", 1, "the document ends inside the XML declaration"),
        ("<a>\n<?XML x?></a>", 2, "the processing instruction name XML is reserved"),
        ("<a>\n<?pi", 2, "after <?pi: expected white space or ?>"),
        ("<a>\n<?pi x", 2, "the document ends inside the processing instruction <?pi"),
        ("<a>\n<p:b/></a>", 2, "the namespace prefix p of <p:b> is not declared"),
        ("<a>\n<b p:x='1'/></a>", 2, "the namespace prefix p of attribute p:x is not declared"),
        ("<a>\n<b xmlns:p=''/></a>", 2, "xmlns:p=\"\" would undeclare a prefix"),
        ("<a>\n<b xmlns:xmlns='u'/></a>", 2, "the prefix xmlns is reserved"),
        ("<a>\n<b xmlns:xml='u'/></a>", 2, "the prefix xml belongs to"),
        ("<a>\n<b xmlns:p='http://www.w3.org/XML/1998/namespace'/></a>", 2, "the prefix xml belongs to"),
        ("<a>\n<b xmlns='http://www.w3.org/XML/1998/namespace'/></a>", 2, "that namespace belongs to the prefix xml"),
        ("<a xmlns:p='u'>\n<p:b:c/></a>", 2, "p:b:c is not a qualified name"),
        ("<a xmlns:p='u'>\n<p:/></a>", 2, "p: is not a qualified name"),
        ("<a>\n<b>\u{1}</b></a>", 2, "character U+0001 is not allowed in XML"),
        ("<a>\n\n<b>\u{FFFF}</b></a>", 3, "character U+FFFF is not allowed in XML"),
    ]

    @Test(arguments: refusals)
    func refusesMalformedDocumentsNamingTheLine(document: String, line: Int, words: String) {
        do {
            let root = try Self.parse(document)
            Issue.record("read \(root.qualifiedName) from \(document.debugDescription)")
        } catch {
            #expect(error.line == line, "\(document.debugDescription): \(error)")
            #expect(error.message.contains(words), "\(document.debugDescription): \(error)")
            #expect(error.description == "line \(error.line): \(error.message)")
        }
    }

    @Test func refusesBytesThatAreNotUTF8NamingTheLine() {
        let latin1: [UInt8] = Array("<a>\n<b>caf".utf8) + [0xE9] + Array("</b>\n</a>".utf8)
        #expect(throws: XMLReadError(line: 2, "the file is not UTF-8 (byte 0xE9 starts no UTF-8 character here): "
                                     + "expected UTF-8, so save the file as UTF-8")) { try XMLReader.parse(latin1) }
        let cases: [[UInt8]] = [
            [0xC0, 0xAF],                // an overlong "/"
            [0xED, 0xA0, 0x80],          // a surrogate
            [0xF4, 0x90, 0x80, 0x80],    // past U+10FFFF
            [0xE2, 0x82],                // cut short
            [0x80],                      // a continuation byte alone
            [0xFF],
        ]
        for bad in cases {
            let bytes = Array("<a>\n\n".utf8) + bad + Array("</a>".utf8)
            do {
                _ = try XMLReader.parse(bytes)
                Issue.record("read \(bad)")
            } catch {
                #expect(error.line == 3 && error.message.contains("not UTF-8"), "\(bad): \(error)")
            }
        }
        for utf16: [UInt8] in [[0xFF, 0xFE, 0x3C, 0x00], [0xFE, 0xFF, 0x00, 0x3C], [0x3C, 0x00, 0x61, 0x00]] {
            let expected = XMLReadError(line: 1, "the file is UTF-16 or UTF-32: expected UTF-8, so save it as UTF-8")
            #expect(throws: expected) { try XMLReader.parse(utf16 + [0x3E, 0x00]) }
        }
    }

    @Test func refusesNestingPastTheLimit() throws {
        let depth = XMLReader.maxDepth
        let fits = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(try Self.parse(fits).name == "a")
        let deep = String(repeating: "<a>\n", count: depth + 1) + String(repeating: "</a>", count: depth + 1)
        #expect(throws: XMLReadError(line: depth + 1, "<a> is nested \(depth + 1) deep: expected at most \(depth) "
                                     + "levels (a bank statement needs about a dozen)")) { try Self.parse(deep) }
    }

    // MARK: - The same trees as Foundation's parser

    /// Valid documents, some odd: every one must read, and read as FoundationXML reads it.
    static var wellFormed: [String] {
        let versions = CamtReaderTests.everyVersion.map { String(decoding: $0.bytes, as: UTF8.self) }
        return versions + [
            "<a/>",
            "<?xml version=\"1.0\"?><a></a>",
            "<?xml version='1.0' encoding='utf-8' standalone='no' ?>\n<a  x = '1'\n\ty=\"2\" ></a >",
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>",
            "<a>&amp;&lt;&gt;&quot;&apos;&#233;&#xe9;&#x1F600;</a>",
            "<a><![CDATA[<not a='tag'>&amp;]]>tail<![CDATA[]]]]><![CDATA[>]]></a>",
            "<a>one<!--c-->two<?pi data?>three</a>",
            "<!--c--><?pi?><a/><!--d--><?e f?>\n\n",
            "<a>\r\nline\rnext\r\n</a>",
            "<a x='&#10;&#9;&#13;' y='a\tb\nc'>v</a>",
            "<a x='\"' y=\"'\">&gt;]]&gt;]></a>",
            "<Ελληνικά όνομα='τιμή'><名前>値</名前><a.b-c_d·e/></Ελληνικά>",
            "<r xmlns='urn:1' xmlns:p='urn:2'><p:a p:x='1' x='2'/><b xmlns=''/><p:c xmlns:p='urn:3'/></r>",
            "<r xmlns:p='urn:2'><p:a xml:lang='en' xml:space='preserve'>  </p:a></r>",
            "<a>   <b>x</b>   <c/>\n</a>",
            "<a>\(String(repeating: "long text ", count: 2000))</a>",
        ]
    }

    @Test func readsAsFoundationDoes() throws {
        for document in Self.wellFormed {
            let bytes = Array(document.utf8)
            let ours = try SeenElement(XMLReader.parse(bytes))
            guard SeenElement.foundationCanRead(bytes) else { continue }
            let theirs = try #require(SeenElement.foundation(bytes), "FoundationXML refused \(document.prefix(200))")
            #expect(ours == theirs, "\(document.prefix(200))\nours:   \(ours)\ntheirs: \(theirs)")
        }
    }

    @Test func refusesWhatFoundationRefuses() throws {
        let documents = Self.refusals.map(\.0) + [Self.mismatched]
        for document in documents where SeenElement.foundationCanRead(Array(document.utf8))
            && SeenElement.foundation(Array(document.utf8)) == nil {
            #expect((try? Self.parse(document)) == nil, "read what FoundationXML refuses: \(document.debugDescription)")
        }
    }

    /// Thousands of small damages to a statement (a byte cut or doubled, markup put in): whatever FoundationXML
    /// refuses is refused, and whatever both read reads the same. (Foundation reads some that are not XML:
    /// a mismatched end tag near the end, an undeclared attribute prefix; those are refused here.)
    @Test func agreesWithFoundationOnDamagedStatements() throws {
        let original = CamtReaderTests.sample(.statement, version: 8).bytes
        let insertions = ["<", ">", "&", "\"", "'", "/", "=", " ", "]", "!", "?", "-", ":", "é", "\u{1}"]
        var refusedByBoth = 0, readByBoth = 0, onlyFoundationRead = 0, skipped = 0
        for position in stride(from: 0, to: original.count, by: 37) {
            // A byte cut, doubled, or some markup put before it.
            let damages: [(inout [UInt8]) -> Void] = [
                { _ = $0.remove(at: position) }, { $0.insert(original[position], at: position) },
            ] + insertions.map { text in { $0.insert(contentsOf: text.utf8, at: position) } }
            for damage in damages {
                var bytes = original
                damage(&bytes)
                guard SeenElement.foundationCanRead(bytes) else {
                    skipped += 1
                    continue
                }
                let theirs = SeenElement.foundation(bytes)
                let ours = try? XMLReader.parse(bytes)
                switch (ours, theirs) {
                case (nil, nil): refusedByBoth += 1
                case (let ours?, let theirs?):
                    readByBoth += 1
                    #expect(SeenElement(ours) == theirs, "\(String(decoding: bytes, as: UTF8.self))")
                case (nil, _?): onlyFoundationRead += 1
                case (_?, nil):
                    Issue.record("read what FoundationXML refuses: \(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
        #expect(refusedByBoth > 1000 && readByBoth > 1000, "\(refusedByBoth) refused, \(readByBoth) read")
        print("damaged statements: \(refusedByBoth) refused by both, \(readByBoth) read by both, "
              + "\(onlyFoundationRead) read by Foundation alone, \(skipped) not for Foundation")
    }
}
