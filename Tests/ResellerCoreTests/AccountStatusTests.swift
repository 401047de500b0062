import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// Suspend, resume, close (docs/domain.md#account-status): each audited with its reason.
@Suite struct AccountStatusTests {
    @Test func suspendedTakesNoOrdersUntilResumed() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        let user = try fx.activeUser(a)
        let buyer = Actor.storefront(userId: user.storefrontUser!.id, email: user.email)
        let line = [OrderRequestLine(productCode: "SETUP", quantity: 1)]
        let waiting = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                                lines: [OrderRequestLine(productCode: "SETUP", quantity: 10)],
                                                by: buyer)
        #expect(waiting.status == .submitted)

        let suspended = try fx.service.changeStatus(a.id, StatusForm(.suspend, reason: "invoice 12 unpaid"), by: staff)
        #expect(suspended.status == .suspended)
        #expect(suspended.statusReason == "invoice 12 unpaid")
        for actor in [buyer, staff] {
            let refusal = fieldErrors { _ = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                                                       lines: line, by: actor) }
            #expect(refusal.map(\.description) == ["account: Aegean Cloud Partners is suspended (invoice 12 unpaid): "
                                                   + "no new orders until it is resumed"])
        }
        #expect(fields { _ = try fx.service.executeOrder(waiting.id, aboveCredit: true, by: staff) } == ["account"])
        // Users still sign in while suspended.
        #expect(try fx.service.authenticate(email: user.email, password: "correct horse battery").userId
                    == user.storefrontUser!.id)

        #expect(fields { _ = try fx.service.changeStatus(a.id, StatusForm(.suspend, reason: "again"),
                                                         by: staff) } == ["status"])
        #expect(fields { _ = try fx.service.changeStatus(a.id, StatusForm(.resume, reason: ""),
                                                         by: staff) } == ["reason"])
        #expect(try fx.service.changeStatus(a.id, StatusForm(.resume, reason: "paid"), by: staff).status == .active)
        #expect(try fx.service.placeOrder(accountId: a.id, customerAccountId: nil, lines: line, by: buyer).status
                    == .executed)
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE action IN ('suspend', 'resume') "
                             + "AND changes LIKE '%invoice 12 unpaid%'") == 1)
    }

    @Test func closingEndsTheUsersAndStaysClosed() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let user = try fx.activeUser(a)
        let principal = try fx.service.authenticate(email: user.email, password: "correct horse battery")
        _ = try fx.service.startSession(for: principal)
        #expect(try fx.count("SELECT COUNT(*) FROM sessions") == 1)
        let closed = try fx.service.changeStatus(a.id, StatusForm(.close, reason: "contract ended"), by: staff)
        #expect(closed.status == .closed)
        #expect(try fx.service.contact(email: user.email).storefrontUser?.status == .inactive)
        #expect(try fx.count("SELECT COUNT(*) FROM sessions") == 0)
        #expect(fieldErrors { _ = try fx.service.changeStatus(a.id, StatusForm(.resume, reason: "x"), by: staff) }
                    .map(\.message) == ["\(a.code) is closed, and a closed account stays closed"])

        // Found with a filter, not by default.
        let other = try fx.reseller("Other", email: "o@other.example")
        #expect(try fx.service.searchAccounts("").rows.map(\.account.id) == [other.id])
        #expect(try fx.service.searchAccounts("", statuses: [.closed]).rows.map(\.account.id) == [a.id])
        #expect(try fx.service.searchAccounts("aegean").rows.isEmpty)
        #expect(try fx.service.searchAccounts("aegean", statuses: Set(AccountStatus.allCases)).rows.count == 1)
    }

    /// Closed: subscriptions end at their period end (domain.md#account-status). The period invoiced at the order
    /// runs out; nothing after it is billed or credited. Until session 23 the billing run went on renewing them.
    @Test func closingEndsEachSubscriptionAtItsPeriodEnd() throws {
        let billing = BillingDesk()
        let (fx, a, subscription) = try billing.ordered()   // BK × 2 on 2027-01-10, 42.58 invoiced for January
        try billing.on(fx, "2027-01-20")
        _ = try fx.service.changeStatus(a.id, StatusForm(.close, reason: "contract ended"), by: staff)
        let sub = try #require(try fx.service.subscriptions(of: a.id).first)
        #expect(sub.id == subscription && sub.status == .ending && sub.endDate == billing.day("2027-01-31"))
        #expect(try fx.count("""
            SELECT COUNT(*) FROM audit_events WHERE entity = 'subscription' AND action = 'cancel'
            AND changes LIKE '%account closed%'
            """) == 1)
        #expect(try fx.service.billingRun(through: billing.day("2027-04-01"), by: staff).invoices.isEmpty)
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 1)
        #expect(try fx.count("SELECT COUNT(*) FROM credit_notes") == 0)
    }

    /// A period not invoiced yet (partial charges on the next billing day) is still billed, up to its end and
    /// no further: the subscription ran until then.
    @Test func closingStillBillsThePeriodRunningAndNothingAfter() throws {
        let billing = BillingDesk()
        let (fx, a, _) = try billing.ordered(partial: "onNextBillingDay")
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 0)
        try billing.on(fx, "2027-01-20")
        _ = try fx.service.changeStatus(a.id, StatusForm(.close, reason: "contract ended"), by: staff)
        let run = try fx.service.billingRun(through: billing.day("2027-04-01"), by: staff)
        #expect(run.invoices.map(\.number) == ["INV-000001"])
        let lines = try #require(run.invoices.first).draft.lines
        #expect(lines.map { "\($0.periodStart!)..\($0.periodEnd!) \($0.amount.decimalString)" }
                == ["2027-01-10..2027-01-31 42.58"])
    }

    /// An end customer closed: the subscriptions its reseller pays for it end at their period end, the reseller's
    /// own go on, and nothing more is ordered for it. Before, both went on.
    @Test func closingAnEndCustomerEndsWhatItsResellerPaysForItAndItsOrders() throws {
        let billing = BillingDesk()
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        let customer = try fx.service.createEndCustomer(resellerId: a.id, name: "Taverna Nikos",
                                                        email: "nikos@taverna.example", country: "GR", by: staff)
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)])
        _ = try billing.order(fx, a, for: customer.id, [OrderRequestLine(productCode: "BK", quantity: 3)])
        try billing.on(fx, "2027-01-20")
        _ = try fx.service.changeStatus(customer.id, StatusForm(.close, reason: "the taverna closed"), by: staff)
        let subs = try fx.service.subscriptions(of: a.id)
        #expect(subs.map(\.forAccountId) == [a.id, customer.id])
        #expect(subs.map(\.status) == [.active, .ending])
        #expect(subs[1].endDate == billing.day("2027-01-31"))
        let refusal = fieldErrors {
            _ = try billing.order(fx, a, for: customer.id, [OrderRequestLine(productCode: "BK", quantity: 1)])
        }
        #expect(refusal.map(\.description) == ["account: Taverna Nikos is closed (the taverna closed): no new orders"])
        let run = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(run.invoices.flatMap(\.draft.lines).map(\.forAccountName) == ["Aegean Cloud Partners"])
    }
}
