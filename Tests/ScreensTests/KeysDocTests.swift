import ResellerCore
import Foundation
import Testing
import DeskTestSupport
@testable import Screens
import TerminalKit

/// docs/keys.md is written from the screens' binding tables, the ones that drive each screen's keys,
/// footer and help; this test fails when the file no longer matches them.
@Suite struct KeysDocTests {
    static let regenerate = "UPDATE_KEYS=1 swift test --filter KeysDocTests"

    /// Every screen with its help groups, in the order staff meet them.
    static var screens: [(title: String, groups: [HelpScreen.Group], notes: [String])] {
        let form = AccountFormScreen().help
        let contact = ContactDialog.add(accountId: 1, accountName: "", hasPriceList: true).help
        // The dialogs over the demo reseller and its storefront contact, as staff meet them.
        let service = try! DemoDesk.service()
        let account = try! service.findAccount("ACC-000001")
        let someone = try! service.contact(email: "partners@aegean-cloud.example")
        _ = try! service.recordPayment(accountId: account.id, PaymentForm(amount: "1.00"), by: .staff("alice"))
        let entry = try! service.statement(of: account.id).last!
        let access = AccessDialog.access(someone).help
        let status = StatusDialog.status(of: account).help
        let reversal = ReversalDialog.reversal(of: entry, accountId: account.id).help
        let listEdit = PriceListDialog.edit(try! service.priceLists().first!).help
        let orders = SubmittedOrdersScreen([]).help
        let lists = PriceListsScreen(PriceListsContent(lists: [], items: [:], users: [:],
                                                       today: CalendarDay(year: 2026, month: 1, day: 1)!)).help
        let sub = Subscription(id: 1, billedAccountId: account.id, forAccountId: account.id, forAccountName: "",
                               productCode: "VM-2C4G", description: "", period: .monthly,
                               unitPrice: Money(minor: 3_200, currency: "EUR"),
                               start: CalendarDay(year: 2026, month: 1, day: 1)!, quantity: 1)
        let quantity = QuantityDialog.quantity(of: sub, today: sub.start).help
        let through = ThroughDialog.through(sub.start).help
        let billing = BillingScreen(through: sub.start, forecast: nil).help
        try! DemoDesk.order(service, account.id, "VM-2C4G", 1)
        let invoice = try! service.invoices(of: account.id).first!
        let files = WriteFilesDialog.writeFiles(of: InvoiceDocument(invoice: invoice, account: account),
                                                folder: "/home/alice/invoices").help
        let collections = CollectionsScreen([], policy: DunningPolicy(), today: sub.start).help
        let hold = HoldDialog.hold(of: account, CollectionsHold(), today: sub.start).help
        let unmatched = UnmatchedPaymentsScreen([]).help
        let bankEntry = BankEntryRecord(id: 1, key: "REF-1", file: "camt053.xml", statementId: "STMT-1",
                                        bookingDate: sub.start, amount: Money(minor: 12_000, currency: "EUR"),
                                        direction: .credit, debtorName: "Ioannis Georgiou", remittance: "March",
                                        state: .unmatched, why: "no reference", accountId: nil, ledgerId: nil,
                                        importedAt: DemoDesk.noon, importedBy: "alice", decidedAt: nil,
                                        decidedBy: nil)
        let assign = AssignEntryPicker.assign(bankEntry).help
        let dismiss = DismissEntryDialog.dismiss(bankEntry).help
        let sections = AccountDetailSection.all.filter { !$0.bindings.isEmpty }
            .map { HelpScreen.Group($0.title, $0.bindings) }
        return [
            ("Accounts", AccountsScreen.help.groups, AccountsScreen.help.notes),
            ("Account detail", sections + [HelpScreen.Group("Every section", AccountDetailScreen.common)],
             ["Destructive actions ask y/n first. A key that cannot act now (no row of its kind highlighted, "
              + "Ordering off) is greyed in the footer and says why when pressed."]),
            ("New Account / Edit Account", form.groups, form.notes),
            ("Add Contact / Edit Contact", contact.groups, contact.notes),
            ("Storefront access", access.groups, access.notes),
            ("Account status", status.groups, status.notes),
            ("Reverse payment", reversal.groups, reversal.notes),
            ("Change quantity", quantity.groups, quantity.notes),
            ("Invoice or credit note", [HelpScreen.Group("", DocumentScreen.keys)],
             ["The document as it prints and as its email shows it."]),
            ("Write files", files.groups, files.notes),
            ("Assign price lists", [HelpScreen.Group("", PriceListPicker.keys),
                                    HelpScreen.Group("The filter", LineEditor.bindings)], []),
            ("Outbox", [HelpScreen.Group("", OutboxScreen.bindings)], []),
            ("Submitted orders", [HelpScreen.Group("", SubmittedOrdersScreen.keys)], orders.notes),
            ("Price lists", [HelpScreen.Group("", PriceListsScreen.keys)] + lists.groups.dropFirst(), lists.notes),
            ("Edit price list", listEdit.groups, listEdit.notes),
            ("Billing", [HelpScreen.Group("", BillingScreen.keys)], billing.notes),
            ("Bill through", through.groups, through.notes),
            ("Collections", [HelpScreen.Group("", CollectionsScreen.keys)], collections.notes),
            ("Collections hold", hold.groups, hold.notes),
            ("Unmatched payments", [HelpScreen.Group("", UnmatchedPaymentsScreen.keys)], unmatched.notes),
            ("Assign to an account", [HelpScreen.Group("", AssignEntryPicker.keys(pick: AssignEntryPicker.pick))]
             + assign.groups.dropFirst(), assign.notes),
            ("Dismiss entry", dismiss.groups, dismiss.notes),
        ]
    }

    static var markdown: String {
        var out = ["# Keys", "",
                   "Every key of the terminal, screen by screen, written from the binding tables that drive each",
                   "screen's keys, footer and help (`F1` on every screen, `?` where it is not text). Do not edit:",
                   "after changing a table, run `\(regenerate)`.", ""]
        for screen in screens {
            out += ["## \(screen.title)", ""]
            for group in screen.groups {
                if !group.heading.isEmpty { out += ["### \(group.heading)", ""] }
                out += ["| Keys | What it does |", "|---|---|"]
                out += group.entries.map { "| `\($0.keys.replacingOccurrences(of: " ", with: "` `"))` | \($0.help) |" }
                out.append("")
            }
            if !screen.notes.isEmpty { out += screen.notes + [""] }
        }
        return out.joined(separator: "\n")
    }

    @Test func docsKeysMatchesTheTables() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/keys.md").standardized.path
        if ProcessInfo.processInfo.environment["UPDATE_KEYS"] == "1" {
            try Self.markdown.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let file = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(file == Self.markdown, "docs/keys.md is stale: run `\(Self.regenerate)` to regenerate it")
    }
}

/// The help of every screen at 80x24 (the forms' are in FormBindingsTests), text and roles.
@Suite struct HelpGoldenTests {
    @Test func everyScreensHelpAt80x24() throws {
        try expectGolden(AccountsScreen.help.render(width: 80, height: 24), "accounts-help-80x24")
        try expectGolden(HelpScreen(title: "Outbox", bindings: OutboxScreen.bindings).render(width: 80, height: 24),
                         "outbox-help-80x24")
        let refusal = "Cloud Essentials USD is in USD but ACC-000007 bills in EUR"
        let picker = PriceListPicker(accountId: 7, accountCode: "ACC-000007", lists: PriceList.samples,
                                     assigned: [], refusals: [2: [refusal]],
                                     today: CalendarDay(year: 2026, month: 11, day: 29)!)
        try expectGolden(picker.help.render(width: 80, height: 24), "price-list-picker-help-80x24")
        let service = try DemoDesk.service()
        let id = try service.findAccount("ACC-000001").id
        let detail = AccountDetailScreen(try DemoDesk.content(service, id), section: .contacts)
        try expectGolden(detail.help.render(width: 80, height: 24), "account-detail-contacts-help-80x24")
        let (_, rows) = try DemoDesk.submittedOrders()
        try expectGolden(SubmittedOrdersScreen(rows).help.render(width: 80, height: 24), "submitted-orders-help-80x24")
        let (_, lists) = try DemoDesk.priceLists()
        try expectGolden(lists.help.render(width: 80, height: 24), "price-lists-help-80x24")
        let day = CalendarDay(year: 2026, month: 11, day: 29)!
        try expectGolden(BillingScreen(through: day, forecast: nil).help.render(width: 80, height: 24),
                         "billing-help-80x24")
        let billingDetail = AccountDetailScreen(try DemoDesk.content(service, id),
                                                section: .subscriptions)
        try expectGolden(billingDetail.help.render(width: 80, height: 24), "account-detail-subscriptions-help-80x24")
        let collections = try CollectionsDesk()
        try expectGolden(try collections.screen().help.render(width: 80, height: 24), "collections-help-80x24")
        try expectGolden(UnmatchedPaymentsScreen(try collections.importEntries()).help.render(width: 80, height: 24),
                         "unmatched-help-80x24")
    }

    /// The roles layer marks what the text alone cannot show: the focused label, the fields in error.
    @Test func theRolesShowFocusAndErrors() {
        var s = AccountFormScreen()
        _ = s.update(.ctrl("s"))
        let rows = s.render(width: 80, height: 24).roles.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[2].hasPrefix(" F"))                 // !Name *: focused (the first field to fix)
        #expect(rows[4].hasPrefix(" E"))                 // !Email *: in error
        #expect(rows[3].allSatisfy { $0 == " " })        // Type: nothing to say
    }
}
