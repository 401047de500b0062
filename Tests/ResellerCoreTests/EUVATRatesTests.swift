import Testing
@testable import ResellerCore

/// The shipped table: the 27 member states once each, rates a decimal percentage the desk can store.
@Suite struct EUVATRatesTests {
    static let members = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                          "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]

    @Test func holdsTheTwentySevenMemberStatesOnceEach() {
        let codes = EUVATRates.rates.map(\.country)
        #expect(codes.count == 27)
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes) == Set(Self.members))
        #expect(codes.allSatisfy { Country.named($0)?.code == $0 })
    }

    @Test func everyRateIsADecimalWithAtMostTwoDecimals() {
        for r in EUVATRates.rates {
            for rate in [r.standard, r.reduced] {
                let parts = rate.split(separator: ".", omittingEmptySubsequences: false)
                let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
                #expect(digits && parts.count <= 2 && (parts.count == 1 || parts[1].count <= 2),
                        "\(r.country): \(rate)")
                #expect(Double(rate).map { (0..<100).contains($0) } == true, "\(r.country): \(rate)")
            }
        }
    }

    @Test func isInForceOnTheFirstOf2026AndKnowsTheRecentChanges() {
        #expect(EUVATRates.inForce.description == "2026-01-01")
        let byCountry = Dictionary(uniqueKeysWithValues: EUVATRates.rates.map {
            ($0.country, ($0.standard, $0.reduced))
        })
        #expect(byCountry["GR"]! == ("24", "13"))
        #expect(byCountry["FI"]!.0 == "25.5")
        #expect(byCountry["EE"]!.0 == "24")
        #expect(byCountry["RO"]! == ("21", "11"))
        #expect(byCountry["SK"]! == ("23", "19"))
        #expect(byCountry["DK"]! == ("25", "25"))
    }
}
