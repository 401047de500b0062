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

    /// Records an attempt for every key; nil if allowed, else how many seconds until one is allowed again.
    func attempt(_ keys: [String], now: Date = Date()) -> TimeInterval? {
        attempts.withLock { table in
            if table.count > 100_000 { table = table.filter { $0.value.last.map { now.timeIntervalSince($0) < window } ?? false } }
            var wait: TimeInterval?
            for key in keys {
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                if recent.count >= limit, let oldest = recent.first {
                    wait = max(wait ?? 0, window - now.timeIntervalSince(oldest))
                }
                table[key] = recent
            }
            guard wait == nil else { return wait }
            for key in keys { table[key, default: []].append(now) }
            return nil
        }
    }
}
