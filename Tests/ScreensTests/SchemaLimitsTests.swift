import FieldSchema
import Testing
import ResellerCore
@testable import Screens
import TerminalKit

/// The form takes exactly what the validator accepts: one limit per field, read from its schema. The Add
/// Contact dialog once took 200 characters of a name the validator refused above 100.
@Suite struct SchemaLimitsTests {
    @Test func aContactNameIsCutWhereTheValidatorStops() {
        var d = ContactDialog.add(accountId: 1, accountName: "A", hasPriceList: true)
        for _ in 0..<150 { _ = d.update(.char("n")) }
        #expect(d.model.firstName.count == 100)
        var form = d.model
        form.lastName = "L"; form.email = "l@example.com"
        #expect(throws: Never.self) { _ = try ContactValidator.validate(form) }
    }

    /// Every text field of both schemas: the longest text the form takes passes the validator's length rule,
    /// one character more is refused by it.
    @Test func everyTextFieldsLimitIsTheValidators() throws {
        for spec in ContactSchema.fields {
            guard let max = spec.maxLength, ["firstName", "lastName", "companyRole"].contains(spec.id) else { continue }
            var form = ContactForm()
            form.lastName = "L"; form.email = "l@example.com"
            spec.set(String(repeating: "a", count: max), in: &form)
            #expect(throws: Never.self) { _ = try ContactValidator.validate(form) }
            spec.set(String(repeating: "a", count: max + 1), in: &form)
            #expect(throws: ServiceError.self) { _ = try ContactValidator.validate(form) }
        }
        let plain = ["name", "tradingName", "registrationNumber", "taxAuthority", "description", "street", "city",
                     "postcode", "state"]
        for spec in AccountSchema.fields where plain.contains(spec.id) {
            let max = try #require(spec.maxLength)
            var form = AccountForm()
            // Outside the EU the registration number is free text (an EU one must be a VAT ID: VATNumberTests).
            form.name = "N"; form.email = "n@example.com"; form.country = "US"
            spec.set(String(repeating: "a", count: max), in: &form)
            #expect(throws: Never.self) { _ = try AccountValidator.validate(form, defaultCurrency: "EUR",
                                                                             defaultManager: "alice") }
            spec.set(String(repeating: "a", count: max + 1), in: &form)
            #expect(throws: ServiceError.self) { _ = try AccountValidator.validate(form, defaultCurrency: "EUR",
                                                                                   defaultManager: "alice") }
        }
    }
}
