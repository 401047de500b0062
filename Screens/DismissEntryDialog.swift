import FieldSchema
import ResellerCore
import TerminalKit

/// Dismiss a bank entry waiting in the unmatched queue (not ours, a debit handled by hand), with the reason.
public typealias DismissEntryDialog = FormDialog<ReasonForm, BankEntryRecord>

extension FormDialog where Model == ReasonForm, Context == BankEntryRecord {
    /// The reason field of `ReasonSchema` (its limits are the service's), with a help line about the entry
    /// rather than the schema's, which speaks of a payment's reversal.
    static var dismissReason: FieldSpec<ReasonForm> {
        FieldSpec(ReasonSchema.reason.id, ReasonSchema.reason.label, ReasonSchema.reason.kind, required: true,
                  help: "Why: kept with the entry and in its history; nothing is booked.")
    }

    public static func dismiss(_ entry: BankEntryRecord) -> DismissEntryDialog {
        var rules = Form<ReasonForm>.Rules()
        let what = "Entry \(entry.id): \(UnmatchedPaymentsScreen.describe(entry)). It leaves the queue unbooked."
        let lines = DisplayWidth.wrap(what, to: 76).map { (" " + $0, CellStyle.muted) }
        rules.trailer = { _ in lines }
        return DismissEntryDialog("Dismiss entry", title: "Dismiss bank entry \(entry.id)", context: entry,
                                  form: Form([dismissReason], model: ReasonForm(), rules: rules),
                                  save: "dismiss the entry", cancel: "close without dismissing it",
                                  refused: "Not dismissed", check: { form in
            do throws(ServiceError) { _ = try form.validated() } catch { return error }
            return nil
        })
    }
}
