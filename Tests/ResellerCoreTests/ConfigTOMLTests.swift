import Foundation
import Testing
@testable import ResellerCore

/// The configuration files are TOML 1.0: valid documents of the toml-test kind are read whole, invalid ones
/// are refused with the file and line, and the keys keep their strict names and kinds.
@Suite struct ConfigTOMLTests {
    func parse(_ text: String) throws(ServiceError) -> ConfigFile {
        var config = ConfigFile()
        try config.merge(text: text, source: "/etc/resellerdesk/config.toml")
        return config
    }

    func refusal(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "accepted"
        } catch {
            return error.fieldErrors.map(\.message).joined(separator: "; ")
        }
    }

    @Test func literalAndBasicStringsArraysInlineTablesAndCommentsEverywhere() throws {
        let c = try parse("""
            # a team desk   
            smtp = { host = "relay.example.com", port = 587, security = "starttls" }   # an inline table
            service.help_contact = "the desk, +30 210 000"     # a dotted key
            [mail]   # the way out
            transport = 'maildir'          # a literal string: no escapes
            maildir = '/var/lib/resellerdesk/Maildir'
            from = "Cloud Desk \\u00e9 <desk@example.com>"   # a basic string with an escape
            templates = '''
            C:\\templates'''
            [storage]
            path = "/var/lib/resellerdesk/desk/desk.sqlite"
            max_pages = 1_000_000                              # underscores in numbers

            [storefront]
            trusted_proxies = [
              "127.0.0.1",   # the proxy on this host
              "::1",
            ]
            """)
        #expect(c.string("mail.transport") == "maildir")
        #expect(c.string("mail.from") == "Cloud Desk é <desk@example.com>")
        #expect(c.string("mail.templates") == "C:\\templates")
        #expect(try c.int("storage.max_pages", default: 0, range: 0...2_000_000) == 1_000_000)
        #expect(c.string("smtp.host") == "relay.example.com")
        #expect(try c.int("smtp.port", default: 25, range: 1...65535) == 587)
        #expect(c.string("storage.path") == "/var/lib/resellerdesk/desk/desk.sqlite")
        #expect(c.list("storefront.trusted_proxies") == ["127.0.0.1", "::1"])
        #expect(c.source("mail.transport") == "/etc/resellerdesk/config.toml line 5")
        #expect(c.source("smtp.port") == "/etc/resellerdesk/config.toml line 2")
        #expect(c.source("service.help_contact") == "/etc/resellerdesk/config.toml line 3")
        #expect(c.source("storefront.trusted_proxies") == "/etc/resellerdesk/config.toml line 15")
    }

    @Test func invalidTOMLIsRefusedWithTheLine() {
        #expect(refusal("[mail]\ntransport = maildir").contains("config.toml line 2"))   // a bare word is no value
        #expect(refusal("[mail\ntransport = 'x'").contains("line 1"))
        #expect(refusal("a = 1\na = 2").contains("line 2"))                               // a key defined twice
        #expect(refusal("[smtp]\nport = 25\n[smtp]\nhost = 'x'").contains("line 3"))     // a table defined twice
        #expect(refusal("[mail]\nfrom = \"unterminated").contains("line 2"))
        #expect(refusal("[mail]\nfrom = 'it''s'").contains("line 2"))
        #expect(refusal("x = [1, 2").contains("line 1"))
        #expect(refusal("just words").contains("line 1"))
    }

    @Test func keysAndKindsStayStrict() {
        #expect(refusal("[mail]\ntranport = \"smtp\"").contains("line 2: unknown key mail.tranport"))
        #expect(refusal("[smtp]\nport = \"587\"").contains("line 2: smtp.port must be a whole number (no quotes)"))
        #expect(refusal("[mail]\ntransport = 3").contains("mail.transport must be text in quotes"))
        #expect(refusal("[storefront]\ntrusted_proxies = \"10.0.0.1\"").contains("must be a list of texts"))
        #expect(refusal("[storefront]\ntrusted_proxies = [1, 2]").contains("must be a list of texts"))
        // Tables beyond one level are TOML; our keys have two parts, so a deeper one is an unknown key.
        #expect(refusal("[mail.smtp]\nhost = 'x'").contains("line 2: unknown key mail.smtp.host"))
        #expect(refusal("[mail]\nwhen = 1979-05-27T07:32:00Z").contains("unknown key mail.when"))
        #expect(refusal("[smtp]\nport = 2.5").contains("smtp.port must be a whole number"))
    }

    /// The storefront's daily caps (review L3): numbers in a range, refused by name otherwise.
    @Test func theStorefrontQuotasAreConfigurable() throws {
        let set = try ServiceSettings(parse("[storefront]\ninvitations_per_day = 3\nend_customers_per_day = 7"))
        #expect(set.invitationsPerDay == 3 && set.endCustomersPerDay == 7)
        let defaults = try ServiceSettings(parse(""))
        #expect(defaults.invitationsPerDay == 20 && defaults.endCustomersPerDay == 50)
        #expect(throws: ServiceError.self) { try ServiceSettings(parse("[storefront]\ninvitations_per_day = 0")) }
        #expect(refusal("[storefront]\nend_customers_per_day = '5'").contains("must be a whole number"))
        do {
            _ = try ServiceSettings(parse("[storefront]\nend_customers_per_day = 100000"))
            Issue.record("a cap out of range was accepted")
        } catch {
            #expect(error.description.contains(
                "storefront.end_customers_per_day must be a whole number from 1 to 10000"))
        }
    }

    /// Each key's variable, named byte by byte, as Foundation names it: upper case, dots as underscores.
    @Test func everyKeyHasItsEnvironmentVariable() {
        for key in ConfigFile.keys {
            #expect(ConfigFile.envName(key.name)
                        == "RESELLERDESK_" + key.name.uppercased().replacingOccurrences(of: ".", with: "_"))
        }
        #expect(ConfigFile.envName("smtp.port") == "RESELLERDESK_SMTP_PORT")
    }

    @Test func aConfigFileThatIsNotUTF8IsRefused() throws {
        let file = NSTemporaryDirectory() + "rd-latin1-" + UUID().uuidString + ".toml"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let latin1 = Array("[company]\nname = 'Caf".utf8) + [0xE9] + Array("'\n".utf8)   // "Café" in Latin-1
        try Data(latin1).write(to: URL(fileURLWithPath: file))
        #expect(throws: ServiceError.invalid("config", "\(file) is not UTF-8 text")) {
            try ConfigFile.load(systemPath: file, path: "/nonexistent/user.toml", environment: [:])
        }
    }

    /// A byte-order mark, as some editors write, is no line of its own: the keys keep their line numbers.
    @Test func aByteOrderMarkKeepsTheLineNumbers() throws {
        let file = NSTemporaryDirectory() + "rd-bom-" + UUID().uuidString + ".toml"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "\u{FEFF}[company]\nname = 'Example'\n".write(toFile: file, atomically: true, encoding: .utf8)
        let config = try ConfigFile.load(systemPath: file, path: "/nonexistent/user.toml", environment: [:])
        #expect(config.string("company.name") == "Example")
        #expect(config.source("company.name") == file + " line 2")
    }

    @Test func systemFileThenUserFileThenEnvironment() throws {
        let folder = NSTemporaryDirectory() + "rd-layers-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "[storage]\npath = '/var/lib/resellerdesk/desk/desk.sqlite'\n[mail]\nfrom = 'System <s@example.com>'\n"
            .write(toFile: folder + "/system.toml", atomically: true, encoding: .utf8)
        try "[mail]\nfrom = 'Mine <m@example.com>'\n"
            .write(toFile: folder + "/user.toml", atomically: true, encoding: .utf8)
        let env = ["RESELLERDESK_SYSTEM_CONFIG": folder + "/system.toml", "RESELLERDESK_CONFIG": folder + "/user.toml",
                   "RESELLERDESK_SMTP_PORT": "2525", "HOME": folder]
        let c = try ConfigFile.load(environment: env)
        #expect(c.filesRead == [folder + "/system.toml", folder + "/user.toml"])
        #expect(c.string("storage.path") == "/var/lib/resellerdesk/desk/desk.sqlite")
        #expect(c.source("storage.path") == folder + "/system.toml line 2")
        #expect(c.string("mail.from") == "Mine <m@example.com>")                 // the user's file wins
        #expect(c.source("mail.from") == folder + "/user.toml line 2")
        #expect(c.source("smtp.port") == "RESELLERDESK_SMTP_PORT")              // the environment wins over both
        let db = DatabaseLocation.resolve(explicit: nil, config: c, environment: env)
        #expect(db.path == "/var/lib/resellerdesk/desk/desk.sqlite")
        #expect(db.source == folder + "/system.toml line 2")
        let withDB = env.merging(["RESELLERDESK_DB": "/x"]) { $1 }
        #expect(DatabaseLocation.resolve(explicit: nil, config: c, environment: withDB)
                    .path == "/x")
        #expect(DatabaseLocation.resolve(explicit: "/y", config: c, environment: env).source == "--db")
        // Without the system file, the per-user default.
        let alone = try ConfigFile.load(environment: ["RESELLERDESK_SYSTEM_CONFIG": folder + "/none.toml",
                                                      "HOME": folder])
        #expect(alone.filesRead.isEmpty)
        #expect(DatabaseLocation.resolve(explicit: nil, config: alone, environment: ["HOME": folder]).path
                    == folder + "/.local/share/resellerdesk/resellerdesk.sqlite")
    }
}
