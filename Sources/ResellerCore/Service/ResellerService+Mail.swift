import Foundation

/// What a deliverer did with one claimed message.
public enum DeliveryOutcome: Sendable, Equatable {
    case sent
    /// Try again at `next` (a 4xx reply, a refused connection, a timeout).
    case retry(error: String, next: Date)
    /// Never try again (a 5xx reply, or the attempt limit reached).
    case failed(error: String)
    /// Not attempted (the connection broke before its turn): back to the queue at `next`.
    case release(next: Date)
}

/// The outbox: claiming due mail for a deliverer, recording what became of it, retrying and reading it.
extension ResellerService {
    /// Claims due messages for one deliverer, atomically: two deliverers never hold the same message.
    /// Each link email gets its token here, in memory only (`linkToken`); a link email whose user can no
    /// longer use that link (activated, inactive, gone) is withdrawn instead of sent.
    public func claimDueMail(owner: String, deadOwners: [String] = [], lease: TimeInterval,
                             limit: Int) throws(ServiceError) -> [OutboxMessage] {
        let now = self.now
        return try store.write { tx in
            // A batch withdrawn whole is no batch: claim again (withdrawn messages are no longer due), so an
            // empty answer still means nothing is due.
            while true {
                let claimed = try tx.claimDueMail(owner: owner, deadOwners: deadOwners, now: now,
                                                  until: now.addingTimeInterval(lease), limit: limit)
                let ready = try claimed.compactMap { m in try readyToSend(tx, m, at: now) }
                if !ready.isEmpty || claimed.isEmpty { return ready }
            }
        }
    }

    /// The message with its link's token made, or nil when its user can no longer use that link (then
    /// the message is withdrawn).
    private func readyToSend(_ tx: StoreTx, _ m: OutboxMessage, at now: Date) throws -> OutboxMessage? {
        guard let link = m.link else { return m }
        let status = try tx.contact(ofUser: link.userId)?.storefrontUser?.status
        guard status == (link.purpose == .activation ? .pending : .active) else {
            try tx.withdrawMail(m.id, reason: "not sent: the user is \(status?.rawValue ?? "gone") now")
            return nil
        }
        var ready = m
        ready.linkToken = LinkToken(text: Token.generate().text,
                                    expiresAt: now.addingTimeInterval(settings.tokenLifetime))
        return ready
    }

    /// The deliverers holding messages now ("host:pid"), so a new one can tell which have died.
    public func mailOwners() throws(ServiceError) -> [String] { try store.read { try $0.mailOwners() } }

    /// Records what happened to a claimed message. A sent link email's token becomes live here, in the same
    /// transaction: its hash is stored and the user's earlier link of the purpose revoked. A deliverer that
    /// sent the email and died before this line leaves no live token; the next attempt sends a new email
    /// with a new token. That is acceptable: there is never more than one live link, and the user may
    /// get two emails, the first with a link that never worked. Minting before the send instead would need
    /// a write before every send and leave live tokens for emails never sent.
    @discardableResult
    public func recordDelivery(_ message: OutboxMessage, owner: String,
                               _ outcome: DeliveryOutcome) throws(ServiceError) -> Bool {
        let now = self.now
        return try store.write { tx in
            switch outcome {
            case .sent:
                // Not recorded: another deliverer took the message over, or its link was withdrawn meanwhile.
                guard try tx.recordMail(message.id, owner: owner, status: .sent, error: nil, next: nil,
                                        attempted: true, now: now) else { return false }
                if let link = message.link, let token = message.linkToken {
                    try tx.insertToken(hash: Token.hashOf(token.text), userId: link.userId, purpose: link.purpose,
                                       expires: token.expiresAt, at: now)
                }
                return true
            case .retry(let error, let next):
                return try tx.recordMail(message.id, owner: owner, status: .retrying, error: error, next: next,
                                         attempted: true, now: now)
            case .failed(let error):
                return try tx.recordMail(message.id, owner: owner, status: .failed, error: error, next: nil,
                                         attempted: true, now: now)
            case .release(let next):
                let status: MailStatus = message.attempts == 0 ? .queued : .retrying
                return try tx.recordMail(message.id, owner: owner, status: status, error: message.lastError, next: next,
                                         attempted: false, now: now)
            }
        }
    }

    /// Staff put a failed message back in the queue.
    public func retryMail(_ id: Int64, by actor: Actor) throws(ServiceError) {
        let now = self.now
        try store.write { tx in
            guard try tx.retryFailedMail(id, now: now) else {
                if let m = try tx.mailMessage(id) {
                    throw ServiceError.refused(field: "mail", message: "message \(id) is \(m.status.rawValue); only a failed message can be retried")
                }
                throw ServiceError.notFound(field: "mail", message: "no message \(id) in the outbox")
            }
            try tx.audit(actor, "outbox", id, "retry", ["status": [MailStatus.failed.rawValue, MailStatus.queued.rawValue]], at: now)
        }
    }

    public func mailMessage(_ id: Int64) throws(ServiceError) -> OutboxMessage {
        guard let m = try store.read({ try $0.mailMessage(id) }) else {
            throw .notFound(field: "mail", message: "no message \(id) in the outbox")
        }
        return m
    }

    public func nextMailDue() throws(ServiceError) -> Date? { try store.read { try $0.nextMailDue() } }

    public func outbox(limit: Int = 200) throws(ServiceError) -> [OutboxMessage] {
        try store.read { try $0.outbox(limit: limit) }
    }
}
