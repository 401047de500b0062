import FieldSchema

/// A storefront user's access as the Access dialog edits it: the type and, for a User, the roles.
public struct AccessForm: Sendable, Equatable {
    public var type = UserType.admin.rawValue
    public var buyer = false
    public var billingAgent = false
    public var subscriptionsManager = false
    public var cloudAdministrator = false
    public init() {}

    public init(_ user: StorefrontUser) {
        type = user.type.rawValue
        buyer = user.roles.contains(.buyer)
        billingAgent = user.roles.contains(.billingAgent)
        subscriptionsManager = user.roles.contains(.subscriptionsManager)
        cloudAdministrator = user.roles.contains(.cloudAdministrator)
    }

    public var userType: UserType { UserType(rawValue: type) ?? .admin }

    /// The roles ticked, for a User (an Admin has every role and is given none).
    public var roles: [UserRole] {
        guard userType == .user else { return [] }
        return AccessSchema.roles.filter { $0.spec.isChecked(self) }.map(\.role)
    }
}

/// The Access dialog's fields.
public enum AccessSchema {
    public typealias Field = FieldSpec<AccessForm>

    public static let type = Field("type", "User type", .choice(\.type, [
        .init(UserType.admin.rawValue, "Admin (every role, manages users)"),
        .init(UserType.user.rawValue, "User (the roles ticked below)"),
    ]), help: "An Admin may do everything; a User what its roles allow.")

    /// Each role and its tick box.
    public static let roles: [(role: UserRole, spec: Field)] = [
        (.buyer, Field("buyer", "Buyer", .check(\.buyer), help: "Places orders and manages end customers.")),
        (.billingAgent, Field("billingAgent", "Billing Agent", .check(\.billingAgent),
                              help: "Sees the balance, payments and invoices.")),
        (.subscriptionsManager, Field("subscriptionsManager", "Subscriptions Manager", .check(\.subscriptionsManager),
                                      help: "Changes and cancels subscriptions.")),
        (.cloudAdministrator, Field("cloudAdministrator", "Cloud Administrator", .check(\.cloudAdministrator),
                                    help: "Sees the subscriptions, read-only.")),
    ]

    public static let fields = [type] + roles.map(\.spec)
}
