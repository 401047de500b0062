import Foundation

extension Store {
    /// An error the whole transaction must be run again for (PostgreSQL's deadlock or serialization failure),
    /// not one that a savepoint can roll back alone and report.
    static func retriesWhole(_ error: Error) -> Bool {
        (error as? PGError).map(PostgresPool.retryable) ?? false
    }

    /// PostgreSQL's errors as sentences an operator can act on; `url` is named as given, without a password
    /// (the sentence reaches terminals, logs and the journal).
    static func describePostgres(_ error: Error, url given: String) -> ServiceError {
        let url = DatabaseLocation.named(given)
        if let uncertain = error as? PostgresPool.UncertainCommit {
            return .storage("lost the PostgreSQL desk \(url) while saving (\(uncertain.error.oneLineMessage)), and it "
                            + "could not say what it kept (\(uncertain.why)): the change may or may not have been "
                            + "saved; look at the desk before you try again")
        }
        guard let e = error as? PGError else { return .storage("\(error)") }
        if e.isIntegerOverflow { return MoneySum.outOfRange("a sum of stored amounts") }
        // On one line: libpq's connection errors run over several, and the sentence reaches a status line.
        let message = e.oneLineMessage
        // Said at once, not after the retries a restarting server gets: trying again would get the same answer.
        if e.isLoginRefused {
            return .storage("the PostgreSQL desk \(url) does not let this login in: \(message) (staff are added "
                            + "by the desk's administrator: `resellerdesk storage grant LOGIN`)")
        }
        if e.isRefusal {
            return .storage("the PostgreSQL desk \(url) refused the connection: \(message) (check storage.url or "
                            + "--db, and the TLS settings in it; nothing was saved)")
        }
        if e.isConnectionLost {
            return .storage("cannot reach the PostgreSQL desk \(url): \(message); nothing was saved, try again")
        }
        if e.isInsufficientPrivilege {
            return .storage("the PostgreSQL desk refused: \(message) (a staff login must be a member of "
                            + "resellerdesk_staff: an administrator runs `resellerdesk storage grant LOGIN`)")
        }
        if e.isSerializationFailure || e.isDeadlock {
            return .storage("the desk stayed busy with other hosts' changes; nothing was saved, try again")
        }
        return .storage("database error: \(e.description)")
    }
}
