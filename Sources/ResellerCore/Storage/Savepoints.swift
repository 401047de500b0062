extension StoreTx {
    /// Runs `body` in a savepoint of the caller's transaction: when it throws, what it wrote is rolled back
    /// and the error rethrown, while the transaction and what it wrote before stay.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        let journaled = pending?.entries.count ?? 0
        do {
            try session.savepoint { result = try body() }
        } catch {
            // Its audit rows were rolled back: so are their journal entries.
            pending?.entries.removeSubrange(journaled...)
            throw error
        }
        return result!
    }

    /// False once the engine has rolled the whole transaction back by itself (a full disk, an I/O error).
    var inTransaction: Bool { session.isInsideTransaction }
}
