import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct InvoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "List invoices, show one with its lines, export their PDF and e-invoice.",
        subcommands: [List.self, Show.self, Export.self])
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
                if ctx.json { JSON.print(JSONValues.settledInvoice(try ctx.service.invoice(number: number))); return }
                // The document as the terminal, the storefront and the email show it: seller, buyer, lines, net,
                // VAT per category and rate, the gross total and the notes (domain.md#the-seller-and-tax).
                let document = try ctx.service.invoiceDocument(number: number, by: ctx.actor)
                print(InvoiceTable.document(document))
            }
        }
    }
}
