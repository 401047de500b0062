import FieldSchema

/// A subscription's new quantity as the terminal's dialog takes it (typed text, checked before it is sent).
public struct SubscriptionQuantityForm: Sendable, Equatable {
    public var quantity = ""
    public init(quantity: Int? = nil) { self.quantity = quantity.map(String.init) ?? "" }

    /// The quantity, or the message naming the field: the same limits `QuantityChange` holds the service to.
    public func validated() throws(ServiceError) -> Int {
        do throws(FieldError) {
            return try Quantity.parse(quantity, field: SubscriptionQuantitySchema.quantity.id)
        } catch {
            throw .invalid([error])
        }
    }
}

public enum SubscriptionQuantitySchema {
    public static let quantity = FieldSpec<SubscriptionQuantityForm>(
        "quantity", "Quantity", .text(\.quantity, maxLength: 6), required: true,
        help: "Whole units, from \(Quantity.range.lowerBound) to \(Quantity.range.upperBound).")
    public static let fields = [quantity]
}

/// The last day a billing run bills, as the Billing screen asks for it.
public struct BillingThroughForm: Sendable, Equatable {
    public var through = ""
    public init(through: CalendarDay? = nil) { self.through = through?.description ?? "" }

    /// The day, or the message naming the field ("through must be a date as YYYY-MM-DD, not …").
    public func validated() throws(ServiceError) -> CalendarDay {
        do throws(FieldError) {
            return try CalendarDay.parse(through, field: BillingThroughSchema.through.id, label: "through")
        } catch {
            throw .invalid([error])
        }
    }
}

public enum BillingThroughSchema {
    public static let through = FieldSpec<BillingThroughForm>(
        "through", "Bill through", .text(\.through, maxLength: 10), required: true,
        help: "The last day to bill, YYYY-MM-DD: every period starting on or before it is invoiced.")
    public static let fields = [through]
}
