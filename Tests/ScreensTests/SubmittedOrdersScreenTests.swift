import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// The Submitted orders screen over a real demo database: two resellers with orders held above their credit.
@Suite struct SubmittedOrdersScreenTests {
    @Test func listsEveryAccountsSubmittedOrdersOldestFirst() throws {
        let (_, rows) = try DemoDesk.submittedOrders()
        #expect(rows.map(\.order.total.display) == ["6,000.00 EUR", "300.00 EUR"])
        #expect(rows.map(\.available) == [.amount(Money(minor: 500_000, currency: "EUR")),
                                          .amount(Money(minor: 6_800, currency: "EUR"))])
        let s = SubmittedOrdersScreen(rows)
        let text = s.render(width: 80, height: 24).text
        #expect(text.contains("1 of 2 waiting"))
        try expectGolden(s.render(width: 80, height: 24), "submitted-orders-80x24")
    }

    @Test func executeAsksAboveTheCreditOnlyWhenTheServiceRefusesForIt() throws {
        let (service, rows) = try DemoDesk.submittedOrders()
        var s = SubmittedOrdersScreen(rows)
        _ = s.update(.down, height: 24)
        let order = rows[1].order
        #expect(s.update(.char("x"), height: 24) == [.execute(orderId: order.id, aboveCredit: false)])
        // What the runtime relies on to ask: a refusal of the order (not of the account) while the credit
        // is short.
        do {
            _ = try service.executeOrder(order.id, by: .staff("alice"))
            Issue.record("an order above the credit was executed without confirmation")
        } catch {
            guard case .refused(field: "order", message: _) = error else {
                Issue.record("refused for another reason: \(error)")
                return
            }
        }
        s.askAboveCredit(orderId: order.id, available: Money(minor: 6_800, currency: "EUR"))
        let question = try #require(s.confirming?.question)
        #expect(question.contains("totals 300.00 EUR") && question.contains("only 68.00 EUR available")
                && question.contains("232.00 EUR above the credit? y/n"))
        #expect(joined(s.render(width: 80, height: 24)).contains(question))
        #expect(s.update(.char("n"), height: 24).isEmpty)
        #expect(s.notice == "Not done.")
        s.askAboveCredit(orderId: order.id, available: Money(minor: 6_800, currency: "EUR"))
        #expect(s.update(.char("y"), height: 24) == [.execute(orderId: order.id, aboveCredit: true)])
        let executed = try service.executeOrder(order.id, aboveCredit: true, by: .staff("alice"))
        #expect(executed.status == .executed)
        #expect(try DemoDesk.submittedRows(service).map(\.order.id) == [rows[0].order.id])
    }

    @Test func cancelAsksOpenGoesToTheAccountAndTheOtherKeys() throws {
        let (_, rows) = try DemoDesk.submittedOrders()
        var s = SubmittedOrdersScreen(rows, notice: "ORD-000009 executed: 1,234.00 EUR debited.", selected: 5)
        #expect(s.selected == 1)                                    // clamped to the last row
        #expect(s.update(.char("X"), height: 24).isEmpty)
        #expect(s.confirming?.question.hasPrefix("Cancel \(rows[1].order.number) of Νέφος") == true)
        #expect(s.update(.char("y"), height: 24) == [.cancel(orderId: rows[1].order.id)])
        #expect(s.update(.home, height: 24).isEmpty && s.selected == 0)
        #expect(s.update(.enter, height: 24) == [.open(accountId: rows[0].order.accountId)])
        #expect(s.update(.ctrl("r"), height: 24) == [.reload])
        #expect(s.update(.char("?"), height: 24) == [.help])
        #expect(s.update(.escape, height: 24) == [.back])
    }

    @Test func withNoOrderTheActionsSayWhy() throws {
        var s = SubmittedOrdersScreen([])
        let reason = "No order is waiting: every order is executed or canceled."
        for key in [Key.char("x"), .char("X"), .enter] {
            #expect(s.update(key, height: 24).isEmpty)
            #expect(s.notice == reason)
        }
        #expect(s.bindings.filter { $0.disabledReason != nil }.count == 3)
        #expect(joined(s.help.render(width: 80, height: 24)).contains("(not now: \(reason))"))
        try expectGolden(s.render(width: 80, height: 24), "submitted-orders-empty-80x24")
    }
}
