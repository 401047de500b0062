import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

@Suite struct AccountServiceTests {
    @Test func createsWithCodeVersionAndAudit() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        #expect(a.code == "ACC-000001")
        #expect(a.version == 1)
        #expect(a.updatedBy == "alice")
        #expect(a.fields.ordering?.creditLimit == .amount(Money(minor: 100_000, currency: "EUR")))
        let audit = try fx.service.accountDetail(a.id).audit
        #expect(audit.count == 1)
        #expect(audit[0].action == "create")
        #expect(audit[0].actor == "alice")
        #expect(audit[0].changes["creditLimit"] == [nil, "1000.00"])
    }

    @Test func invalidInputWritesNothing() throws {
        let fx = try Fixture()
        var f = AccountForm()
        f.name = "X"
        _ = fields { _ = try fx.service.createAccount(f, by: staff) }
        #expect(try fx.count("SELECT COUNT(*) FROM accounts") == 0)
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events") == 0)
    }

    @Test func codesAreNeverReused() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        try fx.service.store.write { tx in
            try tx.script("DELETE FROM audit_events; DELETE FROM account_search; DELETE FROM accounts")
        }
        let b = try fx.reseller()
        #expect(b.id > a.id)
    }

    @Test func staleVersionIsAConflictAndKeepsBothEdits() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let other = try fx.secondService()
        var first = AccountForm(a.fields)
        first.phone = "+30 210 000 0001"
        _ = try other.updateAccount(a.id, first, expectedVersion: 1, by: .staff("bob"))
        var second = AccountForm(a.fields)
        second.city = "Thessaloniki"
        let errors = fieldErrors { _ = try fx.service.updateAccount(a.id, second, expectedVersion: 1, by: staff) }
        #expect(errors.map(\.field) == ["version"])
        #expect(errors[0].message.contains("bob"))
        #expect(errors[0].message.contains("2026-01-01"))
        let stored = try fx.service.account(a.id)
        #expect(stored.version == 2)
        #expect(stored.fields.phone == "+30 210 000 0001")   // bob's edit intact
        #expect(stored.fields.address.city == nil)           // the refused edit wrote nothing
        #expect(second.city == "Thessaloniki")                // and what was typed is still in the form
        let retried = try fx.service.updateAccount(a.id, { var f = AccountForm(stored.fields); f.city = "Thessaloniki"; return f }(),
                                                   expectedVersion: 2, by: staff)
        #expect(retried.version == 3)
        #expect(retried.fields.phone == "+30 210 000 0001")
    }

    @Test func turningOrderingOffClearsTheSection() throws {
        let fx = try Fixture()
        let a = try fx.reseller(billingDay: "15")
        var f = AccountForm(a.fields)
        f.clearOrdering()
        let saved = try fx.service.updateAccount(a.id, f, expectedVersion: a.version, by: staff)
        #expect(saved.fields.ordering == nil)
        #expect(try fx.count("SELECT COUNT(*) FROM accounts WHERE credit_limit_minor IS NULL AND billing_day IS NULL AND enable_reselling = 0") == 1)
        let audit = try fx.service.accountDetail(a.id).audit.first!
        #expect(audit.changes["enableOrdering"] == ["true", "false"])
    }

    @Test func searchFindsPrefixesOfEveryIndexedField() throws {
        let fx = try Fixture()
        var f = AccountForm()
        f.name = "Γιώργος Παπαδόπουλος Cloud"
        f.tradingName = "Hellas Hosting"
        f.email = "office@papadopoulos.example"
        f.country = "GR"
        f.registrationNumber = "EL099887707"
        let a = try fx.service.createAccount(f, by: staff)
        let other = try fx.reseller("Nordic Bytes AB", email: "hello@nordic.example")
        var c = ContactForm()
        c.firstName = "Ingrid"
        c.lastName = "Svensson"
        c.email = "ingrid@nordic.example"
        _ = try fx.service.addContact(to: other.id, c, by: staff)

        func ids(_ q: String) throws -> [Int64] { try fx.service.searchAccounts(q).rows.map(\.account.id) }
        #expect(try ids("γιωρ") == [a.id])          // diacritics folded
        #expect(try ids("ΠΑΠΑΔΌΠΟΥΛΟΣ") == [a.id])  // capitals: final sigma
        #expect(try ids("papadopoulos.example") == [a.id])
        #expect(try ids("hellas hostingx") == [])   // a word no term starts with
        #expect(try ids("Παπαδ") == [a.id])
        #expect(try ids("hell host") == [a.id])     // trading name, every word
        #expect(try ids("papadopoulos") == [a.id])  // email
        #expect(try ids("EL0998") == [a.id])        // VAT, as typed
        #expect(try ids("el 099887") == [a.id])     // VAT, in two words
        #expect(try ids("099887") == [a.id])        // VAT digits
        #expect(try ids("EL0998 γιωρ") == [a.id])   // VAT and a name
        #expect(try ids("EL0999") == [])
        #expect(try ids("ACC-000002") == [other.id])
        #expect(try ids("000001") == [a.id])
        #expect(try ids("svens") == [other.id])     // contact name
        #expect(try ids("ingrid@nordic") == [other.id])
        #expect(try ids("nothing-like-this") == [])
        #expect(try ids("\"*)(NEAR") == [])          // FTS syntax is just text
        #expect(try ids("") == [a.id, other.id])
    }

    @Test func searchPagesInCodeOrder() throws {
        let fx = try Fixture()
        var batch: [(AccountForm, [ContactForm])] = []
        for i in 1...25 {
            var f = AccountForm()
            f.name = "Paged \(i)"
            f.email = "p\(i)@paged.example"
            f.country = "DE"
            batch.append((f, []))
        }
        _ = try fx.service.importAccounts(batch, by: staff)
        let first = try fx.service.searchAccounts("paged", limit: 10)
        #expect(first.rows.count == 10)
        let second = try fx.service.searchAccounts("paged", after: try #require(first.nextAfter), limit: 10)
        let third = try fx.service.searchAccounts("paged", after: try #require(second.nextAfter), limit: 10)
        #expect(third.rows.count == 5)
        #expect(third.nextAfter == nil)
        let all = (first.rows + second.rows + third.rows).map(\.account.id)
        #expect(all == all.sorted())
        #expect(Set(all).count == 25)
    }

    @Test func importIsAllOrNothing() throws {
        let fx = try Fixture()
        var good = AccountForm()
        good.name = "Good"
        good.email = "good@x.example"
        good.country = "FR"
        var c = ContactForm()
        c.lastName = "Dupont"
        c.email = "same@x.example"
        // The second row reuses a contact email: the whole batch must roll back.
        let errors = fieldErrors { _ = try fx.service.importAccounts([(good, [c]), (good, [c])], by: staff) }
        #expect(errors.map(\.field) == ["email"])
        #expect(try fx.count("SELECT COUNT(*) FROM accounts") == 0)
        #expect(try fx.count("SELECT COUNT(*) FROM contacts") == 0)
        var bad = good
        bad.country = "XX"
        let rowErrors = fieldErrors { _ = try fx.service.importAccounts([(good, []), (bad, [])], by: staff) }
        #expect(rowErrors.first?.message.hasPrefix("row 2:") == true)
    }

    @Test func summaryShowsOnboardingAndCredit() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        var s = try #require(try fx.service.searchAccounts("").rows.first)
        #expect(s.onboarding.nextStep == .priceList)
        #expect(s.availableCredit == .amount(Money(minor: 100_000, currency: "EUR")))
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        s = try fx.service.searchAccounts("").rows[0]
        #expect(s.onboarding.nextStep == .invited)
        _ = try fx.activeUser(a)
        s = try fx.service.searchAccounts("").rows[0]
        #expect(s.onboarding.nextStep == nil)
        #expect(s.onboarding.label == "active")
    }

    @Test func endCustomersBelongToTheirReseller() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let maria = try fx.activeUser(a)
        let c = try fx.service.createEndCustomer(resellerId: a.id, name: "Taverna Nikos", email: "nikos@taverna.example",
                                                country: "GR", by: .storefront(userId: maria.storefrontUser!.id, email: maria.email))
        #expect(c.parentAccountId == a.id)
        #expect(c.fields.currency == "EUR")
        #expect(try fx.service.endCustomers(of: a.id).map(\.id) == [c.id])
        var plain = AccountForm()
        plain.name = "No Resell"
        plain.email = "n@r.example"
        plain.country = "GR"
        let noResell = try fx.service.createAccount(plain, by: staff)
        #expect(fields { _ = try fx.service.createEndCustomer(resellerId: noResell.id, name: "X", email: "x@y.example", country: "GR", by: staff) } == ["account"])
    }
}

@Suite struct SearchQueryTests {
    @Test func foldsAccentsCaseAndSplitsDigitsFromLetters() {
        #expect(SearchQuery.fold("Γιώργος ΠΑΠΑΔΌΠΟΥΛΟΣ") == SearchQuery.fold("ΓΙΏΡΓΟΣ Παπαδόπουλος"))
        #expect(SearchQuery.fold("Γιώργος") == "γιωργοσ")
        #expect(SearchQuery.fold("accounts123@nordic12.example") == "accounts 123@nordic 12.example")
        #expect(SearchQuery.fold("ACC-000123") == "acc-000123")
        #expect(SearchQuery.fold("EL094512345") == "el 094512345")
        #expect(SearchQuery.words("Müller  GmbH, acc-00012") == ["muller", "gmbh", "acc", "00012"])
    }
}

@Suite struct SearchOrderingTests {
    @Test func codePrefixesAndSelectiveWordsFirst() {
        #expect(SearchQuery.selectiveFirst(["acc", "000123"]) == ["000123"])
        #expect(SearchQuery.selectiveFirst(["acc"]) == ["acc"])                   // alone it is a word prefix ("accounts")
        #expect(SearchQuery.selectiveFirst(["se", "991"]) == ["991", "se"])
        #expect(SearchQuery.selectiveFirst(["nord", "cloud"]) == ["cloud", "nord"])
        #expect(SearchQuery.codeText(123) == "000123")
        #expect(SearchQuery.vatText("EL 094-512345") == "el 094-512345 el094512345")
        #expect(SearchQuery.parse("Aegean PT736 x12").vats == ["pt736"])
        #expect(SearchQuery.parse("Aegean PT736").words == ["aegean"])
        #expect(SearchQuery.parse("Aegean PT736 x12").words == ["aegean", "x", "12"])
    }

    @Test(.sqliteOnly) func optimizeKeepsResults() throws {
        let fx = try Fixture()
        let a = try fx.reseller("Nordic Bytes", email: "n@nordic.example")
        try fx.service.store.optimize()
        #expect(try fx.service.searchAccounts("nordic").rows.map(\.account.id) == [a.id])
        #expect(try fx.service.searchAccounts(a.code).rows.map(\.account.id) == [a.id])
        #expect(try fx.service.store.integrityCheck() == "ok")
    }
}
