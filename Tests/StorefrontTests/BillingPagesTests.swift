import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ResellerCore
@testable import Storefront
import Templating

/// The subscriptions and invoices pages and the dashboard's billing figures (issue #12, Storefront), per
/// role: Admin and Subscriptions Manager change subscriptions, a Cloud Administrator only sees them, Admin
/// and Billing Agent see invoices; every other user is refused with 403, by the page and by the service.
@Suite struct BillingPagesTests {
    typealias Who = BillingFixture.Who

    @Test(arguments: Who.allCases)
    func eachRoleSeesWhatItMay(_ who: Who) async throws {
        let fx = try BillingFixture(who)
        defer { fx.cleanUp() }
        let sub = try fx.orderVMs(2)
        fx.on("2027-02-01")
        let invoice = try #require(try fx.service.billingRun(by: .staff("dora")).invoices.first)
        fx.on("2027-02-05")
        let see = [.admin, .subscriptionsManager, .cloudAdministrator].contains(who)
        let change = who == .admin || who == .subscriptionsManager
        // A raise is a purchase (issue #21): a Subscriptions Manager without the Buyer role is refused it.
        let raise = who == .admin
        let billing = who == .admin || who == .billingAgent
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.html.contains("href=\"/subscriptions\"") == see, "\(who) menu: subscriptions")
            #expect(b.html.contains("href=\"/invoices\"") == billing, "\(who) menu: invoices")
            #expect(b.html.contains("Next invoice") == billing, "\(who) dashboard")
            let csrf = try #require(b.csrfToken)

            try await b.get("/subscriptions")
            #expect(b.status == (see ? .ok : .forbidden), "\(who) GET /subscriptions")
            if see {
                #expect(b.html.contains("Cloud VM, 2 vCPU / 4 GB RAM") && b.html.contains("2027-03-01"))
                #expect(b.html.contains("/subscriptions/\(sub.id)/preview") == change, "\(who) forms")
                #expect(b.html.contains("/subscriptions/\(sub.id)/cancel") == change, "\(who) cancel link")
            } else {
                #expect(b.html.contains("Not allowed") && b.html.contains("Subscriptions Manager"))
            }
            try await b.get("/subscriptions/\(sub.id)/cancel")
            #expect(b.status == (change ? .ok : .forbidden), "\(who) GET cancel")
            try await b.post("/subscriptions/\(sub.id)/preview", [("quantity", "3")], csrf: csrf)
            #expect(b.status == (raise ? .ok : change ? .unprocessableContent : .forbidden), "\(who) POST preview")
            if change && !raise { #expect(b.html.contains("a purchase") && b.html.contains("Buyer")) }
            for path in ["/invoices", "/invoices/\(invoice.number)", "/invoices?status=open"] {
                try await b.get(path)
                #expect(b.status == (billing ? .ok : .forbidden), "\(who) GET \(path)")
            }
            for (path, fields) in [("/subscriptions/\(sub.id)/quantity", [("quantity", "3")]),
                                   ("/subscriptions/\(sub.id)/cancel", [])] {
                try await b.post(path, fields, csrf: csrf)
                #expect((b.status == .forbidden) == !change, "\(who) POST \(path): \(b.status)")
            }
        }
        // What the refused users posted changed nothing; the allowed ones' did.
        let after = try #require(try fx.service.subscriptions(of: fx.reseller.id).first)
        #expect((after.status == .ending) == change, "\(who): \(after.status)")
        #expect((after.quantity(on: fx.day("2027-02-05")) == 3) == raise)
    }

    @Test func aQuantityIsPreviewedWithItsProratedChargeThenChanged() async throws {
        let fx = try BillingFixture(type: .user, roles: [.subscriptionsManager, .buyer])
        defer { fx.cleanUp() }
        let sub = try fx.orderVMs(2)
        fx.on("2027-01-20")
        let invoicesBefore = try fx.service.invoices(of: fx.reseller.id).count
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/subscriptions")
            // Not a number, out of range, the same quantity: each beside the row's field, what was typed kept.
            try await b.post("/subscriptions/\(sub.id)/preview", [("quantity", "five")])
            #expect(b.status == .unprocessableContent)
            #expect(b.html.contains("id=\"q-\(sub.id)-error\"")
                    && b.html.contains("quantity must be a whole number from 1 to 100000, not &quot;five&quot;"))
            #expect(b.html.contains("value=\"five\"") && b.html.contains("aria-invalid=\"true\""))
            try await b.post("/subscriptions/\(sub.id)/preview", [("quantity", "200000")])
            #expect(b.status == .unprocessableContent && b.html.contains("value=\"200000\""))
            try await b.post("/subscriptions/\(sub.id)/preview", [("quantity", "2")])
            #expect(b.status == .unprocessableContent)
            #expect(b.html.contains("Quantity: subscription \(sub.id) already has 2"))
            // No CSRF token: refused, nothing changed.
            try await b.post("/subscriptions/\(sub.id)/quantity", [("quantity", "5")], csrf: "forged")
            #expect(b.status == .forbidden && b.html.contains("Form expired"))

            // The preview: 3 added units × 32.00 for 20–31 January, 12/31 of 96.00 = 37.16; nothing written.
            try await b.get("/subscriptions")
            try await b.post("/subscriptions/\(sub.id)/preview", [("quantity", "5")])
            #expect(b.status == .ok && b.html.contains("Check the new quantity"))
            for text in ["37.16 EUR", "3 × 32.00 EUR, prorated 12/31 days", "2027-01-20 – 2027-01-31",
                         "Change the quantity to 5", "name=\"quantity\" value=\"5\""] {
                #expect(b.html.contains(text), "preview lacks \(text)")
            }
            #expect(try fx.service.subscriptions(of: fx.reseller.id)[0].quantity(on: fx.day("2027-01-20")) == 2)
            #expect(try fx.service.invoices(of: fx.reseller.id).count == invoicesBefore)

            // Confirmed: on order day, the added units are invoiced at once, with the previewed amount.
            try await b.post("/subscriptions/\(sub.id)/quantity", [("quantity", "5")])
            #expect(b.status == .ok)
            let invoices = try fx.service.invoices(of: fx.reseller.id)
            #expect(invoices.count == invoicesBefore + 1)
            let added = try #require(invoices.last)
            #expect(added.draft.total.decimalString == "37.16")
            #expect(b.html.contains("5 units from 2027-01-20") && b.html.contains("on invoice \(added.number)"))
            #expect(try fx.service.subscriptions(of: fx.reseller.id)[0].quantity(on: fx.day("2027-01-20")) == 5)

            // A lowering: no charge, it counts from the next period.
            try await b.post("/subscriptions/\(sub.id)/preview", [("quantity", "1")])
            #expect(b.html.contains("a lower quantity counts from the next period") && b.html.contains("2027-02-01"))
            try await b.post("/subscriptions/\(sub.id)/quantity", [("quantity", "1")])
            #expect(b.html.contains("1 from 2027-02-01"))
            #expect(try fx.service.invoices(of: fx.reseller.id).count == invoicesBefore + 1)
        }
    }

    @Test func aSubscriptionIsCancelledAtPeriodEndAfterConfirmation() async throws {
        let fx = try BillingFixture(.admin)
        defer { fx.cleanUp() }
        let sub = try fx.orderVMs(2)
        fx.on("2027-01-20")
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/subscriptions/\(sub.id)/cancel")
            #expect(b.status == .ok && b.html.contains("Cancel at period end?") && b.html.contains("2027-01-31"))
            #expect(try fx.service.subscriptions(of: fx.reseller.id)[0].status == .active)   // the GET changed nothing
            try await b.post("/subscriptions/\(sub.id)/cancel", [])
            #expect(b.status == .ok && b.html.contains("ends on 2027-01-31"))
            #expect(b.html.contains("Ending at period end") && b.html.contains("last day 2027-01-31"))
            #expect(!b.html.contains("/subscriptions/\(sub.id)/preview"))     // no more changes offered
            let ended = try fx.service.subscriptions(of: fx.reseller.id)[0]
            #expect(ended.status == .ending && ended.endDate == fx.day("2027-01-31"))
            #expect(try fx.service.allCreditNotes().isEmpty)
            // Again: refused with the reason, not a crash.
            try await b.post("/subscriptions/\(sub.id)/cancel", [])
            #expect(b.status == .unprocessableContent && b.html.contains("Ending at period end already"))
            // Another id: not found.
            try await b.get("/subscriptions/999/cancel")
            #expect(b.status == .notFound)
        }
    }

    @Test func invoicesByStatusAndEachAsAPrintablePage() async throws {
        let fx = try BillingFixture(.billingAgent)
        defer { fx.cleanUp() }
        let sub = try fx.orderVMs(2)
        fx.on("2027-02-01")
        _ = try fx.service.billingRun(by: .staff("dora"))
        fx.on("2027-03-01")
        _ = try fx.service.billingRun(by: .staff("dora"))
        fx.on("2027-03-10")
        let all = try fx.service.invoices(of: fx.reseller.id)
        #expect(all.count >= 2)
        // The oldest one paid; February's (due 2027-03-03) overdue; March's open.
        let paid = PaymentForm(amount: all[0].draft.total.decimalString)
        _ = try fx.service.recordPayment(accountId: fx.reseller.id, paid, by: .staff("dora"))
        let cancelled = try fx.service.cancelSubscription(sub.id, now: true, by: .staff("dora"))
        let note = try #require(cancelled.creditNote)
        let february = try #require(all.first { $0.draft.date == fx.day("2027-02-01") })
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/invoices")
            #expect(b.status == .ok)
            for i in all { #expect(b.html.contains("href=\"/invoices/\(i.number)\""), "list lacks \(i.number)") }
            #expect(b.html.contains("href=\"/credit-notes/\(note.number)\""))
            for status in InvoiceStatus.allCases {
                try await b.get("/invoices?status=\(status.rawValue.lowercased())")
                let expected = try fx.service.invoices(of: fx.reseller.id, status: status).map(\.number)
                for i in all {
                    #expect(b.html.contains(">\(i.number)</a>") == expected.contains(i.number), "\(status) \(i.number)")
                }
                #expect(b.html.contains("aria-current=\"page\">\(status.rawValue)</a>"))
            }
            #expect(try fx.service.invoices(of: fx.reseller.id, status: .overdue).map(\.number)
                        .contains(february.number))

            // The printable invoice: the document's number, lines and totals, print rules, no form.
            try await b.get("/invoices/\(february.number)")
            #expect(b.status == .ok)
            let doc = try fx.service.invoiceDocument(number: february.number, by: .staff("dora"))
            #expect(doc.total == "64.00 EUR" && doc.status == .overdue)
            let shown = ["Invoice \(february.number)", doc.total, "2027-02-01 – 2027-02-28", "Overdue", "2027-03-03",
                         "Aegean Cloud Partners (ACC-000001)", "Left to pay", doc.due ?? "?", "class=\"no-print\"",
                         TaxRules.outOfScopeNote, "Net", "VAT O 0 %"]
            for text in shown + doc.rows.flatMap({ [$0.amount, $0.unitPrice, $0.description] }) {
                #expect(b.html.contains(text), "invoice page lacks \(text)")
            }
            // The page's document is the shared template's, as the invoice email's HTML part has it.
            let shared = try TemplateEngine(html: [DocumentTemplate.name: DocumentTemplate.html])
                .render(DocumentTemplate.name, DocumentView(doc))
            #expect(b.html.contains(shared))
            try await b.get("/style.css")
            #expect(b.html.contains("@media print"))

            try await b.get("/credit-notes/\(note.number)")
            #expect(b.status == .ok && b.html.contains("Credit note \(note.number)")
                    && b.html.contains(note.draft.total.display))
            // Unknown numbers, and invoices of another reseller, are not found.
            try await b.get("/invoices/INV-999999")
            #expect(b.status == .notFound && b.html.contains("No such invoice"))
            try await b.get("/credit-notes/CRN-999999")
            #expect(b.status == .notFound)
        }
    }

    @Test func theDashboardShowsBalanceOverdueAndTheNextInvoice() async throws {
        let fx = try BillingFixture(.billingAgent)
        defer { fx.cleanUp() }
        try fx.orderVMs(2)
        fx.on("2027-02-01")
        _ = try fx.service.billingRun(by: .staff("dora"))
        fx.on("2027-03-10")
        let standing = try fx.service.billingStanding(accountId: fx.reseller.id)
        let balance = try fx.service.accountDetail(fx.reseller.id).summary.balance
        let next = try #require(standing.nextInvoice)
        #expect(next.date == fx.day("2027-03-01") || next.date == fx.day("2027-03-10"))
        #expect(standing.overdue.minor >= 6_400)
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.html.contains("<dt>Balance</dt><dd>\(balance.display)</dd>"))
            #expect(b.html.contains("<dd id=\"overdue\">\(standing.overdue.display)</dd>"))
            #expect(b.html.contains("<dd id=\"next-invoice\">\(next.total.display) on \(next.date) (estimate)</dd>"))
        }
    }
}

/// The service refuses what the pages would (docs/domain.md#roles: the service checks the role).
@Suite struct BillingRightsTests {
    typealias Who = BillingFixture.Who

    @Test(arguments: Who.allCases)
    func theServiceChecksEachRole(_ who: Who) throws {
        let fx = try BillingFixture(who)
        defer { fx.cleanUp() }
        let sub = try fx.orderVMs(2)
        fx.on("2027-02-01")
        let invoice = try #require(try fx.service.billingRun(by: .staff("dora")).invoices.first)
        fx.on("2027-02-10")
        let see = [.admin, .subscriptionsManager, .cloudAdministrator].contains(who)
        let change = who == .admin || who == .subscriptionsManager
        let raise = who == .admin   // a purchase: Admin, or Buyer with Subscriptions Manager (issue #21)
        let billing = who == .admin || who == .billingAgent
        let a = fx.actor, id = fx.reseller.id, s = fx.service
        func allowed(_ body: () throws -> Void) -> Bool { (try? body()) != nil }
        #expect(allowed { _ = try s.subscriptions(of: id, by: a) } == see, "\(who) subscriptions")
        #expect(allowed { _ = try s.previewQuantity(subscriptionId: sub.id, quantity: 3, by: a) } == raise)
        #expect(allowed { _ = try s.previewQuantity(subscriptionId: sub.id, quantity: 1, by: a) } == change)
        #expect(allowed { _ = try s.previewCancellation(subscriptionId: sub.id, by: a) } == change)
        #expect(allowed { _ = try s.invoices(of: id, by: a) } == billing, "\(who) invoices")
        #expect(allowed { _ = try s.creditNotes(of: id, by: a) } == billing)
        #expect(allowed { _ = try s.invoiceDocument(number: invoice.number, by: a) } == billing)
        #expect(allowed { _ = try s.billingStanding(accountId: id, by: a) } == billing)
        #expect(allowed { _ = try s.setQuantity(subscriptionId: sub.id, quantity: 1, by: a) } == change)
        #expect(allowed { _ = try s.setQuantity(subscriptionId: sub.id, quantity: 3, by: a) } == raise)
        #expect(allowed { _ = try s.cancelSubscription(sub.id, now: false, by: a) } == change)
        if !change {
            let untouched = try s.subscriptions(of: id)[0]
            #expect(untouched.status == .active && untouched.quantity(on: fx.day("2027-02-10")) == 2)
        }
    }

    /// A raise is a purchase (issue #21): a Buyer who is also Subscriptions Manager raises within the
    /// available credit and is refused above it, in the page and in the service, saying what is available and
    /// whom to ask; nothing is written.
    @Test func aRaiseAboveTheAvailableCreditIsRefused() async throws {
        let fx = try BillingFixture(type: .user, roles: [.subscriptionsManager, .buyer])
        defer { fx.cleanUp() }
        let sub = try fx.orderVMs(2)
        fx.on("2027-01-20")
        let available = try #require(try fx.service.availableCredit(fx.reseller.id))
        guard case .amount(let left) = available else { Issue.record("the demo reseller has a limit"); return }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            for path in ["/subscriptions/\(sub.id)/preview", "/subscriptions/\(sub.id)/quantity"] {
                try await b.post(path, [("quantity", "100000")])
                #expect(b.status == .unprocessableContent, "\(path)")
                #expect(b.html.contains("available") && b.html.contains(left.display), "\(path)")
            }
            try await b.post("/subscriptions/\(sub.id)/preview", [("quantity", "3")])
            #expect(b.status == .ok && b.html.contains("Available credit"))
        }
        #expect(throws: ServiceError.self) {
            try fx.service.setQuantity(subscriptionId: sub.id, quantity: 100_000, by: fx.actor)
        }
        let after = try #require(try fx.service.subscriptions(of: fx.reseller.id).first)
        #expect(after.quantity(on: fx.day("2027-01-20")) == 2)
        #expect(try fx.service.availableCredit(fx.reseller.id) == available)
    }

    /// A user of another account cannot change, preview or read this account's subscriptions and invoices:
    /// it finds them not found, as missing ones, so their ids tell nothing.
    @Test func anotherAccountsUserFindsNothing() throws {
        let fx = try BillingFixture(.admin)
        defer { fx.cleanUp() }
        let sub = try fx.orderVMs(2)
        fx.on("2027-02-01")
        let invoice = try #require(try fx.service.billingRun(by: .staff("dora")).invoices.first)
        var form = AccountForm()
        form.name = "Ionian Hosting"; form.email = "billing@ionian.example"; form.country = "GR"
        form.type = "Reseller"; form.enableOrdering = true; form.creditLimit = "100"
        let other = try fx.service.createAccount(form, by: .staff("dora"))
        var c = ContactForm()
        c.lastName = "Other"; c.email = "admin@ionian.example"; c.storefrontUser = true
        _ = try fx.service.addContact(to: other.id, c, by: .staff("dora"))
        let token = try fx.fx.token(to: "admin@ionian.example")
        let contact = try fx.service.activate(token: token, password: StorefrontFixture.password,
                                              confirmation: StorefrontFixture.password)
        let intruder = Actor.storefront(userId: try #require(contact.storefrontUser).id, email: contact.email)
        let s = fx.service
        func notFound(_ what: String, _ body: () throws -> Void) {
            do {
                try body()
                Issue.record("\(what) allowed")
            } catch let error as ServiceError {
                guard case .notFound = error else { Issue.record("\(what): \(error)"); return }
            } catch {
                Issue.record("\(what): \(error)")
            }
        }
        notFound("setQuantity") { _ = try s.setQuantity(subscriptionId: sub.id, quantity: 9, by: intruder) }
        notFound("cancel") { _ = try s.cancelSubscription(sub.id, now: true, by: intruder) }
        notFound("preview") { _ = try s.previewQuantity(subscriptionId: sub.id, quantity: 9, by: intruder) }
        notFound("invoice") { _ = try s.invoiceDocument(number: invoice.number, by: intruder) }
        #expect(throws: ServiceError.self) { try s.subscriptions(of: fx.reseller.id, by: intruder) }
        #expect(throws: ServiceError.self) { try s.invoices(of: fx.reseller.id, by: intruder) }
        #expect(try s.subscriptions(of: fx.reseller.id)[0].quantity(on: fx.day("2027-02-01")) == 2)
    }
}
