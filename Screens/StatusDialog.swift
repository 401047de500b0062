import FieldSchema
import ResellerCore
import TerminalKit

/// Suspend, resume or close an account, with the reason.
public typealias StatusDialog = FormDialog<StatusForm, Account>

extension FormDialog where Model == StatusForm, Context == Account {
    public static func status(of account: Account) -> StatusDialog {
        var rules = Form<StatusForm>.Rules()
        let now = "\(account.code) is \(account.status.label)"
            + (account.statusReason.map { ": \($0)" } ?? "") + "."
        rules.trailer = { _ in [(" " + now, .muted)] }
        return StatusDialog("Account status", title: "Status of \(account.code) \(account.name)", context: account,
                            form: Form(StatusSchema.fields, model: StatusForm(from: account.status), rules: rules),
                            save: "change the status", cancel: "close without changing it", refused: "Not changed")
    }
}
