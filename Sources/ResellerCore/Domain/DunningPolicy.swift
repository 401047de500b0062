/// The desk's collections policy (domain.md#collections), from `[dunning]` in the configuration: the reminder
/// steps in days after an invoice's due date, the days after which its account is suspended (0: never), and
/// whether the account manager gets a copy of each reminder.
public struct DunningPolicy: Sendable, Hashable {
    /// Step n (1-based) is due `reminderDays[n - 1]` days after the due date; strictly ascending, 1 to 3 steps.
    public var reminderDays: [Int]
    public var suspendAfterDays: Int
    public var copyAccountManager: Bool

    public init(reminderDays: [Int] = [3, 10, 20], suspendAfterDays: Int = 30, copyAccountManager: Bool = true) {
        self.reminderDays = reminderDays
        self.suspendAfterDays = suspendAfterDays
        self.copyAccountManager = copyAccountManager
    }

    /// The email each step sends: the first a reminder, the last the final notice (which names the suspension
    /// date), any between a second reminder. A policy of one step sends only the final notice.
    public func mail(ofStep step: Int) -> MailKind {
        if step == reminderDays.count { return .finalNotice }
        return step == 1 ? .reminder : .secondReminder
    }

    /// The highest step an invoice `age` days past its due date has reached (0: none yet).
    public func stepReached(age: Int) -> Int {
        reminderDays.lastIndex(where: { $0 <= age }).map { $0 + 1 } ?? 0
    }

    /// The day an invoice due on `due` suspends its account, nil when the policy never suspends.
    public func suspensionDay(due: CalendarDay) -> CalendarDay? {
        suspendAfterDays > 0 ? due.adding(days: suspendAfterDays) : nil
    }

    /// Whether an invoice due on `due` holds its account suspended on `today`.
    public func suspends(due: CalendarDay, today: CalendarDay) -> Bool {
        suspensionDay(due: due).map { $0 <= today } ?? false
    }
}

/// One invoice of an account with something left to pay after its due date, and the highest collections step
/// already sent for it (0: none).
public struct OverdueInvoice: Sendable, Hashable {
    public var id: Int64
    public var number: String
    public var dueDate: CalendarDay
    public var left: Money
    public var stepSent: Int

    public init(id: Int64, number: String, dueDate: CalendarDay, left: Money, stepSent: Int) {
        self.id = id; self.number = number; self.dueDate = dueDate; self.left = left; self.stepSent = stepSent
    }

    public var paymentReference: PaymentReference? { PaymentReference(number: number) }

    /// Days past the due date on `today` (1 the day after it).
    public func age(on today: CalendarDay) -> Int { today.dayNumber - dueDate.dayNumber }

    /// What is left of `invoices` in all, in `currency` (0 when none): refused, never trapped, out of range.
    /// `account` names whose amount it is in that refusal.
    public static func total(_ invoices: [OverdueInvoice], currency: String,
                             of account: String? = nil) throws(ServiceError) -> Money {
        let what = "the overdue amount" + (account.map { " of \($0)" } ?? "")
        return Money(minor: try MoneySum.total(invoices.map(\.left.minor), what: what), currency: currency)
    }
}

/// What staff set for one account (domain.md#collections): no automatic suspension, and reminders (and the
/// suspension they lead to) paused until a day, a promise to pay.
public struct CollectionsHold: Sendable, Hashable {
    public var noAutoSuspend: Bool
    public var pausedUntil: CalendarDay?
    public var reason: String?

    public init(noAutoSuspend: Bool = false, pausedUntil: CalendarDay? = nil, reason: String? = nil) {
        self.noAutoSuspend = noAutoSuspend; self.pausedUntil = pausedUntil; self.reason = reason
    }

    public func isPaused(on today: CalendarDay) -> Bool { pausedUntil.map { today <= $0 } ?? false }
}

/// What the collections run does for one account on one day, decided from its overdue invoices alone (pure).
public struct DunningDecision: Sendable, Hashable {
    /// The step whose email goes today (the highest any invoice newly reached), nil when none does.
    public var step: Int?
    /// The invoices that step is recorded for: each that reached it or a later one for the first time.
    public var stepInvoices: [Int64]
    /// The invoice and the day it became overdue, when the account is to be suspended today.
    public var suspendFor: OverdueInvoice?

    /// `force`: send the next step now (staff's "send the next step"), whatever the days and any pause.
    public static func decide(_ invoices: [OverdueInvoice], policy: DunningPolicy, hold: CollectionsHold,
                              today: CalendarDay, active: Bool, force: Bool = false) -> DunningDecision {
        var decision = DunningDecision(step: nil, stepInvoices: [], suspendFor: nil)
        let paused = hold.isPaused(on: today) && !force
        if !paused {
            // Each invoice gets the step its age has reached; a forced step is the next after the highest sent.
            let reached: [(OverdueInvoice, Int)] = invoices.map { i in
                let reached = policy.stepReached(age: i.age(on: today))
                return (i, force ? min(policy.reminderDays.count, max(i.stepSent + 1, reached)) : reached)
            }
            let fresh = reached.filter { $0.1 > $0.0.stepSent }
            if let top = fresh.map(\.1).max() {
                decision.step = top
                decision.stepInvoices = fresh.map(\.0.id)
            }
        }
        if active && !paused && !hold.noAutoSuspend && !force {
            decision.suspendFor = invoices.filter { policy.suspends(due: $0.dueDate, today: today) }
                .min { ($0.dueDate, $0.id) < ($1.dueDate, $1.id) }
        }
        return decision
    }

    /// "Overdue: INV-000123 since 2027-03-01": the first day the invoice was overdue.
    public static func suspensionReason(_ invoice: OverdueInvoice) -> String {
        "Overdue: \(invoice.number) since \(invoice.dueDate.adding(days: 1))"
    }

    /// Whether an account the run suspended may be resumed: no invoice left overdue past the limit (with a
    /// policy that never suspends, none overdue at all).
    public static func mayResume(_ invoices: [OverdueInvoice], policy: DunningPolicy, today: CalendarDay) -> Bool {
        policy.suspendAfterDays == 0 ? invoices.isEmpty
            : !invoices.contains { policy.suspends(due: $0.dueDate, today: today) }
    }
}

extension DunningDecision {
    /// What the run does next for an account and on which day (the Collections screen): the next step of
    /// any invoice, or the suspension, whichever comes first; "Paused" through a pause. Nil when nothing is
    /// left to do (every step sent, and suspended or never to be).
    public static func next(_ invoices: [OverdueInvoice], policy: DunningPolicy, hold: CollectionsHold,
                            today: CalendarDay, active: Bool) -> (what: String, on: CalendarDay)? {
        var candidates: [(what: String, on: CalendarDay)] = []
        for i in invoices {
            // The step a run sends next: the one its age reached when not sent yet (today), else the one after.
            let reached = policy.stepReached(age: i.age(on: today))
            let step = reached > i.stepSent ? reached : i.stepSent + 1
            if step <= policy.reminderDays.count {
                let day = max(today, i.dueDate.adding(days: policy.reminderDays[step - 1]))
                candidates.append((policy.mail(ofStep: step).stepLabel, day))
            }
            if active && !hold.noAutoSuspend, let day = policy.suspensionDay(due: i.dueDate) {
                candidates.append(("Suspend", max(today, day)))
            }
        }
        guard let first = candidates.min(by: { $0.on < $1.on }) else { return nil }
        if let until = hold.pausedUntil, hold.isPaused(on: today) {
            return ("Paused, then \(first.what.lowercased())", max(first.on, until.adding(days: 1)))
        }
        return first
    }
}

extension MailKind {
    /// A collections step as staff read it.
    public var stepLabel: String {
        switch self {
        case .finalNotice: "Final notice"
        case .secondReminder: "Second reminder"
        default: "Reminder"
        }
    }
}
