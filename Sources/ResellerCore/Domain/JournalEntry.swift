import Foundation

/// One entry for the system journal in its native protocol (systemd's "native journal protocol"): each
/// field `KEY=value` and a newline; a value holding a newline goes as the key, a newline, its length in
/// 64-bit little-endian, the value and a newline. Only bytes here: `Journal` sends them.
public struct JournalEntry: Sendable {
    public let fields: [(name: String, value: String)]

    /// An audit event as the journal keeps it. The journal adds `_UID`, `_PID` and the time itself, from the
    /// kernel: a row of the shared database can be forged by any member of its group, this cannot.
    static func audit(_ actor: Actor, _ entity: String, _ id: Int64, _ action: String, changes: String)
        -> JournalEntry {
        JournalEntry(fields: [
            ("MESSAGE", "audit: \(actor.description) \(action) \(entity) \(id)"),
            ("PRIORITY", "5"),   // notice
            ("SYSLOG_IDENTIFIER", "resellerdesk"),
            ("RESELLERDESK_ACTOR", actor.description),
            ("RESELLERDESK_ACTOR_KIND", actor.kind),
            ("RESELLERDESK_ENTITY", entity),
            ("RESELLERDESK_ENTITY_ID", String(id)),
            ("RESELLERDESK_ACTION", action),
            // Capped: a datagram must stay well under the socket's limit; the full row is in the desk.
            ("RESELLERDESK_CHANGES", changes.utf8.count <= maxChanges ? changes
                : String(decoding: changes.utf8.prefix(maxChanges), as: UTF8.self) + "…(cut)"),
        ])
    }

    static let maxChanges = 16 * 1024

    /// The datagram.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        for (name, value) in fields {
            out += Array(name.utf8)
            if value.utf8.contains(10) {
                out.append(10)
                withUnsafeBytes(of: UInt64(value.utf8.count).littleEndian) { out += $0 }
                out += Array(value.utf8)
            } else {
                out.append(UInt8(ascii: "="))
                out += Array(value.utf8)
            }
            out.append(10)
        }
        return out
    }
}
