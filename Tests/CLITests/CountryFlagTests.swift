import Foundation
import Testing
import DeskTestSupport

/// `--country` and `--currency` read as the terminal form completes them: codes or names, accents folded,
/// ambiguous and unknown names refused with what to give instead (issue 15, item 5).
@Suite struct CountryFlagTests {
    let cli = CLI()

    func add(_ name: String, country: String, currency: String? = nil, json: Bool = true) throws -> CLI.Result {
        try cli.run(["account", "add", "--name", name, "--email", "info@\(name.count).example", "--country", country]
                    + (currency.map { ["--currency", $0] } ?? []) + (json ? ["--json"] : []))
    }

    @Test func namesAreStoredAsCodes() throws {
        let greece = try add("Aegean Cloud", country: "Greece", currency: "euro")
        #expect(greece.code == 0, "\(greece.err)")
        #expect(greece.object["country"] as? String == "GR")
        #expect(greece.object["currency"] as? String == "EUR")

        let greek = try add("Νέφος", country: "ελλάδα", currency: "US dollar")
        #expect(greek.code == 0, "\(greek.err)")
        #expect(greek.object["country"] as? String == "GR")
        #expect(greek.object["currency"] as? String == "USD")

        let austria = try add("Alpen IT", country: "osterreich")
        #expect(austria.code == 0, "\(austria.err)")
        #expect(austria.object["country"] as? String == "AT")
        #expect(austria.object["currency"] as? String == "EUR")     // the default still applies

        let shown = try cli.run(["account", "show", "ACC-000001", "--json"]).object
        #expect(shown["country"] as? String == "GR")
        #expect(shown["currency"] as? String == "EUR")
    }

    @Test func updateReadsNamesToo() throws {
        #expect(try add("Aegean Cloud", country: "GR").code == 0)
        let moved = try cli.run(["account", "update", "ACC-000001", "--expect-version", "1", "--country", "Österreich",
                                 "--currency", "Swiss franc", "--json"])
        #expect(moved.code == 0, "\(moved.err)")
        #expect(moved.object["country"] as? String == "AT")
        #expect(moved.object["currency"] as? String == "CHF")
        let refused = try cli.run(["account", "update", "1", "--expect-version", "2", "--country", "Korea"])
        #expect(refused.code == 1)
        #expect(refused.err.hasPrefix("country: \"Korea\" matches several countries: KP "))
        #expect(try cli.run(["account", "show", "1", "--json"]).object["country"] as? String == "AT")
    }

    @Test func ambiguousNamesExitOneListingTheCandidates() throws {
        let plain = try add("Aegean Cloud", country: "Korea", currency: "dollar", json: false)
        #expect(plain.code == 1)
        #expect(plain.out.isEmpty)
        let lines = plain.err.split(separator: "\n").map(String.init)
        #expect(lines.contains("country: \"Korea\" matches several countries: KP Korea, Democratic People's Republic "
                               + "of; KR Korea, Republic of. Give the code or more of the name"))
        #expect(lines.contains { $0.hasPrefix("currency: \"dollar\" matches several currencies: AUD Australian") })

        let json = try add("Aegean Cloud", country: "gree")
        #expect(json.code == 1)
        let errors = try #require(json.object["errors"] as? [[String: String]])
        #expect(errors.map { $0["field"] } == ["country"])
        #expect(errors.first?["message"] == "\"gree\" matches several countries: GR Greece; GL Greenland. "
                + "Give the code or more of the name")
        #expect((try cli.run(["account", "list", "--json"]).json as? [Any])?.isEmpty == true)   // nothing stored
    }

    @Test func unknownNamesExitOneSayingWhatIsExpected() throws {
        let plain = try add("Aegean Cloud", country: "Atlantis", json: false)
        #expect(plain.code == 1)
        #expect(plain.err == "country: \"Atlantis\" is not a country: give an ISO 3166-1 alpha-2 code (GR, DE, US) "
                + "or a name (Greece, Ελλάδα)\n")
        let json = try add("Aegean Cloud", country: "GR", currency: "doubloon")
        #expect(json.code == 1)
        let errors = try #require(json.object["errors"] as? [[String: String]])
        #expect(errors == [["field": "currency", "message": "\"doubloon\" is not a currency: give an ISO 4217 code "
                            + "(EUR, USD, GBP) or a name (euro, US dollar)"]])
    }

    @Test func priceListCurrencyReadsNamesToo() throws {
        let csv = cli.folder + "/list.csv"
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        try "code,description,billing_period,price\nVM,VM,monthly,31.00\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try cli.run(["pricelist", "import", csv, "--name", "Core", "--currency", "euro", "--json"])
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.object["currency"] as? String == "EUR")
        let refused = try cli.run(["pricelist", "import", csv, "--name", "Other", "--currency", "dollar"])
        #expect(refused.code == 1)
        #expect(refused.err.hasPrefix("currency: \"dollar\" matches several currencies"))
    }
}
