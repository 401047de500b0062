import Foundation
import Synchronization

/// Counts attempts per key (an email, a client address) in a sliding window, so that password guessing
/// and reset-link spamming slow to a trickle. In memory: one storefront process; the per-user lock after
/// four wrong passwords lives in the database.
final class Throttle: Sendable {
    private let attempts = Mutex<[String: [Date]]>([:])
    let limit: Int
    let window: TimeInterval

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Nil while every key is under its limit; else the seconds until one is allowed again.
    func wait(_ keys: [String], now: Date = Date()) -> TimeInterval? {
        attempts.withLock { table in
            keys.compactMap { key -> TimeInterval? in
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                guard recent.count >= limit, let oldest = recent.first else { return nil }
                return window - now.timeIntervalSince(oldest)
            }.max()
        }
    }

    /// Counts one attempt against every key.
    func record(_ keys: [String], now: Date = Date()) {
        attempts.withLock { table in
            if table.count > 100_000 { table = table.filter { $0.value.last.map { now.timeIntervalSince($0) < window } ?? false } }
            for key in keys { table[key] = (table[key] ?? []).filter { now.timeIntervalSince($0) < window } + [now] }
        }
    }
}
