import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct PaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment", abstract: "Record, list and reverse payments; import bank statements.",
        subcommands: [Add.self, List.self, Reverse.self, Import.self, Unmatched.self])
}

extension PaymentCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Record a payment; it raises the available credit.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code.") var account: String
        @Argument(help: "Amount in the account currency, e.g. 250.00.") var amount: String
        @Option var note = ""
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                let paid = try ctx.service.recordPayment(accountId: a.id, PaymentForm(amount: amount, note: note),
                                                         by: ctx.actor)
                let available = try ctx.service.availableCredit(a.id)
                if ctx.json {
                    JSON.print(["account": a.code, "amount": paid.decimalString,
                                "availableCredit": available?.text ?? NSNull()])
                    return
                }
                print("Recorded \(paid.display) for \(a.code); "
                      + "available credit now \(available?.display ?? "n/a (ordering off)")")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List an account's payments, newest first.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code.") var account: String
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                let payments = try ctx.service.payments(of: a.id)
                if ctx.json { JSON.print(payments.map(JSONValues.ledgerEntry)); return }
                if payments.isEmpty { print("\(a.code) has no payments"); return }
                var t = TextTable([.init("Id", alignRight: true), .init("Recorded"), .init("By"),
                                   .init("Amount", alignRight: true), .init("Note", flexible: true)])
                for p in payments {
                    t.add([String(p.id), Format.timestamp(p.createdAt), p.createdBy, p.amount.display,
                           p.reversedBy.map { "reversed by entry \($0)" } ?? (p.note ?? "")])
                }
                print(t.render())
            }
        }
    }

    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reverse", abstract: "Reverse a payment: a new debit that names it, with the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The payment's id, as `payment list` shows it.") var payment: String
        @Option(help: "Why (a returned transfer, the wrong account).") var reason: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                guard let id = Int64(payment), id > 0 else {
                    throw .invalid("payment", "\"\(payment)\" is not a payment id (a number, as `payment list` shows)")
                }
                let reversal = try ctx.service.reversePayment(id, ReasonForm(reason: reason), by: ctx.actor)
                if ctx.json { JSON.print(JSONValues.ledgerEntry(reversal)); return }
                print("Reversed payment \(id) (\(reversal.amount.display)); "
                      + "balance now \(reversal.balanceAfter.display)")
            }
        }
    }
}
