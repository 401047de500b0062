import Foundation
import Testing
import DeskTestSupport

/// `tax rate list|set` on the real binary (issue #23): the EU's 27 states shipped with their standard and reduced
/// rates from 2026-01-01, a change dated in the future audited and leaving today's invoice alone, bad input named.
@Suite struct TaxRateCLITests {
    @Test func theDeskShipsTheEUsStandardAndReducedRates() throws {
        let desk = TaxDesk()
        let rates = try #require(try desk.run(["tax", "rate", "list", "--json"]).json as? [[String: Any]])
        #expect(rates.count == 54)
        #expect(rates.allSatisfy { Set($0.keys) == ["country", "class", "rate", "from"] })
        #expect(rates.allSatisfy { $0["from"] as? String == "2026-01-01" })
        let byCountry = Dictionary(grouping: rates) { $0["country"] as? String ?? "" }
        #expect(byCountry.count == 27 && !byCountry.keys.contains("EL"))
        #expect(byCountry.values.allSatisfy { rows in
            Set(rows.compactMap { $0["class"] as? String }) == ["standard", "reduced"]
        })
        // Decimal strings, as given: Finland's 25.5.
        let fi = (byCountry["FI"] ?? []).map { "\($0["class"] as? String ?? "") \($0["rate"] as? String ?? "")" }
        #expect(fi.sorted() == ["reduced 13.5", "standard 25.5"])
        let greece = try desk.run(["tax", "rate", "list", "--country", "Greece"])
        #expect(greece.code == 0, "\(greece.err)")
        #expect(greece.out == """
            Country  Class     Rate %  From
            GR       reduced       13  2026-01-01
            GR       standard      24  2026-01-01

            """)
        #expect(try desk.run(["tax", "rate", "list", "--country", "GR"]).out == greece.out)
    }

    /// Set on 2027-01-10 from 2027-02-01: the order of 2027-01-10 is invoiced at 24 %, the renewal of 2027-02-10
    /// at 25 %.
    @Test func aRateFromAFutureDayIsAuditedAndLeavesTodaysInvoiceAt24() throws {
        let desk = TaxDesk()
        let set = try desk.run(["tax", "rate", "set", "GR", "standard", "25", "--from", "2027-02-01"])
        #expect(set.code == 0, "\(set.err)")
        #expect(set.out == "GR standard 25 % from 2027-02-01\n")
        // No command shows the audit of rates: the database does.
        #expect(try desk.sql("SELECT actor, action, changes FROM audit_events WHERE entity = 'taxRate'")
                == "carol (via sudo)|create|{\"class\":[null,\"standard\"],\"country\":[null,\"GR\"],"
                + "\"from\":[null,\"2027-02-01\"],\"rate\":[null,\"25\"]}\n")
        let gr = try #require(try desk.run(["tax", "rate", "list", "--country", "GR", "--json"]).json
                                  as? [[String: Any]])
        #expect(gr.map { r in ["class", "rate", "from"].map { r[$0] as? String ?? "" }.joined(separator: " ") }
                == ["reduced 13 2026-01-01", "standard 24 2026-01-01", "standard 25 2027-02-01"])

        let code = try desk.account("GR")
        _ = try desk.order(code, ["SVC=10"])
        #expect(TaxDesk.taxes(try desk.show("INV-000001")) == ["S 24 on 100.00 = 24.00"])
        let run = try desk.run(["billing", "run"], on: "2027-02-10")
        #expect(run.code == 0, "\(run.err)")
        let renewal = try desk.show("INV-000002", on: "2027-02-10")
        #expect(TaxDesk.taxes(renewal) == ["S 25 on 100.00 = 25.00"])
        #expect(TaxDesk.amounts(renewal) == "100.00 / 25.00 / 125.00")
        // The first invoice kept its rate.
        #expect(TaxDesk.amounts(try desk.show("INV-000001", on: "2027-02-10")) == "100.00 / 24.00 / 124.00")
    }

    @Test(arguments: [
        (["XX", "standard", "24", "--from", "2027-01-01"],
         "country: \"XX\" is not a country: give an ISO 3166-1 alpha-2 code (GR, DE, US) "
            + "or a name (Greece, Ελλάδα)"),
        (["GR", "zero", "5", "--from", "2027-01-01"],
         "class: zero items have no rate to set (zero is always 0 %, exempt bears no tax); "
            + "expected standard or reduced"),
        (["GR", "standard", "24,5", "--from", "2027-01-01"],
         "rate: \"24,5\" is not a rate in percent from 0 to 100 with at most two decimals, such as 24 or 5.5"),
        (["GR", "standard", "25", "--from", "2027-02-30"],
         "from: from must be a date as YYYY-MM-DD, not \"2027-02-30\""),
    ])
    func badInputIsNamedAndChangesNothing(_ args: [String], _ message: String) throws {
        let desk = TaxDesk()
        let refused = try desk.run(["tax", "rate", "set"] + args)
        #expect(refused.code == 1)
        #expect(refused.err == message + "\n")
        #expect(refused.out.isEmpty)
        #expect((try desk.run(["tax", "rate", "list", "--json"]).json as? [Any])?.count == 54)
        #expect(try desk.sql("SELECT COUNT(*) FROM audit_events WHERE entity = 'taxRate'") == "0\n")
    }
}
