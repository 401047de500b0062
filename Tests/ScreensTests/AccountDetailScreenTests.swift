import Foundation
import Testing
import ResellerCore
@testable import Screens
import TerminalKit

/// The account detail screen over a real demo database: the highlight, the keys that act on the
/// highlighted row, the confirmations and the payment prompt.
@Suite struct AccountDetailScreenTests {
    /// The demo reseller with one order above its credit (Submitted) and one within it (Executed).
    static func demo() throws -> (ResellerService, AccountDetail, String) {
        let folder = NSTemporaryDirectory() + "resellerdesk-detail-" + UUID().uuidString
        let noon = Date(timeIntervalSince1970: 1_795_953_600)   // 2026-11-29 12:00 UTC
        let service = ResellerService(store: try Store(path: folder + "/rd.sqlite"), clock: { noon })
        _ = try service.seedDemo(by: .staff("alice"))
        let reseller = try service.findAccount("ACC-000001")
        let buyer = Actor.staff("alice")
        _ = try service.placeOrder(accountId: reseller.id, customerAccountId: nil,
                                   lines: [OrderRequestLine(productCode: "VM-2C4G", quantity: 2)], by: buyer)
        _ = try service.placeOrder(accountId: reseller.id, customerAccountId: nil,
                                   lines: [OrderRequestLine(productCode: "SETUP-STD", quantity: 40)], by: buyer)
        return (service, try service.accountDetail(reseller.id), folder)
    }

    @Test func actOnTheHighlightedRows() throws {
        let (_, detail, folder) = try Self.demo()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var s = AccountDetailScreen(detail)
        let id = detail.account.id
        // The first row to act on is the price list; the keys for it are named under the page.
        #expect(s.render(width: 80, height: 24).text.contains("Highlighted: u unassign"))
        #expect(s.update(.char("u"), height: 24).isEmpty)
        #expect(s.render(width: 80, height: 24).text.contains("Unassign Cloud Essentials EUR? y/n"))
        #expect(s.update(.char("n"), height: 24).isEmpty)                       // anything but y: not done
        #expect(s.notice == "Not done.")
        #expect(s.update(.char("x"), height: 24).isEmpty)                       // x needs an order
        #expect(s.notice == "Highlight a Submitted order first (↑/↓).")

        _ = s.update(.down, height: 24)                                          // the Greek storefront contact
        #expect(s.update(.char("r"), height: 24) == [.resendActivation(accountId: id, email: "partners@aegean-cloud.example")])
        _ = s.update(.char("d"), height: 24)
        #expect(s.update(.char("y"), height: 24) == [.deactivate(accountId: id, email: "partners@aegean-cloud.example")])

        _ = s.update(.down, height: 24)                                          // the Submitted order comes first
        _ = s.update(.char("X"), height: 24)
        guard case .cancelOrder(id, let orderId)? = s.update(.char("y"), height: 24).first else { Issue.record("no cancel"); return }
        #expect(detail.orders.first { $0.id == orderId }?.status == .submitted)
        _ = s.update(.char("x"), height: 24)
        #expect(s.update(.char("Y"), height: 24) == [.execute(accountId: id, orderId: orderId)])

        // The payment prompt takes only a valid amount, keeps it when refused, and Esc closes it.
        _ = s.update(.char("$"), height: 24)
        for c in "12a0.505" { _ = s.update(.char(c), height: 24) }
        #expect(s.update(.enter, height: 24) == [.recordPayment(accountId: id, amount: "120.50")])
        s.paymentFailed("amount must be more than 0")
        try expectGolden(s.render(width: 80, height: 24), "account-detail-80x24")
        _ = s.update(.escape, height: 24)
        #expect(!s.render(width: 80, height: 24).text.contains("Payment received"))
        #expect(s.update(.escape, height: 24) == [.back])
    }

    @Test func theHistoryNamesWhatChanged() throws {
        let (_, detail, folder) = try Self.demo()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = AccountDetailText.render(detail, headline: nil)
        #expect(text.contains("History:"))
        #expect(text.contains("alice  order place: status - → Submitted"))
        #expect(text.contains("alice  assignPriceList: priceList - → Cloud Essentials EUR"))
        #expect(text.contains("alice  storefrontUser invite"))
    }
}
