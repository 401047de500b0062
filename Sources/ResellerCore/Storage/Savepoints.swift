import GRDB

extension StoreTx {
    /// Runs `body` in a savepoint of the caller's transaction: when it throws, what it wrote is rolled back
    /// and the error rethrown, while the transaction and what it wrote before stay.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }

    /// False once SQLite has rolled the whole transaction back by itself (a full disk, an I/O error).
    var inTransaction: Bool { db.isInsideTransaction }
}
