import FieldSchema

/// A payment as staff record it: the amount received, in the account's currency, and an optional note.
public struct PaymentForm: Sendable, Equatable {
    public var amount = ""
    public var note = ""
    public init(amount: String = "", note: String = "") { self.amount = amount; self.note = note }

    /// The amount (more than 0) and the note, or the messages naming the fields.
    public func validated(currency: Currency) throws(ServiceError) -> (amount: Money, note: String?) {
        let money = Result { () throws(FieldError) -> Money in
            let money = try Money.parse(amount, currency: currency, field: PaymentSchema.amount.id)
            guard money.minor != 0 else { throw FieldError(PaymentSchema.amount.id, "amount must be more than 0") }
            return money
        }
        let note = Result { () throws(FieldError) in try TextRules.clean(self, PaymentSchema.note) }
        switch (money, note) {
        case (.success(let money), .success(let note)): return (money, note)
        case (.failure(let first), .failure(let second)): throw .invalid([first, second])
        case (.failure(let error), _), (_, .failure(let error)): throw .invalid([error])
        }
    }
}

/// A payment's fields, with the limits the service holds every front to.
public enum PaymentSchema {
    public static let amount = FieldSpec<PaymentForm>(
        "amount", "Amount", .text(\.amount, maxLength: 20), required: true,
        help: "What was received, in the account's currency, like 250.00.")
    public static let note = FieldSpec<PaymentForm>(
        "note", "Note", .text(\.note, maxLength: 500),
        help: "Optional: the bank reference or anything the statement should show beside it.")
    public static let fields = [amount, note]
}
