import Foundation
import TOMLKit

/// The configuration in force: the system file `/etc/resellerdesk/config.toml` (a team desk's, written by
/// the administrator), then the user's `$XDG_CONFIG_HOME/resellerdesk/config.toml` (or `$RESELLERDESK_CONFIG`),
/// then environment variables named after the keys (`smtp.port` is `RESELLERDESK_SMTP_PORT`); each later
/// one wins. Files are real TOML 1.0 (toml++ through TOMLKit). Unknown keys and values of the wrong kind are
/// refused with the file and line, so a typo never silently keeps a default.
public struct ConfigFile: Sendable {
    /// "section.key" → value as text (a list is kept in `lists` too).
    public private(set) var values: [String: String] = [:]
    public private(set) var lists: [String: [String]] = [:]
    /// Where each value came from, for messages: a file's path or "RESELLERDESK_SMTP_PORT".
    private var sources: [String: String] = [:]
    /// Each file's text, to find a key's line when a message needs it (finding every key's line as the file
    /// was read took 5 ms of every start, the terminal's first frame included).
    private var fileTexts: [String: String] = [:]
    /// The files read, in order (a missing file is skipped).
    public private(set) var filesRead: [String] = []

    public init(values: [String: String] = [:]) {
        self.values = values
    }

    public static let systemPath = "/etc/resellerdesk/config.toml"

    /// The system file; `$RESELLERDESK_SYSTEM_CONFIG` replaces it (tests, or a second desk on one host).
    public static func systemPath(_ env: [String: String] = ProcessEnvironment.read()) -> String {
        env["RESELLERDESK_SYSTEM_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? systemPath
    }

    public static func defaultPath(_ env: [String: String] = ProcessEnvironment.read()) -> String {
        if let explicit = env["RESELLERDESK_CONFIG"], !explicit.isEmpty { return explicit }
        let home = env["HOME"] ?? NSHomeDirectory()
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (home + "/.config")
        return base + "/resellerdesk/config.toml"
    }

    /// Reads the system file, the user's file (missing files are fine: defaults apply), then the environment.
    public static func load(systemPath: String? = nil, path: String? = nil,
                            environment: [String: String] = ProcessEnvironment.read())
        throws(ServiceError) -> ConfigFile {
        var config = ConfigFile()
        for file in [systemPath ?? Self.systemPath(environment), path ?? defaultPath(environment)] {
            let read: [UInt8]?
            do {
                read = try FileBytes.read(file)
            } catch {
                throw .invalid("config", "cannot read \(file): \(error.reason)")
            }
            guard let bytes = read else { continue }
            guard var text = String(validating: bytes, as: UTF8.self) else {
                throw .invalid("config", "\(file) is not UTF-8 text")
            }
            // A byte-order mark, as some editors write: TOML skips it, and the lines are counted without it.
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            try config.merge(text: text, source: file)
            config.filesRead.append(file)
        }
        for key in keys {
            let name = envName(key.name)
            guard let value = environment[name] else { continue }
            config.values[key.name] = value
            if key.kind == .list || key.kind == .numbers {
                config.lists[key.name] = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            config.sources[key.name] = name
        }
        return config
    }

    /// The dots replaced as bytes: each start names every key, and mapping Characters took 0.1 ms.
    public static func envName(_ key: String) -> String {
        let bytes = key.uppercased().utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: "_") : $0 }
        return "RESELLERDESK_" + String(decoding: bytes, as: UTF8.self)
    }

    /// Parses one file's TOML and takes its keys, checking each against `keys`.
    public mutating func merge(text: String, source: String) throws(ServiceError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .invalid("config", "\(source) line \(error.source.begin.line): \(error.description)")
        } catch {
            throw .invalid("config", "\(source): \(error)")
        }
        fileTexts[source] = text
        for (key, value) in ConfigFile.flatten(table) {
            let at = { ConfigFile.place(of: key, in: text, source: source) }
            guard let spec = ConfigFile.keyNamed[key] else {
                throw .invalid("config", "\(at()): unknown key \(key); known keys: "
                                + ConfigFile.keys.map(\.name).joined(separator: ", "))
            }
            let (text, list) = try ConfigFile.convert(value, to: spec, at: at)
            values[key] = text
            lists[key] = list
            sources[key] = source
        }
    }

    /// Dotted names for every leaf, whether written as [section] key, section.key or an inline table.
    static func flatten(_ table: TOMLTable, prefix: String = "") -> [(String, any TOMLValueConvertible)] {
        var out: [(String, any TOMLValueConvertible)] = []
        for (name, value) in table {
            let key = prefix.isEmpty ? name : prefix + "." + name
            if let inner = value.table { out += flatten(inner, prefix: key) } else { out.append((key, value)) }
        }
        return out
    }

    /// "/etc/resellerdesk/config.toml line 4", or the file alone when the key's line is not found.
    private static func place(of key: String, in text: String, source: String) -> String {
        ConfigLines.locate(key, in: text).map { "\(source) line \($0)" } ?? source
    }

    private static func convert(_ value: any TOMLValueConvertible, to spec: ConfigKey, at: () -> String)
        throws(ServiceError) -> (String, [String]?) {
        var wrong: ServiceError { .invalid("config", "\(at()): \(spec.name) must be \(spec.kind.expected)") }
        switch spec.kind {
        case .text:
            guard let s = value.string else { throw wrong }
            return (s, nil)
        case .number:
            guard let n = value.int else { throw wrong }
            return (String(n), nil)
        case .flag:
            guard let b = value.bool else { throw wrong }
            return (String(b), nil)
        case .list:
            guard let array = value.array else { throw wrong }
            var items: [String] = []
            for item in array {
                guard let s = item.string else { throw wrong }
                items.append(s)
            }
            return (items.joined(separator: ","), items)
        case .numbers:
            guard let array = value.array else { throw wrong }
            var items: [String] = []
            for item in array {
                guard let n = item.int else { throw wrong }
                items.append(String(n))
            }
            return (items.joined(separator: ","), items)
        }
    }

    public func string(_ key: String) -> String? {
        values[key].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func list(_ key: String) -> [String] { lists[key] ?? [] }

    public func int(_ key: String, default value: Int, range: ClosedRange<Int>) throws(ServiceError) -> Int {
        guard let text = values[key] else { return value }
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
            throw .invalid("config", "\(source(key)): \(key) must be a whole number from \(range.lowerBound) "
                            + "to \(range.upperBound), not \"\(text)\"")
        }
        return n
    }

    /// A flag: true or false (TOML's booleans; "true"/"false" from the environment).
    public func flag(_ key: String, default value: Bool) throws(ServiceError) -> Bool {
        guard let text = values[key]?.trimmingCharacters(in: .whitespaces).lowercased() else { return value }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .invalid("config", "\(source(key)): \(key) must be true or false, not \"\(text)\"")
        }
    }

    public func choice(_ key: String, default value: String, among options: [String]) throws(ServiceError) -> String {
        guard let text = string(key)?.lowercased() else { return value }
        guard options.contains(text) else {
            throw .invalid("config", "\(source(key)): \(key) must be one of \(options.joined(separator: ", ")), "
                            + "not \"\(text)\"")
        }
        return text
    }

    /// Where the key's value came from (a file and line, or an environment variable), or the key itself when
    /// it was set in code.
    public func source(_ key: String) -> String {
        guard let from = sources[key] else { return key }
        guard let text = fileTexts[from] else { return from }
        return ConfigFile.place(of: key, in: text, source: from)
    }

    /// Whether the key was set by a file or the environment (else its default applies).
    public func isSet(_ key: String) -> Bool { sources[key] != nil || values[key] != nil }
}

extension ServiceSettings {
    /// The service's settings from the configuration.
    public init(_ config: ConfigFile) throws(ServiceError) {
        self.init()
        if let c = config.string("service.default_currency") {
            // One rule for currencies everywhere: a code or a name ("EUR", "euro").
            switch Currency.resolve(c, field: "service.default_currency") {
            case .success(let currency): defaultCurrency = currency.code
            case .failure(let error):
                throw .invalid("config", "\(config.source("service.default_currency")): \(error.message)")
            }
        }
        paymentTermsDays = try config.int("service.payment_terms_days", default: 30, range: 0...365)
        if let h = config.string("service.help_contact") { helpContact = h }
        if let d = config.string("service.staff_mail_domain") { staffMailDomain = d }
        if let url = config.string("storefront.url") {
            guard let u = URL(string: url), ["http", "https"].contains(u.scheme ?? ""), u.host != nil else {
                throw .invalid("config", "\(config.source("storefront.url")): storefront.url must be an http(s) "
                                + "address such as https://shop.example.com")
            }
            storefrontURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        for proxy in config.list("storefront.trusted_proxies") where !IPAddressText.isValid(proxy) {
            throw .invalid("config", "\(config.source("storefront.trusted_proxies")): \"\(proxy)\" is not an IP "
                            + "address; storefront.trusted_proxies lists the proxies' addresses, such as "
                            + "[\"127.0.0.1\", \"::1\"]")
        }
        trustedProxies = config.list("storefront.trusted_proxies")
        tokenLifetime = TimeInterval(try config.int("tokens.lifetime_hours", default: 72, range: 1...720) * 3600)
        sessionLifetime = TimeInterval(try config.int("storefront.session_hours", default: 8, range: 1...168) * 3600)
        passwordChecks = try config.int("storefront.password_checks", default: 2, range: 1...64)
        idleTimeout = try config.int("storefront.idle_timeout_seconds", default: 30, range: 1...3600)
        invitationsPerDay = try config.int("storefront.invitations_per_day", default: 20, range: 1...10_000)
        endCustomersPerDay = try config.int("storefront.end_customers_per_day", default: 50, range: 1...10_000)
        seller = try Seller(config)
        dunning = try DunningPolicy(config)
    }
}

/// Whether a text is one IPv4 or IPv6 address (no names, no prefixes).
public enum IPAddressText {
    public static func isValid(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
