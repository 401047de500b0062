import ResellerCore
import Screens

/// The status and reversal dialogs' effects: an account suspended, resumed or closed, a payment reversed,
/// each with its reason.
extension TerminalApp {
    func perform(status effect: StatusDialog.Effect) {
        guard case .status(let dialog)? = stack.last else { return }
        switch effect {
        case .cancel: stack.removeLast()
        case .help: showHelp(dialog.help)
        case .save(let form):
            do throws(ServiceError) {
                guard let change = AccountStatus.Change(rawValue: form.change) else {
                    throw ServiceError.invalid(StatusSchema.change.id, "choose suspend, resume or close")
                }
                let account = try service.changeStatus(dialog.context.id, change, reason: form.reason,
                                                       by: .currentStaff())
                stack.removeLast()
                reloadDetail(account.id, notice: "\(account.code) is \(account.status.label): \(form.reason)")
            } catch {
                var refused = dialog
                refused.saveFailed(error)
                stack[stack.count - 1] = .status(refused)
            }
        }
    }

    func perform(reversal effect: ReversalDialog.Effect) {
        guard case .reversal(let dialog)? = stack.last else { return }
        switch effect {
        case .cancel: stack.removeLast()
        case .help: showHelp(dialog.help)
        case .save(let form):
            do {
                let entry = try service.reversePayment(dialog.context.paymentId, reason: form.reason,
                                                       by: .currentStaff())
                stack.removeLast()
                reloadDetail(dialog.context.accountId,
                             notice: "Payment \(dialog.context.paymentId) reversed: \(entry.amount.display) debited.")
            } catch {
                var refused = dialog
                refused.saveFailed(error)
                stack[stack.count - 1] = .reversal(refused)
            }
        }
    }
}
