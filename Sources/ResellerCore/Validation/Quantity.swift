import Foundation

/// A number of units: an order line's, or a subscription's (domain.md#orders). The one range and the one refusal every
/// front and the service give, so a quantity refused in the storefront is refused in the same words by the
/// terminal, the CLI and the service itself.
public enum Quantity {
    public static let range = 1...100_000

    /// The refusal of `typed` for the field called `noun`; the typed text is quoted when there is any.
    public static func refusal(_ typed: String, noun: String = "quantity") -> String {
        let rule = "\(noun) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        return typed.isEmpty ? rule : "\(rule), not \"\(typed)\""
    }

    /// The quantity `text` holds (surrounding spaces ignored), or the refusal naming `field`.
    public static func parse(_ text: String, field: String, noun: String = "quantity") throws(FieldError) -> Int {
        let typed = text.trimmingCharacters(in: .whitespaces)
        guard let n = Int(typed) else { throw FieldError(field, refusal(typed, noun: noun)) }
        return try check(n, field: field, noun: noun)
    }

    /// `n` when it is in range, else the refusal naming `field`.
    @discardableResult
    public static func check(_ n: Int, field: String, noun: String = "quantity") throws(FieldError) -> Int {
        guard range.contains(n) else { throw FieldError(field, refusal(String(n), noun: noun)) }
        return n
    }
}
