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
}
