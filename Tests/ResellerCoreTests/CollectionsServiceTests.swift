import Foundation
import Synchronization
import Testing
import DeskTestSupport
@testable import ResellerCore

/// The collections run on a real desk file with the test clock (domain.md#collections): BK × 2 ordered
/// 2027-01-10 gives INV-000001, 42.58, due 2027-02-09, unpaid. The default policy: steps at 3, 10 and 20 days,
/// suspension at 30, a copy to the account manager (alice).
@Suite struct CollectionsServiceTests {
    let desk = BillingDesk()

    /// The overdue invoice's account, its invoice due 2027-02-09 and unpaid.
    func overdue() throws -> (Fixture, Account) {
        let (fx, a, _) = try desk.ordered()
        let invoice = try fx.service.invoice(number: "INV-000001")
        #expect(invoice.draft.dueDate.description == "2027-02-09" && invoice.draft.total.decimalString == "42.58")
        // Unlimited credit: the order's charge is a debit, nothing paid.
        return (fx, a)
    }

    func collections(_ fx: Fixture) throws -> [OutboxMessage] {
        try fx.service.outbox().filter { [.reminder, .secondReminder, .finalNotice].contains($0.kind) }
    }

    @Test func everyStepGoesOnItsDayOnceAndTheAccountIsSuspendedAtThirtyDays() throws {
        let (fx, a) = try overdue()
        // Due + 2: nothing yet.
        try desk.on(fx, "2027-02-11")
        #expect(try fx.service.collectionsRun().actions.isEmpty)

        try desk.on(fx, "2027-02-12")                                     // due + 3: the reminder
        var report = try fx.service.collectionsRun()
        #expect(report.actions.map(\.step) == [1] && report.actions.first?.mail == .reminder)
        #expect(report.emails == 2)                                       // the account, and alice's copy
        var mails = try collections(fx)
        #expect(Set(mails.map(\.toAddress)) == ["accounts@aegean.example", "alice@localhost"])
        let text = try #require(mails.first?.params["invoices"])
        #expect(text.contains("INV-000001 · due 2027-02-09 · 42.58 EUR left"))
        #expect(text.contains(try #require(PaymentReference(number: "INV-000001")).printed))
        #expect(mails.first?.params["totalOverdue"] == "42.58 EUR")
        #expect(mails.first?.subject == "Reminder: 42.58 EUR overdue for Aegean Cloud Partners")
        // Twice the same day: nothing more.
        #expect(try fx.service.collectionsRun().actions.isEmpty)
        #expect(try collections(fx).count == 2)

        try desk.on(fx, "2027-02-19")                                     // due + 10
        report = try fx.service.collectionsRun()
        #expect(report.actions.map(\.mail) == [.secondReminder])
        try desk.on(fx, "2027-03-01")                                     // due + 20: names the suspension day
        report = try fx.service.collectionsRun()
        #expect(report.actions.map(\.mail) == [.finalNotice])
        mails = try collections(fx).filter { $0.kind == .finalNotice }
        #expect(mails.count == 2 && mails.allSatisfy { $0.params["suspensionDate"] == "2027-03-11" })
        #expect(try fx.service.account(a.id).status == .active)

        try desk.on(fx, "2027-03-10")                                     // due + 29: still active
        #expect(try fx.service.collectionsRun().actions.isEmpty)
        try desk.on(fx, "2027-03-11")                                     // due + 30: suspended
        report = try fx.service.collectionsRun()
        #expect(report.actions.map(\.suspended) == ["Overdue: INV-000001 since 2027-02-10"])
        #expect(report.emails == 0)
        let account = try fx.service.account(a.id)
        #expect(account.status == .suspended && account.statusBy == "collections" && account.suspendedByCollections)
        #expect(account.statusReason == "Overdue: INV-000001 since 2027-02-10")
        // Audited as the actor `collections`; each step too.
        let trail = try fx.service.accountDetail(a.id).audit
        #expect(trail.contains { $0.action == "suspend" && $0.actor == "collections" })
        #expect(trail.filter { $0.action == "collectionsStep" }.count == 3)
        // The next day: nothing more (suspended, every step sent).
        try desk.on(fx, "2027-03-12")
        #expect(try fx.service.collectionsRun().actions.isEmpty)
        #expect(try collections(fx).count == 6)

        // Orders are refused naming the overdue amount.
        #expect(messages { _ = try desk.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)]) }
                .contains { $0.contains("until the 42.58 EUR overdue is paid") })
    }

    /// A desk that starts collections late sends the step the invoice reached, not every one before it.
    @Test func anInvoiceFirstSeenAtTwentyFiveDaysGetsOnlyTheFinalNotice() throws {
        let (fx, _) = try overdue()
        try desk.on(fx, "2027-03-06")
        let report = try fx.service.collectionsRun()
        #expect(report.actions.map(\.mail) == [.finalNotice])
        #expect(try collections(fx).map(\.kind) == [.finalNotice, .finalNotice])
        try desk.on(fx, "2027-03-07")
        #expect(try fx.service.collectionsRun().actions.isEmpty)
    }

    @Test func aPaymentThatSettlesTheOverdueResumesTheAccountInItsTransaction() throws {
        let (fx, a) = try overdue()
        try desk.on(fx, "2027-03-11")
        _ = try fx.service.collectionsRun()
        #expect(try fx.service.account(a.id).status == .suspended)
        // A part payment leaves it suspended.
        _ = try fx.service.recordPayment(accountId: a.id, PaymentForm(amount: "20.00"), by: staff)
        #expect(try fx.service.account(a.id).status == .suspended)
        _ = try fx.service.recordPayment(accountId: a.id, PaymentForm(amount: "22.58"), by: staff)
        let account = try fx.service.account(a.id)
        #expect(account.status == .active && account.statusBy == "collections")
        #expect(account.statusReason == "Paid: no invoice is overdue past 30 days any more")
        #expect(try fx.service.accountDetail(a.id).audit.first?.action == "resume")
        // Orders are taken again.
        #expect(try desk.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)]).number.isEmpty == false)
    }

    @Test func aPaymentNeverLiftsAStaffSuspension() throws {
        let (fx, a) = try overdue()
        _ = try fx.service.changeStatus(a.id, StatusForm(.suspend, reason: "fraud check"), by: staff)
        try desk.on(fx, "2027-03-11")
        let report = try fx.service.collectionsRun()
        #expect(report.suspensions == 0)                                  // already suspended, by staff
        _ = try fx.service.recordPayment(accountId: a.id, PaymentForm(amount: "42.58"), by: staff)
        let account = try fx.service.account(a.id)
        #expect(account.status == .suspended && account.statusReason == "fraud check" && account.statusBy == "alice")
    }

    @Test func aCreditNoteThatSettlesTheOverdueResumesTooButARunSuspendsAgainAfterAReversal() throws {
        let (fx, a) = try overdue()
        try desk.on(fx, "2027-03-11")
        _ = try fx.service.collectionsRun()
        let paid = try fx.service.recordPayment(accountId: a.id, PaymentForm(amount: "42.58"), by: staff)
        #expect(paid.decimalString == "42.58")
        #expect(try fx.service.account(a.id).status == .active)
        let payment = try #require(try fx.service.payments(of: a.id).first)
        _ = try fx.service.reversePayment(payment.id, ReasonForm(reason: "returned"), by: staff)
        try desk.on(fx, "2027-03-12")
        #expect(try fx.service.collectionsRun().suspensions == 1)
    }

    /// Two runs at once on two connections (two processes would be the same): the step goes once.
    @Test func twoRunsAtOnceSendEachStepOnce() throws {
        let (fx, _) = try overdue()
        for i in 0..<5 { _ = try fx.reseller("Other \(i)", email: "o\(i)@example.com") }
        try desk.on(fx, "2027-02-12")
        let second = try fx.secondService()
        let reports = Mutex<[CollectionsReport]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = try? (i == 0 ? fx.service : second).collectionsRun()
            reports.withLock { $0.append(r!) }
        }
        let emails = reports.withLock { $0.map { $0.emails }.reduce(0, +) }
        #expect(emails == 2)
        #expect(try collections(fx).count == 2)
    }

    @Test func thePreviewChangesNothing() throws {
        let (fx, a) = try overdue()
        try desk.on(fx, "2027-03-11")
        let preview = try fx.service.collectionsPreview()
        #expect(preview.actions.map(\.mail) == [.finalNotice] && preview.suspensions == 1 && preview.emails == 2)
        #expect(try collections(fx).isEmpty)
        #expect(try fx.service.account(a.id).status == .active)
        let run = try fx.service.collectionsRun()
        #expect(run.actions.map(\.mail) == preview.actions.map(\.mail) && run.emails == preview.emails)
    }

    @Test func aPauseHoldsRemindersAndSuspensionAndNoAutomaticSuspensionOnlyTheSuspension() throws {
        let (fx, a) = try overdue()
        try desk.on(fx, "2027-02-12")
        var form = CollectionsHoldForm()
        form.pausedUntil = "2027-02-20"
        form.reason = "promised to pay on the 20th"
        let hold = try fx.service.setCollectionsHold(accountId: a.id, form, by: staff)
        #expect(hold.pausedUntil?.description == "2027-02-20")
        #expect(try fx.service.collectionsRun().actions.isEmpty)
        try desk.on(fx, "2027-02-20")
        #expect(try fx.service.collectionsRun().actions.isEmpty)
        try desk.on(fx, "2027-02-21")                                     // the pause over: step 2 reached
        #expect(try fx.service.collectionsRun().actions.map(\.mail) == [.secondReminder])

        form = CollectionsHoldForm(try fx.service.collectionsHold(accountId: a.id), today: fx.service.today)
        form.suspension = CollectionsHoldForm.never
        form.reason = "key account"
        _ = try fx.service.setCollectionsHold(accountId: a.id, form, by: staff)
        try desk.on(fx, "2027-03-20")
        let report = try fx.service.collectionsRun()
        #expect(report.actions.map(\.mail) == [.finalNotice] && report.suspensions == 0)
        #expect(try collections(fx).last?.params["suspensionDate"] == nil)
        #expect(try fx.service.account(a.id).status == .active)
        let trail = try fx.service.accountDetail(a.id).audit.filter { $0.action == "collections" }
        #expect(trail.count == 2 && trail.first?.changes["automaticSuspension"] == ["yes", "no"])
        #expect(trail.first?.changes["reason"] == [nil, "key account"])
    }

    @Test func aHoldIsRefusedNamingTheFieldAndTheSameHoldWritesNothing() throws {
        let (fx, a) = try overdue()
        try desk.on(fx, "2027-02-12")
        var form = CollectionsHoldForm()
        form.pausedUntil = "2027-02-31"
        #expect(fields { _ = try fx.service.setCollectionsHold(accountId: a.id, form, by: staff) }
                == ["pausedUntil", "reason"])
        form.pausedUntil = "2027-02-01"
        form.reason = "x"
        #expect(messages { _ = try fx.service.setCollectionsHold(accountId: a.id, form, by: staff) }
                == ["Paused until must be a day from 2027-02-12 to 2028-02-13, not 2027-02-01"])
        form.pausedUntil = ""
        _ = try fx.service.setCollectionsHold(accountId: a.id, form, by: staff)
        #expect(try fx.service.accountDetail(a.id).audit.allSatisfy { $0.action != "collections" })
    }

    @Test func sendTheNextStepNowWhateverTheDaysThenRefuseAfterTheLast() throws {
        let (fx, a) = try overdue()
        try desk.on(fx, "2027-02-10")
        #expect(try fx.service.sendNextCollectionsStep(accountId: a.id, by: staff).mail == .reminder)
        #expect(try fx.service.sendNextCollectionsStep(accountId: a.id, by: staff).mail == .secondReminder)
        #expect(try fx.service.sendNextCollectionsStep(accountId: a.id, by: staff).mail == .finalNotice)
        #expect(messages { _ = try fx.service.sendNextCollectionsStep(accountId: a.id, by: staff) }
                == ["every step (the final notice too) was already sent for each overdue invoice of ACC-000001"])
        // The run finds them sent.
        try desk.on(fx, "2027-03-01")
        #expect(try fx.service.collectionsRun().actions.isEmpty)
    }

    @Test func theOverviewListsTheStepReachedAndWhatComesNext() throws {
        let (fx, a) = try overdue()
        try desk.on(fx, "2027-02-12")
        _ = try fx.service.collectionsRun()
        let rows = try fx.service.collectionsOverview()
        #expect(rows.map(\.account.id) == [a.id] && rows.first?.stepReached == 1)
        #expect(rows.first?.next?.what == "Second reminder" && rows.first?.next?.on.description == "2027-02-19")
        #expect(rows.first?.totalOverdue.decimalString == "42.58")
    }
}
