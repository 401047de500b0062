import Foundation

extension Store {
    /// An error the whole transaction must be run again for (PostgreSQL's deadlock or serialization failure),
    /// not one that a savepoint can roll back alone and report.
    static func retriesWhole(_ error: Error) -> Bool {
        (error as? PGError).map(PostgresPool.retryable) ?? false
    }

    /// What the server says when it refuses a login (in its default English messages).
    static let refusedLogin = ["does not exist", "Peer authentication failed", "permission denied for database",
                               "password authentication failed", "no pg_hba.conf entry"]

    /// PostgreSQL's errors as sentences an operator can act on; `url` is named as given, without a password
    /// (the sentence reaches terminals, logs and the journal).
    static func describePostgres(_ error: Error, url given: String) -> ServiceError {
        let url = DatabaseLocation.named(given)
        if let uncertain = error as? PostgresPool.UncertainCommit {
            return .storage("lost the PostgreSQL desk \(url) while saving (\(uncertain.error.message)): the change may "
                            + "or may not have been saved; look at the desk before you try again")
        }
        guard let e = error as? PGError else { return .storage("\(error)") }
        if e.isIntegerOverflow { return MoneySum.outOfRange("a sum of stored amounts") }
        let message = e.message.trimmingCharacters(in: .whitespacesAndNewlines)
        // libpq gives a refused start-up no SQLSTATE: its text says whether the login is unknown to the desk.
        if Self.refusedLogin.contains(where: { message.contains($0) }) {
            return .storage("the PostgreSQL desk \(url) does not let this login in: \(message) (staff are added "
                            + "by the desk's administrator: `resellerdesk storage grant LOGIN`)")
        }
        if e.isConnectionLost {
            return .storage("cannot reach the PostgreSQL desk \(url): \(message); nothing was saved, try again")
        }
        if e.isInsufficientPrivilege {
            return .storage("the PostgreSQL desk refused: \(e.message) (a staff login must be a member of "
                            + "resellerdesk_staff: an administrator runs `resellerdesk storage grant LOGIN`)")
        }
        if e.isSerializationFailure || e.isDeadlock {
            return .storage("the desk stayed busy with other hosts' changes; nothing was saved, try again")
        }
        return .storage("database error: \(e.description)")
    }
}
