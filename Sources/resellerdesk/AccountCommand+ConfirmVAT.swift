import ArgumentParser
import ResellerCore

extension AccountCommand {
    /// The desk cannot reach VIES: staff check the ID there and record that they did (domain.md#the-seller-and-tax).
    struct ConfirmVAT: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm-vat",
            abstract: "Record that the account's VAT ID was confirmed with VIES (the day and its consultation number).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code (ACC-000123).") var account: String
        @Option(help: "The day VIES confirmed it, YYYY-MM-DD.") var date: String
        @Option(help: "The consultation number VIES gave.") var reference: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                let c = try ctx.service.confirmVAT(accountId: a.id, date: date, reference: reference, by: ctx.actor)
                if ctx.json {
                    JSON.print(["account": a.code, "vatId": c.vatId, "date": c.confirmedOn.description,
                                "reference": c.reference, "by": c.by])
                    return
                }
                print(TerminalSafe.line("\(a.code): VAT ID \(c.vatId) confirmed with VIES on \(c.confirmedOn) "
                                        + "(\(c.reference))"))
            }
        }
    }
}
