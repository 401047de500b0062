import Foundation
import Testing
@testable import ResellerCore

@Suite struct MoneyTests {
    let eur = Currency.named("EUR")!

    @Test(arguments: [("5000", 500_000), ("5000.5", 500_050), ("5000.50", 500_050), ("0", 0), ("0.01", 1),
                      ("999999999.99", 99_999_999_999), (" 12.30 ", 1230), ("007", 700)])
    func parsesValidAmounts(text: String, minor: Int64) throws {
        #expect(try Money.parse(text, currency: eur, field: "creditLimit").minor == minor)
    }

    @Test(arguments: ["", "-1", "1,000.00", "1e3", "12.345", "1.", ".5", "1000000000", "abc", "1.2.3", "٣", "１２", "NaN"])
    func refusesInvalidAmounts(text: String) {
        #expect(throws: FieldError.self) { try Money.parse(text, currency: eur, field: "creditLimit") }
    }

    @Test func namesTheFieldAndWhatIsExpected() {
        do {
            _ = try Money.parse("12.345", currency: eur, field: "creditLimit", label: "credit limit")
            Issue.record("accepted 12.345")
        } catch {
            #expect(error.field == "creditLimit")
            #expect(error.message.contains("2 decimals"))
        }
    }

    @Test func saysTheLargestAmountInFixedFormat() {
        do {
            _ = try Money.parse("1000000000", currency: eur, field: "creditLimit", label: "credit limit")
            Issue.record("accepted 1,000,000,000")
        } catch {
            #expect(error.message == "credit limit must be at most 999,999,999.99 EUR")
        }
        // A currency without decimals: no point after the whole amount (it said "999,999,999.").
        #expect(throws: FieldError("x", "amount must be at most 999,999,999 JPY")) {
            try Money.parse("1000000000", currency: Currency.named("JPY")!, field: "x")
        }
    }

    @Test func zeroDecimalCurrencies() throws {
        let jpy = Currency.named("JPY")!
        #expect(try Money.parse("1500", currency: jpy, field: "x").minor == 1500)
        #expect(throws: FieldError.self) { try Money.parse("1500.5", currency: jpy, field: "x") }
        #expect(Money(minor: 1500, currency: "JPY").decimalString == "1500")
    }

    @Test func printsFixedFormat() {
        #expect(Money(minor: 500_000, currency: "EUR").decimalString == "5000.00")
        #expect(Money(minor: 5, currency: "EUR").decimalString == "0.05")
        #expect(Money(minor: -1234, currency: "EUR").decimalString == "-12.34")
        #expect(Money(minor: 123_456_789, currency: "USD").display == "1,234,567.89 USD")
        #expect(Money(minor: -100_000, currency: "EUR").display == "-1,000.00 EUR")
    }

    @Test(arguments: [(0, "EUR", "0.00 EUR"), (5, "EUR", "0.05 EUR"), (99_999, "EUR", "999.99 EUR"),
                      (100_000, "EUR", "1,000.00 EUR"), (99_999_999_999, "EUR", "999,999,999.99 EUR"),
                      (1_234_567, "JPY", "1,234,567 JPY"), (-999, "JPY", "-999 JPY"),
                      (1_234_567, "BHD", "1,234.567 BHD"), (-5, "KWD", "-0.005 KWD"),
                      (Int64.min, "EUR", "-92,233,720,368,547,758.08 EUR")])
    func displaysGroupedThousands(minor: Int64, currency: String, text: String) {
        #expect(Money(minor: minor, currency: currency).display == text)
    }

    /// Any amount: the display is the plain decimal text with a comma before each group of three whole digits.
    @Test func displayIsTheDecimalTextGrouped() {
        var generator = SystemRandomNumberGenerator()
        for currency in ["EUR", "JPY", "BHD"] {
            for _ in 0..<2_000 {
                let money = Money(minor: Int64.random(in: -10_000_000_000_000...10_000_000_000_000,
                                                      using: &generator) >> Int.random(in: 0...40), currency: currency)
                let display = money.display
                #expect(display.replacingOccurrences(of: ",", with: "") == money.decimalString + " " + currency)
                let whole = display.split(separator: " ")[0].split(separator: ".")[0].trimmingCharacters(in: ["-"])
                let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
                #expect((1...3).contains(groups[0].count), "\(display)")
                #expect(groups.dropFirst().allSatisfy { $0.count == 3 }, "\(display)")
            }
        }
    }

    @Test(arguments: [("", true), ("1", true), ("1.", true), ("1.5", true), ("1.55", true), ("1.555", false),
                      (".", false), ("a", false), ("1..", false), ("9999999999", false)])
    func typingPrefixes(text: String, ok: Bool) {
        #expect(Money.isValidPrefix(text, currency: eur) == ok)
    }
}
