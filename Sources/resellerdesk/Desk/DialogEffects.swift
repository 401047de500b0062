import ResellerCore
import Screens

extension TerminalApp {
    /// The one way a dialog's effects run: Esc closes it (then `closed`), F1 opens its help, and a save runs
    /// `save` against the service, which closes the dialog and says what happened where it returns to; a
    /// refusal keeps the dialog open with everything typed and the service's messages beside the fields. A
    /// save that asked a y/n first (`FormDialog.confirm`) runs `confirmed` once it is answered yes.
    func runDialog<Model, Context>(_ effect: FormDialog<Model, Context>.Effect, _ dialog: FormDialog<Model, Context>,
                                   closed: () -> Void = {},
                                   save: (Model) throws(ServiceError) -> Void,
                                   confirmed: ((Model) throws(ServiceError) -> Void)? = nil) {
        let model: Model, confirming: Bool
        switch effect {
        case .cancel:
            pop()
            closed()
            return
        case .help:
            showHelp(dialog.help)
            return
        case .save(let typed): (model, confirming) = (typed, false)
        case .confirmed(let typed): (model, confirming) = (typed, true)
        }
        do {
            if confirming, let confirmed { try confirmed(model) } else { try save(model) }
        } catch {
            updateTop(FormDialog<Model, Context>.self) { $0.saveFailed(error) }
        }
    }
}
