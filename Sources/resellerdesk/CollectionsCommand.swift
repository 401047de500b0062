import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct CollectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collections",
        abstract: "Send the reminders now due for overdue invoices and suspend accounts past the limit.",
        discussion: """
            The policy is [dunning] in the configuration: reminder_days (default 3, 10 and 20 days after the \
            due date: a reminder, a second reminder, a final notice naming the suspension date) and \
            suspend_after_days (default 30; 0 never). Each step goes once per invoice, however often the run \
            is repeated; `account collections` pauses an account or turns its automatic suspension off.
            """,
        subcommands: [Run.self, Preview.self])
}

extension CollectionsCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Send the steps due today and suspend past the limit; safe to repeat.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            var failed = false
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let report = try ctx.service.collectionsRun()
                failed = !report.failures.isEmpty
                CollectionsCommand.print(report, json: ctx.json, preview: false)
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview", abstract: "What a run today would send and suspend, changing nothing.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                CollectionsCommand.print(try ctx.service.collectionsPreview(), json: ctx.json, preview: true)
            }
        }
    }

    /// One line per account the run acts on, the failures on stderr, and the sums.
    static func print(_ report: CollectionsReport, json: Bool, preview: Bool) {
        if json { JSON.print(CollectionsJSON.report(report)); return }
        for f in report.failures { Console.error("account: \(AccountCode.format(f.accountId)): \(f.message)") }
        guard !report.actions.isEmpty else {
            Swift.print("Nothing to send or suspend on \(report.today)"
                        + " (\(report.accountsExamined) account(s) owing past a due date).")
            return
        }
        var t = TextTable([.init("Account"), .init("Name", flexible: true), .init("Overdue", alignRight: true),
                           .init("Step"), .init("Emails", alignRight: true), .init("Suspension")])
        for a in report.actions {
            t.add([a.accountCode, a.accountName, a.totalOverdue.display, a.mail?.stepLabel ?? "—",
                   String(a.emails), a.suspended ?? ""])
        }
        Swift.print(t.render())
        let verb = preview ? "would send" : "sent"
        let reminded = report.actions.filter { $0.step != nil }.count
        Swift.print("\(report.today): \(verb) \(report.emails) email(s) to \(reminded) account(s); "
                    + "\(preview ? "would suspend" : "suspended") \(report.suspensions).")
    }
}
