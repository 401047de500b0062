import FieldSchema

/// What staff set for one account's collections (domain.md#collections), as the Pause dialog and
/// `account collections` take it: whether the run may suspend it, reminders paused until a day (a promise to
/// pay; blank: not paused), and why (for the audit).
public struct CollectionsHoldForm: Sendable, Equatable {
    public var suspension = CollectionsHoldForm.automatic
    public var pausedUntil = ""
    public var reason = ""

    public static let automatic = "automatic", never = "never"

    public init() {}

    /// The form as the account's hold stands, with no reason yet; a pause over before `today` is left out
    /// (it holds nothing any more, and a day in the past is not one a form takes).
    public init(_ hold: CollectionsHold, today: CalendarDay? = nil) {
        suspension = hold.noAutoSuspend ? Self.never : Self.automatic
        if let until = hold.pausedUntil, today.map({ until >= $0 }) ?? true { pausedUntil = until.description }
    }

    /// The hold, or the messages naming the fields. A pause ends on a day from today to a year ahead.
    public func validated(today: CalendarDay) throws(ServiceError) -> CollectionsHold {
        var errors: [FieldError] = []
        var hold = CollectionsHold(noAutoSuspend: suspension == Self.never)
        if ![Self.automatic, Self.never].contains(suspension) {
            errors.append(FieldError(CollectionsHoldSchema.suspension.id,
                                     "choose automatic or never, not \"\(suspension)\""))
        }
        let day = pausedUntil.trimmingCharacters(in: .whitespaces)
        if !day.isEmpty {
            do throws(FieldError) {
                let until = try CalendarDay.parse(day, field: CollectionsHoldSchema.pausedUntil.id,
                                                  label: "Paused until")
                guard until >= today, until <= today.adding(days: 366) else {
                    throw FieldError(CollectionsHoldSchema.pausedUntil.id, "Paused until must be a day from "
                                     + "\(today) to \(today.adding(days: 366)), not \(until)")
                }
                hold.pausedUntil = until
            } catch {
                errors.append(error)
            }
        }
        do throws(FieldError) {
            hold.reason = try TextRules.required(self, CollectionsHoldSchema.reason)
        } catch {
            errors.append(error)
        }
        guard errors.isEmpty else { throw .invalid(errors) }
        return hold
    }
}

/// The Pause dialog's fields.
public enum CollectionsHoldSchema {
    public static let suspension = FieldSpec<CollectionsHoldForm>(
        "suspension", "Suspension", .choice(\.suspension, [
            .init(CollectionsHoldForm.automatic, "Automatic (after the days of the policy)"),
            .init(CollectionsHoldForm.never, "Never automatic (reminders still go)"),
        ]), required: true, help: "Whether the collections run may suspend this account for overdue invoices.")
    public static let pausedUntil = FieldSpec<CollectionsHoldForm>(
        "pausedUntil", "Paused until", .text(\.pausedUntil, maxLength: 10),
        help: "YYYY-MM-DD: no reminders and no suspension through this day (a promise to pay); blank: none.")
    public static let reason = FieldSpec<CollectionsHoldForm>(
        "reason", "Reason", .text(\.reason, maxLength: 500), required: true,
        help: "Why: kept in the account's history.")
    public static let fields = [suspension, pausedUntil, reason]
}
