import Foundation
import GRDB

extension StoreTx {
    func beat(_ name: String, owner: String, detail: String, at now: Date) throws {
        try execute(sql: """
            INSERT INTO heartbeats (name, at, owner, detail) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET at = excluded.at, owner = excluded.owner, detail = excluded.detail
            """, arguments: [name, now, owner, detail])
    }

    func heartbeat(_ name: String) throws -> Heartbeat? {
        try row(sql: "SELECT name, at, owner, detail FROM heartbeats WHERE name = ?", arguments: [name])
            .map { Heartbeat(name: $0["name"], at: $0["at"], owner: $0["owner"], detail: $0["detail"]) }
    }

    func oldestWaitingMail() throws -> Date? {
        try value(Date.self, sql: """
            SELECT MIN(created_at) FROM outbox WHERE status IN ('queued', 'retrying', 'sending')
            """)
    }

    /// Rows per table, for a backup's summary and its check against the live desk.
    func tableCounts() throws -> [(table: String, rows: Int)] {
        try Store.countedTables.map { table in
            (table, try value(Int.self, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)
        }
    }
}

extension Store {
    /// The tables a backup reports, in the order people read them.
    static let countedTables = ["accounts", "contacts", "storefront_users", "price_lists", "orders", "ledger",
                                "outbox", "audit_events"]
}

/// What `doctor` reports of the file itself.
public struct StoreHealth: Sendable {
    public let schemaVersion: Int
    public let quickCheck: String
    public let walBytes: Int64
}

extension Store {
    public func health() throws(ServiceError) -> StoreHealth {
        let (version, check) = try read { tx in
            (try tx.value(Int.self, sql: "PRAGMA user_version") ?? 0,
             try tx.value(String.self, sql: "PRAGMA quick_check") ?? "no answer")
        }
        var info = stat()
        let wal = stat(path + "-wal", &info) == 0 ? Int64(info.st_size) : 0
        return StoreHealth(schemaVersion: version, quickCheck: check, walBytes: wal)
    }
}
