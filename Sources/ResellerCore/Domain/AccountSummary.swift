/// Where an account stands in the onboarding workflow (domain.md#onboarding):
/// saved → price list → invited → active.
public struct Onboarding: Sendable, Hashable {
    public var priceListAssigned: Bool
    public var contactInvited: Bool
    public var activated: Bool

    public enum Step: String, Sendable, CaseIterable {
        case saved = "Account saved", priceList = "Price list assigned"
        case invited = "Storefront contact invited", activated = "Activated"
    }

    public func isDone(_ step: Step) -> Bool {
        switch step {
        case .saved: true
        case .priceList: priceListAssigned
        case .invited: contactInvited
        case .activated: activated
        }
    }

    /// The first step not done yet; nil when the reseller is fully onboarded.
    public var nextStep: Step? { Step.allCases.first { !isDone($0) } }

    /// A short state for tables (at most 10 columns): "active", or what is missing.
    public var label: String {
        switch nextStep {
        case nil: "active"
        case .priceList?: "no list"
        case .invited?: "no contact"
        case .activated?: "invited"
        case .saved?: "new"
        }
    }
}

/// One row of the accounts table: the account with its balance and onboarding state.
public struct AccountSummary: Sendable, Hashable {
    public var account: Account
    public var balance: Money
    public var onboarding: Onboarding
    /// Charges executed but not invoiced yet (a raised quantity waiting for the billing day), in minor units.
    public var uninvoicedMinor: Int64 = 0

    public var uninvoiced: Money { Money(minor: uninvoicedMinor, currency: balance.currency) }

    /// Credit limit − balance − uninvoiced charges (domain.md#credit), the rule the order's credit check uses; nil
    /// when ordering is off; `.unlimited` stays unlimited.
    public var availableCredit: CreditLimit? {
        guard let o = account.fields.ordering else { return nil }
        switch o.creditLimit {
        case .unlimited: return .unlimited
        case .amount(let limit):
            let (owed, o1) = balance.minor.addingReportingOverflow(uninvoicedMinor)
            let (left, o2) = limit.minor.subtractingReportingOverflow(owed)
            let overflow = o1 || o2
            // Only a ledger no form can write overflows here: show the nearest amount rather than trap the
            // accounts table of every front.
            return .amount(Money(minor: overflow ? (balance.minor < 0 ? .max : .min) : left, currency: limit.currency))
        }
    }
}
