import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import DeskTestSupport
@testable import ResellerCore
@testable import Storefront

/// What a reseller's users see of collections (issue #25, domain.md#collections): the overdue invoices with the
/// payment reference to quote and the seller's bank details on the dashboard, to the users who see invoices; and
/// the banner of a suspension by the collections run, which names the overdue amount and that paying it resumes
/// the account, beside a suspension by staff, which only staff lift.
@Suite struct OverduePagesTests {
    typealias Who = BillingFixture.Who

    /// The demo reseller's VMs ordered on 2027-01-10 (that day's invoice is due 2027-02-09) and renewed by the
    /// run of 2027-02-01 (due 2027-03-03).
    static func twoInvoices(_ fx: BillingFixture) throws {
        try fx.orderVMs(2)
        fx.on("2027-02-01")
        _ = try fx.service.billingRun(by: .staff("dora"))
    }

    @Test(arguments: [Who.admin, .billingAgent, .buyer])
    func theOverdueInvoicesAreListedWithTheirReferenceToWhoSeesInvoices(_ who: Who) async throws {
        let fx = try BillingFixture(who, seller: TestSeller.greek)
        defer { fx.cleanUp() }
        try Self.twoInvoices(fx)
        fx.on("2027-03-10")
        let overdue = try fx.service.overdueInvoices(of: fx.reseller.id, by: .staff("dora"))
        try #require(overdue.count == 2)
        let total = Money(minor: overdue.map(\.left.minor).reduce(0, +), currency: "EUR")
        let sees = who != .buyer
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.html.contains("<h2>Overdue invoices</h2>") == sees, "\(who)")
            for i in overdue {
                let reference = try #require(i.paymentReference).printed
                #expect(reference.hasPrefix("RF") && reference.contains(" "))
                let row = "<a href=\"/invoices/\(i.number)\">\(i.number)</a></td><td class=\"wide\">\(i.dueDate)</td>"
                    + "<td class=\"num\">\(i.age(on: fx.day("2027-03-10")))</td><td class=\"num\">\(i.left.display)"
                    + "</td><td class=\"reference\">\(reference)</td>"
                #expect(b.html.contains(row) == sees, "\(who): \(i.number)")
                #expect(b.html.contains(reference) == sees, "\(who): \(reference)")
            }
            #expect(b.html.contains("<td class=\"num\" id=\"overdue-total\">\(total.display)</td>") == sees)
            let payTo = "Pay by bank transfer to Hellenic Cloud Distribution S.A.: IBAN GR1601101250000000012300695 "
                + "· BIC ETHNGRAA · Bank National Bank of Greece, quoting each invoice&#39;s payment reference."
            #expect(b.html.contains(payTo) == sees, "\(who)")
            // Not suspended yet (that is 30 days past a due date): no banner.
            #expect(!b.html.contains("is suspended"))
            guard sees else { return }
            // The overdue invoice's own page: its status and the reference to quote.
            let oldest = overdue[0]
            try await b.get("/invoices/\(oldest.number)")
            #expect(b.status == .ok)
            #expect(b.html.contains("status-Overdue\">Overdue</p>"))
            #expect(b.html.contains("<dd class=\"reference\">\(try #require(oldest.paymentReference).printed)</dd>"))
        }
    }

    @Test func nothingOverdueShowsNoSectionAndNoBankDetailsNoPayLine() async throws {
        let fx = try BillingFixture(.admin)
        defer { fx.cleanUp() }
        try Self.twoInvoices(fx)
        fx.on("2027-02-05")
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.status == .ok && b.html.contains("Next invoice"))
            #expect(!b.html.contains("Overdue invoices"))
        }
        // Overdue, but this desk's seller (outside the EU) has no bank account: the list, no line to pay into.
        fx.on("2027-03-10")
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.html.contains("<h2>Overdue invoices</h2>"))
            #expect(!b.html.contains("Pay by bank transfer"))
        }
    }

    @Test(arguments: [Who.admin, .buyer])
    func aCollectionsSuspensionSaysWhatLiftsIt(_ who: Who) async throws {
        let fx = try BillingFixture(who)
        defer { fx.cleanUp() }
        try Self.twoInvoices(fx)
        // 30 days after the first invoice's due date (2027-02-09): the run suspends the account.
        fx.on("2027-03-15")
        let report = try fx.service.collectionsRun()
        #expect(report.suspensions == 1)
        let account = try fx.service.findAccount(fx.reseller.code)
        #expect(account.suspendedByCollections)
        let reason = try #require(account.statusReason)
        #expect(reason.hasPrefix("Overdue: INV-"))
        let overdue = try fx.service.overdueInvoices(of: fx.reseller.id, by: .staff("dora"))
        let total = Money(minor: overdue.map(\.left.minor).reduce(0, +), currency: "EUR")
        let head = "Aegean Cloud Partners is suspended (\(reason)): new orders are paused until "
        let banner = who == .admin
            ? head + "the \(total.display) overdue is paid; paying it resumes the account at once."
            : head + "the overdue invoices are paid; paying them resumes the account at once. An Admin or a "
                + "Billing Agent of your account sees them on the dashboard."
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            for page in ["/dashboard", "/orders", "/customers", "/password"] + (who == .admin ? ["/invoices"] : []) {
                try await b.get(page)
                #expect(b.status == .ok, "\(page)")
                #expect(b.html.contains("<p class=\"notice warn\" role=\"alert\">\(banner)</p>"), "\(who) \(page)")
                #expect(!b.html.contains("Ask your account manager"), "\(page)")
                // A Buyer sees no amount: not the total in the banner, nor the overdue list.
                #expect(b.html.contains(total.display) == (who == .admin), "\(who) \(page)")
            }
            try await b.get("/dashboard")
            #expect(!b.html.contains("href=\"/orders/new\""))
            try await b.get("/orders/new")
            #expect(!b.html.contains("Preview the order"))
            // The service refuses the order and the page says so, in the service's words (which name the amount
            // to a Buyer too: the service's choice, not the page's).
            try await b.post("/orders", [("for", "self"), ("q:VM-2C4G:monthly", "1")])
            #expect(b.status == .unprocessableContent)
            #expect(b.html.contains("<p class=\"notice error\" role=\"status\">Aegean Cloud Partners is suspended "
                                    + "(\(reason)): no new orders until the \(total.display) overdue is paid</p>"))
        }
        // Paid: the payment's transaction resumes the account, and the banner goes.
        _ = try fx.service.recordPayment(accountId: fx.reseller.id, PaymentForm(amount: total.decimalString),
                                         by: .staff("dora"))
        #expect(try fx.service.findAccount(fx.reseller.code).status == .active)
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(!b.html.contains("is suspended") && !b.html.contains("Overdue invoices"))
        }
    }

    @Test func aStaffSuspensionKeepsItsWordsWithInvoicesOverdue() async throws {
        let fx = try BillingFixture(.admin)
        defer { fx.cleanUp() }
        try Self.twoInvoices(fx)
        fx.on("2027-03-10")
        _ = try fx.service.changeStatus(fx.reseller.id, StatusForm(.suspend, reason: "audit pending"),
                                        by: .staff("dora"))
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            let manager = fx.reseller.fields.accountManager
            #expect(b.html.contains("Aegean Cloud Partners is suspended (audit pending): new orders are paused until "
                                    + "it is resumed. Ask your account manager, \(manager)."))
            #expect(!b.html.contains("resumes the account at once"))
            #expect(b.html.contains("<h2>Overdue invoices</h2>"))
        }
    }
}
