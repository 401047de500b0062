import FieldSchema
import ResellerCore
import TerminalKit

/// The payment a reversal is for.
public struct PaymentRef: Sendable, Equatable {
    public let accountId: Int64
    public let paymentId: Int64
    public init(accountId: Int64, paymentId: Int64) { self.accountId = accountId; self.paymentId = paymentId }
}

/// Reverse a payment (a bounced transfer): a debit entry that cancels it, with the reason.
public typealias ReversalDialog = FormDialog<ReasonForm, PaymentRef>

extension FormDialog where Model == ReasonForm, Context == PaymentRef {
    public static func reversal(of payment: LedgerEntry, accountId: Int64) -> ReversalDialog {
        var rules = Form<ReasonForm>.Rules()
        let what = "Reverses the payment of \(payment.amount.display) recorded \(Format.timestamp(payment.createdAt)) "
            + "by \(payment.createdBy): the balance rises by as much."
        rules.trailer = { _ in [(" " + what, .muted)] }
        return ReversalDialog("Reverse payment", title: "Reverse payment \(payment.id)",
                              context: PaymentRef(accountId: accountId, paymentId: payment.id),
                              form: Form(ReasonSchema.fields, model: ReasonForm(), rules: rules),
                              save: "reverse the payment", cancel: "close without reversing it",
                              refused: "Not reversed")
    }
}
