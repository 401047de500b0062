import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// The Unmatched payments screen, the account picker that assigns an entry and the dismiss dialog, over the
/// entries `CollectionsDesk` imports: a credit naming nothing, a debit, a credit in USD.
@Suite struct UnmatchedPaymentsScreenTests {
    @Test func listsTheWaitingEntriesWithTheHighlightedOnesWhy() throws {
        let desk = try CollectionsDesk()
        let entries = try desk.importEntries()
        #expect(entries.count == 3)
        var s = UnmatchedPaymentsScreen(entries)
        let text = s.render(width: 80, height: 24).text
        #expect(text.contains("1 of 3 waiting"))
        #expect(text.contains("Entry \(entries[0].id) from camt053-2027-03-15.xml: no payment reference, invoice "
                              + "number or"))
        try expectGolden(s.render(width: 80, height: 24), "unmatched-80x24")
        _ = s.update(.down, height: 24)                               // the debit
        #expect(s.update(.char("a"), height: 24).isEmpty)
        #expect(s.notice == "Entry \(entries[1].id) is a debit, not a payment: it cannot be assigned; dismiss it "
                + "with a reason.")
        try expectGolden(s.render(width: 80, height: 24), "unmatched-debit-80x24")
        // The service refuses it in the same words, should the screen be out of date.
        #expect(throws: ServiceError.self) {
            try desk.service.assignEntry(entries[1].id, toAccount: desk.aegean.id, by: staff)
        }
        #expect(s.update(.char("d"), height: 24) == [.dismiss(entryId: entries[1].id)])
        _ = s.update(.up, height: 24)
        #expect(s.update(.char("a"), height: 24) == [.assign(entryId: entries[0].id)])
        #expect(s.update(.ctrl("r"), height: 24) == [.reload])
        #expect(s.update(.char("?"), height: 24) == [.help])
        #expect(s.update(.escape, height: 24) == [.back])
    }

    @Test func withNothingWaitingTheKeysSayWhy() throws {
        var s = UnmatchedPaymentsScreen([])
        for key in [Key.char("a"), .char("d")] {
            #expect(s.update(key, height: 24).isEmpty)
            #expect(s.notice == "No bank entry is waiting: each was booked, assigned or dismissed.")
        }
        try expectGolden(UnmatchedPaymentsScreen([]).render(width: 80, height: 24), "unmatched-empty-80x24")
    }

    @Test func thePickerSearchesMarksAnotherCurrencyAndAsksBeforeAssigning() throws {
        let desk = try CollectionsDesk()
        let entries = try desk.importEntries()
        var p = AssignEntryPicker.assign(entries[0])
        #expect(p.start() == [.search(query: "", request: 1)])
        #expect(p.update(.enter).isEmpty && p.notice == "No account to choose.")
        #expect(p.update(.char("b")) == [.search(query: "b", request: 2)])
        #expect(p.update(.char("?")) == [.search(query: "b?", request: 3)])     // text here: help is F1
        #expect(p.update(.backspace) == [.search(query: "b", request: 4)])
        #expect(p.update(.backspace) == [.search(query: "", request: 5)])
        p.showResults(request: 4, rows: try desk.service.searchAccounts("b").rows, more: false)   // too late
        #expect(p.rows.isEmpty)
        p.showResults(request: 5, rows: try desk.service.searchAccounts("").rows, more: false)
        #expect(p.rows.count == 3)
        #expect(p.update(.down).isEmpty && p.selected == 1)
        #expect(p.update(.enter).isEmpty)
        let question = try #require(p.confirming?.question)
        #expect(question == "Book 120.00 EUR as a payment of \(p.rows[1].account.code) \(p.rows[1].account.name)? y/n")
        try expectGolden(p.render(width: 80, height: 24), "assign-entry-80x24")
        #expect(p.update(.char("n")).isEmpty && p.notice == "Not assigned.")
        _ = p.update(.enter)
        #expect(p.update(.char("y")) == [.picked(accountId: p.rows[1].account.id)])
        #expect(p.update(.escape) == [.cancel])
        #expect(p.update(.function(1)) == [.help])

        // The USD credit: every EUR account is marked and Enter says why.
        var usd = AssignEntryPicker.assign(entries[2])
        _ = usd.start()
        usd.showResults(request: 1, rows: try desk.service.searchAccounts("").rows, more: true)
        #expect(usd.update(.enter).isEmpty)
        #expect(usd.notice == "\(desk.aegean.code) is billed in EUR, but entry \(entries[2].id) is in USD.")
        try expectGolden(usd.render(width: 80, height: 24), "assign-entry-currency-80x24")
    }

    @Test func theDismissDialogNeedsTheReason() throws {
        let desk = try CollectionsDesk()
        let entries = try desk.importEntries()
        var d = DismissEntryDialog.dismiss(entries[1])
        #expect(d.update(.ctrl("s")).isEmpty)
        #expect(d.errors["reason"] != nil)
        for c in "Returned transfer, reversed by hand" { _ = d.update(.char(c)) }
        try expectGolden(d.render(width: 80, height: 24), "dismiss-entry-80x24")
        guard case .save(let form)? = d.update(.ctrl("s")).first else {
            Issue.record("not saved")
            return
        }
        let dismissed = try desk.service.dismissEntry(d.context.id, form, by: staff)
        #expect(dismissed.state == .dismissed && dismissed.why == "Returned transfer, reversed by hand")
        #expect(try desk.service.unmatchedEntries().map(\.id) == [entries[0].id, entries[2].id])
    }
}
