import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// The price-lists screen over a real demo database: its table, the active flag, the import prompt, the edit
/// and the service's problems shown whole.
@Suite struct PriceListsScreenTests {
    static func highlight(_ s: inout PriceListsScreen, _ name: String) {
        while s.current?.name != name, s.selected < s.content.lists.count - 1 { _ = s.update(.down, height: 24) }
    }

    @Test func listsStatesCountsItemsAndUsers() throws {
        let (_, s) = try DemoDesk.priceLists()
        let essentials = try #require(s.content.lists.first { $0.name == "Cloud Essentials EUR" })
        #expect(PriceListsScreen.cells(essentials, s.content).suffix(2) == [String(essentials.itemCount), "2"])
        let legacy = try #require(s.content.lists.first { $0.name == "Legacy Hosting 2024 EUR" })
        #expect(PriceListsScreen.state(legacy, s.content.today) == "inactive")
        var old = legacy
        old.active = true
        #expect(PriceListsScreen.state(old, s.content.today) == "expired")
        old.validFrom = CalendarDay(year: 2027, month: 1, day: 1)
        old.validTo = nil
        #expect(PriceListsScreen.state(old, s.content.today) == "not yet")
        let text = joined(s.render(width: 80, height: 24))
        #expect(text.contains("Used by ACC-000001 Aegean Cloud Partners, ACC-000002 Νέφος"))
        // 6 of the 15 items fit; the last row counts the others.
        #expect(text.contains("… 9 more items: resellerdesk pricelist show \"Cloud Essentials EUR\""))
        try expectGolden(s.render(width: 80, height: 24), "price-lists-80x24")
    }

    @Test func deactivatingAUsedListAsksFirstAnUnusedOneDoesNot() throws {
        var (_, s) = try DemoDesk.priceLists()
        Self.highlight(&s, "Cloud Essentials EUR")
        #expect(s.update(.char("a"), height: 24).isEmpty)
        #expect(s.confirming?.question == "Deactivate Cloud Essentials EUR? 2 accounts use it (ACC-000001, "
                + "ACC-000002); it can no longer order from this list. y/n")
        #expect(s.update(.char("y"), height: 24) == [.setActive(list: "Cloud Essentials EUR", active: false)])
        Self.highlight(&s, "Legacy Hosting 2024 EUR")
        #expect(s.update(.char("a"), height: 24) == [.setActive(list: "Legacy Hosting 2024 EUR", active: true)])
        Self.highlight(&s, "Security Add-ons EUR")
        #expect(s.update(.char("a"), height: 24) == [.setActive(list: "Security Add-ons EUR", active: false)])
    }

    @Test func importTakesAPathAndShowsEveryProblemWhole() throws {
        var (service, s) = try DemoDesk.priceLists()
        Self.highlight(&s, "Cloud Essentials EUR")
        _ = s.update(.char("i"), height: 24)
        #expect(s.bindings.map(\.action) == [.promptEnter, .promptCancel])   // a, e, ? are text now
        for c in "~/lists/new essentials.csv" { _ = s.update(.char(c), height: 24) }
        #expect(s.importPath?.text == "~/lists/new essentials.csv")
        try expectGolden(s.render(width: 80, height: 24), "price-lists-import-80x24")
        #expect(s.update(.enter, height: 24) == [.importCSV(list: "Cloud Essentials EUR",
                                                            path: "~/lists/new essentials.csv")])
        #expect(s.importPath == nil)
        // What the service says of a bad file, shown as the runtime shows it: every problem, each whole.
        let csv = "code,description,billing_period,price\nM365-BB,Basic,weekly,5.60\nVM-1,,monthly,abc\n"
            + "M365-BB,Basic again,monthly,5.60\nM365-BB,Basic twice,monthly,5.70\n"
        do {
            _ = try service.replacePriceListItems(named: "Cloud Essentials EUR", csv: csv, by: .staff("alice"))
            Issue.record("the bad CSV was taken")
        } catch {
            let problems = error.fieldErrors.map(\.message)
            #expect(problems.count >= 4)
            s.showProblems(problems)
            let text = joined(s.render(width: 80, height: 24))
            for p in problems { #expect(text.contains(p), "not whole at 80x24: \(p)") }
        }
        _ = s.update(.down, height: 24)
        #expect(s.messages.isEmpty)                                            // the next key clears them
        _ = s.update(.char("i"), height: 24)
        #expect(s.update(.enter, height: 24).isEmpty)                           // no path: nothing to import
        #expect(s.update(.escape, height: 24).isEmpty && s.importPath == nil && s.messages == ["Nothing changed."])
    }

    @Test func theEditIsAFormThatSendsOnlyWhatChanged() throws {
        var (service, s) = try DemoDesk.priceLists()
        Self.highlight(&s, "Security Add-ons EUR")
        guard case .edit(let list)? = s.update(.char("e"), height: 24).first else {
            Issue.record("e does not open the edit"); return
        }
        var d = PriceListDialog.edit(list)
        #expect(d.model.name == "Security Add-ons EUR" && d.model.validFrom == "2026-01-01")
        _ = d.update(.ctrl("u"))
        for c in "Security Add-ons 2027 EUR" { _ = d.update(.char(c)) }
        _ = d.update(.tab); _ = d.update(.tab)                                   // valid from kept → valid to
        for c in "2027-12-31" { _ = d.update(.char(c)) }
        try expectGolden(d.render(width: 80, height: 24), "price-list-edit-80x24")
        guard case .save(let form)? = d.update(.ctrl("s")).first else { Issue.record("no save"); return }
        #expect(form.changedFields(from: list).map(\.noun) == ["price list name", "valid to"])
        let change = form.change(from: list)
        #expect(change.name == "Security Add-ons 2027 EUR" && change.validTo == "2027-12-31")
        #expect(change.validFrom == nil && change.description == nil)
        let saved = try service.updatePriceList(named: list.name, change, by: .staff("alice"))
        #expect(saved.name == "Security Add-ons 2027 EUR" && saved.validTo?.description == "2027-12-31")
        #expect(saved.validFrom?.description == "2026-01-01" && saved.active)
        // A date the service refuses shows beside its field, with everything typed kept.
        var bad = PriceListDialog.edit(saved)
        _ = bad.update(.tab); _ = bad.update(.tab)
        _ = bad.update(.ctrl("u"))
        for c in "2025-01-01" { _ = bad.update(.char(c)) }
        guard case .save(let early)? = bad.update(.ctrl("s")).first else { Issue.record("no save"); return }
        do {
            _ = try service.updatePriceList(named: saved.name, early.change(from: saved), by: .staff("alice"))
            Issue.record("valid to before valid from was accepted")
        } catch { bad.saveFailed(error) }
        #expect(bad.errors["validTo"] == "valid to (2025-01-01) must not be before valid from (2026-01-01)")
        #expect(bad.focus == "validTo" && bad.model.validTo == "2025-01-01")
    }

    @Test func withNoListTheActionsSayWhy() {
        var s = PriceListsScreen(PriceListsContent(lists: [], items: [:], users: [:],
                                                   today: CalendarDay(year: 2026, month: 11, day: 29)!))
        for key in [Key.char("a"), .char("i"), .char("e")] {
            #expect(s.update(key, height: 24).isEmpty)
            #expect(s.messages.first?.hasPrefix("There is no price list yet") == true)
            #expect(s.importPath == nil)
        }
        #expect(joined(s.render(width: 80, height: 24)).contains(s.messages[0]))
    }
}
