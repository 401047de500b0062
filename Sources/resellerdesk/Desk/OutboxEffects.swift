import ResellerCore
import Screens

/// The outbox's effects: reading it again and retrying a failed email.
extension TerminalApp {
    func push(_ screen: OutboxScreen) { push(screen, perform: TerminalApp.perform(outbox:)) }

    func perform(outbox effect: OutboxScreen.Effect) {
        switch effect {
        case .back: pop()
        case .reload: showOutbox(notice: nil, push: false)
        case .retry(let id):
            do {
                try service.retryMail(id, by: .currentStaff())
                showOutbox(notice: "Email \(id) is queued again; the deliverer will send it.", push: false)
            } catch {
                showOutbox(notice: error.description, push: false)
            }
        case .help:
            if let screen = top(OutboxScreen.self) { showHelp(screen.help) }
        }
    }

    /// Opens (or refreshes) the Outbox screen with the newest 500 emails.
    func showOutbox(notice: String?, push: Bool) {
        do {
            let screen = OutboxScreen(try service.outbox(limit: 500), notice: notice)
            if push {
                self.push(screen)
            } else {
                updateTop(OutboxScreen.self) { $0 = screen }
            }
        } catch {
            _ = accounts.update(.failed(error.description))
        }
    }
}
