import Testing
@testable import ResellerCore

/// The one rule every front reads a country or a currency by: codes, names in English or the country's own
/// language, accents folded; ambiguous and unknown text refused with a message that says what to give.
@Suite struct CountryCurrencyResolveTests {
    func country(_ text: String) -> String? { try? Country.resolve(text).get().code }
    func currency(_ text: String) -> String? { try? Currency.resolve(text).get().code }

    func countryError(_ text: String) -> FieldError? {
        if case .failure(let e) = Country.resolve(text) { return e }
        return nil
    }

    @Test(arguments: [("gr", "GR"), ("GR", "GR"), (" de ", "DE"), ("Us", "US")])
    func codesInAnyCase(_ text: String, _ code: String) {
        #expect(country(text) == code)
    }

    @Test(arguments: [
        ("Greece", "GR"), ("greece", "GR"), ("GREECE", "GR"),
        ("ελλάδα", "GR"), ("Ελλάδα", "GR"), ("ΕΛΛΑΔΑ", "GR"),
        ("ελλαδα", "GR"), ("Österreich", "AT"), ("osterreich", "AT"), ("Deutschland", "DE"), ("España", "ES"),
        ("espana", "ES"), ("Côte d'Ivoire", "CI"), ("cote d ivoire", "CI"), ("guinea bissau", "GW"),
        ("Føroyar", "FO"), ("foroyar", "FO"), ("Kibris", "CY"), ("United States", "US"), ("UK", "GB"),
        ("Turkey", "TR"), ("Türkiye", "TR"), ("日本", "JP"),
    ])
    func namesEnglishLocalAndFolded(_ text: String, _ code: String) {
        #expect(country(text) == code)
    }

    @Test func anExactNameWinsOverLongerNamesStartingWithIt() {
        #expect(country("Guinea") == "GN")        // not Guinea-Bissau, Equatorial Guinea
        #expect(country("Niger") == "NE")         // not Nigeria
        #expect(country("Sudan") == "SD")         // not South Sudan
        #expect(country("Dominica") == "DM")      // not Dominican Republic
        #expect(country("Samoa") == "WS")         // not American Samoa
    }

    @Test func aNameStartOrAWordStartThatFitsOneCountryResolves() {
        #expect(country("germ") == "DE")
        #expect(country("Macedonia") == "MK")     // a later word of "North Macedonia"
        // What the form shows, by English name; "Great Britain" counts as a name of GB.
        #expect(Country.candidates("gre").map(\.code) == ["GR", "GL", "GD", "GB"])
    }

    @Test func ambiguousNamesAreRefusedWithTheCandidates() throws {
        let korea = try #require(countryError("Korea"))
        #expect(korea.field == "country")
        #expect(korea.message == "\"Korea\" matches several countries: KP Korea, Democratic People's Republic of; "
                + "KR Korea, Republic of. Give the code or more of the name")
        let guin = try #require(countryError("guin"))
        #expect(guin.message.contains("GN Guinea; GW Guinea-Bissau."))
        // Many candidates: six are named, the rest counted.
        let saint = try #require(countryError("saint"))
        #expect(saint.message.contains("; … and 1 more. Give the code"))
        #expect(saint.message.components(separatedBy: "; ").count == 7)
    }

    @Test func unknownAndEmptyTextIsRefusedSayingWhatIsExpected() throws {
        let unknown = try #require(countryError("Atlantis"))
        #expect(unknown.field == "country")
        #expect(unknown.message == "\"Atlantis\" is not a country: give an ISO 3166-1 alpha-2 code (GR, DE, US) "
                + "or a name (Greece, Ελλάδα)")
        #expect(countryError("ZZ")?.message.hasPrefix("\"ZZ\" is not a country") == true)
        #expect(countryError("  ")?.message.hasPrefix("country is required") == true)
        #expect(Country.candidates("Atlantis").isEmpty)
        // The error names the field it was asked for.
        #expect(throws: FieldError.self) { try Country.parse("Atlantis", field: "billingCountry") }
        guard case .failure(let other) = Country.resolve("Atlantis", field: "billingCountry") else {
            Issue.record("Atlantis resolved")
            return
        }
        #expect(other.field == "billingCountry")
    }

    @Test func everyCountryResolvesFromItsCodeAndItsEnglishName() {
        for c in Country.all {
            #expect(country(c.code.lowercased()) == c.code)
            #expect(country(c.name) == c.code, "\(c.name)")
        }
    }

    @Test func currenciesByCodeOrName() throws {
        #expect(currency("eur") == "EUR")
        #expect(currency("euro") == "EUR")
        #expect(currency("Euro") == "EUR")
        #expect(currency("ευρώ") == "EUR")
        #expect(currency("US dollar") == "USD")
        #expect(currency("us-dollar") == "USD")
        #expect(currency("swiss") == "CHF")
        #expect(currency("yen") == "JPY")
        #expect(currency("zloty") == "PLN")
        #expect(currency("złoty") == "PLN")
        #expect(currency("pound sterling") == "GBP")
        for c in Currency.all {
            #expect(currency(c.code) == c.code)
            #expect(currency(c.name) == c.code, "\(c.name)")
        }
    }

    @Test func currenciesAmbiguousOrUnknownAreRefused() throws {
        guard case .failure(let dollar) = Currency.resolve("dollar") else { Issue.record("dollar resolved"); return }
        #expect(dollar.field == "currency")
        #expect(dollar.message.hasPrefix("\"dollar\" matches several currencies: AUD Australian Dollar; "
                                         + "CAD Canadian Dollar;"))
        guard case .failure(let unknown) = Currency.resolve("doubloon") else {
            Issue.record("doubloon resolved")
            return
        }
        #expect(unknown.message == "\"doubloon\" is not a currency: give an ISO 4217 code (EUR, USD, GBP) "
                + "or a name (euro, US dollar)")
        // A real ISO code the desk does not bill in is unknown here, not a prefix of some name.
        #expect(currency("RUB") == nil)
    }

    @Test func theValidatorStoresTheCode() throws {
        var f = AccountForm()
        f.name = "Aegean Cloud"
        f.email = "info@aegean.example"
        f.country = "Ελλάδα"
        f.currency = "euro"
        let a = try AccountValidator.validate(f, defaultCurrency: "EUR", defaultManager: "alice")
        #expect(a.address.country == "GR")
        #expect(a.currency == "EUR")
        f.country = "Korea"
        #expect(fieldErrors { _ = try AccountValidator.validate(f, defaultCurrency: "EUR", defaultManager: "a") }
                    .first?.message.contains("KR Korea, Republic of") == true)
    }
}
