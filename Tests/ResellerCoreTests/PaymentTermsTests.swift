import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// paymentTermsDays (docs/domain.md#accounts): whole days 0–365, default 30 or the desk's
/// `service.payment_terms_days`, kept through edits, in the audit, and refused with the field named.
@Suite struct PaymentTermsTests {
    @Test func theDefaultIsThirtyOrTheDesksAndAnAccountKeepsItsOwn() throws {
        let f = try Fixture()
        let a = try f.reseller()
        #expect(a.fields.paymentTermsDays == 30)
        var form = AccountForm(a.fields)
        #expect(form.paymentTermsDays == "30")
        form.paymentTermsDays = "45"
        let edited = try f.service.updateAccount(a.id, form, expectedVersion: a.version, by: staff)
        #expect(try f.service.account(a.id).fields.paymentTermsDays == 45 && edited.version == 2)
        let trail = try f.service.accountDetail(a.id).audit
        #expect(trail.first?.changes["paymentTermsDays"] == ["30", "45"])

        var settings = ServiceSettings.test
        settings.paymentTermsDays = 14
        let desk = ResellerService(store: try f.db.open(), settings: settings, clock: { f.clock.now })
        var other = AccountForm()
        other.name = "Zero Terms"; other.email = "z@zero.example"; other.country = "DE"
        #expect(try desk.createAccount(other, by: staff).fields.paymentTermsDays == 14)
        other.email = "z2@zero.example"; other.paymentTermsDays = "0"
        #expect(try desk.createAccount(other, by: staff).fields.paymentTermsDays == 0)   // due on the day
    }

    @Test(arguments: ["366", "-1", "30.5", "thirty", "１５", "0030"])
    func outOfRangeOrNotWholeDaysIsRefusedByName(_ typed: String) throws {
        var form = AccountForm()
        form.name = "X"; form.email = "x@x.example"; form.country = "GR"; form.paymentTermsDays = typed
        let message = "payment terms must be whole days from 0 to 365, not \"\(typed)\""
        #expect(throws: ServiceError.invalid([FieldError("paymentTermsDays", message)])) {
            _ = try AccountValidator.validate(form, defaultCurrency: "EUR", defaultManager: "alice")
        }
    }

    @Test func theConfigurationSetsTheDefaultWithinItsRange() throws {
        var config = ConfigFile()
        try config.merge(text: "[service]\npayment_terms_days = 60\n", source: "/etc/resellerdesk/config.toml")
        #expect(try ServiceSettings(config).paymentTermsDays == 60)
        var bad = ConfigFile()
        try bad.merge(text: "[service]\npayment_terms_days = 400\n", source: "/etc/resellerdesk/config.toml")
        #expect(throws: ServiceError.self) { _ = try ServiceSettings(bad) }
    }
}
