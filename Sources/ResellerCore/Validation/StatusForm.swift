import FieldSchema

/// An account's status change as the Status dialog takes it: suspend, resume or close, and why (the reason
/// goes to the audit and, for a suspension, to the storefront's banner).
public struct StatusForm: Sendable, Equatable {
    public var change = ""
    public var reason = ""
    public init() {}

    /// The form as a front without the dialog fills it (the CLI, the service's own callers).
    public init(_ change: AccountStatus.Change, reason: String) {
        self.change = change.rawValue
        self.reason = reason
    }

    /// The form over an account of `status`: the first change it allows is chosen.
    public init(from status: AccountStatus) {
        change = (AccountStatus.Change.allCases.first { $0.from.contains(status) } ?? .close).rawValue
    }
}

extension StatusForm {
    /// The change and its reason, or the messages naming the fields (the Status dialog's own limits).
    public func validated() throws(ServiceError) -> (change: AccountStatus.Change, reason: String) {
        do throws(FieldError) {
            // The change is a choice, so only a caller's mistake gets here with another text.
            guard let change = AccountStatus.Change(rawValue: change) else {
                throw FieldError(StatusSchema.change.id, "choose suspend, resume or close, not \"\(change)\"")
            }
            return (change, try TextRules.required(self, StatusSchema.reason))
        } catch {
            throw .invalid([error])
        }
    }
}

/// The Status dialog's fields.
public enum StatusSchema {
    public static let change = FieldSpec<StatusForm>(
        "status", "Change", .choice(\.change, AccountStatus.Change.allCases.map { .init($0.rawValue, $0.label) }),
        required: true,
        help: "Suspend stops new orders; resume lifts it; close also ends the users and the subscriptions.")
    public static let reason = FieldSpec<StatusForm>(
        "reason", "Reason", .text(\.reason, maxLength: 500), required: true,
        help: "Why: kept in the history, and shown to the reseller while suspended.")
    public static let fields = [change, reason]
}

extension AccountStatus.Change {
    /// As the Status dialog offers it.
    public var label: String {
        switch self {
        case .suspend: "Suspend (no new orders)"
        case .resume: "Resume (active again)"
        case .close: "Close (users Inactive, subscriptions end)"
        }
    }
}

/// A reason asked for on its own: reversing a payment.
public struct ReasonForm: Sendable, Equatable {
    public var reason = ""
    public init(reason: String = "") { self.reason = reason }

    /// The reason, or the message naming its field.
    public func validated() throws(ServiceError) -> String {
        do throws(FieldError) {
            return try TextRules.required(self, ReasonSchema.reason)
        } catch {
            throw .invalid([error])
        }
    }
}

public enum ReasonSchema {
    public static let reason = FieldSpec<ReasonForm>(
        "reason", "Reason", .text(\.reason, maxLength: 500), required: true,
        help: "Why: kept in the ledger beside the reversal, for the auditor.")
    public static let fields = [reason]
}
