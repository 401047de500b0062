import Foundation
import Testing
@testable import ResellerCore

/// The seller as [company] gives it: what invoices still need, how it prints, and the values refused with
/// their key and where they were set.
@Suite struct SellerTests {
    static let greek = Seller(name: "Hellenic Cloud Distribution S.A.", street: "Leoforos Kifisias 44",
                              city: "Marousi", postcode: "151 25", country: "GR", vatId: "EL094259216",
                              taxRegistration: "Tax office FAE Athinon", email: "billing@hellenic-cloud.example",
                              phone: "+30 210 000 0000", iban: "GR1601101250000000012300695", bic: "ETHNGRAA",
                              bank: "National Bank of Greece", footer: "Registered in the General Commercial Registry")

    func settings(_ toml: String) throws(ServiceError) -> ServiceSettings {
        var config = ConfigFile()
        try config.merge(text: toml, source: "/etc/resellerdesk/config.toml")
        return try ServiceSettings(config)
    }

    func refusal(_ toml: String) -> String {
        do {
            _ = try settings(toml)
            return "accepted"
        } catch {
            return error.fieldErrors.map(\.message).joined(separator: "; ")
        }
    }

    @Test func anEmptySellerMissesEveryKeyAnInvoiceNeedsInOrder() {
        #expect(Seller().missingKeys == ["company.name", "company.street", "company.city", "company.postcode",
                                         "company.country", "company.vat_id"])
        #expect(ServiceSettings().seller == Seller())
        #expect(Self.greek.missingKeys.isEmpty)
        var blank = Self.greek
        blank.postcode = "  "
        blank.vatId = nil
        blank.email = nil   // optional: never missing
        #expect(blank.missingKeys == ["company.postcode", "company.vat_id"])
    }

    @Test func printsTheHeadOfAnInvoice() {
        #expect(Self.greek.printedLines == ["Hellenic Cloud Distribution S.A.", "Leoforos Kifisias 44",
                                            "151 25 Marousi", "Greece", "VAT ID EL094259216",
                                            "Tax registration Tax office FAE Athinon",
                                            "billing@hellenic-cloud.example", "+30 210 000 0000"])
        let bare = Seller(name: "Fixture Cloud AG", city: "Zürich", country: "CH", vatId: "CHE-123.456.788 MWST")
        #expect(bare.printedLines == ["Fixture Cloud AG", "Zürich", "Switzerland", "VAT ID CHE-123.456.788 MWST"])
        #expect(Seller().printedLines.isEmpty)
    }

    @Test func printsTheBankLineOnlyWithAnIBAN() {
        #expect(Self.greek.bankLine
                == "IBAN GR1601101250000000012300695 · BIC ETHNGRAA · Bank National Bank of Greece")
        #expect(Seller(iban: "GR1601101250000000012300695").bankLine == "IBAN GR1601101250000000012300695")
        #expect(Seller(bic: "ETHNGRAA", bank: "National Bank of Greece").bankLine == nil)
    }

    @Test func readsEveryKeyOfCompany() throws {
        let s = try settings("""
            [company]
            name = "Hellenic Cloud Distribution S.A."
            street = "Leoforos Kifisias 44"
            city = "Marousi"
            postcode = "151 25"
            country = "gr"
            vat_id = "EL094259216"
            tax_registration = "Tax office FAE Athinon"
            email = "billing@hellenic-cloud.example"
            phone = "+30 210 000 0000"
            iban = "gr16 0110 1250 0000 0001 2300 695"
            bic = "ethngraa"
            bank = "National Bank of Greece"
            footer = "Registered in the General Commercial Registry"
            """)
        #expect(s.seller == Self.greek)
    }

    @Test func refusesABadValueNamingTheKeyAndWhereItWasSet() throws {
        let at = "/etc/resellerdesk/config.toml line 2"
        #expect(refusal("[company]\ncountry = \"Greece\"") == "\(at): company.country must be an ISO 3166-1 "
                + "alpha-2 code such as GR or DE, not \"Greece\"; Greece is GR")
        #expect(refusal("[company]\ncountry = \"EL\"").contains("Greece is GR (EL is only its VAT ID prefix)"))
        #expect(refusal("[company]\ncountry = \"XX\"").hasPrefix("\(at): company.country must be"))
        #expect(refusal("[company]\niban = \"GR1601101250000000012300696\"")
                    .hasPrefix("\(at): company.iban must be an IBAN"))
        #expect(refusal("[company]\nemail = \"billing at example\"")
                    .hasPrefix("\(at): company.email must be one address like name@example.com"))
        #expect(refusal("[company]\nname = \"Evil\\u001b[2J Corp\"")
                    == "\(at): company.name must not contain control characters or direction overrides")
        #expect(refusal("[company]\nfooter = \"two\\nlines\"").contains("company.footer must not contain control"))
        #expect(refusal("[company]\nbic = \"ETHN GRAA\"").hasPrefix("\(at): company.bic must be a BIC"))
        // An EU seller's VAT ID passes its country's check; it is stored as checked.
        #expect(refusal("[company]\ncountry = \"GR\"\nvat_id = \"EL094259217\"")
                == "/etc/resellerdesk/config.toml line 3: company.vat_id: not a valid Greek VAT ID "
                + "(EL and 9 digits; check digit wrong)")
        #expect(try settings("[company]\ncountry = \"GR\"\nvat_id = \"EL 094.259.216\"").seller.vatId == "EL094259216")
        #expect(try settings("[company]\ncountry = \"CH\"\nvat_id = \"CHE-123.456.788 MWST\"").seller.vatId
                == "CHE-123.456.788 MWST")
    }

    @Test func namesTheEnvironmentVariableThatSetABadValue() throws {
        let dir = NSTemporaryDirectory()
        let config = try ConfigFile.load(systemPath: dir + "/no-system.toml", path: dir + "/no-user.toml",
                                         environment: ["RESELLERDESK_COMPANY_IBAN": "GR00 0000"])
        #expect(throws: ServiceError.self) { try ServiceSettings(config) }
        do {
            _ = try ServiceSettings(config)
        } catch {
            #expect(error.fieldErrors.first?.message.hasPrefix("RESELLERDESK_COMPANY_IBAN: company.iban") == true)
        }
    }
}
