import Foundation

/// The emails of docs/domain.md#emails. The outbox stores the kind and its parameters; the mail module renders them.
public enum MailKind: String, Sendable, Codable, CaseIterable {
    case activation, activationSuccessful, passwordReset, resetSuccessful, orderOverCredit, test
    /// Staff decided a Submitted order; an Active user's login email changed (to both addresses).
    case orderExecuted, orderCanceled, loginEmailChanged
    /// An invoice issued by the billing run, to the bill-to contacts or the account's email.
    case invoice
    /// A credit note of a "cancel now", to the same recipients as an invoice.
    case creditNote
    /// A billing run left the account above its credit limit: to the account manager, once per run.
    case overCreditAfterBilling
    /// The collections run's steps (domain.md#collections): to the bill-to contacts, a copy to the manager.
    case reminder, secondReminder, finalNotice
}

/// `withdrawn`: a link email whose link was revoked (a newer link, a new password, access removed) before it
/// was sent; it is never sent nor retried.
public enum MailStatus: String, Sendable, Codable { case queued, sending, sent, retrying, failed, withdrawn }

/// Whose link an activation or reset email carries. The outbox stores only this: the token is made as the
/// email is sent (`LinkToken`), so no clear token is ever written to the database.
public struct LinkRequest: Sendable, Hashable {
    public var userId: Int64
    public var purpose: TokenPurpose
    public init(userId: Int64, purpose: TokenPurpose) { self.userId = userId; self.purpose = purpose }
}

/// The token made for one claimed link email. It lives in memory and in the email the deliverer sends;
/// recording the send stores only its hash (`ResellerService.recordDelivery`).
public struct LinkToken: Sendable, Hashable {
    public let text: String
    public let expiresAt: Date
    public init(text: String, expiresAt: Date) { self.text = text; self.expiresAt = expiresAt }
}

public struct OutboxMessage: Sendable, Hashable {
    public init(id: Int64, kind: MailKind, toAddress: String, toName: String, subject: String, params: [String: String],
                status: MailStatus = .queued, attempts: Int = 0, lastError: String? = nil, createdAt: Date, sentAt: Date? = nil,
                nextAttemptAt: Date, link: LinkRequest? = nil, linkToken: LinkToken? = nil) {
        self.id = id; self.kind = kind; self.toAddress = toAddress; self.toName = toName; self.subject = subject
        self.params = params; self.status = status; self.attempts = attempts; self.lastError = lastError
        self.createdAt = createdAt; self.sentAt = sentAt; self.nextAttemptAt = nextAttemptAt
        self.link = link; self.linkToken = linkToken
    }

    public let id: Int64
    public var kind: MailKind
    public var toAddress: String
    public var toName: String
    public var subject: String
    /// Template parameters (never a link token).
    public var params: [String: String]
    public var status: MailStatus
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    public var nextAttemptAt: Date
    /// An activation or reset email: whose link it carries.
    public var link: LinkRequest?
    /// Only on a message claimed for sending: the link's token, made by the claim.
    public var linkToken: LinkToken?
}

/// An email the service queues inside the transaction that causes it.
struct QueuedMail: Sendable {
    var kind: MailKind
    var toAddress: String
    var toName: String
    var subject: String
    var params: [String: String]
    var link: LinkRequest? = nil
}

/// A queued email with its parameters encoded as the outbox stores them: encoding an invoice's document is
/// work a billing run does beside its statements.
struct EncodedMail: Sendable {
    var mail: QueuedMail
    var params: String

    init(_ mail: QueuedMail) {
        self.mail = mail
        params = CompactJSON.encode(mail.params)
    }
}
