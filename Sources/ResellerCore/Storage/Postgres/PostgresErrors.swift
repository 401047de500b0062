extension Store {
    /// PostgreSQL's errors as sentences an operator can act on; `url` is named as given.
    static func describePostgres(_ error: Error, url: String) -> ServiceError {
        guard let e = error as? PGError else { return .storage("\(error)") }
        if e.isIntegerOverflow { return MoneySum.outOfRange("a sum of stored amounts") }
        if e.isConnectionLost {
            return .storage("cannot reach the PostgreSQL desk \(url): \(e.message); nothing was saved, try again")
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
