/// That staff confirmed an account's VAT ID with VIES, which the desk cannot reach (domain.md#the-seller-and-tax):
/// the ID as confirmed, the day and the consultation number VIES gave.
public struct VATConfirmation: Sendable, Hashable {
    public var vatId: String
    public var confirmedOn: CalendarDay
    public var reference: String
    /// Who recorded it.
    public var by: String

    public init(vatId: String, confirmedOn: CalendarDay, reference: String, by: String) {
        self.vatId = vatId; self.confirmedOn = confirmedOn; self.reference = reference; self.by = by
    }
}
