import Foundation
import ResellerCore
import Templating
import Testing
@testable import Mail

/// Staff template overrides are read only from a folder and files that nobody but their owner (root or the
/// reading login) may write, and never through a symlink: a member who can write `mail.templates` must not
/// be able to mail a secret file (the SMTP password) to an address they choose.
@Suite struct TemplateTrustTests {
    /// A templates folder (0755) with a secret beside it (0600) that must never be mailed.
    struct Folder {
        let root = NSTemporaryDirectory() + "rd-trust-" + UUID().uuidString
        var templates: String { root + "/templates" }
        var secret: String { root + "/smtp-password" }

        init() throws {
            try FileManager.default.createDirectory(atPath: root + "/templates", withIntermediateDirectories: true)
            chmod(templates, 0o755)
            try "s3cret-password".write(toFile: secret, atomically: false, encoding: .utf8)
            chmod(secret, 0o600)
        }

        func write(_ name: String, _ text: String, mode: mode_t = 0o644) throws {
            try text.write(toFile: templates + "/" + name, atomically: false, encoding: .utf8)
            chmod(templates + "/" + name, mode)
        }

        func build() throws -> Result<String, TemplateError> {
            let settings = try MailSettings(ConfigFile(values: ["mail.templates": templates]), environment: [:])
            let m = OutboxMessage(id: 1, kind: .test, toAddress: "m@evil.example", toName: "M", subject: "S",
                                  params: [:], createdAt: Date(), nextAttemptAt: Date())
            do throws(TemplateError) {
                let out = try MessageBuilder(settings: settings).build(m)
                return .success(String(decoding: out.data, as: UTF8.self))
            } catch {
                return .failure(error)
            }
        }

        /// The refusal, or the built message when there was none.
        func refusal() throws -> String {
            switch try build() {
            case .failure(let error): return error.description
            case .success(let message): return "built: " + message
            }
        }
    }

    @Test func aTrustedOverrideIsUsed() throws {
        let f = try Folder()
        defer { try? FileManager.default.removeItem(atPath: f.root) }
        try f.write("test.txt", "Our own test text")
        guard case .success(let message) = try f.build() else { Issue.record("refused"); return }
        #expect(message.contains(Data("Our own test text".utf8).base64EncodedString().prefix(20)))
    }

    @Test func aTemplateThatIsASymlinkIsRefused() throws {
        let f = try Folder()
        defer { try? FileManager.default.removeItem(atPath: f.root) }
        symlink(f.secret, f.templates + "/test.txt")
        let why = try f.refusal()
        #expect(why.contains("\(f.templates)/test.txt is a symbolic link"), "\(why)")
        #expect(!why.contains(Data("s3cret".utf8).base64EncodedString().prefix(6)))
    }

    @Test func aTemplateOthersMayWriteIsRefused() throws {
        let f = try Folder()
        defer { try? FileManager.default.removeItem(atPath: f.root) }
        try f.write("test.txt", "{{subject}} written by a member", mode: 0o664)
        let why = try f.refusal()
        #expect(why.contains("\(f.templates)/test.txt is not trusted: others than its owner may write it (mode 664)"),
                "\(why)")
    }

    @Test func aFolderOthersMayWriteIsRefused() throws {
        let f = try Folder()
        defer { try? FileManager.default.removeItem(atPath: f.root) }
        try f.write("test.txt", "Fine on its own")
        chmod(f.templates, 0o2775)
        let why = try f.refusal()
        #expect(why.contains("the templates folder \(f.templates) is not trusted: others than its owner may write it"),
                "\(why)")
    }

    @Test(.enabled(if: getuid() == 0, "needs root: a template owned by another login can only be made by root"))
    func aTemplateOwnedByAnotherLoginIsRefused() throws {
        let f = try Folder()
        defer { try? FileManager.default.removeItem(atPath: f.root) }
        try f.write("test.txt", "Written by nobody")
        chown(f.templates + "/test.txt", 65534, 65534)
        let why = try f.refusal()
        #expect(why.contains("\(f.templates)/test.txt is not trusted: it belongs to nobody, not to root"), "\(why)")
    }

    @Test func theTrustRuleReadsOwnerAndModeOnly() {
        let login: (uid_t) -> String = { [0: "root", 1001: "alice", 1002: "mallory"][$0] ?? "uid \($0)" }
        #expect(TemplateFile.distrust("/t/a.txt", owner: 1001, mode: 0o100644, reader: 1001, login: login) == nil)
        #expect(TemplateFile.distrust("/t", owner: 0, mode: 0o042755, reader: 1001, login: login) == nil)   // setgid
        #expect(TemplateFile.distrust("/t/a.txt", owner: 1002, mode: 0o100644, reader: 1001, login: login)
                    == "it belongs to mallory, not to root or alice (who reads it): sudo chown root /t/a.txt")
        #expect(TemplateFile.distrust("/t", owner: 0, mode: 0o041777, reader: 1001, login: login)
                    == "others than its owner may write it (mode 1777): sudo chmod go-w /t")
    }
}
