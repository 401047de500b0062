import Foundation
import GRDB

extension StoreTx {
    /// Records who changed what, inside the transaction of the change itself; the journal gets it on commit.
    func audit(_ actor: Actor, _ entity: String, _ id: Int64, _ action: String,
               _ changes: [String: [String?]] = [:], at now: Date) throws {
        try audit(actor, entity, [(id, action, changes)], at: now)
    }

    /// Several events by one actor on entities of one kind, in a few statements (a billing run's batch).
    func audit(_ actor: Actor, _ entity: String, _ events: [(id: Int64, action: String, changes: [String: [String?]])],
               at now: Date) throws {
        let stamp = Self.stamp(now), changes = events.map { CompactJSON.encode($0.changes) }
        try insertRows("INSERT INTO audit_events (at, actor, actor_kind, entity, entity_id, action, changes)",
                       width: 7, zip(events, changes).map { e, json in
                           [stamp, actor.description, actor.kind, entity, e.id, e.action, json]
                       })
        for (e, json) in zip(events, changes) {
            pending?.entries.append(JournalEntry.audit(actor, entity, e.id, e.action, changes: json))
        }
    }

    /// An account's history as staff read it: the account's own events and those of its contacts, their
    /// storefront users and its orders, newest first; with `before`, the events older than that one.
    func accountTrail(_ id: Int64, before: Int64? = nil, limit: Int) throws -> [AuditEvent] {
        let sql = "SELECT * FROM audit_events WHERE (\(Self.trailOf)) AND id < ?2 ORDER BY id DESC LIMIT ?3"
        return try events(rows(sql: sql, arguments: [id, before ?? Int64.max, limit]))
    }

    /// How many events `accountTrail` holds in all: the count on the detail's History tab.
    func accountTrailCount(_ id: Int64) throws -> Int {
        try value(Int.self, sql: "SELECT COUNT(*) FROM audit_events WHERE \(Self.trailOf)", arguments: [id]) ?? 0
    }

    /// The events of account ?1 and of what hangs off it.
    private static let trailOf = """
        (entity = 'account' AND entity_id = ?1)
           OR (entity = 'contact' AND entity_id IN (SELECT id FROM contacts WHERE account_id = ?1))
           OR (entity = 'storefrontUser' AND entity_id IN
               (SELECT u.id FROM storefront_users u JOIN contacts c ON c.id = u.contact_id WHERE c.account_id = ?1))
           OR (entity = 'order' AND entity_id IN (SELECT id FROM orders WHERE account_id = ?1))
        """

    private func events(_ rows: [SQLRow]) -> [AuditEvent] {
        rows.map {
            AuditEvent(id: $0["id"], at: $0["at"], actor: $0["actor"], actorKind: $0["actor_kind"], entity: $0["entity"],
                       entityId: $0["entity_id"], action: $0["action"],
                       changes: (try? JSONDecoder().decode([String: [String?]].self, from: Data(($0["changes"] as String).utf8))) ?? [:])
        }
    }

    /// How many of `actions` storefront users did on the account since `since` (the daily quotas). The audit
    /// index on (entity, entity_id) keeps this to the account's own events.
    func storefrontActions(on accountId: Int64, _ actions: [String], since: Date) throws -> Int {
        let marks = SQLMarks.list(actions.count)
        return try value(Int.self, sql: """
            SELECT COUNT(*) FROM audit_events WHERE entity = 'account' AND entity_id = ? AND actor_kind = 'storefront'
            AND action IN (\(marks)) AND at >= ?
            """, arguments: SQLArguments([accountId] + actions + [Self.stamp(since)])) ?? 0
    }
}

/// Field → [old, new] for the fields that differ; nil stands for "not set".
func diff(_ old: [String: String?], _ new: [String: String?]) -> [String: [String?]] {
    var out: [String: [String?]] = [:]
    for key in Set(old.keys).union(new.keys) {
        let a = old[key] ?? nil, b = new[key] ?? nil
        if a != b { out[key] = [a, b] }
    }
    return out
}
