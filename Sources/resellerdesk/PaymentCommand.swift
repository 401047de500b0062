import ArgumentParser
import ResellerCore

struct PaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "payment", abstract: "Record payments.", subcommands: [PaymentAdd.self])
}

struct PaymentAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a payment; it raises the available credit.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Account id or code.") var account: String
    @Argument(help: "Amount in the account currency, e.g. 250.00.") var amount: String
    @Option var note = ""
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            let a = try ctx.service.findAccount(account)
            let paid = try ctx.service.recordPayment(accountId: a.id, amount: amount, note: note, by: ctx.actor)
            let available = try ctx.service.availableCredit(a.id)
            if ctx.json {
                JSON.print(["account": a.code, "amount": paid.decimalString, "availableCredit": available?.text ?? NSNull()])
                return
            }
            print("Recorded \(paid.display) for \(a.code); available credit now \(available?.display ?? "n/a (ordering off)")")
        }
    }
}

import Foundation
