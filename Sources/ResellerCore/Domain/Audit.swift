import Foundation

/// Who made a change: a staff member by Unix login, or a storefront user by email.
public enum Actor: Sendable, Hashable, CustomStringConvertible {
    /// A staff login; `viaSudo` when root ran the command for that login through sudo.
    case staff(String, viaSudo: Bool = false)
    case storefront(userId: Int64, email: String)
    /// The mail deliverer and other background work.
    case system
    /// The collections run (domain.md#collections): its suspensions, and the resumptions a payment brings.
    case collections

    /// What the audit records: "alice", "alice (via sudo)", a storefront email, or "system".
    public var description: String {
        switch self {
        case .staff(let login, let viaSudo): viaSudo ? "\(login) (via sudo)" : login
        case .storefront(_, let email): email
        case .system: "system"
        case .collections: "collections"
        }
    }

    /// The login alone (an account manager is a login, never "alice (via sudo)").
    public var login: String {
        switch self {
        case .staff(let login, _): login
        default: description
        }
    }

    var kind: String {
        switch self {
        case .staff: "staff"
        case .storefront: "storefront"
        case .system, .collections: "system"
        }
    }

    /// The staff member running this process, from the real user id: the environment cannot turn one
    /// staff member into another. `SUDO_USER` counts only when the process really runs as root (sudo sets it
    /// then; a login that sets it by hand is not root, so it is ignored).
    public static func currentStaff(environment: [String: String] = ProcessEnvironment.read()) -> Actor {
        staff(uid: getuid(), environment: environment, loginOf: { uid in
            guard let pw = getpwuid(uid), let name = pw.pointee.pw_name else { return nil }
            return String(cString: name)
        })
    }

    /// The rule of `currentStaff`, with the password database injected for tests.
    static func staff(uid: uid_t, environment: [String: String], loginOf: (uid_t) -> String?) -> Actor {
        if uid == 0, let sudo = environment["SUDO_USER"], !sudo.isEmpty, sudo != "root" {
            return .staff(sudo, viaSudo: true)
        }
        return .staff(loginOf(uid) ?? "uid \(uid)")
    }
}

public struct AuditEvent: Sendable, Hashable {
    public let id: Int64
    public var at: Date
    public var actor: String
    public var actorKind: String
    public var entity: String
    public var entityId: Int64
    public var action: String
    /// field → [old, new]; never a password or token.
    public var changes: [String: [String?]]
}
