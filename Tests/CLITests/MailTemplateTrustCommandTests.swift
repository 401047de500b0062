import Foundation
import Testing
import DeskTestSupport

/// A refused staff template, as staff see it: `doctor` fails naming the file and why, `mail list` says it,
/// and the email it would have built is held, its error naming the file.
@Suite struct MailTemplateTrustCommandTests {
    let cli = CLI()

    @Test func doctorAndMailListSayWhyATemplateIsRefused() throws {
        let templates = cli.folder + "/templates"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        chmod(templates, 0o755)
        try "the desk's secret".write(toFile: cli.folder + "/secret", atomically: false, encoding: .utf8)
        symlink(cli.folder + "/secret", templates + "/activation.txt")
        let env = ["XDG_DATA_HOME": cli.folder + "/data", "RESELLERDESK_MAIL_TRANSPORT": "",
                   "RESELLERDESK_MAIL_TEMPLATES": templates]
        #expect(try cli.run(["account", "add", "--name", "Aegean", "--email", "a@aegean.example", "--country", "GR"],
                            environment: env).code == 0)
        #expect(try cli.run(["contact", "add", "1", "--first-name", "Maria", "--last-name", "Oikonomou",
                             "--email", "maria@aegean.example", "--storefront"], environment: env).code == 0)
        let why = "\(templates)/activation.txt is a symbolic link"

        let doctor = try cli.run(["doctor"], environment: env)
        #expect(doctor.code == 1)
        let line = doctor.out.split(separator: "\n").first { $0.hasPrefix("fail mail templates:") }.map(String.init)
        #expect(line?.contains(why) == true, "\(doctor.out)")

        #expect(try cli.run(["mail", "deliver", "--json"], environment: env).object["failed"] as? Int == 1)
        let list = try cli.run(["mail", "list"], environment: env)
        #expect(list.code == 0)
        #expect(list.err.contains("mail.templates: \(why)"), "\(list.err)")
        let rows = try #require(try cli.run(["mail", "list", "--json"], environment: env).json as? [[String: Any]])
        #expect((rows.first?["lastError"] as? String)?.hasPrefix(why) == true, "\(rows)")
        let maildir = cli.folder + "/data/resellerdesk/Maildir/new"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: maildir)) ?? []).isEmpty)
    }
}
