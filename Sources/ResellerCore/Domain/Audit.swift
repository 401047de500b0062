import Foundation

/// Who made a change: a staff member by Unix login, or a storefront user by email.
public enum Actor: Sendable, Hashable, CustomStringConvertible {
    case staff(String)
    case storefront(userId: Int64, email: String)
    /// The mail deliverer and other background work.
    case system

    public var description: String {
        switch self {
        case .staff(let login): login
        case .storefront(_, let email): email
        case .system: "system"
        }
    }

    var kind: String {
        switch self {
        case .staff: "staff"
        case .storefront: "storefront"
        case .system: "system"
        }
    }

    /// The staff login running this process: SUDO_USER when run through sudo, else the process user.
    public static func currentStaff(environment: [String: String] = ProcessInfo.processInfo.environment) -> Actor {
        if let sudo = environment["SUDO_USER"], !sudo.isEmpty { return .staff(sudo) }
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return .staff(String(cString: name)) }
        return .staff(environment["USER"] ?? "unknown")
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
