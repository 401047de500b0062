import Foundation

/// The storefront's throttle of sign-ins and reset requests, kept in a PostgreSQL desk so that every storefront
/// instance behind a load balancer counts the same attempts (postgresql.md). A SQLite desk has one storefront,
/// which counts them in memory.
extension ResellerService {
    /// Whether the throttle lives here: on a PostgreSQL desk.
    public var sharesSignInAttempts: Bool { store.isPostgres }

    /// Counts one attempt against every key, in one transaction with the check that each key has fewer than
    /// `limit` in the last `window` seconds: nil when counted, else the seconds until one is allowed again
    /// (and nothing is counted).
    public func claimSignInAttempt(_ keys: [String], limit: Int,
                                   window: TimeInterval) throws(ServiceError) -> TimeInterval? {
        let now = self.now
        return try store.write { tx in
            try tx.forgetSignInAttempts(before: now.addingTimeInterval(-window))
            var wait: TimeInterval?
            for key in keys {
                let times = try tx.signInAttempts(key)
                if times.count >= limit, let oldest = times.first {
                    wait = max(wait ?? 0, window - now.timeIntervalSince(oldest))
                }
            }
            if let wait { return wait }
            for key in keys { try tx.recordSignInAttempt(key, at: now) }
            return nil
        }
    }

    /// Gives back an attempt that did not count (a right password; a server too busy to check it).
    public func releaseSignInAttempt(_ keys: [String]) throws(ServiceError) {
        try store.write { tx in for key in keys { try tx.releaseSignInAttempt(key) } }
    }
}
