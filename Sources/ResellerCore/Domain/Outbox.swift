import Foundation

/// The emails of DOMAIN.md. The outbox stores the kind and its parameters; the mail module renders them.
public enum MailKind: String, Sendable, Codable, CaseIterable {
    case activation, activationSuccessful, passwordReset, resetSuccessful, orderOverCredit, test
}

public enum MailStatus: String, Sendable, Codable { case queued, sending, sent, retrying, failed }

public struct OutboxMessage: Sendable, Hashable {
    public init(id: Int64, kind: MailKind, toAddress: String, toName: String, subject: String, params: [String: String],
                status: MailStatus = .queued, attempts: Int = 0, lastError: String? = nil, createdAt: Date, sentAt: Date? = nil,
                nextAttemptAt: Date) {
        self.id = id; self.kind = kind; self.toAddress = toAddress; self.toName = toName; self.subject = subject
        self.params = params; self.status = status; self.attempts = attempts; self.lastError = lastError
        self.createdAt = createdAt; self.sentAt = sentAt; self.nextAttemptAt = nextAttemptAt
    }

    public let id: Int64
    public var kind: MailKind
    public var toAddress: String
    public var toName: String
    public var subject: String
    /// Template parameters; a token among them is removed once the message is sent.
    public var params: [String: String]
    public var status: MailStatus
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    public var nextAttemptAt: Date
}

/// An email the service queues inside the transaction that causes it.
struct QueuedMail {
    var kind: MailKind
    var toAddress: String
    var toName: String
    var subject: String
    var params: [String: String]
}
