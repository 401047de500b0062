import Testing
@testable import TerminalKit

@Suite struct DisplayWidthTests {
    @Test(arguments: [("abc", 3), ("Γιώργος", 7), ("e\u{301}", 1), ("株式会社", 8), ("한국", 4), ("👍", 2),
                      ("👩‍💻", 2), ("🇬🇷", 2), ("❤️", 2), ("ｆｕｌｌ", 8), ("a\u{200B}b", 2), ("", 0)])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
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
}
