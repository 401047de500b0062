import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct BillingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "Issue the invoices that are due, or preview them for one account.",
        subcommands: [Run.self, Preview.self])
}

extension BillingCommand {
    /// `--through DATE`, validated like every input: a refused date names the field.
    enum ThroughDate {
        static func parse(_ text: String?) throws(ServiceError) -> CalendarDay? {
            guard let text else { return nil }
            do throws(FieldError) {
                return try CalendarDay.parse(text, field: "through", label: "--through")
            } catch {
                throw .invalid([error])
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Issue every invoice due up to a day (default today); safe to repeat.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The last day to bill, YYYY-MM-DD (default today).") var through: String?
        @Flag(help: "Then the collections run, even when some accounts could not be billed (the daily service).")
        var collections = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            var failed = false
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let day = try ThroughDate.parse(through) ?? ctx.service.today
                // The run hands over its invoices batch by batch; the text keeps only the first rows of its table,
                // so a month-end run over any number of accounts (the daily service) holds no more than that.
                var issued = 0, shown: [Invoice] = [], listed: [[String: Any]] = []
                let failures = try ctx.service.billingRun(through: day, by: ctx.actor) { batch in
                    issued += batch.count
                    if ctx.json {
                        listed += batch.map { JSONValues.invoice(number: $0.number, $0.draft) }
                    } else {
                        shown += batch.prefix(max(0, Self.tableRows - shown.count))
                    }
                }
                failed = !failures.isEmpty
                // After the invoices, so a payment that came in with today's statement counts first.
                let collected = collections ? try ctx.service.collectionsRun() : nil
                failed = failed || !(collected?.failures.isEmpty ?? true)
                if ctx.json {
                    var out: [String: Any] = [
                        "through": day.description,
                        "invoices": listed,
                        "failures": failures.map { ["accountId": $0.accountId, "message": $0.message] }]
                    if let collected { out["collections"] = CollectionsJSON.report(collected) }
                    JSON.print(out)
                    return
                }
                defer { if let collected { CollectionsCommand.print(collected, json: false, preview: false) } }
                // An account the run could not bill does not stop the others; each is told, and the exit says so.
                // (A refusal that already names the account, as a seller not configured, is not named twice.)
                for f in failures {
                    let code = AccountCode.format(f.accountId)
                    let named = f.message.hasPrefix(code + ": ") ? f.message : "\(code): \(f.message)"
                    Console.error("account: " + named)
                }
                if issued == 0 {
                    print(failures.isEmpty ? "Nothing due through \(day)."
                          : "No invoice issued through \(day): \(failures.count) account(s) could not be billed.")
                    return
                }
                print(InvoiceTable.render(shown))
                if issued > shown.count {
                    print("and \(issued - shown.count) more (`resellerdesk invoice list` lists every invoice).")
                }
                print("\(issued) invoice(s) issued through \(day).")
            }
            if failed { throw ExitCode(1) }
        }

        /// The rows of the table a run prints; the rest are counted.
        static let tableRows = 100
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview", abstract: "What a run would issue for one account, issuing nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code.") var account: String
        @Option(help: "The last day to bill, YYYY-MM-DD (default today).") var through: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let day = try ThroughDate.parse(through)
                let a = try ctx.service.findAccount(account)
                let drafts = try ctx.service.billingPreview(accountId: a.id, through: day)
                let shown = (day ?? ctx.service.today).description
                if ctx.json {
                    JSON.print(["account": a.code, "through": shown,
                                "invoices": drafts.map { JSONValues.invoice(number: nil, $0) }])
                    return
                }
                if drafts.isEmpty { print("Nothing due for \(a.code) through \(shown)."); return }
                for d in drafts {
                    print("Invoice of \(d.date), due \(d.dueDate): \(d.total.display)")
                    print(InvoiceTable.lines(d.lines))
                    print(InvoiceTable.totals(d.amounts))
                }
            }
        }
    }
}
