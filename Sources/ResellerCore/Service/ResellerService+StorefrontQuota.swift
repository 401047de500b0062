import Foundation

/// What a storefront user may create for its account per day (review L3): invitations (each one emails an
/// outside address in the distributor's name) and end customers (each one grows the database and the search
/// index for everyone). Staff in the terminal and the CLI are never capped.
public enum StorefrontQuota: Sendable {
    case invitations, endCustomers

    /// The account-level audit actions that count against the quota. A refused invitation (the email is
    /// already a contact) counts too, so the refusals cannot be used to test emails without limit.
    var actions: [String] {
        switch self {
        case .invitations: ["inviteUser", "inviteRefused"]
        case .endCustomers: ["addEndCustomer"]
        }
    }

    func limit(_ settings: ServiceSettings) -> Int {
        switch self {
        case .invitations: settings.invitationsPerDay
        case .endCustomers: settings.endCustomersPerDay
        }
    }

    func refusal(_ limit: Int) -> String {
        let what = self == .invitations ? "invitations" : "new end customers"
        return "your account may make at most \(limit) \(what) a day (UTC); try again tomorrow, or ask your "
            + "account manager"
    }

    /// Seconds until the day's count starts again (the next midnight UTC): a 429's Retry-After.
    public static func secondsToNextDay(from now: Date) -> TimeInterval {
        let day = 86_400.0
        return day - now.timeIntervalSince1970.truncatingRemainder(dividingBy: day)
    }
}

extension ResellerService {
    /// Refuses a storefront actor that already made its account's `quota` today (UTC), inside the caller's
    /// IMMEDIATE transaction so two requests at once cannot both take the last one. Staff pass.
    func checkQuota(_ tx: StoreTx, _ quota: StorefrontQuota, accountId: Int64, by actor: Actor,
                    at now: Date) throws {
        guard case .storefront = actor else { return }
        let midnight = Date(timeIntervalSince1970: Double(CalendarDay(now).dayNumber) * 86_400)
        let limit = quota.limit(settings)
        guard try tx.storefrontActions(on: accountId, quota.actions, since: midnight) < limit else {
            throw ServiceError.quotaExceeded(field: "account", message: quota.refusal(limit))
        }
    }
}
