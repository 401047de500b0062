import Testing
@testable import TerminalKit

@Suite struct DisplayWidthTests {
    @Test(arguments: [("abc", 3), ("Γιώργος", 7), ("e\u{301}", 1), ("株式会社", 8), ("한국", 4), ("👍", 2),
                      ("👩‍💻", 2), ("🇬🇷", 2), ("❤️", 2), ("ｆｕｌｌ", 8), ("a\u{200B}b", 2), ("", 0)])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    /// ASCII and Latin-1 are measured without Unicode's properties: the short cut must give what they give
    /// (the soft hyphen is a format character, no column; every other printable one, one column).
    @Test func latin1WidthsAgreeWithUnicodesProperties() {
        for v in UInt32(0x20)..<0x100 where !(0x7F...0x9F).contains(v) {
            let s = Unicode.Scalar(v)!
            let zero: [Unicode.GeneralCategory] = [.nonspacingMark, .enclosingMark, .format]
            let expected = zero.contains(s.properties.generalCategory) ? 0 : s.properties.isEmojiPresentation ? 2 : 1
            #expect(DisplayWidth.scalarWidth(s) == expected, "U+\(String(v, radix: 16))")
        }
        #expect(DisplayWidth.of("Søren·Müller…\u{AD}") == 13)
    }

    @Test func truncateAndPadNeverSplitAWideCharacter() {
        #expect(DisplayWidth.truncate("株式会社クラウド", to: 7) == "株式会…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("株式会社クラウド", to: 7)) == 7)
        #expect(DisplayWidth.pad("Γιώργος", to: 10) == "Γιώργος   ")
        #expect(DisplayWidth.pad("42", to: 5, alignRight: true) == "   42")
        #expect(DisplayWidth.pad("👩‍💻 crew", to: 4) == "👩‍💻 …")
    }
}

@Suite struct SanitizerTests {
    @Test func neutralisesEveryControl() {
        let hostile = "A\u{1B}[2J\u{1B}]52;c;aGk=\u{07}B\u{9B}31m\u{202E}C\u{0}D\u{2066}\r\n"
        let clean = Sanitizer.clean(hostile)
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!clean.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x2066 })
        #expect(clean == "A\u{FFFD}[2J\u{FFFD}]52;c;aGk=\u{FFFD}B\u{FFFD}31mC\u{FFFD}D\u{FFFD}\u{FFFD}")
    }

    @Test func keepsPrintableTextAndCutsLongText() {
        #expect(Sanitizer.clean("Γιώργος 株式会社 👩‍💻") == "Γιώργος 株式会社 👩‍💻")
        let long = Sanitizer.clean(String(repeating: "x", count: 10_000))
        #expect(long.count == Sanitizer.maxCharacters + 1)
        #expect(long.hasSuffix("…"))
    }

    /// Text outside ASCII with nothing to change comes back as it is, up to the limit and not beyond it; one
    /// control or bidi character anywhere, even last, still gets it cleaned.
    @Test func textOutsideASCIIIsCutAndCleanedAtTheEdges() {
        let most = String(repeating: "ω", count: Sanitizer.maxCharacters)
        #expect(Sanitizer.clean(most) == most)
        #expect(Sanitizer.clean(most + "ω") == most + "…")
        #expect(Sanitizer.clean("Νέφος\u{1B}") == "Νέφος\u{FFFD}")
        #expect(Sanitizer.clean("Νέφος\u{202E}") == "Νέφος")
        #expect(Sanitizer.clean("Νέφοςω", maxCharacters: 5) == "Νέφος…")
        #expect(Sanitizer.clean("Νέφος", maxCharacters: 5) == "Νέφος")
    }
}

@Suite struct TextTableTests {
    @Test func alignsByDisplayWidth() {
        var t = TextTable([.init("Name", flexible: true), .init("Amount", alignRight: true)])
        t.add(["Γιώργος", "5.00"])
        t.add(["株式会社", "12,000.00"])
        #expect(t.render() == """
            Name         Amount
            Γιώργος        5.00
            株式会社  12,000.00
            """)
    }

    @Test func shrinksTheFlexibleColumn() {
        var t = TextTable([.init("Code"), .init("Name", flexible: true), .init("Ctry")])
        t.add(["ACC-000001", String(repeating: "Long name ", count: 10), "GR"])
        let out = t.render(maxWidth: 40)
        #expect(out.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 40 })
        #expect(out.contains("…"))
    }

    /// Two long columns share what the short ones leave by what they carry, where cutting the widest
    /// alone left "Activate your …" on every row of the Outbox.
    @Test func flexibleColumnsShareTheWidthByWhatTheyCarry() {
        let columns: [TextTable.Column] = [.init("Id"), .init("To", flexible: true), .init("Subject", flexible: true),
                                           .init("Status")]
        #expect(TextTable.share(90, wanted: [4, 28, 45, 6], columns: columns) == [4, 28, 45, 6])    // all fit
        #expect(TextTable.share(60, wanted: [4, 28, 45, 6], columns: columns) == [4, 19, 31, 6])    // 28 : 45
        #expect(TextTable.share(60, wanted: [4, 10, 70, 6], columns: columns) == [4, 10, 40, 6])    // short: kept
        #expect(TextTable.share(20, wanted: [4, 28, 45, 6], columns: columns) == [4, 3, 7, 6])      // ≥ titles
        // With no flexible column, every column shares.
        let plain: [TextTable.Column] = [.init("A"), .init("B"), .init("C")]
        #expect(TextTable.share(30, wanted: [5, 20, 40], columns: plain) == [5, 8, 17])
    }
}

@Suite struct LineEditorTests {
    @Test func editsGraphemeClusters() {
        var e = LineEditor("Zoë 👩‍💻")
        e.handle(.backspace)
        #expect(e.text == "Zoë ")
        e.handle(.left)
        e.handle(.backspace)
        #expect(e.text == "Zo ")
        e.handle(.char("é"))
        #expect(e.text == "Zoé ")
        e.handle(.home)
        e.handle(.delete)
        #expect(e.text == "oé ")
    }

    @Test func readlineKeys() {
        var e = LineEditor("Aegean Cloud Partners")
        e.handle(.ctrl("w"))
        #expect(e.text == "Aegean Cloud ")
        e.handle(.ctrl("a"))
        e.handle(.ctrl("k"))
        #expect(e.text == "")
        e.set("abc")
        e.handle(.left)
        e.handle(.ctrl("u"))
        #expect(e.text == "c")
        #expect(e.cursor == 0)
        e.handle(.paste("line one\nline two"))
        #expect(e.text == "line oneline twoc")
        let handledEnter = e.handle(.enter)
        #expect(!handledEnter)
    }

    @Test func restrictedFieldsAcceptOnlyValidPrefixes() {
        var money = LineEditor()
        money.accepts = { $0.isEmpty || $0.range(of: #"^\d{1,9}(\.\d{0,2})?$"#, options: .regularExpression) != nil }
        for c in "12a.3x45" { money.handle(.char(c)) }
        #expect(money.text == "12.34")
        money.handle(.home)
        money.handle(.right); money.handle(.right); money.handle(.right)
        money.handle(.ctrl("u"))                 // "34" would be fine
        #expect(money.text == "34")
    }

    @Test func scrollsToKeepTheCursorVisible() {
        var e = LineEditor(String(repeating: "x", count: 30))
        let v = e.visible(width: 10)
        #expect(DisplayWidth.of(v.text) <= 10)
        #expect(v.cursorColumn == 9)
        e.handle(.home)
        #expect(e.visible(width: 10).cursorColumn == 0)
        #expect(LineEditor("株式会社クラウド").visible(width: 7).text == "ラウド")
    }
}

@Suite struct GridTests {
    @Test func wideCharactersTakeTwoCellsAndTextIsSanitized() {
        var g = Grid(width: 10, height: 2)
        #expect(g.put("株式a", x: 0, y: 0) == 5)
        #expect(g.cell(x: 1, y: 0).continuation)
        g.put("\u{1B}[2J\u{202E}ok", x: 0, y: 1)
        #expect(g.text == "株式a     \n\u{FFFD}[2Jok    ")
        #expect(g.put("ΑΒΓΔΕΖΗΘΙΚΛ", x: 5, y: 0) == 5)
    }

    @Test func clipsAWideCharacterThatDoesNotFit() {
        var g = Grid(width: 3, height: 1)
        #expect(g.put("a株式", x: 0, y: 0) == 3)
        #expect(g.text == "a株")
    }
}

@Suite struct BindingTests {
    @Test func oneTableDrivesDispatchFooterAndHelp() {
        let table = [Binding([.enter], "Open", help: "open it", 1), Binding([.char("?"), .function(1)], "Help", help: "help", 2),
                     Binding([.down], "", help: "next", 3, footer: false)]
        #expect(Binding.action(for: .function(1), in: table) == 2)
        #expect(Binding.action(for: .char("x"), in: table) == nil)
        #expect(Binding.footer(table, width: 80) == "Enter Open  ? Help")
        #expect(Binding.helpLines(table).last == DisplayWidth.pad("↓", to: 14) + "next")
        let long = [Binding([.ctrl("q"), .function(10), .ctrl("c")], "Quit", help: "leave", 1)]
        #expect(Binding.helpLines(long) == ["Ctrl-Q F10 Ctrl-C  leave"])   // the key column fits the longest keys
    }

    /// A binding that cannot act now keeps its key in the footer, greyed, and the help says why.
    @Test func aDisabledBindingIsGreyedAndSaysWhy() {
        let table = [Binding([.enter], "Open", help: "open it", 1),
                     Binding([.char("$")], "Payment", help: "record a payment", 2).disabled("Ordering is off")]
        #expect(Binding.binding(for: .char("$"), in: table)?.disabledReason == "Ordering is off")
        #expect(Binding.footerEntries(table).map(\.enabled) == [true, false])
        #expect(Binding.helpEntries(table).last?.help == "record a payment (not now: Ordering is off)")
        var g = Grid(width: 40, height: 1)
        g.footer(table, y: 0)
        #expect(g.text == " Enter Open  $ Payment" + String(repeating: " ", count: 18))
        #expect(g.cell(x: 1, y: 0).style == .key)
        #expect(g.cell(x: 13, y: 0).style == .muted)
    }

    /// The line editor's keys are its table: what the help lists is what edits.
    @Test func theLineEditorRunsItsTable() {
        var e = LineEditor("one two")
        for binding in LineEditor.bindings {
            let handled = e.handle(binding.keys[0])
            #expect(handled, "\(binding.keys[0].label) is not an editing key")
        }
        e.set("one two")
        _ = e.handle(.ctrl("w"))
        #expect(e.text == "one ")
        _ = e.handle(.ctrl("a"))
        _ = e.handle(.ctrl("k"))
        #expect(e.text.isEmpty)
        let tab = e.handle(.tab)
        #expect(!tab)
    }

    @Test func wrapsAtSpacesByDisplayWidth() {
        #expect(DisplayWidth.wrap("a section by its number", to: 10) == ["a section", "by its", "number"])
        #expect(DisplayWidth.wrap("a section by its number", to: 10, lines: 2) == ["a section", "by its number"])
        #expect(DisplayWidth.wrap("a section", to: 10, lines: 2) == ["a section"])
        #expect(DisplayWidth.wrap("株式会社クラウド パートナーズ", to: 16)
                    == ["株式会社クラウド", "パートナーズ"])
        #expect(DisplayWidth.wrap("", to: 10) == [""])
    }
}

import Foundation

@Suite struct KeyDecoderTests {
    @Test func controlCodesAndCharacters() {
        #expect(KeyDecoder.key(13) == .enter && KeyDecoder.key(27) == .escape && KeyDecoder.key(127) == .backspace)
        #expect(KeyDecoder.key(19) == .ctrl("s"))
        #expect(KeyDecoder.key(0x9B) == nil && KeyDecoder.key(0) == nil)           // C1 CSI and NUL mean nothing
        #expect(KeyDecoder.key(0x3A9) == .char("Ω"))
        #expect(KeyDecoder.key(0xD800) == nil)                                      // a lone surrogate is no character
    }

    @Test func aPasteEndsAtItsMarkerWhichNeverBecomesText() {
        var p = PasteReader()
        for v in "line one\rline two\u{1B}[201~after".unicodeScalars.map(\.value) { if !p.feed(v) { break } }
        #expect(p.finished && p.key == .paste("line one\rline two"))
        var cut = PasteReader(limit: 5)
        for v in "abcdefghijklmnop".unicodeScalars.map(\.value) { if !cut.feed(v) { break } }
        #expect(cut.finished)
        if case .paste(let text) = cut.key { #expect(text.count <= 5 + 6) } else { Issue.record("not a paste") }
        var open = PasteReader()
        for v in "no end\u{1B}[20".unicodeScalars.map(\.value) { _ = open.feed(v) }
        #expect(!open.finished && open.key == .paste("no end\u{1B}[20"))           // what arrived, if the end never came
    }
}
