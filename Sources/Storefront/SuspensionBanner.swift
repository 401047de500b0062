import Hummingbird
import ResellerCore

/// The line on top of every signed-in page while the account is Suspended (domain.md#account-status): its users
/// still sign in and see everything, and are told why new orders wait and what ends the wait.
enum SuspensionBanner {
    /// What the account owes past due, read once per request (`StorefrontServer.withSuspensionBanner`): the
    /// header is built in many places from the session alone, and the read must run off the event loop.
    @TaskLocal static var overdue: Money?

    /// `overdue` is nil when the user may not see amounts (no billing right) or they could not be added up.
    static func text(_ account: Account, overdue: Money?, seesInvoices: Bool) -> String? {
        guard account.status == .suspended else { return nil }
        let head = "\(account.name) is suspended" + (account.statusReason.map { " (\($0))" } ?? "")
        let staff = "\(head): new orders are paused until it is resumed. "
            + "Ask your account manager, \(account.fields.accountManager)."
        // Only a suspension by the collections run is lifted by paying (domain.md#collections); staff lift theirs.
        guard account.suspendedByCollections else { return staff }
        guard let overdue else {
            let who = seesInvoices ? "They are listed on the dashboard."
                : "An Admin or a Billing Agent of your account sees them on the dashboard."
            return "\(head): new orders are paused until the overdue invoices are paid; paying them resumes the "
                + "account at once. \(who)"
        }
        // Nothing overdue any more, yet still suspended (the policy changed): only staff can lift it now.
        guard overdue.minor > 0 else { return staff }
        return "\(head): new orders are paused until the \(overdue.display) overdue is paid; paying it resumes the "
            + "account at once."
    }
}

extension StorefrontServer {
    /// Runs `body` with the overdue total the banner names: read only for a collections suspension and a user with
    /// the billing right, as the dashboard shows amounts (domain.md#roles). A total that cannot be read or added up
    /// (a stored amount out of range) leaves the banner without it; the page that needs it says why.
    func withSuspensionBanner(_ s: StorefrontSession,
                              _ body: () async throws -> Response) async throws -> Response {
        let account = s.principal.account
        guard account.suspendedByCollections, s.principal.user.may(.billing) else { return try await body() }
        let id = account.id, actor = actor(s), currency = account.fields.currency
        let total = try await call { () throws(ServiceError) in
            try OverdueInvoice.total(service.overdueInvoices(of: id, by: actor), currency: currency)
        }
        var overdue: Money?
        switch total {
        case .success(let money): overdue = money
        case .failure(let failure): _ = try refusal(failure)
        }
        return try await SuspensionBanner.$overdue.withValue(overdue) { try await body() }
    }
}
