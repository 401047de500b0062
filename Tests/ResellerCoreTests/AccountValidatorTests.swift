import Testing
@testable import ResellerCore

@Suite struct AccountValidatorTests {
    func base() -> AccountForm {
        var f = AccountForm()
        f.name = "Aegean Cloud"
        f.email = "info@aegean.example"
        f.country = "gr"
        return f
    }

    func validate(_ f: AccountForm) throws -> AccountFields {
        try AccountValidator.validate(f, defaultCurrency: "EUR", defaultManager: "alice")
    }

    @Test func defaults() throws {
        let a = try validate(base())
        #expect(a.address.country == "GR")
        #expect(a.currency == "EUR")
        #expect(a.accountManager == "alice")
        #expect(a.type == .customer)
        #expect(a.ordering == nil)
    }

    @Test func reportsEveryRequiredFieldAtOnce() {
        let f = fields { _ = try validate(AccountForm()) }
        #expect(f == ["name", "email", "country"])
    }

    @Test func orderingDefaultsCreditToZero() throws {
        var f = base()
        f.enableOrdering = true
        let a = try validate(f)
        #expect(a.ordering?.creditLimit == .amount(Money(minor: 0, currency: "EUR")))
        #expect(a.ordering?.partialChargesInvoicing == .onOrderDay)
        #expect(a.ordering?.prorateBillingDay == nil)
    }

    @Test func orderingFieldsNeedOrdering() {
        var f = base()
        f.creditLimit = "100"
        f.enableReselling = true
        f.prorateBilling = true
        f.partialChargesInvoicing = "onNextBillingDay"
        let errors = fieldErrors { _ = try validate(f) }
        #expect(Set(errors.map(\.field)) == ["creditLimit", "enableReselling", "prorateBilling", "partialChargesInvoicing"])
        #expect(errors.allSatisfy { $0.message.contains("Ordering") })
    }

    @Test func unlimitedAndAmountExcludeEachOther() throws {
        var f = base()
        f.enableOrdering = true
        f.unlimitedCredit = true
        #expect(try validate(f).ordering?.creditLimit == .unlimited)
        f.creditLimit = "10"
        #expect(fields { _ = try validate(f) } == ["creditLimit"])
    }

    @Test func prorationNeedsABillingDay() throws {
        var f = base()
        f.enableOrdering = true
        f.prorateBilling = true
        #expect(fields { _ = try validate(f) } == ["billingDay"])
        for (text, day) in [("first", BillingDay.firstOfMonth), ("last", .lastOfMonth), ("first-order", .dayOfFirstOrder),
                            ("15", .day(15)), ("28", .day(28)), ("1", .firstOfMonth)] {
            f.billingDay = text
            #expect(try validate(f).ordering?.prorateBillingDay == day)
        }
        for bad in ["0", "29", "31", "monday", "-1"] {
            f.billingDay = bad
            #expect(fields { _ = try validate(f) } == ["billingDay"], "\(bad)")
        }
    }

    @Test func billingDayNeedsProration() {
        var f = base()
        f.enableOrdering = true
        f.billingDay = "first"
        #expect(fields { _ = try validate(f) } == ["billingDay"])
    }

    @Test func partialChargesWithOrWithoutProration() throws {
        var f = base()
        f.enableOrdering = true
        f.partialChargesInvoicing = "on-next-billing-day"
        #expect(try validate(f).ordering?.partialChargesInvoicing == .onNextBillingDay)
        f.partialChargesInvoicing = "weekly"
        #expect(fields { _ = try validate(f) } == ["partialChargesInvoicing"])
    }

    @Test func creditLimitBounds() throws {
        var f = base()
        f.enableOrdering = true
        f.creditLimit = "999999999.99"
        #expect(try validate(f).ordering?.creditLimit == .amount(Money(minor: 99_999_999_999, currency: "EUR")))
        for bad in ["1000000000", "-5", "5,000", "12.345"] {
            f.creditLimit = bad
            #expect(fields { _ = try validate(f) } == ["creditLimit"], "\(bad)")
        }
    }

    @Test func refusesControlAndBidiCharacters() {
        for hostile in ["Evil\u{1B}[2J", "Evil\u{202E}gnp.exe", "A\u{0}B", "A\u{85}B", "line\nbreak", "\u{2066}x"] {
            var f = base()
            f.name = hostile
            #expect(fields { _ = try validate(f) } == ["name"], "\(hostile.debugDescription)")
        }
    }

    @Test func acceptsInternationalNames() throws {
        for name in ["Γιώργος Παπαδόπουλος Α.Ε.", "Société Générale", "株式会社クラウド", "👩‍💻 Cloud Crew", "Zoë & Søren"] {
            var f = base()
            f.name = name
            #expect(try validate(f).name == name)
        }
    }

    @Test func lengthLimits() throws {
        var f = base()
        f.name = String(repeating: "a", count: 200)
        _ = try validate(f)
        f.name = String(repeating: "a", count: 201)
        #expect(fieldErrors { _ = try validate(f) }.first?.message.contains("at most 200") == true)
    }

    @Test func countryCurrencyTypeAndOptionalFields() {
        var f = base()
        f.country = "ZZ"
        f.currency = "ZZZ"
        f.type = "Distributor"
        f.phone = "call me"
        f.website = "not a site"
        f.accountManager = "bob smith"
        #expect(fields { _ = try validate(f) } == ["country", "currency", "type", "phone", "website", "accountManager"])
    }

    @Test func roundTripsThroughTheForm() throws {
        var f = base()
        f.enableOrdering = true
        f.creditLimit = "2500.5"
        f.prorateBilling = true
        f.billingDay = "last"
        f.partialChargesInvoicing = "onNextBillingDay"
        f.enableReselling = true
        f.website = "aegean.example"
        let a = try validate(f)
        #expect(a.website == "https://aegean.example")
        #expect(try validate(AccountForm(a)) == a)
    }

    @Test func clearingOrderingEmptiesTheSection() throws {
        var f = base()
        f.enableOrdering = true
        f.unlimitedCredit = true
        f.enableReselling = true
        #expect(f.orderingHasValues)
        f.clearOrdering()
        #expect(!f.orderingHasValues)
        #expect(try validate(f).ordering == nil)
    }
}

@Suite struct EmailAddressTests {
    @Test(arguments: ["a@b.co", "Maria.Oikonomou+desk@aegean-cloud.example", "x@sub.domain.gr", "γιώργος@παράδειγμα.ελ"])
    func accepts(_ email: String) throws {
        #expect(try EmailAddress.validate(email, field: "email") == email)
    }

    @Test(arguments: ["", "plain", "a@b", "a@@b.co", "a b@c.co", "a@b .co", "<a@b.co>", "a@b.co, c@d.co", ".a@b.co",
                      "a..b@c.co", "a@-b.co", "a@b.co\r\nBcc: x@evil.test", "a@b..co"])
    func refuses(_ email: String) {
        #expect(throws: FieldError.self) { try EmailAddress.validate(email, field: "email") }
    }
}

@Suite struct PasswordPolicyTests {
    @Test func rules() {
        #expect(fields { try PasswordPolicy.check("short", email: "maria@x.example") } == ["password"])
        #expect(fields { try PasswordPolicy.check(String(repeating: "x", count: 129), email: "maria@x.example") } == ["password"])
        #expect(fields { try PasswordPolicy.check("passwordpassword", email: "maria@x.example") } == ["password"])
        #expect(fields { try PasswordPolicy.check("my name is maria!!", email: "maria@x.example") } == ["password"])
        #expect(fields { try PasswordPolicy.check("correct horse battery", confirmation: "correct horse batter", email: "maria@x.example") } == ["confirmation"])
    }

    @Test func anyCharactersNoCompositionRules() throws {
        try PasswordPolicy.check("all lowercase words here", email: "maria@x.example")
        try PasswordPolicy.check("Καλημέρα κόσμε 🌞!", email: "maria@x.example")
        try PasswordPolicy.check(String(repeating: "z", count: 128), email: "maria@x.example")
        try PasswordPolicy.check("twelve chars", email: "maria@x.example")
        try PasswordPolicy.check(String(repeating: "ab", count: 32), email: "maria@x.example")
    }

    @Test func nothingIsTruncated() throws {
        let long = String(repeating: "k", count: 127)
        let hash = try #require(Sodium.hashPassword(long + "a"))
        #expect(Sodium.verifyPassword(long + "a", hash: hash))
        #expect(!Sodium.verifyPassword(long + "b", hash: hash))          // the 128th character counts
    }
}
