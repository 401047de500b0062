import Foundation
import GRDB

extension StoreTx {
    func insertSession(hash: [UInt8], userId: Int64, csrf: String, expires: Date, at now: Date) throws {
        try execute(sql: "INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES (?,?,?,?,?)",
                       arguments: [Data(hash), userId, csrf, now, expires])
    }

    /// The live session with this hash: its user and CSRF token.
    func session(hash: [UInt8], at now: Date) throws -> (userId: Int64, csrf: String, expiresAt: Date)? {
        try row(sql: "SELECT user_id, csrf, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?",
                         arguments: [Data(hash), now]).map { ($0[0], $0[1], $0[2]) }
    }

    func deleteSession(hash: [UInt8]) throws {
        try execute(sql: "DELETE FROM sessions WHERE id_hash = ?", arguments: [Data(hash)])
    }

    func deleteExpiredSessions(at now: Date) throws {
        try execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now])
    }
}
