import Foundation

/// What a transport said about one message.
public enum SendResult: Sendable, Equatable {
    case sent
    /// Worth trying again later. `connectionLost`: nothing more can be sent in this session.
    case temporary(String, connectionLost: Bool)
    /// The server refused it for good (5xx).
    case permanent(String)
}

/// A way out for messages. One session sends a batch, in order; `close` ends it.
public protocol MailTransport {
    mutating func send(_ message: OutgoingMessage) -> SendResult
    mutating func close()
}

public enum Transports {
    public static func open(_ settings: MailSettings) -> any MailTransport {
        switch settings.transport {
        case .maildir(let path): MaildirTransport(folder: path)
        case .smtp(let smtp): SMTPTransport(settings: smtp)
        case .sendmail(let path): SendmailTransport(program: path)
        }
    }
}
