import Testing
@testable import ResellerCore

/// The ISO 13616 check against the registry's published examples, and what a typo does to it.
@Suite struct IBANTests {
    @Test(arguments: ["GR1601101250000000012300695", "DE89370400440532013000", "GB82WEST12345698765432",
                      "NO9386011117947", "MT84MALT011000012345MTLCAST001S", "gr16 0110 1250 0000 0001 2300 695"])
    func acceptsValidIBANs(text: String) {
        #expect(IBAN.normalized(text) == String(text.filter { $0 != " " }.uppercased()))
    }

    @Test(arguments: ["GR1601101250000000012300696",   // last digit wrong
                      "GR6101101250000000012300695",    // check digits swapped
                      "GR1601101250000000012306095",    // two digits swapped
                      "DE8937040044053201300",          // a digit missing
                      "GR16-0110-1250-0000-0001-2300-695", "16GR01101250000000012300695", "GR16", "",
                      "GR16011012500000000123006950000000000", "GR16Ω1101250000000012300695"])
    func refusesInvalidIBANs(text: String) {
        #expect(IBAN.normalized(text) == nil)
    }
}
