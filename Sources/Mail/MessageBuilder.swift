import Foundation
import ResellerCore
import Templating

/// A message ready for a transport: the envelope and the RFC 5322 bytes (CRLF line ends, no line over
/// 998 octets, not yet dot-stuffed).
public struct OutgoingMessage: Sendable {
    public var outboxId: Int64
    public var envelopeFrom: String
    public var recipient: String
    public var messageID: String
    public var data: [UInt8]
}

/// Renders an outbox row with its templates into a MIME message: multipart/alternative with a plain-text
/// and an HTML part, both UTF-8 in base64, headers encoded so that no value can add a header. With
/// attachments (an invoice's PDF and e-invoice), that is the first part of a multipart/mixed, each file after
/// it in base64.
public struct MessageBuilder: Sendable {
    public let settings: MailSettings

    public init(settings: MailSettings) { self.settings = settings }

    /// The values templates can use: the row's parameters plus links built from the storefront URL. A
    /// claimed link email brings its token (`token`, `link`, `expires`, `expiresAt`, as templates had them).
    func values(_ m: OutboxMessage) -> [String: String] {
        var v = m.params
        let base = settings.storefrontURL
        if let token = m.linkToken {
            let path = m.link?.purpose == .reset ? "/reset" : "/activate"
            v["token"] = token.text
            v["link"] = base + path + "?token=" + token.text
            v["expiresAt"] = Format.iso8601(token.expiresAt)
            v["expires"] = Format.timestamp(token.expiresAt)
        }
        v["loginURL"] = base + "/login"
        v["subject"] = m.subject
        if v["helpContact"] == nil { v["helpContact"] = settings.helpContact }
        return v
    }

    /// The template of one part: `KIND.txt` / `KIND.html` in `mail.templates` if there, else the built-in one.
    /// An override that cannot be trusted (see `TemplateFile`) holds the email, naming the file and why.
    func template(_ kind: MailKind, html: Bool) throws(TemplateError) -> (text: String, source: String) {
        let name = "\(kind.rawValue).\(html ? "html" : "txt")"
        if let folder = settings.templatesFolder {
            switch TemplateFile.read(folder: folder, name: name) {
            case .text(let text): return (text, "\(folder)/\(name)")
            case .refused(let why):
                throw TemplateError(description: why + "; its emails are held until it is fixed (resellerdesk doctor)")
            case .absent: break
            }
        }
        return (html ? DefaultTemplates.html(kind) : DefaultTemplates.text(kind), "built-in \(name)")
    }

    /// One part rendered through the template engine: the HTML part escapes every value, the text part none.
    /// An invoice or credit note carries its document as issued (`document`, see `InvoiceDocument.jsonText`):
    /// the text part gets it as `InvoiceDocument.text` in `{{document}}`, the HTML part as the values of the
    /// storefront's own printable template, `{{#document}}{{>invoiceDocument}}{{/document}}`. A row queued
    /// before documents were carried shows its `lines` in both.
    func body(_ m: OutboxMessage, html: Bool) throws(TemplateError) -> String {
        let (text, source) = try template(m.kind, html: html)
        var context: [String: Any] = values(m)
        if m.kind == .invoice || m.kind == .creditNote {
            let document = m.params["document"].flatMap(InvoiceDocument.init(jsonText:))
            if html {
                context["document"] = document.map(DocumentView.init)
                context["documentStyle"] = DocumentTemplate.emailStyle
            } else {
                context["document"] = document.map { $0.text().joined(separator: "\n") } ?? m.params["lines"] ?? ""
            }
            return try TemplateEngine.render(text, html: html, source: source, context,
                                             partials: [DocumentTemplate.name: DocumentTemplate.html])
        }
        return try TemplateEngine.render(text, html: html, source: source, context)
    }

    /// Fails only for a staff template (`mail.templates`) that is not valid Mustache, naming the file.
    public func build(_ m: OutboxMessage, attachments: [DocumentFile] = []) throws(TemplateError) -> OutgoingMessage {
        let domain = settings.fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = "<resellerdesk.\(m.id).\(Int(m.createdAt.timeIntervalSince1970))@\(domain)>"
        // "_" never occurs in base64, so never in a part; neither boundary is the start of the other.
        let boundary = "=_resellerdesk_\(m.id)", mixed = "=_resellerdesk_mixed_\(m.id)"
        var lines = [
            "Date: " + HeaderEncoding.date(m.createdAt),
            "Message-ID: " + messageID,
            "From: " + HeaderEncoding.mailbox(name: settings.fromName, address: settings.fromAddress),
            "To: " + HeaderEncoding.mailbox(name: m.toName, address: m.toAddress),
            "Subject: " + HeaderEncoding.unstructured(m.subject, headerLength: 9),
            "MIME-Version: 1.0",
        ]
        let alternative = "Content-Type: multipart/alternative; boundary=\"\(boundary)\""
        if attachments.isEmpty {
            lines += [alternative, "Auto-Submitted: auto-generated", "",
                      "This is a MIME message with a plain-text and an HTML part."]
        } else {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "Auto-Submitted: auto-generated", "",
                      "This is a MIME message with a plain-text and an HTML part, and attached files.",
                      "--" + mixed, alternative, ""]
        }
        for (type, html) in [("text/plain", false), ("text/html", true)] {
            lines += ["--" + boundary, "Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: base64", ""]
            lines += MessageBuilder.base64Lines(try body(m, html: html))
        }
        lines.append("--" + boundary + "--")
        for file in attachments {
            lines += ["--" + mixed, "Content-Type: \(file.format.mediaType); name=\"\(file.fileName)\"",
                      "Content-Disposition: attachment; filename=\"\(file.fileName)\"",
                      "Content-Transfer-Encoding: base64", ""]
            lines += MessageBuilder.base64Lines(file.bytes)
        }
        if !attachments.isEmpty { lines.append("--" + mixed + "--") }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        return OutgoingMessage(outboxId: m.id, envelopeFrom: settings.fromAddress, recipient: m.toAddress,
                               messageID: messageID, data: Array(text.utf8))
    }

    /// A text body in base64, 76 characters a line; its own line ends normalised to CRLF first.
    static func base64Lines(_ body: String) -> [String] {
        let crlf = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        return base64Lines(Array(crlf.utf8))
    }

    /// Bytes in base64, 76 characters a line (cut from the encoded bytes: a PDF's are many lines).
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let b64 = Array(Data(bytes).base64EncodedData())
        return stride(from: 0, to: b64.count, by: 76).map { start in
            String(decoding: b64[start..<min(start + 76, b64.count)], as: UTF8.self)
        }
    }
}
