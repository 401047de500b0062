import Foundation
import ResellerCore

/// Sends what is due in the outbox. Each message is claimed in one transaction (two deliverers never hold
/// the same one) and its result recorded as soon as the transport answers, so a deliverer killed at any
/// point loses nothing: its claims are taken over when it is seen dead (same host, process gone) or when
/// its lease ends. Only a message accepted by the server just before the kill, and not yet recorded, is
/// sent once more, with the same Message-ID (a link email then with a new token: the first never went
/// live, see `ResellerService.recordDelivery`).
public struct Deliverer: Sendable {
    public let service: ResellerService
    public let settings: MailSettings
    public var lease: TimeInterval = 600
    public var batchSize = 50
    public let owner: String

    public struct Report: Sendable, Equatable {
        public var sent = 0, retrying = 0, failed = 0, released = 0
        public var total: Int { sent + retrying + failed }
    }

    /// `owner` names this deliverer in its claims; "host:pid" lets others see when it has died.
    public init(service: ResellerService, settings: MailSettings, owner: String = "\(Deliverer.host):\(getpid())") {
        self.service = service
        self.settings = settings
        self.owner = owner
    }

    public static let host = ProcessInfo.processInfo.hostName

    /// Delivers every message due now, batch after batch, and returns what happened. Stops early when the
    /// server cannot be reached: the rest waits for its next attempt.
    public func deliverDue() throws(ServiceError) -> Report {
        var report = Report()
        let builder = MessageBuilder(settings: settings)
        while true {
            let dead = Deliverer.deadOwners(try service.mailOwners())
            let batch = try service.claimDueMail(owner: owner, deadOwners: dead, lease: lease, limit: batchSize)
            if batch.isEmpty { return report }
            var transport = Transports.open(settings)
            var unreachableUntil: Date?
            for message in batch {
                if let next = unreachableUntil {
                    try service.recordDelivery(message, owner: owner, .release(next: next))
                    report.released += 1
                    continue
                }
                let files: [DocumentFile]
                do {
                    files = try attachments(message)
                } catch {
                    // The PDF cannot be made on this host now (its library missing): the message waits, as for
                    // a relay that is down, and is given up after the same attempts.
                    _ = try retryLater(message, "cannot attach its documents: \(error)", &report)
                    continue
                }
                let outgoing: OutgoingMessage
                do {
                    outgoing = try builder.build(message, attachments: files)
                } catch {
                    // A staff template that is not valid Mustache: no attempt can succeed until it is fixed.
                    try service.recordDelivery(message, owner: owner, .failed(error: "\(error)"))
                    report.failed += 1
                    continue
                }
                switch transport.send(outgoing) {
                case .sent:
                    try service.recordDelivery(message, owner: owner, .sent)
                    report.sent += 1
                case .permanent(let error):
                    try service.recordDelivery(message, owner: owner, .failed(error: error))
                    report.failed += 1
                case .temporary(let error, let connectionLost):
                    if let next = try retryLater(message, error, &report), connectionLost { unreachableUntil = next }
                }
            }
            transport.close()
            if unreachableUntil != nil { return report }
        }
    }

    /// A failure that may pass: the message is tried again after the backoff, or given up once it has had its
    /// `maxAttempts`. The time of the next attempt when there is one.
    private func retryLater(_ message: OutboxMessage, _ error: String,
                            _ report: inout Report) throws(ServiceError) -> Date? {
        let attempt = message.attempts + 1
        guard attempt < settings.maxAttempts else {
            let why = "gave up after \(attempt) attempts: \(error)"
            try service.recordDelivery(message, owner: owner, .failed(error: why))
            report.failed += 1
            return nil
        }
        let next = service.now.addingTimeInterval(Backoff.delay(attempt: attempt))
        try service.recordDelivery(message, owner: owner, .retry(error: error, next: next))
        report.retrying += 1
        return next
    }

    /// An invoice's or credit note's email carries its PDF and e-invoice as kept: rendered at its first
    /// delivery, so a retry attaches the same bytes. One issued before tax has no e-invoice: its PDF goes alone.
    func attachments(_ m: OutboxMessage) throws(ServiceError) -> [DocumentFile] {
        guard m.kind == .invoice || m.kind == .creditNote,
              let number = m.params["invoiceNumber"] ?? m.params["creditNoteNumber"] else { return [] }
        var files: [DocumentFile] = []
        for format in DocumentFormat.allCases {
            do {
                files.append(try service.documentFile(number: number, format: format, by: .system))
            } catch .refused(field: "ubl", _) {
                continue
            }
        }
        return files
    }

    /// Claim owners ("host:pid") on this host whose process is gone.
    static func deadOwners(_ owners: [String]) -> [String] {
        owners.filter { owner in
            guard let colon = owner.lastIndex(of: ":"), owner[..<colon] == host,
                  let pid = Int32(owner[owner.index(after: colon)...]) else { return false }
            return kill(pid, 0) == -1 && errno == ESRCH
        }
    }
}

/// Exponential backoff with jitter: 30 s, 1 min, 2 min … capped at an hour, each ±20 %, so a relay that
/// comes back is not hit by every deliverer at the same second.
public enum Backoff {
    public static func delay(attempt: Int, jitter: Double = Double.random(in: 0.8...1.2)) -> TimeInterval {
        let base = min(3600, 30 * pow(2, Double(max(0, attempt - 1))))
        return base * jitter
    }
}
