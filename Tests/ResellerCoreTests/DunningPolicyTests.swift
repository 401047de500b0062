import Foundation
import Testing
@testable import ResellerCore

/// The collections policy as pure functions of dates (domain.md#collections), and `[dunning]` read from TOML.
@Suite struct DunningPolicyTests {
    let policy = DunningPolicy()
    let due = CalendarDay(year: 2027, month: 2, day: 9)!

    func invoice(_ id: Int64, due: CalendarDay, sent: Int = 0) -> OverdueInvoice {
        OverdueInvoice(id: id, number: DocumentNumber.format("INV", id), dueDate: due,
                       left: Money(minor: 4258, currency: "EUR"), stepSent: sent)
    }

    @Test func theStepReachedByAgeAndTheMailOfEach() {
        #expect([0, 2, 3, 9, 10, 19, 20, 400].map(policy.stepReached) == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect((1...3).map(policy.mail) == [.reminder, .secondReminder, .finalNotice])
        #expect(DunningPolicy(reminderDays: [7]).mail(ofStep: 1) == .finalNotice)
        #expect(policy.suspensionDay(due: due)?.description == "2027-03-11")
        #expect(DunningPolicy(suspendAfterDays: 0).suspensionDay(due: due) == nil)
    }

    @Test func oneEmailAtTheHighestStepNewlyReachedRecordedForEachInvoiceThatReachedIt() {
        let today = CalendarDay(year: 2027, month: 3, day: 1)!            // 20 days after `due`
        let invoices = [invoice(1, due: due, sent: 2), invoice(2, due: today.adding(days: -10), sent: 0),
                        invoice(3, due: today.adding(days: -1))]
        let d = DunningDecision.decide(invoices, policy: policy, hold: CollectionsHold(), today: today, active: true)
        #expect(d.step == 3 && d.stepInvoices == [1, 2] && d.suspendFor == nil)
        let later = DunningDecision.decide(invoices, policy: policy, hold: CollectionsHold(),
                                           today: today.adding(days: 10), active: true)
        #expect(later.suspendFor?.id == 1)
        #expect(DunningDecision.suspensionReason(later.suspendFor!) == "Overdue: INV-000001 since 2027-02-10")
        // Not active (already suspended, closed): no suspension.
        #expect(DunningDecision.decide(invoices, policy: policy, hold: CollectionsHold(),
                                       today: today.adding(days: 10), active: false).suspendFor == nil)
    }

    @Test func aPauseThroughItsLastDayAndNoAutomaticSuspension() {
        let today = due.adding(days: 30)
        let paused = CollectionsHold(pausedUntil: today)
        let d = DunningDecision.decide([invoice(1, due: due)], policy: policy, hold: paused, today: today, active: true)
        #expect(d.step == nil && d.suspendFor == nil)
        let next = DunningDecision.next([invoice(1, due: due)], policy: policy, hold: paused, today: today,
                                        active: true)
        #expect(next?.what == "Paused, then final notice" && next?.on == today.adding(days: 1))
        let noSuspend = CollectionsHold(noAutoSuspend: true)
        let e = DunningDecision.decide([invoice(1, due: due)], policy: policy, hold: noSuspend, today: today,
                                       active: true)
        #expect(e.step == 3 && e.suspendFor == nil)
    }

    @Test func resumingNeedsEveryInvoicePastTheLimitSettled() {
        let today = due.adding(days: 35)
        #expect(DunningDecision.mayResume([invoice(1, due: today.adding(days: -5))], policy: policy, today: today))
        #expect(!DunningDecision.mayResume([invoice(1, due: due)], policy: policy, today: today))
        #expect(!DunningDecision.mayResume([invoice(1, due: today.adding(days: -5))],
                                           policy: DunningPolicy(suspendAfterDays: 0), today: today))
    }

    func policy(_ toml: String) throws(ServiceError) -> DunningPolicy {
        var config = ConfigFile()
        try config.merge(text: toml, source: "/etc/resellerdesk/config.toml")
        return try DunningPolicy(config)
    }

    func refusal(_ toml: String) -> String {
        do {
            _ = try policy(toml)
            return "accepted"
        } catch {
            return error.fieldErrors.map(\.message).joined(separator: "; ")
        }
    }

    @Test func dunningIsReadFromTheConfigurationAndBadValuesAreRefusedNamingTheKey() throws {
        #expect(try policy("") == DunningPolicy())
        let p = try policy("[dunning]\nreminder_days = [5, 12]\nsuspend_after_days = 0\ncopy_account_manager = false\n")
        #expect(p == DunningPolicy(reminderDays: [5, 12], suspendAfterDays: 0, copyAccountManager: false))
        #expect(refusal("[dunning]\nreminder_days = [10, 3]\n").contains(
            "line 2: dunning.reminder_days must list 1 to 3 whole numbers of days from 1 to 365, ascending"))
        #expect(refusal("[dunning]\nreminder_days = [\"3\"]\n")
                == "/etc/resellerdesk/config.toml line 2: dunning.reminder_days must be a list of whole numbers, "
                    + "such as [3, 10, 20]")
        #expect(refusal("[dunning]\nsuspend_after_days = 15\n").contains("must come after the last reminder (20 days)"))
        #expect(refusal("[dunning]\ncopy_account_manager = \"yes\"\n").contains("must be true or false"))
    }
}
