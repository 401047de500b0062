import Foundation
import Testing
import DeskTestSupport

/// The account's side of issue #23 on the real binary: VAT IDs checked and stored bare, the exemption reason
/// required, the tax an account gets today, and VIES confirmations recorded by staff.
@Suite struct AccountTaxCLITests {
    @Test func anInvalidGermanVATIdIsRefusedNamingTheFieldAndTheForm() throws {
        let desk = TaxDesk()
        let refused = try desk.run(["account", "add", "--name", "Rhein Cloud", "--email", "a@rhein.example",
                                    "--country", "DE", "--vat", "DE136695977"])
        #expect(refused.code == 1)
        #expect(refused.err == "registrationNumber: not a valid German VAT ID (DE and 9 digits; check digit wrong)\n")
        #expect((try desk.run(["account", "list", "--json"]).json as? [Any])?.isEmpty == true)
    }

    @Test func spacesAndDotsAreDroppedOnSave() throws {
        let desk = TaxDesk()
        let code = try desk.account("DE", vat: "DE 136.695.976", list: false)
        #expect(try desk.run(["account", "show", code, "--json"]).object["registrationNumber"] as? String
                == "DE136695976")
    }

    @Test func taxExemptNeedsItsReason() throws {
        let desk = TaxDesk()
        let refused = try desk.run(["account", "add", "--name", "Exempt", "--email", "a@exempt.example",
                                    "--country", "GR", "--tax-exempt"])
        #expect(refused.code == 1)
        #expect(refused.err.hasPrefix("taxExemptionReason: tax exemption reason is required when Tax exempt is "),
                "\(refused.err)")
        #expect((try desk.run(["account", "list", "--json"]).json as? [Any])?.isEmpty == true)
    }

    @Test(arguments: [
        ("GR", nil, "S 24 null", "  Tax             S 24 %\n"),
        ("DE", "DE136695976", "AE 0 Reverse charge: VAT to be accounted for by the recipient",
         "  Tax             AE 0 % · Reverse charge: VAT to be accounted for by the recipient\n"),
        ("US", nil, "O 0 Not subject to VAT: services to a customer outside the EU",
         "  Tax             O 0 % · Not subject to VAT: services to a customer outside the EU\n"),
    ] as [(String, String?, String, String)])
    func accountShowSaysWhichTaxTheAccountGetsToday(_ country: String, _ vat: String?, _ json: String,
                                                    _ text: String) throws {
        let desk = TaxDesk()
        let code = try desk.account(country, vat: vat, list: false)
        let shown = try desk.run(["account", "show", code, "--json"]).object
        let t = try #require(shown["taxTreatment"] as? [String: Any])
        #expect(Set(t.keys) == ["category", "rate", "reason"])
        #expect("\(t["category"] as? String ?? "") \(t["rate"] as? String ?? "") \(t["reason"] as? String ?? "null")"
                == json)
        #expect(shown["taxProblem"] is NSNull)
        #expect(try desk.run(["account", "show", code]).out.contains(text))
    }

    @Test func aVIESConfirmationIsRecordedAndShown() throws {
        let desk = TaxDesk()
        let greek = try desk.account("GR", list: false)
        let german = try desk.account("DE", vat: "DE136695976", list: false)
        let confirmed = try desk.run(["account", "confirm-vat", german, "--date", "2027-01-09",
                                      "--reference", "WAPIAAAAW0001"])
        #expect(confirmed.code == 0, "\(confirmed.err)")
        #expect(confirmed.out == "\(german): VAT ID DE136695976 confirmed with VIES on 2027-01-09 (WAPIAAAAW0001)\n")
        let text = try desk.run(["account", "show", german]).out
        #expect(text.contains("  VAT number      DE136695976 (VIES 2027-01-09, WAPIAAAAW0001)\n"), "\(text)")
        #expect(text.contains("confirmVAT: "), "\(text)")   // audited, in the account's history
        let json = try desk.run(["account", "show", german, "--json"]).object
        let c = try #require(json["vatConfirmation"] as? [String: String])
        #expect(c == ["vatId": "DE136695976", "date": "2027-01-09", "reference": "WAPIAAAAW0001",
                      "by": "carol (via sudo)"])
        #expect(try desk.run(["account", "show", greek, "--json"]).object["vatConfirmation"] is NSNull)

        let refusals: [([String], String)] = [
            ([german, "--date", "2027-01-32", "--reference", "R1"],
             "date: date must be a date as YYYY-MM-DD, not \"2027-01-32\""),
            ([german, "--date", "2027-01-11", "--reference", "R1"],
             "date: date 2027-01-11 is in the future; give the day VIES confirmed the ID"),
            ([german, "--date", "2027-01-09", "--reference", " "],
             "reference: reference (the consultation number VIES gave) is required"),
            ([greek, "--date", "2027-01-09", "--reference", "R1"],
             "registrationNumber: \(greek) has no valid VAT ID to confirm; set its VAT number first"),
        ]
        for (args, message) in refusals {
            let refused = try desk.run(["account", "confirm-vat"] + args)
            #expect(refused.code == 1 && refused.err == message + "\n", "\(args): \(refused.err)")
        }
        // Nothing refused was recorded: the one confirmation is still the one shown.
        #expect(try desk.run(["account", "show", german, "--json"]).object["vatConfirmation"] as? [String: String] == c)
        #expect(try desk.run(["account", "show", german]).out.components(separatedBy: "confirmVAT: ").count == 2)
    }
}
