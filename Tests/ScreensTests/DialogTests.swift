import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore
@testable import Screens
import TerminalKit

@Suite struct PriceListPickerTests {
    @Test func filterSelectAndAssign() throws {
        var p = PriceListPicker(accountId: 7, accountCode: "ACC-000007", lists: PriceList.samples, assigned: [],
                                today: CalendarDay(year: 2026, month: 11, day: 29)!)
        #expect(p.start() == [.loadItems(priceListId: 1)])
        _ = p.update(.char("u"))                        // "usd": only the USD list
        for c in "sd" { _ = p.update(.char(c)) }
        #expect(p.shown.map(\.id) == [2])
        for _ in 0..<3 { _ = p.update(.backspace) }
        #expect(p.shown.count == 3)
        #expect(p.update(.down) == [.loadItems(priceListId: 2)])
        _ = p.update(.char(" "))
        _ = p.update(.down)
        _ = p.update(.char(" "))
        #expect(p.update(.enter) == [.assign(accountId: 7, names: ["Cloud Essentials USD", "Legacy Hosting 2024 EUR"])])
        p.showItems([PriceListItem(productCode: "M365-BB", description: "Microsoft 365 Business Basic", billingPeriod: .monthly,
                                   unitPrice: Money(minor: 560, currency: "EUR"))], of: 1)
        _ = p.update(.up); _ = p.update(.up)
        p.showRefusal(.invalid([FieldError("priceLists",
                                           "Cloud Essentials USD is in USD but ACC-000007 bills in EUR")]))
        try expectGolden(p.render(width: 80, height: 24), "price-list-picker-80x24")
        #expect(p.update(.escape) == [.cancel])
    }
}

@Suite struct AddContactDialogTests {
    @Test func storefrontUserIsAdminAndWarnsWithoutPriceList() throws {
        var d = ContactDialog.add(accountId: 3, accountName: "Γιώργος Παπαδόπουλος Α.Ε.",
                                  hasPriceList: false)
        #expect(d.update(.ctrl("s")).isEmpty)
        #expect(Set(d.errors.keys) == ["lastName", "email"])
        #expect(d.focus == "lastName")                  // a refused save goes to the first field to fix
        _ = d.update(.up)
        for c in "Μαρία" { _ = d.update(.char(c)) }
        _ = d.update(.tab)
        for c in "Οικονόμου" { _ = d.update(.char(c)) }
        _ = d.update(.tab)
        for c in "maria@example.gr" { _ = d.update(.char(c)) }
        for _ in 0..<7 { _ = d.update(.tab) }
        _ = d.update(.char(" "))
        #expect(d.model.storefrontUser)
        let screen = d.render(width: 80, height: 24)
        #expect(screen.text.contains("Admin (read-only"))
        #expect(screen.text.contains("No price list assigned yet"))
        #expect(!screen.text.contains("!Last name"))   // corrected fields lose their mark
        try expectGolden(screen, "add-contact-80x24")
        #expect(d.context.accountId == 3)
        guard case .save(let form)? = d.update(.function(2)).first else { Issue.record("no save"); return }
        #expect(form.lastName == "Οικονόμου" && form.email == "maria@example.gr" && form.storefrontUser)
    }
}

@Suite struct OutboxScreenTests {
    static func message(_ id: Int64, _ to: String, _ status: MailStatus, error: String? = nil) -> OutboxMessage {
        OutboxMessage(id: id, kind: .activation, toAddress: to, toName: "", subject: "Activate your storefront account for Ελληνικό Νέφος",
                      params: [:], status: status, attempts: status == .queued ? 0 : 2, lastError: error,
                      createdAt: Date(timeIntervalSince1970: 1_767_225_600), nextAttemptAt: Date(timeIntervalSince1970: 1_767_225_600))
    }

    @Test func showsStatusesErrorsAndRetriesOnlyFailed() throws {
        var s = OutboxScreen([Self.message(3, "reject@nefos.example", .failed, error: "127.0.0.1 answered 550 5.1.1 mailbox unavailable"),
                              Self.message(2, "maria@nefos.example", .sent), Self.message(1, "giorgos@nefos.example", .queued)])
        try expectGolden(s.render(width: 80, height: 24), "outbox-80x24")
        #expect(s.update(.char("r"), height: 24) == [.retry(messageId: 3)])
        _ = s.update(.down, height: 24)
        #expect(s.update(.char("r"), height: 24).isEmpty)
        #expect(s.notice?.contains("Only a failed email") == true)
        #expect(s.update(.escape, height: 24) == [.back])
    }

    @Test func theHighlightedEmailShowsWholeAt80Columns() {
        var long = Self.message(1, "procurement.department@a-very-long-reseller-name.example", .queued)
        long.subject = "Activate your storefront account for Ελληνικό Νέφος Cloud Services Partners"
        let text = OutboxScreen([long]).render(width: 80, height: 24).text
        let detail = text.split(separator: "\n").suffix(3).prefix(2).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(detail.joined(separator: " ") == "\(long.toAddress): \(long.subject)")
    }
}

/// The picker marks the lists the service would refuse before any is chosen, with the service's reason.
@Suite struct PriceListRefusalTests {
    @Test func refusedListsAreMarkedWithTheServicesReasonAndCannotBeChosen() throws {
        let service = try DemoDesk.service()
        let account = try service.findAccount("ACC-000001")
        _ = try service.importPriceList(csv: "code,description,billing_period,price\nM365-BB,Basic,monthly,6.00\n",
                                        name: "Promo EUR", currency: "EUR", by: .staff("alice"))
        let lists = try service.priceLists()
        let id = { (name: String) in lists.first { $0.name == name }!.id }
        let refusals = try service.priceListRefusals(for: account.id)
        #expect(refusals[id("Cloud Essentials USD")]?.first
                == "Cloud Essentials USD is in USD but ACC-000001 bills in EUR")
        #expect(refusals[id("Promo EUR")] == ["Promo EUR and Cloud Essentials EUR both price M365-BB (monthly); "
                                              + "an account can have only one price for a product"])
        #expect(refusals[id("Security Add-ons EUR")] == nil)
        #expect(refusals[id("Cloud Essentials EUR")] == nil)                  // assigned already
        // Each marked list is one the service refuses, for the reason shown.
        for (listId, reasons) in refusals {
            let name = lists.first { $0.id == listId }!.name
            #expect(throws: ServiceError.invalid(reasons.map { FieldError("priceLists", $0) })) {
                try service.assignPriceLists(account.id, names: [name], by: .staff("alice"))
            }
        }

        let detail = try service.accountDetail(account.id)
        var picker = PriceListPicker(accountId: account.id, accountCode: account.code, lists: lists,
                                     assigned: detail.priceLists, refusals: refusals, today: service.today)
        while picker.shown[picker.highlighted].name != "Cloud Essentials USD" { _ = picker.update(.down) }
        _ = picker.update(.char(" "))
        #expect(picker.chosen.isEmpty)
        #expect(picker.update(.enter).isEmpty)
        let text = joined(picker.render(width: 80, height: 24))
        #expect(text.contains("[-] Promo EUR"))
        #expect(text.contains("Cannot be assigned: Cloud Essentials USD is in USD but ACC-000001 bills in EUR"))
        while picker.shown[picker.highlighted].name != "Security Add-ons EUR" { _ = picker.update(.down) }
        #expect(picker.update(.enter) == [.assign(accountId: account.id, names: ["Security Add-ons EUR"])])
    }
}
