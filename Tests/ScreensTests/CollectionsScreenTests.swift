import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// The Collections screen over a desk in collections (`CollectionsDesk`): the overdue accounts as the service
/// reads them, the keys and the effects they ask for, and the hold dialog.
@Suite struct CollectionsScreenTests {
    @Test func listsTheOverdueAccountsLargestFirst() throws {
        let desk = try CollectionsDesk()
        let rows = try desk.rows()
        #expect(rows.map(\.account.id) == [desk.nefos.id, desk.aegean.id, desk.boreal.id])
        let s = try desk.screen()
        let text = s.render(width: 80, height: 24).text
        #expect(text.contains("1 of 3 overdue · 2027-03-15"))
        // Under each account what comes next, named as it comes after a pause, and the marks of its hold.
        let policy = desk.service.settings.dunning, today = desk.service.today
        #expect(rows.map { CollectionsScreen.nextLine($0, policy: policy, today: today) } == [
            "Second reminder on 2027-04-01 · Paused to 2027-03-31 · No auto-suspend",
            "Nothing left for the run to do · Suspended",
            "Reminder on 2027-03-16",
        ])
        #expect(rows[0].next?.what == "Paused, then second reminder")   // what the service says
        // The highlighted account whole under the table: its invoice, the hold and its reason.
        let detail = s.detail(rows[0])
        #expect(detail == "\(desk.nefos.name) · Held: Promised to pay on the 30th · INV-000002 due 2027-03-03, "
                + "300.00 EUR left, reminder sent")
        try expectGolden(s.render(width: 80, height: 24), "collections-80x24")
        var down = s
        _ = down.update(.down, height: 24)
        #expect(down.detail(rows[1]).contains("Suspended: Overdue: INV-000001 since 2027-02-10"))
        try expectGolden(down.render(width: 80, height: 24), "collections-suspended-80x24")
    }

    @Test func sendNextAsksNamingTheStepThenSendsIt() throws {
        let desk = try CollectionsDesk()
        var s = try desk.screen()
        #expect(s.update(.char("n"), height: 24).isEmpty)
        let question = try #require(s.confirming?.question)
        #expect(question == "Send the second reminder (step 2 of 3) to \(desk.nefos.code) \(desk.nefos.name) now: "
                + "1 invoice, 300.00 EUR overdue? It is paused until 2027-03-31: this sends anyway. y/n")
        try expectGolden(s.render(width: 80, height: 24), "collections-send-question-80x24")
        #expect(s.update(.char("n"), height: 24).isEmpty)
        #expect(s.notice == "Not sent.")
        _ = s.update(.char("n"), height: 24)
        #expect(s.update(.char("y"), height: 24) == [.sendNext(accountId: desk.nefos.id)])
        // What the runtime does with it: the step the question named, to the bill-to address and the manager.
        let sent = try desk.service.sendNextCollectionsStep(accountId: desk.nefos.id, by: staff)
        #expect(sent.step == 2 && sent.mail == .secondReminder && sent.emails == 2)
        // Read again: the step reached is the second reminder; the final notice is next after the pause.
        let again = CollectionsScreen(try desk.rows(), policy: desk.service.settings.dunning,
                                      today: desk.service.today, notice: "sent")
        #expect(again.rows[0].stepReached == 2)
    }

    @Test func everyStepSentSaysSoInsteadOfAsking() throws {
        let desk = try CollectionsDesk()
        var s = try desk.screen()
        _ = s.update(.down, height: 24)                               // Aegean: the final notice went
        #expect(s.update(.char("n"), height: 24).isEmpty)
        #expect(s.confirming == nil)
        #expect(s.notice == "Every step, the final notice too, was already sent for each overdue invoice of "
                + "\(desk.aegean.code).")
        // The service says why in its words too, should the screen be out of date.
        #expect(throws: ServiceError.self) {
            try desk.service.sendNextCollectionsStep(accountId: desk.aegean.id, by: staff)
        }
        _ = s.update(.down, height: 24)                               // Boreal: nothing sent yet
        _ = s.update(.char("n"), height: 24)
        #expect(s.confirming?.question.hasPrefix("Send the reminder (step 1 of 3) to \(desk.boreal.code)") == true)
    }

    @Test func theOtherKeysAskForTheirEffects() throws {
        let desk = try CollectionsDesk()
        var s = try desk.screen()
        #expect(s.update(.char("p"), height: 24) == [.pause(accountId: desk.nefos.id)])
        #expect(s.update(.end, height: 24).isEmpty && s.selected == 2)
        #expect(s.update(.enter, height: 24) == [.open(accountId: desk.boreal.id)])
        #expect(s.update(.char("u"), height: 24) == [.unmatched])
        #expect(s.update(.ctrl("r"), height: 24) == [.reload])
        #expect(s.update(.char("?"), height: 24) == [.help])
        #expect(s.update(.function(1), height: 24) == [.help])
        #expect(s.update(.escape, height: 24) == [.back])
        let kept = CollectionsScreen(try desk.rows(), policy: desk.service.settings.dunning,
                                     today: desk.service.today, selected: 9)
        #expect(kept.selected == 2)                                   // clamped to the last row
    }

    @Test func withNothingOverdueTheAccountKeysSayWhy() throws {
        var s = CollectionsScreen([], policy: DunningPolicy(), today: CollectionsDesk.today)
        for key in [Key.char("n"), .char("p"), .enter] {
            #expect(s.update(key, height: 24).isEmpty)
            #expect(s.notice == "No account has an overdue invoice.")
        }
        #expect(s.update(.char("u"), height: 24) == [.unmatched])
        let fresh = CollectionsScreen([], policy: DunningPolicy(), today: CollectionsDesk.today)
        #expect(fresh.render(width: 80, height: 24).text.contains("No overdue invoices."))
        try expectGolden(fresh.render(width: 80, height: 24), "collections-empty-80x24")
    }

    @Test func theHoldDialogChecksTheDayAndSavesTheForm() throws {
        let desk = try CollectionsDesk()
        let hold = try desk.service.collectionsHold(accountId: desk.nefos.id)
        var d = HoldDialog.hold(of: desk.nefos, hold, today: desk.service.today)
        #expect(d.model.pausedUntil == "2027-03-31" && d.model.suspension == CollectionsHoldForm.never)
        #expect(d.model.reason.isEmpty)                               // each change says its own reason
        #expect(d.update(.ctrl("s")).isEmpty)
        #expect(d.errors["reason"] != nil)
        _ = d.update(.up)                                             // Paused until
        _ = d.update(.ctrl("u"))
        for c in "2027-03-01" { _ = d.update(.char(c)) }
        _ = d.update(.tab)
        for c in "Paid half" { _ = d.update(.char(c)) }
        #expect(d.update(.ctrl("s")).isEmpty)                         // a day before today is refused by name
        #expect(d.errors["pausedUntil"] == "Paused until must be a day from 2027-03-15 to 2028-03-15, not 2027-03-01")
        try expectGolden(d.render(width: 80, height: 24), "collections-hold-error-80x24")
        #expect(d.focus == "pausedUntil")                             // a refused save goes to the field to fix
        _ = d.update(.ctrl("u"))
        guard case .save(let form)? = d.update(.ctrl("s")).first else {
            Issue.record("not saved")
            return
        }
        #expect(form.pausedUntil.isEmpty && form.reason == "Paid half")
        let saved = try desk.service.setCollectionsHold(accountId: desk.nefos.id, form, by: staff)
        #expect(saved.pausedUntil == nil && saved.noAutoSuspend)
    }
}
