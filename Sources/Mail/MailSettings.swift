import Foundation
import ResellerCore

/// How mail leaves: the transport and its settings, the sender, templates and retry limits.
public struct MailSettings: Sendable {
    public enum Security: String, Sendable { case none, starttls, tls }

    public struct SMTP: Sendable {
        public var host: String
        public var port: Int
        public var security: Security
        public var username: String?
        public var password: String?
        public var caFile: String?
        public var timeout: TimeInterval
    }

    public enum Transport: Sendable {
        case maildir(String)
        case smtp(SMTP)
        case sendmail(String)
    }

    public var transport: Transport
    public var fromName: String
    public var fromAddress: String
    public var templatesFolder: String?
    public var maxAttempts: Int
    public var storefrontURL: String
    public var helpContact: String

    public static func defaultMaildir(_ env: [String: String] = ProcessEnvironment.read()) -> String {
        DatabaseLocation.dataHome(env) + "/resellerdesk/Maildir"
    }

    public init(_ config: ConfigFile, environment: [String: String] = ProcessEnvironment.read()) throws(ServiceError) {
        let service = try ServiceSettings(config)
        storefrontURL = service.storefrontURL
        helpContact = service.helpContact
        maxAttempts = try config.int("mail.max_attempts", default: 8, range: 1...100)
        templatesFolder = config.string("mail.templates")
        let from = config.string("mail.from") ?? "ResellerDesk <resellerdesk@localhost>"
        (fromName, fromAddress) = try MailSettings.parseFrom(from, source: config.source("mail.from"))
        switch try config.choice("mail.transport", default: "maildir", among: ["maildir", "smtp", "sendmail"]) {
        case "smtp":
            guard let host = config.string("smtp.host") else {
                throw .invalid("config", "mail.transport is smtp but smtp.host is not set (\(ConfigFile.envName("smtp.host")) or [smtp] host in the config file)")
            }
            let security = Security(rawValue: try config.choice("smtp.security", default: "none", among: ["none", "starttls", "tls"]))!
            let defaultPort = security == .tls ? 465 : (security == .starttls ? 587 : 25)
            transport = .smtp(SMTP(host: host, port: try config.int("smtp.port", default: defaultPort, range: 1...65535),
                                   security: security, username: config.string("smtp.username"),
                                   password: try MailSettings.password(config, environment: environment),
                                   caFile: config.string("smtp.ca_file"),
                                   timeout: TimeInterval(try config.int("smtp.timeout_seconds", default: 30, range: 1...600))))
        case "sendmail":
            transport = .sendmail(config.string("sendmail.path") ?? "/usr/sbin/sendmail")
        default:
            transport = .maildir(config.string("mail.maildir") ?? MailSettings.defaultMaildir(environment))
        }
    }

    /// The SMTP password from the systemd credential named by smtp.password_credential (the service's way), the
    /// environment variable named by smtp.password_env, or a file that only its owner can read; never from the
    /// config file itself, and from one of them only.
    static func password(_ config: ConfigFile, environment: [String: String]) throws(ServiceError) -> String? {
        let sources = ["smtp.password_credential", "smtp.password_env", "smtp.password_file"]
            .filter { config.string($0) != nil }
        guard sources.count <= 1 else {
            throw .invalid("config", "set only one of \(sources.joined(separator: ", ")): each names the SMTP password")
        }
        if let name = config.string("smtp.password_credential") {
            return try credential(named: name, environment: environment)
        }
        if let name = config.string("smtp.password_env") {
            guard let value = environment[name], !value.isEmpty else {
                throw .invalid("config", "smtp.password_env names \(name), but that environment variable is not set")
            }
            return value
        }
        guard let path = config.string("smtp.password_file") else { return nil }
        var st = stat()
        guard stat(path, &st) == 0 else { throw .invalid("config", "smtp.password_file \(path) cannot be read") }
        guard st.st_mode & 0o077 == 0 else {
            throw .invalid("config", "smtp.password_file \(path) is readable by others; run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .invalid("config", "smtp.password_file \(path) cannot be read")
        }
        return text.trimmingCharacters(in: .newlines)
    }

    /// "Name <addr@host>" or "addr@host".
    static func parseFrom(_ text: String, source: String) throws(ServiceError) -> (String, String) {
        var name = "", address = text.trimmingCharacters(in: .whitespaces)
        if let lt = address.lastIndex(of: "<"), address.hasSuffix(">") {
            name = address[..<lt].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            address = String(address[address.index(after: lt)..<address.index(before: address.endIndex)])
        }
        // A sender may be a local name (desk@localhost), so this is looser than a customer's address.
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !address.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "<>(),;\"".unicodeScalars.contains($0) }) else {
            throw .invalid("config", "\(source): mail.from must be an address such as \"Cloud Desk <desk@example.com>\"")
        }
        return (name, address)
    }
}
