/// Active (default), Suspended (no new orders until resumed; users still sign in and see a banner), Closed
/// (no new orders, storefront users Inactive; the record stays and is found with a filter). Doc: "After
/// onboarding: running the account".
public enum AccountStatus: String, Sendable, Hashable, CaseIterable {
    case active, suspended, closed

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// What a status change is called in the audit and on the command line.
    public enum Change: String, Sendable, CaseIterable {
        case suspend, resume, close
        public var target: AccountStatus {
            switch self {
            case .suspend: .suspended
            case .resume: .active
            case .close: .closed
            }
        }
        /// The statuses it starts from: a Closed account stays closed (its users and subscriptions are ended).
        public var from: Set<AccountStatus> {
            switch self {
            case .suspend: [.active]
            case .resume: [.suspended]
            case .close: [.active, .suspended]
            }
        }
    }
}
