import Foundation
import GRDB

extension StoreTx {
    func enqueue(_ m: QueuedMail, at now: Date) throws {
        let params = CompactJSON.encode(m.params)
        try db.execute(sql: """
            INSERT INTO outbox (kind, to_address, to_name, subject, params, status, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)
            """, arguments: [m.kind.rawValue, m.toAddress, m.toName, m.subject, params, now, now])
    }

    func outbox(limit: Int) throws -> [OutboxMessage] {
        try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.message)
    }

    static func message(_ r: Row) -> OutboxMessage {
        let params = (try? JSONDecoder().decode([String: String].self, from: Data((r["params"] as String).utf8))) ?? [:]
        return OutboxMessage(id: r["id"], kind: MailKind(rawValue: r["kind"]) ?? .test, toAddress: r["to_address"],
                             toName: r["to_name"], subject: r["subject"], params: params,
                             status: MailStatus(rawValue: r["status"]) ?? .queued, attempts: r["attempts"],
                             lastError: r["last_error"], createdAt: r["created_at"], sentAt: r["sent_at"],
                             nextAttemptAt: r["next_attempt_at"])
    }
}
