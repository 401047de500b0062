import Foundation
import FieldSchema

/// A stored contact: its validated content, `fields`, as `Account` holds `AccountFields`, and what the desk adds.
/// The fields read and write as the contact's own (`contact.email`), as every front names them; the lookup
/// reaches `ContactFields` only, nothing else.
@dynamicMemberLookup
public struct Contact: Sendable, Hashable {
    public let id: Int64
    public let accountId: Int64
    public var fields: ContactFields
    /// The storefront user made from this contact, if Storefront User was ticked.
    public var storefrontUser: StorefrontUser?

    public subscript<Value>(dynamicMember field: WritableKeyPath<ContactFields, Value>) -> Value {
        get { fields[keyPath: field] }
        set { fields[keyPath: field] = newValue }
    }

    public var fullName: String { [fields.firstName, fields.lastName].compactMap { $0 }.joined(separator: " ") }
}

/// Storefront user types (domain.md#roles): one created from the desk is always Admin.
public enum UserType: String, Sendable, Codable { case admin = "Admin", user = "User" }

/// Roles a storefront user of type User may hold (domain.md#roles).
public enum UserRole: String, Sendable, Codable, CaseIterable {
    case billingAgent = "Billing Agent", subscriptionsManager = "Subscriptions Manager"
    case buyer = "Buyer", cloudAdministrator = "Cloud Administrator"
    /// "billing-agent": how the CLI names a role.
    public var slug: String { rawValue.lowercased().replacingOccurrences(of: " ", with: "-") }
}

/// What a storefront page or action needs: orders and end customers (Buyer), balance, invoices and credit notes
/// (Billing Agent), seeing subscriptions (Subscriptions Manager, or Cloud Administrator read-only), changing
/// them (Subscriptions Manager), the account's storefront users (Admin only).
public enum StorefrontRight: String, Sendable {
    case order, billing, seeSubscriptions, changeSubscriptions, manageUsers

    /// Why a user without it is refused, naming who has it.
    public var refusal: String {
        switch self {
        case .order: "only an Admin or a user with the Buyer role can see and place orders and end customers"
        case .billing: "only an Admin or a user with the Billing Agent role can see the balance, invoices and "
            + "credit notes"
        case .seeSubscriptions: "only an Admin or a user with the Subscriptions Manager or Cloud Administrator "
            + "role can see the subscriptions"
        case .changeSubscriptions: "only an Admin or a user with the Subscriptions Manager role can change "
            + "quantities or cancel subscriptions"
        case .manageUsers: "only an Admin can manage the storefront users of the account"
        }
    }
}

/// Pending activation → Active → Inactive (domain.md#contacts).
public enum UserStatus: String, Sendable, Codable {
    case pending = "Pending activation", active = "Active", inactive = "Inactive"
}

public struct StorefrontUser: Sendable, Hashable {
    public let id: Int64
    public let contactId: Int64
    public var type: UserType
    public var roles: [UserRole]
    public var status: UserStatus
    /// Consecutive wrong passwords; the fourth locks the user until a password reset (domain.md#protections).
    public var failedLogins: Int
    public var locked: Bool

    /// Admins and Buyer-role users may place orders (domain.md#roles).
    public var canOrder: Bool { may(.order) }

    /// Role-Based Access (domain.md#roles): an Admin may do everything; a User what its roles name.
    public func may(_ right: StorefrontRight) -> Bool {
        if type == .admin { return true }
        switch right {
        case .order: return roles.contains(.buyer)
        case .billing: return roles.contains(.billingAgent)
        case .seeSubscriptions: return roles.contains(.subscriptionsManager) || roles.contains(.cloudAdministrator)
        case .changeSubscriptions: return roles.contains(.subscriptionsManager)
        case .manageUsers: return false
        }
    }
}

/// The Add Contact dialog as typed.
public struct ContactForm: Sendable, Hashable, Codable {
    public var firstName = ""
    public var lastName = ""
    public var email = ""
    public var phone = ""
    public var mobile = ""
    public var companyRole = ""
    public var primary = false
    public var billTo = false
    public var optIn = false
    public var storefrontUser = false
    public init() {}

    /// The form as it would open over a stored contact: the Edit Contact dialog, `contact edit`.
    public init(_ c: Contact) {
        firstName = c.firstName ?? ""; lastName = c.lastName; email = c.email
        phone = c.phone ?? ""; mobile = c.mobile ?? ""; companyRole = c.companyRole ?? ""
        primary = c.primary; billTo = c.billTo; optIn = c.optIn; storefrontUser = c.storefrontUser != nil
    }
}

/// Validated contact content.
public struct ContactFields: Sendable, Hashable {
    public var firstName: String?
    public var lastName: String
    public var email: String
    public var phone: String?
    public var mobile: String?
    public var companyRole: String?
    public var primary: Bool
    public var billTo: Bool
    public var optIn: Bool
}

public enum ContactValidator {
    public static func validate(_ form: ContactForm) throws(ServiceError) -> ContactFields {
        var e = ErrorList()
        let first = e.check { () throws(FieldError) in try TextRules.clean(form, ContactSchema.firstName) } ?? nil
        let last = e.check { () throws(FieldError) in try TextRules.clean(form, ContactSchema.lastName) } ?? nil
        let email = e.check { () throws(FieldError) in try EmailAddress.validate(form.email, field: "email") } ?? nil
        let phone = e.check { () throws(FieldError) in try PhoneNumber.validate(form.phone, field: "phone") } ?? nil
        let mobile = e.check { () throws(FieldError) in try PhoneNumber.validate(form.mobile, field: "mobile", label: "mobile") } ?? nil
        let role = e.check { () throws(FieldError) in try TextRules.clean(form, ContactSchema.companyRole) } ?? nil
        try e.throwIfAny()
        return ContactFields(firstName: first, lastName: last!, email: email!, phone: phone, mobile: mobile,
                             companyRole: role, primary: form.primary, billTo: form.billTo, optIn: form.optIn)
    }
}
