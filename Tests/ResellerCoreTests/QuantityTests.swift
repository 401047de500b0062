import Testing
@testable import ResellerCore
import DeskTestSupport

/// The one quantity rule every front reads (`Quantity`), and the small forms that validate through their schema.
@Suite struct QuantityTests {
    @Test(arguments: [("1", 1), (" 42 ", 42), ("100000", 100_000)])
    func theRangeTakesItsEnds(_ text: String, _ expected: Int) throws {
        #expect(try Quantity.parse(text, field: "q") == expected)
    }

    @Test(arguments: ["0", "100001", "-3", "two", "1.5", ""])
    func everythingElseIsRefusedInOneWording(_ text: String) {
        #expect(throws: FieldError("q", Quantity.refusal(text))) { try Quantity.parse(text, field: "q") }
    }

    @Test func theRefusalNamesTheRangeAndWhatWasTyped() {
        #expect(Quantity.refusal("0") == "quantity must be a whole number from 1 to 100000, not \"0\"")
        #expect(Quantity.refusal("") == "quantity must be a whole number from 1 to 100000")
        #expect(throws: FieldError("units", "units must be a whole number from 1 to 100000, not \"0\"")) {
            try Quantity.check(0, field: "units", noun: "units")
        }
    }

    @Test func theSubscriptionFormAndTheOrderLineSayTheSame() {
        #expect(throws: ServiceError.invalid("quantity", Quantity.refusal("0"))) {
            try SubscriptionQuantityForm(quantity: 0).validated()
        }
        #expect(throws: FieldError("lines", "\"VM=0\": \(Quantity.refusal("0"))")) {
            try OrderRequestLine.parse("VM=0", field: "lines")
        }
    }

    @Test func aReasonIsRequiredAndHeldToItsSchemasLimit() throws {
        #expect(throws: ServiceError.invalid("reason", "reason is required")) {
            try ReasonForm(reason: " ").validated()
        }
        let limit = try #require(StatusSchema.reason.maxLength)
        let long = String(repeating: "x", count: limit + 1)
        let tooLong = "reason must be at most \(limit) characters (it has \(limit + 1))"
        #expect(throws: ServiceError.invalid("reason", tooLong)) {
            try StatusForm(.suspend, reason: long).validated()
        }
        #expect(try StatusForm(.close, reason: " moved away ").validated() == (.close, "moved away"))
    }

    @Test func aPaymentReportsBothFieldsAtOnce() {
        let eur = Currency.named("EUR")!
        let note = String(repeating: "n", count: (PaymentSchema.note.maxLength ?? 0) + 1)
        let refusals = [FieldError("amount", "amount must be more than 0"),
                        FieldError("note", "note must be at most 500 characters (it has 501)")]
        #expect(throws: ServiceError.invalid(refusals)) {
            try PaymentForm(amount: "0", note: note).validated(currency: eur)
        }
    }
}
