import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct InvoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "List invoices and show one with its lines.",
        subcommands: [List.self, Show.self])
}

extension InvoiceCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Invoices of an account, or of every account; oldest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Account id or code.") var account: String?
        @Option(help: "Only open, paid or overdue invoices.") var status: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let only: InvoiceStatus?
                do throws(FieldError) {
                    only = try status.map { s throws(FieldError) in try InvoiceStatus.parse(s) }
                } catch {
                    throw .invalid([error])
                }
                let invoices: [Invoice]
                if let account {
                    invoices = try ctx.service.invoices(of: try ctx.service.findAccount(account).id, status: only)
                } else {
                    invoices = try ctx.service.allInvoices(status: only)
                }
                if ctx.json {
                    // The list leaves the lines to `invoice show`.
                    JSON.print(invoices.map { i in
                        var v = JSONValues.settledInvoice(i)
                        v["lines"] = nil
                        v["lineCount"] = i.draft.lines.count
                        return v
                    })
                    return
                }
                if invoices.isEmpty { print("No invoices."); return }
                print(InvoiceTable.render(invoices, status: true))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One invoice with its lines.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Invoice number, e.g. INV-000001.") var number: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let i = try ctx.service.invoice(number: number)
                if ctx.json { JSON.print(JSONValues.settledInvoice(i)); return }
                let d = i.draft
                print("\(i.number) for \(AccountCode.format(d.billedAccountId)), dated \(d.date), due \(d.dueDate)"
                      + " · \(i.status?.rawValue ?? "")")
                print(InvoiceTable.lines(d.lines))
                // No tax is computed in this version (domain.md#invoices): the invoice says so.
                print("Total \(d.total.display) (amounts exclude tax)")
            }
        }
    }
}
