import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// The account detail screen over a real demo database: the sections and their keys, the highlight, the
/// confirmations and the payment prompt, and orders and history read a page at a time.
@Suite struct AccountDetailScreenTests {
    /// The demo reseller with one order above its credit (Submitted) and one within it (Executed).
    static func demo() throws -> (ResellerService, AccountDetailContent) {
        let service = try DemoDesk.service()
        let reseller = try service.findAccount("ACC-000001")
        try DemoDesk.order(service, reseller.id, "VM-2C4G", 2)
        try DemoDesk.order(service, reseller.id, "SETUP-STD", 40)
        return (service, try DemoDesk.content(service, reseller.id))
    }

    /// The demo reseller grown large: 30 contacts, 60 orders (one Submitted, placed early) and the long
    /// history all that leaves.
    static func large() throws -> (ResellerService, AccountDetailContent) {
        let service = try DemoDesk.service()
        let id = try service.findAccount("ACC-000001").id
        let first = ["Άννα", "Nikos", "Maria", "Jean-Luc", "Søren", "Zoë"]
        let last = ["Papadaki", "Οικονόμου", "Dupont", "Müller", "Smith"]
        for n in 1..<30 {
            var form = ContactForm()
            form.firstName = first[n % first.count]
            form.lastName = last[n % last.count] + " \(n)"
            form.email = "contact\(n)@aegean-cloud.example"
            form.companyRole = n % 3 == 0 ? "Billing" : ""
            _ = try service.addContact(to: id, form, by: .staff("alice"))
        }
        for n in 1...60 { try DemoDesk.order(service, id, n == 5 ? "SETUP-STD" : "VM-2C4G", n == 5 ? 40 : 1) }
        return (service, try DemoDesk.content(service, id))
    }

    @Test func theServiceReadsOrdersAndHistoryAPageAtATime() throws {
        let (service, content) = try Self.large()
        let id = content.detail.account.id
        #expect(content.counts.orders == 60)
        #expect(content.counts.history > 90)
        // The Submitted order, placed fifth, comes first; then the newest 50 others.
        #expect(content.detail.orders.count == 51)
        #expect(content.detail.orders[0].status == .submitted && content.detail.orders[0].number == "ORD-000005")
        #expect(content.detail.orders[1].number == "ORD-000060")
        let next = try #require(content.nextOrders)
        let rest = try service.orderPage(of: id, before: next)
        let older = (1...10).reversed().filter { $0 != 5 }.map { String(format: "ORD-%06d", $0) }
        #expect(rest.orders.map(\.number) == older)
        #expect(rest.next == nil)
        let events = try service.accountHistory(id, before: try #require(content.nextHistory))
        #expect(events.count == min(50, content.counts.history - 50))
        #expect(events.first!.id < content.detail.audit.last!.id)
    }

    /// Each section at 80x24 over the large account: the goldens show the tabs with their counts, the
    /// columns, the highlighted row uncut under the list and the section's keys in the footer.
    @Test func eachSectionAt80x24() throws {
        let (_, content) = try Self.large()
        var s = AccountDetailScreen(content)
        // A reseller has nine sections: at 80 columns only the one in view shows its count, the others go
        // by their short names, a column apart.
        let tabs = "Contacts Lists Orders Subs Invoices Ledger History Customers"
        for name in ["overview", "contacts", "price-lists", "orders", "subscriptions-empty", "invoices-empty",
                     "ledger", "history", "customers"] {
            let screen = s.render(width: 80, height: 24)
            let row = screen.text.split(separator: "\n")[1]
            #expect(["Overview", "Contacts 30", "Lists 1", "Orders 60", "Subs 0", "Invoices 0", "Ledger 0",
                     "History \(content.counts.history)", "Customers 0"].contains { row.contains(" \($0) ") })
            if name == "overview" { #expect(row.contains(tabs)) }
            try expectGolden(screen, "account-detail-\(name)-80x24")
            _ = s.update(.tab, height: 24)
        }
        #expect(s.section == .overview)                 // Tab goes round
    }

    /// A suspended account says so on its overview, with the reason staff gave.
    @Test func theOverviewOfASuspendedAccountSaysWhy() throws {
        let service = try DemoDesk.service()
        let id = try service.findAccount("ACC-000001").id
        let active = AccountDetailScreen(try DemoDesk.content(service, id)).render(width: 80, height: 24).text
        #expect(!active.contains("Suspended"))
        _ = try service.changeStatus(id, StatusForm(.suspend, reason: "unpaid since March"), by: .staff("alice"))
        let screen = AccountDetailScreen(try DemoDesk.content(service, id)).render(width: 80, height: 24).text
        #expect(screen.contains("Status          Suspended: unpaid since March"))
    }

    @Test func sectionsSwitchWithTabArrowsAndDigitsAndKeepTheirPlace() throws {
        let (_, content) = try Self.large()
        var s = AccountDetailScreen(content)
        _ = s.update(.right, height: 24)
        #expect(s.section == .contacts)
        _ = s.update(.backTab, height: 24)
        #expect(s.section == .overview)
        _ = s.update(.left, height: 24)
        #expect(s.section == .customers)                 // a reseller's last section
        _ = s.update(.char("2"), height: 24)
        #expect(s.section == .contacts)
        for _ in 0..<3 { _ = s.update(.down, height: 24) }
        #expect(s.render(width: 80, height: 24).text.contains("4 of 30"))
        _ = s.update(.char("4"), height: 24)
        #expect(s.section == .orders)
        let footer = s.render(width: 80, height: 24).text.split(separator: "\n").last!
        #expect(footer.contains("x Execute  X Cancel  $ Payment  Tab Section  Esc Back  ? Help"))
        _ = s.update(.char("2"), height: 24)
        #expect(s.render(width: 80, height: 24).text.contains("4 of 30"))   // Contacts kept its highlight
        #expect(s.render(width: 80, height: 24).text.split(separator: "\n").last!
            .contains("c Add  e Edit  a Access  i Invite  r Resend  w Reset password  d Deactivate"))
        // A key of another section says where it works, and does nothing here.
        #expect(s.update(.char("x"), height: 24).isEmpty)
        #expect(s.notice == "x works in Orders (4 or Tab).")
        // A screen opened on a section (the one last in view this session) starts there.
        #expect(AccountDetailScreen(content, section: .history).render(width: 80, height: 24).text.contains("When"))
    }

    @Test func ordersAndHistoryReadMoreNearTheEnd() throws {
        let (service, content) = try Self.large()
        let id = content.detail.account.id
        var s = AccountDetailScreen(content, section: .orders)
        #expect(s.update(.down, height: 24).isEmpty)
        guard case .moreOrders(id, let before)? = s.update(.end, height: 24).first else {
            Issue.record("no next page")
            return
        }
        #expect(s.update(.up, height: 24).isEmpty)                      // asked once
        s.appendOrders(try service.orderPage(of: id, before: before))
        _ = s.update(.end, height: 24)
        #expect(s.render(width: 80, height: 24).text.contains("60 of 60"))
        #expect(s.render(width: 80, height: 24).text.contains("ORD-000001"))

        _ = s.update(.char("8"), height: 24)
        guard case .moreHistory(id, let older)? = s.update(.end, height: 24).first else {
            Issue.record("no older history")
            return
        }
        s.appendHistory(try service.accountHistory(id, before: older))
        #expect(s.detail.audit.count == min(100, s.content.counts.history))
    }

    @Test func actOnTheHighlightedRows() throws {
        let (_, content) = try Self.demo()
        var s = AccountDetailScreen(content)
        let id = content.detail.account.id
        #expect(s.update(.char("3"), height: 24).isEmpty)                     // Price lists
        let highlighted = s.render(width: 80, height: 24).text.split(separator: "\n")[22]
        #expect(highlighted.contains("Cloud Essentials EUR · EUR · 2026-01-01 → …"))
        #expect(highlighted.hasSuffix("u unassign "))
        #expect(s.update(.char("u"), height: 24).isEmpty)
        #expect(s.render(width: 80, height: 24).text.contains("Unassign Cloud Essentials EUR? y/n"))
        #expect(s.update(.char("n"), height: 24).isEmpty)                       // anything but y: not done
        #expect(s.notice == "Not done.")

        _ = s.update(.char("2"), height: 24)                                   // the Greek storefront contact
        #expect(s.update(.char("r"), height: 24) == [.resendActivation(accountId: id, email: "partners@aegean-cloud.example")])
        _ = s.update(.char("d"), height: 24)
        #expect(s.update(.char("y"), height: 24) == [.deactivate(accountId: id, email: "partners@aegean-cloud.example")])
        #expect(s.update(.char("w"), height: 24).isEmpty)                       // w needs an active user
        #expect(s.notice == "Highlight a contact with an active storefront user first (↑/↓).")

        _ = s.update(.char("4"), height: 24)                                   // the Submitted order comes first
        _ = s.update(.char("X"), height: 24)
        guard case .cancelOrder(id, let orderId)? = s.update(.char("y"), height: 24).first else { Issue.record("no cancel"); return }
        #expect(content.detail.orders.first { $0.id == orderId }?.status == .submitted)
        _ = s.update(.char("x"), height: 24)
        #expect(s.update(.char("Y"), height: 24) == [.execute(accountId: id, orderId: orderId)])
        _ = s.update(.down, height: 24)                                        // the Executed one
        #expect(s.update(.char("x"), height: 24).isEmpty)
        #expect(s.notice == "Highlight a Submitted order first (↑/↓).")

        // The payment prompt takes only a valid amount, keeps it when refused, and Esc closes it.
        _ = s.update(.char("$"), height: 24)
        for c in "12a0.505" { _ = s.update(.char(c), height: 24) }
        #expect(s.update(.enter, height: 24) == [.recordPayment(accountId: id, amount: "120.50")])
        s.paymentFailed("amount must be more than 0")
        try expectGolden(s.render(width: 80, height: 24), "account-detail-80x24")
        _ = s.update(.escape, height: 24)
        #expect(!s.render(width: 80, height: 24).text.contains("Payment received"))
        #expect(s.update(.char("1"), height: 24).isEmpty)
        #expect(s.update(.char("e"), height: 24) == [.edit(accountId: id)])
        #expect(s.update(.escape, height: 24) == [.back])
    }

    /// The help names the section's own keys first, then those of every section, wrapped to the window.
    @Test func theHelpIsTheSectionsKeysThenEverySections() throws {
        let (_, content) = try Self.demo()
        let help = AccountDetailScreen(content, section: .contacts).help.render(width: 80, height: 24).text
        let lines = help.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        #expect(lines[0] == "Help · Account · Contacts")
        #expect(lines[2] == "Contacts" && lines[3].hasPrefix("c "))
        #expect(lines[3].hasSuffix("add a contact (and make it a storefront user)"))
        #expect(lines.contains("Every section"))
        let all = AccountDetailScreen(content, section: .contacts).help.lines(width: 80).map(\.text)
            .joined(separator: " ")
        #expect(all.contains("5 Subscriptions, 6 Invoices, 7 Ledger, 8") && all.contains("History, 9 Customers)"))
        let history = AccountDetailScreen(content, section: .history).help.render(width: 80, height: 24).text
        #expect(history.split(separator: "\n")[2].contains("Every section"))   // no keys of its own: no empty group
    }

    @Test func aReloadKeepsTheSectionAndTheHighlight() throws {
        let (service, content) = try Self.large()
        var s = AccountDetailScreen(content, section: .contacts)
        for _ in 0..<25 { _ = s.update(.down, height: 24) }
        let again = AccountDetailScreen(try DemoDesk.content(service, content.detail.account.id), keepingPlaceOf: s)
        #expect(again.section == .contacts)
        #expect(again.render(width: 80, height: 24).text == s.render(width: 80, height: 24).text)
    }

    @Test func theHistoryNamesWhatChanged() throws {
        let (_, content) = try Self.demo()
        let text = AccountDetailText.render(content.detail, headline: nil)
        #expect(text.contains("History:"))
        #expect(text.contains("alice  order place: status - → Submitted"))
        #expect(text.contains("alice  assignPriceList: priceList - → Cloud Essentials EUR"))
        #expect(text.contains("alice  storefrontUser invite"))
    }
}
