import ResellerCore
import Screens

/// The status and reversal dialogs' effects: an account suspended, resumed or closed, a payment reversed,
/// each with its reason.
extension TerminalApp {
    func perform(status effect: StatusDialog.Effect) {
        guard case .status(let dialog)? = stack.last else { return }
        runDialog(effect, dialog, Top.status) { (form) throws(ServiceError) in
            guard let change = AccountStatus.Change(rawValue: form.change) else {
                throw ServiceError.invalid(StatusSchema.change.id, "choose suspend, resume or close")
            }
            let account = try service.changeStatus(dialog.context.id, change, reason: form.reason, by: .currentStaff())
            stack.removeLast()
            reloadDetail(account.id, notice: "\(account.code) is \(account.status.label): \(form.reason)")
        }
    }

    func perform(reversal effect: ReversalDialog.Effect) {
        guard case .reversal(let dialog)? = stack.last else { return }
        runDialog(effect, dialog, Top.reversal) { (form) throws(ServiceError) in
            let payment = dialog.context
            let entry = try service.reversePayment(payment.paymentId, reason: form.reason, by: .currentStaff())
            stack.removeLast()
            reloadDetail(payment.accountId,
                         notice: "Payment \(payment.paymentId) reversed: \(entry.amount.display) debited.")
        }
    }
}
