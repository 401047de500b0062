import ResellerCore
import Screens

/// The Collections screen's effects: reading the overdue accounts, sending an account's next step now, its
/// hold dialog, opening an account and the unmatched payments.
extension TerminalApp {
    func push(_ screen: CollectionsScreen) { push(screen, perform: TerminalApp.perform(collections:)) }
    func push(_ dialog: HoldDialog) { push(dialog, perform: TerminalApp.perform(hold:)) }

    func perform(collections effect: CollectionsScreen.Effect) {
        switch effect {
        case .back: pop()
        case .reload: showCollections(notice: nil, push: false)
        case .help:
            if let screen = top(CollectionsScreen.self) { showHelp(screen.help) }
        case .open(let accountId): openDetail(accountId)
        case .unmatched: showUnmatched(notice: nil, push: true)
        case .pause(let accountId):
            do {
                let hold = try service.collectionsHold(accountId: accountId)
                push(HoldDialog.hold(of: try service.account(accountId), hold, today: service.today))
            } catch {
                showCollections(notice: error.description, push: false)
            }
        case .sendNext(let accountId):
            do {
                let sent = try service.sendNextCollectionsStep(accountId: accountId, by: .currentStaff())
                showCollections(notice: Self.sentNotice(sent, steps: service.settings.dunning.reminderDays.count),
                                push: false)
            } catch {
                showCollections(notice: error.description, push: false)
            }
        }
    }

    /// "Reminder (step 1 of 3) queued to 2 addresses for ACC-000001 Aegean: 150.00 EUR overdue."
    static func sentNotice(_ sent: CollectionsAction, steps: Int) -> String {
        let label = sent.mail?.stepLabel ?? "Step"
        let step = sent.step.map { " (step \($0) of \(steps))" } ?? ""
        return "\(label)\(step) queued to \(sent.emails) address\(sent.emails == 1 ? "" : "es") for "
            + "\(sent.accountCode) \(sent.accountName): \(sent.totalOverdue.display) overdue."
    }

    func perform(hold effect: HoldDialog.Effect) {
        guard let dialog = top(HoldDialog.self) else { return }
        runDialog(effect, dialog) { (form) throws(ServiceError) in
            let account = dialog.context
            let hold = try service.setCollectionsHold(accountId: account.id, form, by: .currentStaff())
            pop()
            let paused = hold.pausedUntil.map { "reminders paused until \($0)" } ?? "reminders not paused"
            let suspension = hold.noAutoSuspend ? "never suspended automatically" : "suspended automatically"
            showCollections(notice: "\(account.code): \(paused), \(suspension).", push: false)
        }
    }

    /// Opens (or reads again, keeping the highlighted account's place) the accounts with overdue invoices.
    func showCollections(notice: String?, push: Bool) {
        do {
            let rows = try service.collectionsOverview()
            let policy = service.settings.dunning, today = service.today
            if push {
                self.push(CollectionsScreen(rows, policy: policy, today: today, notice: notice))
            } else {
                updateTop(CollectionsScreen.self) {
                    $0 = CollectionsScreen(rows, policy: policy, today: today, notice: notice, selected: $0.selected)
                }
            }
        } catch {
            // Opening, the accounts list says why; reading again, the screen itself does.
            guard !push, let old = top(CollectionsScreen.self) else {
                _ = accounts.update(.failed(error.description))
                return
            }
            updateTop(CollectionsScreen.self) {
                $0 = CollectionsScreen(old.rows, policy: old.policy, today: old.today, notice: error.description,
                                       selected: old.selected)
            }
        }
    }
}
