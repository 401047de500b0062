import Foundation
import GRDB

/// A COMMIT whose answer never came: the server may have committed or not. Instead of telling the user "look at
/// the desk", the pool asks the server (`pg_xact_status`), which knows once the old session has ended.
extension PostgresPool {
    /// A write transaction as the server knows it: its id, and the session (backend) running it.
    struct Write {
        let id: String
        let backend: Int64
    }

    enum Outcome {
        case committed
        case rolledBack
        /// The server could not be asked within the budget, or no longer remembers the transaction.
        case unknown
    }

    /// The id and backend a write's `BEGIN …; SELECT pg_current_xact_id()::text, pg_backend_pid()` returned.
    static func write(begun: PGResult, readOnly: Bool) throws(PGError) -> Write? {
        if readOnly { return nil }
        guard let row = begun.rows.first, row.count == 2, let id = String.fromDatabaseValue(row[0]),
              let backend = Int64.fromDatabaseValue(row[1]) else {
            throw PGError(sqlState: nil, message: "the server did not say which transaction began")
        }
        return Write(id: id, backend: backend)
    }

    /// What became of `write`, asked on another connection until `deadline`. While its session lives the
    /// transaction is "in progress": either COMMIT is still being written, or COMMIT never arrived and the
    /// session waits, idle in the transaction, for a client that is gone (a link that died silently, which
    /// the server may not notice for hours). That session is ended, which rolls the transaction back; one that
    /// is committing is left to finish.
    func outcome(of write: Write, until deadline: ContinuousClock.Instant) -> Outcome {
        var pause = 10_000
        while ContinuousClock.now < deadline {
            do {
                let status = try connection { c in
                    let status = try c.query("SELECT pg_xact_status($1::xid8)", [write.id.databaseValue]).rows
                    if status.first?.first == "in progress".databaseValue {
                        try c.query("""
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                            WHERE pid = $1 AND backend_xid = xid($2::xid8) AND state LIKE 'idle in transaction%'
                            """, [write.backend.databaseValue, write.id.databaseValue])
                    }
                    return status.first?.first
                }
                switch status.flatMap(String.fromDatabaseValue) {
                case "committed": return .committed
                case "aborted": return .rolledBack
                case "in progress": pause = 10_000
                default: return .unknown   // NULL: too old to be remembered
                }
            } catch let error as PGError where error.isConnectionLost {
                // The server itself is gone for now (a restart, a failover): wait longer each time.
                forgetIdleConnections()
                pause = min(pause * 5, 250_000)
            } catch {
                return .unknown
            }
            usleep(UInt32(pause))
        }
        return .unknown
    }
}
