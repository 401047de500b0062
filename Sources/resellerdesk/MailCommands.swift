import ArgumentParser
import ResellerCore
import TerminalKit

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail", abstract: "The outbox.", subcommands: [MailList.self])
}

struct MailList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The outbox: id, to, subject, status, created, sent.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "At most this many, newest first.") var limit = 200
    @Flag(help: "Print a JSON array.") var json = false

    func run() throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            let mails = try ctx.service.outbox(limit: limit)
            if ctx.json { JSON.print(mails.map(JSONValues.mail)); return }
            if mails.isEmpty { print("The outbox is empty."); return }
            var t = TextTable([.init("Id", alignRight: true), .init("To"), .init("Subject", flexible: true), .init("Status"),
                               .init("Created"), .init("Sent")])
            for m in mails {
                t.add([String(m.id), m.toAddress, m.subject, m.status.rawValue + (m.lastError.map { " (\($0))" } ?? ""),
                       Format.timestamp(m.createdAt), m.sentAt.map(Format.timestamp) ?? "-"])
            }
            print(t.render())
        }
    }
}
