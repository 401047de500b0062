import Foundation
import ResellerCore
import Synchronization

/// Counts attempts per key (an email, a client address) in a sliding window, so that password guessing
/// and reset-link spamming slow to a trickle. In memory for a SQLite desk, which has one storefront process;
/// in the database for a PostgreSQL desk (`shared`), so every instance behind a load balancer counts the same
/// attempts. The per-user lock after four wrong passwords lives in the database on both.
///
/// The table is bounded: at most `capacity` keys, each with at most `limit` times, so a flood of distinct
/// emails or addresses cannot grow the process. When it is full, expired keys go first, then the keys
/// under their limit (oldest attempt first); keys at their limit, the ones actually being throttled, go
/// only when nothing else is left.
final class Throttle: Sendable {
    private let attempts = Mutex<[String: [Date]]>([:])
    let limit: Int
    let window: TimeInterval
    let capacity: Int
    /// The desk whose database counts the attempts, when it is shared by several storefronts.
    let shared: ResellerService?

    /// 10,000 keys of at most about 1 KiB (a cut email) and `limit` dates: some 15 MiB at the very worst.
    init(limit: Int, window: TimeInterval, capacity: Int = 10_000, shared: ResellerService? = nil) {
        self.limit = limit
        self.window = window
        self.capacity = max(10, capacity)
        self.shared = shared
    }

    /// Keys held now (for tests and the bound).
    var count: Int { attempts.withLock { $0.count } }

    /// The key of an email: trimmed and lowercased, as logins are matched, and cut to 254 characters (the
    /// longest address SMTP carries), so a huge string typed as an email costs no more than a real one.
    /// Unicode scalars, not Characters, are counted: one Character can hold any number of scalars.
    static func emailKey(_ email: String) -> String {
        let normal = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return "email:" + String(String.UnicodeScalarView(normal.unicodeScalars.prefix(254)))
    }

    /// Counts one attempt against every key, in one step with the check that every key is under its limit:
    /// nil when it is counted, else the seconds until one is allowed again (and nothing is counted). Checked
    /// and counted apart, any number of concurrent attempts passed the check before the first was counted.
    func claim(_ keys: [String], now: Date = Date()) -> TimeInterval? {
        if let shared {
            // A database that cannot count is no reason to let guesses through: the attempt waits a minute.
            do { return try shared.claimSignInAttempt(keys, limit: limit, window: window) } catch { return 60 }
        }
        return attempts.withLock { table in
            var recent: [String: [Date]] = [:]
            var wait: TimeInterval?
            for key in keys {
                recent[key] = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                if let times = recent[key], times.count >= limit, let oldest = times.first {
                    wait = max(wait ?? 0, window - now.timeIntervalSince(oldest))
                }
            }
            if let wait { return wait }
            for key in keys {
                if table[key] == nil && table.count >= capacity { makeRoom(&table, now: now) }
                // Under the limit, so at most `limit` times stay: the latest decide whether a key waits.
                table[key] = (recent[key] ?? []) + [now]
            }
            return nil
        }
    }

    /// Gives back an attempt claimed for every key that turned out not to count (a right password; a server
    /// too busy to check it): the newest is removed, which leaves the same count.
    func release(_ keys: [String]) {
        if let shared {
            try? shared.releaseSignInAttempt(keys)
            return
        }
        attempts.withLock { table in
            for key in keys where table[key]?.isEmpty == false { table[key]!.removeLast() }
        }
    }

    /// Frees a tenth of the table in one go, so that under a flood the sort runs once per `capacity / 10`
    /// new keys rather than for each.
    private func makeRoom(_ table: inout [String: [Date]], now: Date) {
        table = table.filter { $0.value.last.map { now.timeIntervalSince($0) < window } ?? false }
        let target = capacity - capacity / 10
        guard table.count > target else { return }
        let ranked = table.map { key, times in
            (key: key, throttled: times.filter { now.timeIntervalSince($0) < window }.count >= limit,
             last: times.last ?? .distantPast)
        }.sorted { a, b in a.throttled != b.throttled ? !a.throttled : a.last < b.last }
        for victim in ranked.prefix(table.count - target) { table[victim.key] = nil }
    }
}
