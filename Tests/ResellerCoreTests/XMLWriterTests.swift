import DeskTestSupport
import Testing
@testable import ResellerCore

@Suite struct XMLWriterTests {
    static let hostile = "Alpha & <Omega> \"Ελληνική\" ΑΕ > 'x' ]]> &amp;"

    @Test func theOneEscapingRule() {
        #expect(XMLWriter.escaped(Self.hostile)
                == "Alpha &amp; &lt;Omega&gt; &quot;Ελληνική&quot; ΑΕ &gt; 'x' ]]&gt; &amp;amp;")
        // What XML 1.0 cannot hold at all is dropped; tab and line breaks stay.
        #expect(XMLWriter.escaped("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i") == "abcdefghi")
        #expect(XMLWriter.escaped("one\ttwo\nthree") == "one\ttwo\nthree")
        #expect(XMLWriter.escaped("Ω😀€") == "Ω😀€")
    }

    /// Text and attribute values come back from Foundation's parser as they were given, in UTF-8.
    @Test func textAndAttributesRoundTripThroughAParser() throws {
        var w = XMLWriter()
        w.element("doc", ["xmlns:cbc": "urn:example", "note": Self.hostile]) { w in
            w.element("cbc:Name", text: Self.hostile)
            w.element("group") { w in w.element("item", ["n": "1"], text: "Ωμέγα\u{7}") }
            w.element("skipped", ifPresent: "  ")
            w.element("skipped", ifPresent: nil)
            w.element("kept", ifPresent: "x")
        }
        let x = try XMLTree.parse(w.bytes)
        #expect(x.name == "doc" && x.attributes["note"] == Self.hostile)
        #expect(x["cbc:Name"] == Self.hostile)
        #expect(x["group/item"] == "Ωμέγα" && x.first("group/item")?.attributes["n"] == "1")
        #expect(x.first("skipped") == nil && x["kept"] == "x")
        let escaped = XMLWriter.escaped(Self.hostile)
        #expect(String(decoding: w.bytes, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <doc xmlns:cbc="urn:example" note="\(escaped)">
              <cbc:Name>\(escaped)</cbc:Name>
              <group>
                <item n="1">Ωμέγα</item>
              </group>
              <kept>x</kept>
            </doc>
            """)
    }
}
