import Foundation

/// One batch of the billing run: its accounts' invoices drafted one account at a time and issued together, a
/// few statements per table for the whole batch.
extension ResellerService {
    /// Bills the accounts of `batch` in the caller's transaction. Each account is read (and on PostgreSQL locked,
    /// or passed over while another host's run holds it) with its due subscriptions and waiting charges, one
    /// statement each for the batch, under the write lock: a second run finds nothing left to issue. Each
    /// account's invoices are drafted on their own, so one whose drafting fails is reported and the others go
    /// on; then all are issued at once. Should the database refuse that set (a check no draft foresaw), each
    /// account is issued again in a savepoint of its own, and only the one at fault is reported.
    func billBatch(_ tx: StoreTx, _ batch: ArraySlice<Int64>, through: CalendarDay, tax: Invoicer.Tax,
                   by actor: Actor, at now: Date) throws
        -> (done: [Invoice], failed: [(accountId: Int64, message: String)]) {
        let accounts = try tx.lockedAccounts(Array(batch))
        let ids = batch.filter { accounts[$0] != nil }
        let subscriptions = Dictionary(grouping: try tx.billableSubscriptions(of: ids, through: through),
                                       by: \.billedAccountId)
        let charges = Dictionary(grouping: try tx.pendingCharges(of: ids, through: through), by: \.billedAccountId)
        var runs: [(account: Account, run: Invoicer.Run)] = []
        var failed: [(accountId: Int64, message: String)] = []
        for id in ids {
            do {
                runs.append((accounts[id]!, try draftRun(tx, accounts[id]!, subscriptions: subscriptions[id] ?? [],
                                                         charges: charges[id] ?? [], through: through, tax: tax)))
            } catch {
                failed.append((id, Self.failureMessage(error, store)))
            }
        }
        do {
            return (try tx.savepoint { try issue(tx, runs, through: through, by: actor, at: now) }, failed)
        } catch where tx.inTransaction && !Store.retriesWhole(error) {
            var done: [Invoice] = []
            for run in runs {
                do {
                    done += try tx.savepoint { try issue(tx, [run], through: through, by: actor, at: now) }
                } catch {
                    guard tx.inTransaction && !Store.retriesWhole(error) else { throw error }
                    failed.append((run.account.id, Self.failureMessage(error, store)))
                }
            }
            return (done, failed.sorted { $0.accountId < $1.accountId })
        }
    }

    /// What the account owes through `through` from these subscriptions and charges, and where each
    /// subscription's next billing date moves.
    func draftRun(_ tx: StoreTx, _ account: Account, subscriptions: [Subscription], charges: [PendingCharge],
                  through: CalendarDay, tax: Invoicer.Tax) throws -> Invoicer.Run {
        // The account's scheme only stands in for a subscription without its own (a stored one always has
        // one): the first order's day, a query per account, is read only where it would fix the billing day.
        let fixesDay = account.fields.ordering?.prorateBillingDay == .dayOfFirstOrder
        let billing = try Self.billingAccount(account,
                                              firstOrderDay: fixesDay ? try tx.firstOrderDay(of: account.id) : nil)
        do {
            return try Invoicer.run(accounts: [billing], subscriptions: subscriptions, charges: charges,
                                    through: through, tax: tax)
        } catch {
            throw ServiceError.invalid(error.field, "\(account.code): \(error.message)")
        }
    }

    /// Issues the runs' invoices, moves their subscriptions' next billing dates, and warns of the accounts a
    /// run leaves above their credit limits.
    private func issue(_ tx: StoreTx, _ runs: [(account: Account, run: Invoicer.Run)], through: CalendarDay,
                       by actor: Actor, at now: Date) throws -> [Invoice] {
        let issued = try issueInvoices(tx, runs.flatMap { r in r.run.invoices.map { (r.account, $0) } }, by: actor,
                                       at: now)
        var dates: [Int64: CalendarDay] = [:]
        for r in runs { dates.merge(r.run.nextBillingDates) { day, _ in day } }
        try tx.setNextBillingDates(dates)
        let billed = Set(issued.map(\.draft.billedAccountId))
        try warnOverCredit(tx, runs.map(\.account).filter { billed.contains($0.id) }, issued, through: through, at: now)
        return issued
    }

    /// A run that leaves an account above its credit limit emails the account manager (domain.md#billing-run).
    /// The check runs once per account, after all of its invoices, in the transaction that issued them: one email
    /// per account and run, and none from a run that issued nothing (a re-run, or a run killed before commit).
    private func warnOverCredit(_ tx: StoreTx, _ billed: [Account], _ issued: [Invoice], through: CalendarDay,
                                at now: Date) throws {
        let limited = billed.compactMap { account -> (Account, Money)? in
            guard case .amount(let limit)? = account.fields.ordering?.creditLimit else { return nil }
            return (account, limit)
        }
        guard !limited.isEmpty else { return }
        let ids = limited.map(\.0.id)
        let sums = try tx.settlementTotals(of: ids), waiting = try tx.accountsWithUninvoicedCharges(ids)
        let numbers = Dictionary(grouping: issued, by: \.draft.billedAccountId).mapValues { $0.map(\.number) }
        var mails: [QueuedMail] = []
        for (account, limit) in limited {
            let sum = sums[account.id] ?? (0, 0)
            guard let left = try available(tx, account, balance: sum.debits - sum.credits,
                                           uninvoiced: waiting.contains(account.id) ? nil : 0),
                  left.minor < 0 else { continue }
            let manager = account.fields.accountManager
            mails.append(QueuedMail(kind: .overCreditAfterBilling, toAddress: staffEmail(manager), toName: manager,
                                    subject: "\(account.name) is over its credit limit after billing",
                                    params: ["recipientName": manager, "resellerName": account.name,
                                             "accountCode": account.code, "runDate": through.description,
                                             "invoices": (numbers[account.id] ?? []).joined(separator: ", "),
                                             "creditLimit": limit.display, "availableCredit": left.display]))
        }
        try tx.enqueue(mails, at: now)
    }
}
