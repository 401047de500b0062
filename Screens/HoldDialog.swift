import FieldSchema
import ResellerCore
import TerminalKit

/// An account's collections hold (domain.md#collections): whether the run may suspend it, reminders paused
/// until a day (a promise to pay), and why, for the account's history.
public typealias HoldDialog = FormDialog<CollectionsHoldForm, Account>

extension FormDialog where Model == CollectionsHoldForm, Context == Account {
    /// The form as `hold` stands (the reason is asked again: each change is audited with its own); the day
    /// is checked against `today` before the service is asked, by the validator the service runs.
    public static func hold(of account: Account, _ hold: CollectionsHold, today: CalendarDay) -> HoldDialog {
        var rules = Form<CollectionsHoldForm>.Rules()
        let paused = hold.pausedUntil.flatMap { hold.isPaused(on: today) ? "paused until \($0)" : nil }
        var now = (paused ?? "not paused") + ", "
            + (hold.noAutoSuspend ? "never suspended automatically" : "suspended automatically")
        if let reason = hold.reason { now += " (\(reason))" }
        // Wrapped for 80 columns: the form cuts a trailer line at the edge.
        let lines = DisplayWidth.wrap("Now: reminders \(now).", to: 76).map { (" " + $0, CellStyle.muted) }
        rules.trailer = { _ in lines }
        return HoldDialog("Collections hold", title: "Collections hold of \(account.code) \(account.name)",
                          context: account,
                          form: Form(CollectionsHoldSchema.fields, model: CollectionsHoldForm(hold), rules: rules),
                          save: "save the hold (kept in the account's history with the reason)",
                          cancel: "close without changing the hold", refused: "Not saved", check: { form in
            do throws(ServiceError) { _ = try form.validated(today: today) } catch { return error }
            return nil
        })
    }
}
