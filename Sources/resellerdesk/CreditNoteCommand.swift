import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct CreditNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit-note",
        abstract: "List credit notes, show one with its lines, export their PDF and e-invoice.",
        subcommands: [List.self, Show.self, Export.self])
}

extension CreditNoteCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Credit notes of an account, or of every account; oldest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Account id or code.") var account: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let notes: [CreditNote]
                if let account {
                    notes = try ctx.service.creditNotes(of: try ctx.service.findAccount(account).id)
                } else {
                    notes = try ctx.service.allCreditNotes()
                }
                if ctx.json {
                    // The list leaves the lines to `credit-note show`.
                    JSON.print(notes.map { n in
                        var v = JSONValues.creditNote(n)
                        v["lines"] = nil
                        v["lineCount"] = n.draft.lines.count
                        return v
                    })
                    return
                }
                if notes.isEmpty { print("No credit notes."); return }
                // Gross totals, as the invoices they credit; `--json` keeps the line count.
                var t = TextTable([.init("Credit note"), .init("Account"), .init("Date"), .init("Credits"),
                                   .init("VAT", alignRight: true), .init("Total", alignRight: true)])
                for n in notes {
                    t.add([n.number, AccountCode.format(n.draft.billedAccountId), n.draft.date.description,
                           n.draft.creditedInvoiceNumber ?? "", n.draft.amounts.tax.decimalString,
                           n.draft.total.display])
                }
                print(TerminalSafe.line(t.render()))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One credit note with its lines.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Credit note number, e.g. CRN-000001.") var number: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                if ctx.json { JSON.print(JSONValues.creditNote(try ctx.service.creditNote(number: number))); return }
                // As it prints everywhere: the invoice it credits, with that invoice's categories and rates.
                let document = try ctx.service.creditNoteDocument(number: number, by: ctx.actor)
                print(InvoiceTable.document(document))
            }
        }
    }
}
