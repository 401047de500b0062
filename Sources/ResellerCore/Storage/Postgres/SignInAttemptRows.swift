import Foundation

/// The storefront's sign-in throttle on a PostgreSQL desk (`sign_in_attempts`), shared by its instances.
extension StoreTx {
    func forgetSignInAttempts(before: Date) throws {
        try execute(sql: "DELETE FROM sign_in_attempts WHERE at < ?", arguments: [Self.stamp(before)])
    }

    /// The times of the key's attempts still counted, oldest first.
    func signInAttempts(_ key: String) throws -> [Date] {
        try values(Date.self, sql: "SELECT at FROM sign_in_attempts WHERE key = ? ORDER BY at", arguments: [key])
    }

    func recordSignInAttempt(_ key: String, at now: Date) throws {
        try execute(sql: "INSERT INTO sign_in_attempts (key, at) VALUES (?, ?)", arguments: [key, Self.stamp(now)])
    }

    /// Gives back the newest attempt of the key.
    func releaseSignInAttempt(_ key: String) throws {
        try execute(sql: """
            DELETE FROM sign_in_attempts WHERE ctid = (SELECT ctid FROM sign_in_attempts WHERE key = ?
                                                       ORDER BY at DESC LIMIT 1)
            """, arguments: [key])
    }
}
