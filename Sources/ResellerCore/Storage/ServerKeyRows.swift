import Foundation
import GRDB

extension StoreTx {
    func serverKey(_ name: String) throws -> [UInt8]? {
        try value(Data.self, sql: "SELECT key FROM server_keys WHERE name = ?", arguments: [name]).map { [UInt8]($0) }
    }

    /// Stores `key` under `name` unless there is one already; either way returns the one kept, so two
    /// processes starting at once agree on the first written.
    func keepServerKey(_ name: String, _ key: [UInt8], at now: Date) throws -> [UInt8] {
        try execute(sql: "INSERT INTO server_keys (name, key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [name, Data(key), now])
        return try serverKey(name) ?? key
    }
}
