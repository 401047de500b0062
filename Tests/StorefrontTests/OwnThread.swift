import Foundation

/// Runs blocking work (a socket read, SQLite, Argon2id, a sleep) on a thread of its own, as the storefront
/// runs it off the cooperative pool: blocking the pool's few threads would starve the server under test.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { done in Thread.detachNewThread { done.resume(returning: body()) } }
}
