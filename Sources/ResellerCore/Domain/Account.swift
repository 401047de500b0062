import Foundation

public enum AccountType: String, Sendable, Codable, CaseIterable {
    case customer = "Customer", reseller = "Reseller", partner = "Partner", prospect = "Prospect", vendor = "Vendor"
}

/// When recurring charges renew, for an account with proration on (domain.md#accounts).
public enum BillingDay: Sendable, Hashable, Codable {
    case firstOfMonth, lastOfMonth, dayOfFirstOrder, day(Int)

    /// The stable text form used by the CLI, JSON and the database: first, last, first-order, 1…28.
    public var text: String {
        switch self {
        case .firstOfMonth: "first"
        case .lastOfMonth: "last"
        case .dayOfFirstOrder: "first-order"
        case .day(let d): String(d)
        }
    }

    public var label: String {
        switch self {
        case .firstOfMonth: "First of month"
        case .lastOfMonth: "Last day of month"
        case .dayOfFirstOrder: "Day of first order"
        case .day(let d): "Day \(d)"
        }
    }

    /// Every billing day, the usual ones first: what a form offers to choose from.
    public static let all: [BillingDay] = [.firstOfMonth, .lastOfMonth, .dayOfFirstOrder] + (2...28).map(BillingDay.day)

    public static func parse(_ raw: String, field: String = "billingDay") throws(FieldError) -> BillingDay {
        // The stored forms first: every account and subscription row a billing run reads holds one.
        switch raw {
        case "first": return .firstOfMonth
        case "last": return .lastOfMonth
        case "first-order": return .dayOfFirstOrder
        default: break
        }
        let t = raw.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "first", "first-of-month", "1st": return .firstOfMonth
        case "last", "last-of-month": return .lastOfMonth
        case "first-order", "day-of-first-order": return .dayOfFirstOrder
        case "": throw FieldError(field, "billing day is required when Enable Prorate Billing is on: first, last, first-order or a day 1–28")
        default:
            if let d = Int(t), (1...28).contains(d) { return d == 1 ? .firstOfMonth : .day(d) }
            throw FieldError(field, "billing day must be first, last, first-order or a day 1–28, not \"\(raw)\"")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try BillingDay.parse(text) } catch { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message)) }
    }
}

/// When the partial charge of a prorated first period is invoiced (domain.md#invoicing).
public enum PartialChargesInvoicing: String, Sendable, Codable, CaseIterable {
    case onOrderDay, onNextBillingDay

    public var cliText: String { self == .onOrderDay ? "on-order-day" : "on-next-billing-day" }
    public var label: String { self == .onOrderDay ? "On order day" : "On next billing day" }

    public static func parse(_ raw: String, field: String = "partialChargesInvoicing") throws(FieldError) -> PartialChargesInvoicing {
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "onorderday", "on-order-day": return .onOrderDay
        case "onnextbillingday", "on-next-billing-day": return .onNextBillingDay
        default: throw FieldError(field, "partial charges invoicing must be on-order-day or on-next-billing-day, not \"\(raw)\"")
        }
    }
}

/// A credit limit: an amount, or Unlimited (domain.md#accounts). Never both.
public enum CreditLimit: Sendable, Hashable {
    case amount(Money)
    case unlimited

    /// "5000.00" or "unlimited": the JSON form.
    public var text: String {
        switch self {
        case .amount(let m): m.decimalString
        case .unlimited: "unlimited"
        }
    }

    public var display: String {
        switch self {
        case .amount(let m): m.display
        case .unlimited: "Unlimited"
        }
    }
}

/// The Ordering section. It exists only when Enable Ordering is ticked, so the rule "these fields are set
/// only with ordering on, and cleared when it is turned off" holds by construction.
public struct Ordering: Sendable, Hashable {
    public var creditLimit: CreditLimit
    /// The billing day when Enable Prorate Billing is on; nil when it is off.
    public var prorateBillingDay: BillingDay?
    public var partialChargesInvoicing: PartialChargesInvoicing
    public var enableReselling: Bool

    public init(creditLimit: CreditLimit, prorateBillingDay: BillingDay? = nil,
                partialChargesInvoicing: PartialChargesInvoicing = .onOrderDay, enableReselling: Bool = false) {
        self.creditLimit = creditLimit
        self.prorateBillingDay = prorateBillingDay
        self.partialChargesInvoicing = partialChargesInvoicing
        self.enableReselling = enableReselling
    }
}

public struct Address: Sendable, Hashable {
    public var street: String?
    public var city: String?
    public var postcode: String?
    public var state: String?
    public var country: String
}

/// The validated content of an account: what the New Account form or `account add` produces once every
/// rule holds. Stored accounts add identity and bookkeeping (`Account`).
public struct AccountFields: Sendable, Hashable {
    public var name: String
    public var tradingName: String?
    public var type: AccountType
    public var email: String
    public var phone: String?
    public var website: String?
    public var registrationNumber: String?
    public var taxAuthority: String?
    public var description: String?
    public var address: Address
    public var currency: String
    public var accountManager: String
    public var ordering: Ordering?
    public var separateInvoices: Bool
    public var taxExempt: Bool
    /// Why no tax is charged, printed on its invoices; set exactly when `taxExempt` is.
    public var taxExemptionReason: String? = nil
    /// Days until an invoice is due (domain.md#accounts: 0–365).
    public var paymentTermsDays = 30
}

public struct Account: Sendable, Hashable {
    public let id: Int64
    public var fields: AccountFields
    /// The reseller that created this account as its end customer in the storefront; nil for desk accounts.
    public var parentAccountId: Int64?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var updatedBy: String
    public var status: AccountStatus = .active
    /// Why it was last suspended, resumed or closed.
    public var statusReason: String?
    /// Who set the status ("collections" for the run's suspensions, which a payment lifts); nil before #25.
    public var statusBy: String? = nil

    /// Suspended by the collections run, not by staff: the suspension a payment lifts.
    public var suspendedByCollections: Bool { status == .suspended && statusBy == Actor.collections.description }

    public var code: String { AccountCode.format(id) }
    public var name: String { fields.name }
}
