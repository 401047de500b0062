import Foundation

/// What the collections run did (or, previewed, would do) for one account.
public struct CollectionsAction: Sendable, Hashable {
    public var accountId: Int64
    public var accountName: String
    /// The step whose email went (1 reminder … the final notice), nil when only a suspension happened.
    public var step: Int?
    public var mail: MailKind?
    /// Every overdue invoice of the account, as the email lists them, oldest first.
    public var invoices: [OverdueInvoice]
    public var totalOverdue: Money
    /// Messages queued: one per bill-to contact, and the account manager's copy.
    public var emails: Int
    /// The suspension's reason, when the run suspended the account.
    public var suspended: String?

    public var accountCode: String { AccountCode.format(accountId) }
}

/// One collections run (or its preview) over the desk.
public struct CollectionsReport: Sendable {
    public var today: CalendarDay
    public var accountsExamined: Int
    public var actions: [CollectionsAction]
    public var failures: [(accountId: Int64, message: String)]

    public var emails: Int { actions.reduce(0) { $0 + $1.emails } }
    public var suspensions: Int { actions.filter { $0.suspended != nil }.count }
}

/// An account with overdue invoices, as the Collections screen lists it.
public struct CollectionsRow: Sendable, Hashable {
    public var account: Account
    public var invoices: [OverdueInvoice]
    public var totalOverdue: Money
    public var hold: CollectionsHold
    /// The highest step sent for any of its overdue invoices (0: none yet).
    public var stepReached: Int
    /// What the run does next and on which day; nil when nothing is left to do (all sent, suspended).
    public var next: (what: String, on: CalendarDay)?

    public var oldestDue: CalendarDay { invoices.map(\.dueDate).min()! }

    public static func == (a: CollectionsRow, b: CollectionsRow) -> Bool {
        a.account == b.account && a.invoices == b.invoices && a.hold == b.hold && a.next?.what == b.next?.what
            && a.next?.on == b.next?.on
    }

    public func hash(into h: inout Hasher) { h.combine(account.id) }
}

/// Collections (domain.md#collections): the daily run's reminders and suspensions, staff's holds, and the
/// resumption a payment brings. Each account is decided by `DunningDecision` from its overdue invoices, in a
/// savepoint of a batch transaction like the billing run's: the notice rows, the emails, the suspension and
/// their audit commit together, and `(invoice, step)` is a key, so no run, repeated or concurrent or killed
/// midway, sends a step twice.
extension ResellerService {
    public func collectionsRun(by actor: Actor = .collections,
                               progress: (_ done: Int, _ total: Int) -> Void = { _, _ in })
        throws(ServiceError) -> CollectionsReport {
        let today = self.today, now = self.now
        let accountIds = try store.read { tx in try tx.accountsOwingPastDue(today: today) }
        var actions: [CollectionsAction] = []
        let failures = inBatches(accountIds, progress: progress, committed: { actions += $0 }) { tx, accountId in
            try collect(tx, accountId, today: today, write: true, force: false, by: actor, at: now).map { [$0] } ?? []
        }
        return CollectionsReport(today: today, accountsExamined: accountIds.count, actions: actions,
                                 failures: failures)
    }

    /// What a run today would do, changing nothing: one read transaction for the whole desk.
    public func collectionsPreview() throws(ServiceError) -> CollectionsReport {
        let today = self.today, now = self.now
        return try store.read { tx in
            let ids = try tx.accountsOwingPastDue(today: today)
            var report = CollectionsReport(today: today, accountsExamined: ids.count, actions: [], failures: [])
            for id in ids {
                do {
                    if let a = try collect(tx, id, today: today, write: false, force: false, by: .collections,
                                           at: now) { report.actions.append(a) }
                } catch {
                    report.failures.append((id, Self.failureMessage(error, store)))
                }
            }
            return report
        }
    }

    /// Staff's "send the next step now" for one account: the step after the highest sent, for every overdue
    /// invoice, whatever the days and any pause; never a suspension.
    public func sendNextCollectionsStep(accountId: Int64, by actor: Actor) throws(ServiceError) -> CollectionsAction {
        let today = self.today, now = self.now
        return try store.write { tx in
            let account = try existingAccount(tx, accountId)
            guard let action = try collect(tx, accountId, today: today, write: true, force: true, by: actor, at: now),
                  action.step != nil else {
                let overdue = try tx.overdueInvoices(of: accountId, currency: account.fields.currency, today: today)
                throw ServiceError.refused(field: "account", message: overdue.isEmpty
                    ? "\(AccountCode.format(accountId)) has no overdue invoice"
                    : "every step (the final notice too) was already sent for each overdue invoice of "
                        + AccountCode.format(accountId))
            }
            return action
        }
    }

    /// The accounts with overdue invoices, the largest amount first (then the oldest), with the step each
    /// reached and what comes next: the Collections screen.
    public func collectionsOverview() throws(ServiceError) -> [CollectionsRow] {
        let today = self.today, policy = settings.dunning
        return try store.read { tx in
            var rows: [CollectionsRow] = []
            for id in try tx.accountsOwingPastDue(today: today) {
                let account = try existingAccount(tx, id)
                let invoices = try tx.overdueInvoices(of: id, currency: account.fields.currency, today: today)
                guard !invoices.isEmpty else { continue }
                let hold = try tx.collectionsHold(of: id)
                rows.append(CollectionsRow(
                    account: account, invoices: invoices,
                    totalOverdue: try OverdueInvoice.total(invoices, currency: account.fields.currency,
                                                           of: account.code), hold: hold,
                    stepReached: invoices.map(\.stepSent).max() ?? 0,
                    next: DunningDecision.next(invoices, policy: policy, hold: hold, today: today,
                                               active: account.status == .active)))
            }
            return rows.sorted { ($1.totalOverdue.minor, $0.oldestDue) < ($0.totalOverdue.minor, $1.oldestDue) }
        }
    }

    /// The account's invoices left unpaid past their due date, oldest first, with the step each reached; a
    /// storefront user needs the billing right (Admin, Billing Agent), as for the invoices.
    public func overdueInvoices(of accountId: Int64, by actor: Actor) throws(ServiceError) -> [OverdueInvoice] {
        let today = self.today
        return try store.read { tx in
            try checkStorefrontRights(tx, actor, accountId: accountId, needs: .billing)
            let account = try existingAccount(tx, accountId)
            return try tx.overdueInvoices(of: accountId, currency: account.fields.currency, today: today)
        }
    }

    /// An account's hold as staff set it.
    public func collectionsHold(accountId: Int64) throws(ServiceError) -> CollectionsHold {
        try store.read { tx in
            _ = try existingAccount(tx, accountId)
            return try tx.collectionsHold(of: accountId)
        }
    }

    /// Sets an account's hold: "no automatic suspension" and "reminders paused until", audited with the reason.
    /// Setting what is already set writes nothing.
    @discardableResult
    public func setCollectionsHold(accountId: Int64, _ form: CollectionsHoldForm,
                                   by actor: Actor) throws(ServiceError) -> CollectionsHold {
        let now = self.now, hold = try form.validated(today: today)
        return try store.write { tx in
            _ = try existingAccount(tx, accountId)
            let old = try tx.collectionsHold(of: accountId)
            guard old.noAutoSuspend != hold.noAutoSuspend || old.pausedUntil != hold.pausedUntil else { return old }
            try tx.setCollectionsHold(accountId, hold, by: actor, at: now)
            var changes: [String: [String?]] = ["reason": [nil, hold.reason]]
            if old.noAutoSuspend != hold.noAutoSuspend {
                changes["automaticSuspension"] = [old.noAutoSuspend ? "no" : "yes", hold.noAutoSuspend ? "no" : "yes"]
            }
            if old.pausedUntil != hold.pausedUntil {
                changes["remindersPausedUntil"] = [old.pausedUntil?.description, hold.pausedUntil?.description]
            }
            try tx.audit(actor, "account", accountId, "collections", changes, at: now)
            return hold
        }
    }

    /// One account's step and suspension for `today`; with `write`, records, queues and suspends.
    private func collect(_ tx: StoreTx, _ accountId: Int64, today: CalendarDay, write: Bool, force: Bool,
                         by actor: Actor, at now: Date) throws -> CollectionsAction? {
        let account = try existingAccount(tx, accountId), policy = settings.dunning
        let invoices = try tx.overdueInvoices(of: accountId, currency: account.fields.currency, today: today)
        guard !invoices.isEmpty else { return nil }
        let hold = try tx.collectionsHold(of: accountId)
        let decision = DunningDecision.decide(invoices, policy: policy, hold: hold, today: today,
                                              active: account.status == .active, force: force)
        guard decision.step != nil || decision.suspendFor != nil else { return nil }
        let total = try OverdueInvoice.total(invoices, currency: account.fields.currency, of: account.code)
        var action = CollectionsAction(accountId: accountId, accountName: account.name, step: nil, mail: nil,
                                       invoices: invoices, totalOverdue: total, emails: 0, suspended: nil)
        if let step = decision.step,
           try !write || tx.recordNotices(decision.stepInvoices, step: step, accountId: accountId, on: today,
                                          by: actor) {
            action.step = step
            action.mail = policy.mail(ofStep: step)
            let mails = try collectionsMails(tx, account, action, hold: hold, today: today)
            action.emails = mails.count
            if write {
                for mail in mails { _ = try tx.enqueue(mail, at: now) }
                try tx.audit(actor, "account", accountId, "collectionsStep",
                             ["step": [nil, String(step)],
                              "invoices": [nil, invoices.map(\.number).joined(separator: ", ")],
                              "overdue": [nil, action.totalOverdue.decimalString]], at: now)
            }
        }
        if let invoice = decision.suspendFor {
            let reason = DunningDecision.suspensionReason(invoice)
            action.suspended = reason
            if write {
                try tx.setAccountStatus(accountId, .suspended, reason: reason, by: .collections, at: now)
                try tx.audit(.collections, "account", accountId, AccountStatus.Change.suspend.rawValue,
                             ["status": [account.status.rawValue, AccountStatus.suspended.rawValue],
                              "reason": [nil, reason]], at: now)
            }
        }
        return action.step == nil && action.suspended == nil ? nil : action
    }

    /// The step's email to each bill-to contact (or the account's address), and the account manager's copy.
    private func collectionsMails(_ tx: StoreTx, _ account: Account, _ action: CollectionsAction,
                                  hold: CollectionsHold, today: CalendarDay) throws -> [QueuedMail] {
        let policy = settings.dunning, seller = settings.seller
        let lines = action.invoices.map { i in
            "\(i.number) · due \(i.dueDate) · \(i.left.display) left · reference "
                + (i.paymentReference?.printed ?? i.number)
        }.joined(separator: "\n")
        // The final notice names the day the account will be suspended: the earliest of its invoices', never
        // before tomorrow (a run suspends on that day, not the day the notice goes).
        let suspension = hold.noAutoSuspend || account.status != .active ? nil
            : action.invoices.compactMap { policy.suspensionDay(due: $0.dueDate) }.min()
                .map { max($0, today.adding(days: 1)) }
        let label = action.mail!.stepLabel
        var params = ["resellerName": account.name, "accountCode": account.code,
                      "totalOverdue": action.totalOverdue.display, "invoices": lines,
                      "helpContact": settings.helpContact, "bankLine": seller.bankLine ?? ""]
        if action.mail == .finalNotice, let suspension { params["suspensionDate"] = suspension.description }
        var recipients = try billingRecipients(tx, account)
        if policy.copyAccountManager {
            recipients.append((staffEmail(account.fields.accountManager), account.fields.accountManager))
        }
        return recipients.map { address, name in
            var p = params
            p["recipientName"] = name
            return QueuedMail(kind: action.mail!, toAddress: address, toName: name,
                              subject: "\(label): \(action.totalOverdue.display) overdue for \(account.name)",
                              params: p)
        }
    }

    /// Resumes an account the collections run suspended once nothing overdue past the limit is left: called in
    /// every transaction that credits an account (a payment, an imported one, a credit note). A staff
    /// suspension is never lifted here.
    func resumeIfSettled(_ tx: StoreTx, accountId: Int64, at now: Date) throws {
        guard let account = try tx.account(accountId), account.suspendedByCollections else { return }
        let today = CalendarDay(now)
        let invoices = try tx.overdueInvoices(of: accountId, currency: account.fields.currency, today: today)
        guard DunningDecision.mayResume(invoices, policy: settings.dunning, today: today) else { return }
        let reason = "Paid: no invoice is overdue past \(settings.dunning.suspendAfterDays) days any more"
        try tx.setAccountStatus(accountId, .active, reason: reason, by: .collections, at: now)
        try tx.audit(.collections, "account", accountId, AccountStatus.Change.resume.rawValue,
                     ["status": [AccountStatus.suspended.rawValue, AccountStatus.active.rawValue],
                      "reason": [nil, reason]], at: now)
    }
}
