import Foundation
import GRDB

extension StoreTx {
    @discardableResult
    func enqueue(_ m: QueuedMail, at now: Date) throws -> Int64 {
        try insert(sql: Self.outboxInsert + " VALUES " + SQLMarks.tuple(10),
                   arguments: SQLArguments(Self.outboxRow(EncodedMail(m), at: now)))
    }

    /// Several messages in a few statements (a billing run's batch).
    func enqueue(_ mails: [QueuedMail], at now: Date) throws {
        try enqueue(mails.map(EncodedMail.init), at: now)
    }

    func enqueue(_ mails: [EncodedMail], at now: Date) throws {
        try insertRows(Self.outboxInsert, width: 10, mails.map { Self.outboxRow($0, at: now) })
    }

    private static let outboxInsert = """
        INSERT INTO outbox (kind, to_address, to_name, subject, params, status, next_attempt_at, created_at,
                            link_user_id, link_purpose)
        """

    private static func outboxRow(_ e: EncodedMail, at now: Date) -> [(any DatabaseValueConvertible)?] {
        let m = e.mail, now = stamp(now)
        return [m.kind.rawValue, m.toAddress, m.toName, m.subject, e.params, "queued", now, now, m.link?.userId,
                m.link?.purpose.rawValue]
    }

    func outbox(limit: Int) throws -> [OutboxMessage] {
        try rows(sql: "SELECT * FROM outbox ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.message)
    }

    static func message(_ r: SQLRow) -> OutboxMessage {
        let params = (try? JSONDecoder().decode([String: String].self, from: Data((r["params"] as String).utf8))) ?? [:]
        return OutboxMessage(id: r["id"], kind: MailKind(rawValue: r["kind"]) ?? .test, toAddress: r["to_address"],
                             toName: r["to_name"], subject: r["subject"], params: params,
                             status: MailStatus(rawValue: r["status"]) ?? .queued, attempts: r["attempts"],
                             lastError: r["last_error"], createdAt: r["created_at"], sentAt: r["sent_at"],
                             nextAttemptAt: r["next_attempt_at"], link: link(r))
    }

    private static func link(_ r: SQLRow) -> LinkRequest? {
        guard let userId: Int64 = r["link_user_id"], let purpose = TokenPurpose(rawValue: r["link_purpose"] ?? "")
        else { return nil }
        return LinkRequest(userId: userId, purpose: purpose)
    }

    /// Withdraws the user's link emails of `purpose` (all when nil) not yet sent, even one a deliverer holds
    /// now (its send is then not recorded, so it mints no token): part of revoking the user's links.
    func withdrawLinkMail(userId: Int64, purpose: TokenPurpose?, reason: String) throws {
        try execute(sql: """
            UPDATE outbox SET status = 'withdrawn', last_error = ?, claimed_by = NULL, claimed_until = NULL
            WHERE link_user_id = ? AND status IN ('queued', 'sending', 'retrying', 'failed')
              AND (CAST(? AS TEXT) IS NULL OR link_purpose = ?)
            """, arguments: [reason, userId, purpose?.rawValue, purpose?.rawValue])
    }

    func withdrawMail(_ id: Int64, reason: String) throws {
        try execute(sql: """
            UPDATE outbox SET status = 'withdrawn', last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?
            """, arguments: [reason, id])
    }
}

extension StoreTx {
    /// Claims up to `limit` due messages for `owner` until `until`: queued or retrying ones whose time has
    /// come, and ones left "sending" by a deliverer whose lease ran out or that is known dead.
    func claimDueMail(owner: String, deadOwners: [String], now: Date, until: Date, limit: Int) throws -> [OutboxMessage] {
        let dead = deadOwners.isEmpty ? "" : " OR claimed_by IN (\(deadOwners.map { _ in "?" }.joined(separator: ",")))"
        let ids = try values(Int64.self, sql: """
            SELECT id FROM outbox
            WHERE (status IN ('queued', 'retrying') AND next_attempt_at <= ?)
               OR (status = 'sending' AND (claimed_until < ?\(dead)))
            ORDER BY next_attempt_at, id LIMIT ?\(dialect.forUpdateSkipLocked)
            """, arguments: SQLArguments(([now, now] as [any DatabaseValueConvertible]) + deadOwners + [limit]))
        guard !ids.isEmpty else { return [] }
        let list = ids.map { _ in "?" }.joined(separator: ",")
        let values: [any DatabaseValueConvertible] = [owner, until] + ids
        try execute(sql: """
            UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_until = ? WHERE id IN (\(list))
            """, arguments: SQLArguments(values))
        return try rows(sql: "SELECT * FROM outbox WHERE id IN (\(list)) ORDER BY next_attempt_at, id",
                                arguments: SQLArguments(ids)).map(Self.message)
    }

    func mailOwners() throws -> [String] {
        try values(String.self, sql: """
            SELECT DISTINCT claimed_by FROM outbox WHERE status = 'sending' AND claimed_by IS NOT NULL
            """)
    }

    /// Records a result, but only while `owner` still holds the claim (a slow deliverer whose lease was
    /// taken over must not overwrite the new owner's record). Returns whether it was recorded.
    func recordMail(_ id: Int64, owner: String, status: MailStatus, error: String?, next: Date?,
                    attempted: Bool, now: Date) throws -> Bool {
        let changed = try execute(sql: """
            UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at),
              attempts = attempts + ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,
              claimed_by = NULL, claimed_until = NULL
            WHERE id = ? AND status = 'sending' AND claimed_by = ?
            """, arguments: [status.rawValue, error, next, attempted ? 1 : 0, status.rawValue, now, id, owner])
        return changed == 1
    }

    func retryFailedMail(_ id: Int64, now: Date) throws -> Bool {
        let changed = try execute(sql: """
            UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = ?, last_error = NULL WHERE id = ? AND status = 'failed'
            """, arguments: [now, id])
        return changed == 1
    }

    func mailMessage(_ id: Int64) throws -> OutboxMessage? {
        try row(sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(Self.message)
    }

    /// When the next queued or retrying message falls due, if any.
    func nextMailDue() throws -> Date? {
        try value(Date.self, sql: "SELECT MIN(next_attempt_at) FROM outbox WHERE status IN ('queued', 'retrying')")
    }
}
