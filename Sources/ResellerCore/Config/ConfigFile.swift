import Foundation

/// The configuration file, `$XDG_CONFIG_HOME/resellerdesk/config.toml` (or `$RESELLERDESK_CONFIG`), in the
/// small part of TOML it needs: `[section]` headers, `key = "string" | 123 | true`, `#` comments. Every key
/// can also be set by an environment variable named after it: `smtp.port` is `RESELLERDESK_SMTP_PORT`.
/// Unknown keys are refused, so a typo never silently keeps a default.
public struct ConfigFile: Sendable {
    /// "section.key" → value as text.
    public private(set) var values: [String: String] = [:]
    /// Where each value came from, for messages: "config.toml line 4" or "RESELLERDESK_SMTP_PORT".
    private var sources: [String: String] = [:]

    /// Every key the program reads, with what it means (printed by `resellerdesk config`).
    public static let keys: [(key: String, help: String)] = [
        ("service.default_currency", "currency of new accounts (ISO 4217), default EUR"),
        ("service.help_contact", "whom emails and error pages tell people to ask"),
        ("service.staff_mail_domain", "staff logins get mail at login@this-domain"),
        ("storefront.url", "base URL of the storefront in emailed links, default http://127.0.0.1:8080"),
        ("storage.max_pages", "cap on the database file in 4 KiB pages; when reached, changes are refused (default 0: none)"),
        ("storefront.session_hours", "how long a storefront sign-in lasts, default 8"),
        ("tokens.lifetime_hours", "how long activation and reset links stay valid, default 72"),
        ("mail.transport", "maildir (default), smtp or sendmail"),
        ("mail.from", "sender, e.g. \"Cloud Desk <desk@example.com>\""),
        ("mail.maildir", "Maildir folder, default ~/.local/share/resellerdesk/Maildir"),
        ("mail.templates", "folder whose KIND.txt / KIND.html files override the built-in templates"),
        ("mail.max_attempts", "attempts before a message is marked failed, default 8"),
        ("smtp.host", "relay host"),
        ("smtp.port", "relay port (default 25, 587 for starttls, 465 for tls)"),
        ("smtp.security", "none, starttls or tls"),
        ("smtp.username", "login for AUTH (PLAIN or LOGIN)"),
        ("smtp.password_env", "name of the environment variable holding the password"),
        ("smtp.password_file", "file holding the password; must be readable by its owner only"),
        ("smtp.ca_file", "PEM file of CA certificates to trust (default: the system's)"),
        ("smtp.timeout_seconds", "connect and reply timeout, default 30"),
        ("sendmail.path", "sendmail-compatible program, default /usr/sbin/sendmail"),
    ]

    public init(values: [String: String] = [:]) {
        self.values = values
    }

    public static func defaultPath(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = env["RESELLERDESK_CONFIG"], !explicit.isEmpty { return explicit }
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/resellerdesk/config.toml"
    }

    /// Reads the file (a missing file is fine: defaults apply) and then the environment.
    public static func load(path: String = defaultPath(), environment: [String: String] = ProcessInfo.processInfo.environment) throws(ServiceError) -> ConfigFile {
        var config = ConfigFile()
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .invalid("config", "cannot read \(path) as UTF-8 text")
            }
            try config.merge(text: text, source: path)
        }
        for (key, _) in keys {
            let name = envName(key)
            if let value = environment[name] {
                config.values[key] = value
                config.sources[key] = name
            }
        }
        return config
    }

    public static func envName(_ key: String) -> String {
        "RESELLERDESK_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    public mutating func merge(text: String, source: String) throws(ServiceError) {
        var section = ""
        let known = Set(ConfigFile.keys.map(\.key))
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let at = "\((source as NSString).lastPathComponent) line \(n + 1)"
            let line = ConfigFile.stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw .invalid("config", "\(at): a section header looks like [mail]") }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw .invalid("config", "\(at): expected key = value") }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            let key = section.isEmpty ? name : section + "." + name
            guard known.contains(key) else {
                throw .invalid("config", "\(at): unknown key \(key); known keys: \(ConfigFile.keys.map(\.key).joined(separator: ", "))")
            }
            values[key] = try ConfigFile.value(line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces), at: at)
            sources[key] = at
        }
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false, escaped = false
        for (i, c) in zip(line.indices, line) {
            if escaped { escaped = false; continue }
            if c == "\\" && inString { escaped = true; continue }
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { return String(line[..<i]) }
        }
        return line
    }

    private static func value(_ text: String, at: String) throws(ServiceError) -> String {
        if text == "true" || text == "false" { return text }
        if let n = Int(text) { return String(n) }
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
            throw .invalid("config", "\(at): a value is \"text\", a whole number, true or false")
        }
        var out = "", escaped = false
        for c in text.dropFirst().dropLast() {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\"", "\\": out.append(c)
                default: throw .invalid("config", "\(at): unknown escape \\\(c)")
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                throw .invalid("config", "\(at): a quote inside a string must be written \\\"")
            } else {
                out.append(c)
            }
        }
        return out
    }

    public func string(_ key: String) -> String? {
        values[key].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func int(_ key: String, default value: Int, range: ClosedRange<Int>) throws(ServiceError) -> Int {
        guard let text = values[key] else { return value }
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
            throw .invalid("config", "\(sources[key] ?? key): \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return n
    }

    public func choice(_ key: String, default value: String, among options: [String]) throws(ServiceError) -> String {
        guard let text = string(key)?.lowercased() else { return value }
        guard options.contains(text) else {
            throw .invalid("config", "\(sources[key] ?? key): \(key) must be one of \(options.joined(separator: ", ")), not \"\(text)\"")
        }
        return text
    }

    public func source(_ key: String) -> String { sources[key] ?? key }
}

extension ServiceSettings {
    /// The service's settings from the configuration.
    public init(_ config: ConfigFile) throws(ServiceError) {
        self.init()
        if let c = config.string("service.default_currency") {
            guard let currency = Currency.named(c) else {
                throw .invalid("config", "\(config.source("service.default_currency")): \"\(c)\" is not a supported ISO 4217 currency code")
            }
            defaultCurrency = currency.code
        }
        if let h = config.string("service.help_contact") { helpContact = h }
        if let d = config.string("service.staff_mail_domain") { staffMailDomain = d }
        if let url = config.string("storefront.url") {
            guard let u = URL(string: url), ["http", "https"].contains(u.scheme ?? ""), u.host != nil else {
                throw .invalid("config", "\(config.source("storefront.url")): storefront.url must be an http(s) address such as https://shop.example.com")
            }
            storefrontURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        tokenLifetime = TimeInterval(try config.int("tokens.lifetime_hours", default: 72, range: 1...720) * 3600)
        sessionLifetime = TimeInterval(try config.int("storefront.session_hours", default: 8, range: 1...168) * 3600)
    }
}
