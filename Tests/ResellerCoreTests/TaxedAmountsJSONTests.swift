import Foundation
import Testing
@testable import ResellerCore

/// The hand-written JSON of a document's tax breakdown is what Foundation's encoder writes, and reads back.
@Suite struct TaxedAmountsJSONTests {
    @Test func theBreakdownIsWhatFoundationWritesAndReadsBack() throws {
        func eur(_ m: Int64) -> Money { Money(minor: m, currency: "EUR") }
        let list = [TaxSubtotal(category: .standard, rate: TaxPercent(hundredths: 2400), taxable: eur(10_000),
                                tax: eur(2_400), reason: nil),
                    TaxSubtotal(category: .exempt, rate: .zero, taxable: eur(-5), tax: eur(0),
                                reason: "Άρθρο 27 §1 \"quoted\" / \\ \n")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for l in [[], list] {
            let text = TaxedAmountsJSON.taxes(l)
            #expect(text == String(decoding: try encoder.encode(l), as: UTF8.self))
            #expect(try JSONDecoder().decode([TaxSubtotal].self, from: Data(text.utf8)) == l)
        }
    }
}
