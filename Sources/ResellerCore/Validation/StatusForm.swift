import FieldSchema

/// An account's status change as the Status dialog takes it: suspend, resume or close, and why (the reason
/// goes to the audit and, for a suspension, to the storefront's banner).
public struct StatusForm: Sendable, Equatable {
    public var change = ""
    public var reason = ""
    public init() {}

    /// The form over an account of `status`: the first change it allows is chosen.
    public init(from status: AccountStatus) {
        change = (AccountStatus.Change.allCases.first { $0.from.contains(status) } ?? .close).rawValue
    }
}

/// The Status dialog's fields.
public enum StatusSchema {
    public static let change = FieldSpec<StatusForm>(
        "status", "Change", .choice(\.change, AccountStatus.Change.allCases.map { .init($0.rawValue, $0.label) }),
        required: true, help: "Suspend stops new orders; resume lifts it; close also ends the storefront users.")
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
        case .close: "Close (users made Inactive)"
        }
    }
}

/// A reason asked for on its own: reversing a payment.
public struct ReasonForm: Sendable, Equatable {
    public var reason = ""
    public init() {}
}

public enum ReasonSchema {
    public static let reason = FieldSpec<ReasonForm>(
        "reason", "Reason", .text(\.reason, maxLength: 500), required: true,
        help: "Why: kept in the ledger beside the reversal, for the auditor.")
    public static let fields = [reason]
}
