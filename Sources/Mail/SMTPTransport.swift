import Foundation

/// Sends over SMTP to a relay: one connection for a batch (EHLO, optional STARTTLS or implicit TLS,
/// optional AUTH PLAIN/LOGIN), then MAIL / RCPT / DATA per message. 4xx replies are temporary, 5xx
/// permanent; a broken connection is temporary for this message and ends the session.
struct SMTPTransport: MailTransport {
    let settings: MailSettings.SMTP
    private var connection: SMTPConnection?
    private var extensions: Set<String> = []

    init(settings: MailSettings.SMTP) { self.settings = settings }

    mutating func send(_ message: OutgoingMessage) -> SendResult {
        do {
            if connection == nil { try open() }
            guard let c = connection else { return .temporary("no connection", connectionLost: true) }
            let needsUTF8 = !message.recipient.allSatisfy(\.isASCII) || !message.envelopeFrom.allSatisfy(\.isASCII)
            if needsUTF8 && !extensions.contains("SMTPUTF8") {
                return .permanent("\(message.recipient) has non-ASCII characters and \(settings.host) does not offer SMTPUTF8")
            }
            let steps: [(String, Int)] = [
                ("MAIL FROM:<\(message.envelopeFrom)>" + (needsUTF8 ? " SMTPUTF8" : ""), 250),
                ("RCPT TO:<\(message.recipient)>", 250),
                ("DATA", 354),
            ]
            for (line, expected) in steps {
                let r = try c.command(line)
                if r.code != expected && !(expected == 250 && r.code == 251) { return refusal(r, during: line) }
            }
            try c.write(SMTPTransport.dotStuffed(message.data) + Array(".\r\n".utf8))
            let r = try c.reply()
            return r.code == 250 ? .sent : refusal(r, during: "end of data")
        } catch {
            drop()
            return .temporary("\(error)", connectionLost: true)
        }
    }

    /// A refused step: the reply decides temporary or permanent; RSET readies the session for the next.
    private mutating func refusal(_ r: SMTPConnection.Reply, during step: String) -> SendResult {
        let what = "\(settings.host) answered \(r.text) to \(step.split(separator: ":").first ?? "")"
        if (try? connection?.command("RSET"))?.code != 250 { drop() }
        return (400..<500).contains(r.code) ? .temporary(what, connectionLost: connection == nil) : .permanent(what)
    }

    private mutating func open() throws {
        let c = try SMTPConnection(host: settings.host, port: settings.port, timeout: settings.timeout)
        connection = c
        if settings.security == .tls { try c.startTLS(caFile: settings.caFile) }
        let greeting = try c.reply()
        guard greeting.code == 220 else { throw SMTPConnection.Failure.connection("\(settings.host) greeted with \(greeting.text)") }
        try ehlo(c)
        if settings.security == .starttls {
            guard extensions.contains("STARTTLS") else {
                throw SMTPConnection.Failure.connection("\(settings.host) does not offer STARTTLS (smtp.security is starttls)")
            }
            let r = try c.command("STARTTLS")
            guard r.code == 220 else { throw SMTPConnection.Failure.connection("\(settings.host) refused STARTTLS: \(r.text)") }
            try c.startTLS(caFile: settings.caFile)
            try ehlo(c)
        }
        if let user = settings.username {
            guard settings.security != .none else {
                throw SMTPConnection.Failure.connection("refusing to send the SMTP password without TLS: set smtp.security to starttls or tls")
            }
            try authenticate(c, user: user, password: settings.password ?? "")
        }
    }

    private mutating func ehlo(_ c: SMTPConnection) throws {
        let name = ProcessInfo.processInfo.hostName.isEmpty ? "localhost" : ProcessInfo.processInfo.hostName
        var r = try c.command("EHLO \(name)")
        if r.code != 250 { r = try c.command("HELO \(name)") }
        guard r.code == 250 else { throw SMTPConnection.Failure.connection("\(settings.host) refused EHLO: \(r.text)") }
        extensions = Set(r.lines.dropFirst().map { $0.uppercased() })
        for line in r.lines.dropFirst() where line.uppercased().hasPrefix("AUTH") {
            line.uppercased().split(separator: " ").dropFirst().forEach { extensions.insert("AUTH=" + $0) }
        }
    }

    private func authenticate(_ c: SMTPConnection, user: String, password: String) throws {
        let r: SMTPConnection.Reply
        if extensions.contains("AUTH=PLAIN") || !extensions.contains("AUTH=LOGIN") {
            r = try c.command("AUTH PLAIN " + Data(("\0" + user + "\0" + password).utf8).base64EncodedString())
        } else {
            _ = try c.command("AUTH LOGIN")
            _ = try c.command(Data(user.utf8).base64EncodedString())
            r = try c.command(Data(password.utf8).base64EncodedString())
        }
        guard r.code == 235 else { throw SMTPConnection.Failure.connection("\(settings.host) refused the login of \(user): \(r.text)") }
    }

    /// A line that starts with "." gets a second one (RFC 5321 4.5.2).
    static func dotStuffed(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        var atLineStart = true
        for b in data {
            if atLineStart && b == UInt8(ascii: ".") { out.append(b) }
            out.append(b)
            atLineStart = b == 10
        }
        return out
    }

    private mutating func drop() {
        connection?.close()
        connection = nil
    }

    /// Connects, greets, and does TLS and AUTH as configured, then quits without sending anything: the mail
    /// check of `resellerdesk doctor`. Returns what the server offers.
    mutating func hello() throws -> [String] {
        defer { close() }
        try open()
        return extensions.sorted()
    }

    mutating func close() {
        if let c = connection { _ = try? c.command("QUIT") }
        drop()
    }
}
