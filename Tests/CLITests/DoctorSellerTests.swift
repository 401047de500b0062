import Foundation
import ResellerCore
import Testing
import DeskTestSupport

/// The seller as the binary reads it: `doctor` fails while [company] lacks a key an invoice needs, naming the
/// keys and the file to set them in, and a bad value stops every command, naming where it was set.
@Suite struct DoctorSellerTests {
    let cli = CLI()

    @Test func doctorFailsNamingTheMissingKeysAndTheFile() throws {
        #expect(try cli.run(["demo"]).code == 0)
        // The file doctor names is the one [company] belongs in, though the environment sets the seller here.
        let file = cli.folder + "/config.toml"
        try "[service]\nhelp_contact = \"the desk\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let env = ["RESELLERDESK_COMPANY_POSTCODE": "", "RESELLERDESK_COMPANY_VAT_ID": "", "RESELLERDESK_CONFIG": file]
        let r = try cli.run(["doctor"], environment: env)
        #expect(r.code == 1, "\(r.out)\(r.err)")
        #expect(r.out.contains("fail seller ([company]): invoices cannot be issued: set company.postcode, "
                               + "company.vat_id in [company] of \(file)\n"), "\(r.out)")
        #expect(r.out.contains("ok   database:"))   // the rest is still checked
    }

    @Test func doctorNamesTheSellerThatInvoices() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let r = try cli.run(["doctor"], environment: TestSeller.environment(TestSeller.greek))
        #expect(r.out.contains("ok   seller ([company]): Hellenic Cloud Distribution S.A., GR, VAT ID EL094259216: "
                               + "invoices may be issued"), "\(r.out)")
    }

    @Test func doctorFailsWithNoSellerAtAll() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let r = try cli.run(["doctor"], environment: TestSeller.cleared)
        #expect(r.code == 1)
        #expect(r.out.contains("fail seller ([company]): invoices cannot be issued: set company.name, company.street, "
                               + "company.city, company.postcode, company.country, company.vat_id in [company] of "),
                "\(r.out)")
    }

    @Test func aBadSellerValueStopsACommandNamingWhereItWasSet() throws {
        let wrongDigit = "GR16 0110 1250 0000 0001 2300 696"
        let r = try cli.run(["account", "list"], environment: ["RESELLERDESK_COMPANY_IBAN": wrongDigit])
        #expect(r.code != 0)
        #expect(r.err.contains("RESELLERDESK_COMPANY_IBAN: company.iban must be an IBAN"), "\(r.err)")
    }
}
