import ResellerCore
import Screens

/// The status and reversal dialogs' effects: an account suspended, resumed or closed, a payment reversed,
/// each with its reason.
extension TerminalApp {
    func push(_ dialog: StatusDialog) { push(dialog, perform: TerminalApp.perform(status:)) }
    func push(_ dialog: ReversalDialog) { push(dialog, perform: TerminalApp.perform(reversal:)) }

    func perform(status effect: StatusDialog.Effect) {
        guard let dialog = top(StatusDialog.self) else { return }
        runDialog(effect, dialog) { (form) throws(ServiceError) in
            let account = try service.changeStatus(dialog.context.id, form, by: .currentStaff())
            pop()
            reloadDetail(account.id, notice: "\(account.code) is \(account.status.label): \(form.reason)")
        }
    }

    func perform(reversal effect: ReversalDialog.Effect) {
        guard let dialog = top(ReversalDialog.self) else { return }
        runDialog(effect, dialog) { (form) throws(ServiceError) in
            let payment = dialog.context
            let entry = try service.reversePayment(payment.paymentId, form, by: .currentStaff())
            pop()
            reloadDetail(payment.accountId,
                         notice: "Payment \(payment.paymentId) reversed: \(entry.amount.display) debited.")
        }
    }
}
