import Foundation

/// How the billing and collections runs go through many accounts: in batches, each one write transaction.
extension ResellerService {
    /// At most this many accounts, and about this long (50 ms), per transaction of the billing and collections
    /// runs: one fsync serves many accounts, and other writers wait at most about that long.
    static let billingBatchAccounts = 1000

    static let billingBatchNanoseconds: UInt64 = 50_000_000

    /// `body` for each account, each in a savepoint of its own inside its batch's transaction, so one that fails
    /// is rolled back alone and reported while the others of its batch commit. On PostgreSQL each account is
    /// locked first, or passed over while another host's run holds it.
    func inBatches<T>(_ accountIds: [Int64], progress: (_ done: Int, _ total: Int) -> Void,
                      committed: ([T]) -> Void,
                      _ body: (StoreTx, Int64) throws -> [T]) -> [(accountId: Int64, message: String)] {
        inTransactions(accountIds, progress: progress, committed: committed) { tx, batch in
            var done: [T] = [], failed: [(accountId: Int64, message: String)] = []
            for accountId in batch {
                do {
                    guard try tx.lockAccount(accountId, skipLocked: true) else { continue }
                    done += try tx.savepoint { try body(tx, accountId) }
                } catch {
                    // A failure that ended the whole transaction (a full disk) ends the batch with it; a
                    // conflict with another host's transaction runs the whole batch again.
                    guard tx.inTransaction && !Store.retriesWhole(error) else { throw error }
                    failed.append((accountId, Self.failureMessage(error, store)))
                }
            }
            return (done, failed)
        }
    }

    /// `body` for consecutive slices of `accountIds`, each slice one transaction (IMMEDIATE on SQLite; on
    /// PostgreSQL with row locks, where a lost connection runs the body again from the start, so it keeps its
    /// progress to itself). A slice is as many accounts as the last one's pace fits in about
    /// `billingBatchNanoseconds`, at most `billingBatchAccounts`. What the bodies returned goes to `committed`
    /// once their transaction has committed; the accounts that failed are returned, with why: those the body
    /// reported, and every account of a slice whose transaction failed whole (nothing of it was committed).
    /// `progress` hears (accounts done, accounts in all) before each slice and at the end.
    func inTransactions<T>(_ accountIds: [Int64], progress: (_ done: Int, _ total: Int) -> Void,
                           committed: ([T]) -> Void,
                           _ body: (StoreTx, ArraySlice<Int64>) throws
                               -> (done: [T], failed: [(accountId: Int64, message: String)]))
        -> [(accountId: Int64, message: String)] {
        var failures: [(accountId: Int64, message: String)] = []
        var next = 0, size = 16
        defer { progress(accountIds.count, accountIds.count) }
        while next < accountIds.count {
            progress(next, accountIds.count)
            let batch = accountIds[next..<min(next + size, accountIds.count)]
            let started = DispatchTime.now().uptimeNanoseconds
            do {
                let (done, failed) = try store.write(isolation: .lockedRows) { tx in try body(tx, batch) }
                committed(done)
                failures += failed
            } catch {
                let message = error.fieldErrors.map(\.message).joined(separator: "; ")
                failures += batch.map { ($0, message) }
            }
            next = batch.endIndex
            // At most twice the last size, so one quick batch (mostly accounts with nothing due) cannot make
            // the next one hold the lock for long.
            let took = max(DispatchTime.now().uptimeNanoseconds - started, 1)
            let fits = UInt64(batch.count) * Self.billingBatchNanoseconds / took
            size = Int(min(max(fits, 1), UInt64(min(2 * batch.count, Self.billingBatchAccounts))))
        }
        return failures
    }

    static func failureMessage(_ error: Error, _ store: Store) -> String {
        let e = error as? ServiceError ?? store.describe(error)
        return e.fieldErrors.map(\.message).joined(separator: "; ")
    }
}
