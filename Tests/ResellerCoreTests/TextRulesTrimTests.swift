import Foundation
import Testing
@testable import ResellerCore

/// `TextRules.trimmed` trims what Foundation's `.whitespacesAndNewlines` trims: Foundation is the oracle.
@Suite struct TextRulesTrimTests {
    /// Every scalar against Foundation's set, and each one of it (a few dozen) trimmed as Foundation trims it.
    @Test func everyScalarIsTrimmedAsFoundationTrimsIt() {
        let foundations = CharacterSet.whitespacesAndNewlines
        var differing: [String] = [], white: [Unicode.Scalar] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }   // surrogates are no scalars
            let ours = TextRules.trimmed("\(scalar)").isEmpty
            if ours != foundations.contains(scalar) { differing.append(String(value, radix: 16)) }
            if ours { white.append(scalar) }
        }
        #expect(differing.isEmpty, "trimmed differently from Foundation: U+\(differing.prefix(10))")
        #expect(white.count > 20)
        for scalar in white {
            let text = "\(scalar)a\(scalar)b\(scalar)"
            #expect(TextRules.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func scalarsNotCharactersAreTrimmed() {
        let cases = [" \u{301}é ", "\u{3000}Ελλάδα\u{2029}", "\t\n\r a  b \u{85}", "", "   ",
                     "\u{A0}x\u{A0}", "x"]
        for text in cases {
            #expect(TextRules.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(TextRules.trimmed(" \u{301}é ") == "\u{301}é")   // the space goes, its combining accent stays
    }

    /// The name tables are split as bytes: the same countries and currencies, accents and all.
    @Test func nameTablesSplitIntoTheirEntries() {
        #expect("AT Austria|AX Åland Islands|BL Saint Barthélemy".codeNamePairs(codeLength: 2).map { "\($0)=\($1)" }
                    == ["AT=Austria", "AX=Åland Islands", "BL=Saint Barthélemy"])
        #expect(Country.all.count == 249)
        #expect(Country.named("ax")?.name == "Åland Islands")
        #expect(Country.all.allSatisfy { $0.code.utf8.count == 2 && !$0.name.isEmpty && !$0.name.contains("|") })
        #expect(Currency.named("EUR") != nil)
    }
}
