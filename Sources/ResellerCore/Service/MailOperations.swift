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

extension ResellerService {
    /// Claims due messages for one deliverer, atomically: two deliverers never hold the same message.
    public func claimDueMail(owner: String, deadOwners: [String] = [], lease: TimeInterval, limit: Int) throws(ServiceError) -> [OutboxMessage] {
        let now = self.now
        return try store.write { tx in
            try tx.claimDueMail(owner: owner, deadOwners: deadOwners, now: now, until: now.addingTimeInterval(lease), limit: limit)
        }
    }

    /// The deliverers holding messages now ("host:pid"), so a new one can tell which have died.
    public func mailOwners() throws(ServiceError) -> [String] { try store.read { try $0.mailOwners() } }

    /// Records what happened to a claimed message. A sent message's stored copy loses its token: the link
    /// lives only in the mailbox it was sent to.
    @discardableResult
    public func recordDelivery(_ message: OutboxMessage, owner: String, _ outcome: DeliveryOutcome) throws(ServiceError) -> Bool {
        let now = self.now
        return try store.write { tx in
            switch outcome {
            case .sent:
                var params = message.params
                if params["token"] != nil { params["token"] = "[redacted]" }
                return try tx.recordMail(message.id, owner: owner, status: .sent, error: nil, next: nil, params: params, attempted: true, now: now)
            case .retry(let error, let next):
                return try tx.recordMail(message.id, owner: owner, status: .retrying, error: error, next: next, params: nil, attempted: true, now: now)
            case .failed(let error):
                return try tx.recordMail(message.id, owner: owner, status: .failed, error: error, next: nil, params: nil, attempted: true, now: now)
            case .release(let next):
                let status: MailStatus = message.attempts == 0 ? .queued : .retrying
                return try tx.recordMail(message.id, owner: owner, status: status, error: message.lastError, next: next, params: nil, attempted: false, now: now)
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
}
