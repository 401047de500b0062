import ArgumentParser
import ResellerCore
import TerminalKit

extension TaxCommand {
    /// The desk's rates per country and class, each from a day (domain.md#the-seller-and-tax).
    struct Rate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rate", abstract: "List and set the tax rates per country and class.",
            subcommands: [List.self, Set.self])
    }
}

extension TaxCommand.Rate {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the rates, each with the day it applies from.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this country (a code or a name).") var country: String?
        @Flag(help: "Print a JSON array of {country, class, rate, from}.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let rates = try ctx.service.taxRates(country: country)
                if ctx.json {
                    JSON.print(rates.map { ["country": $0.country, "class": $0.taxClass.rawValue,
                                            "rate": $0.rate.description, "from": $0.from.description] })
                    return
                }
                var t = TextTable([.init("Country"), .init("Class"), .init("Rate %", alignRight: true), .init("From")])
                for r in rates { t.add([r.country, r.taxClass.rawValue, r.rate.description, r.from.description]) }
                print(rates.isEmpty ? "No rates." : t.render())
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a country's rate for a class from a day on (invoices already issued keep theirs).",
            discussion: "e.g. resellerdesk tax rate set GR standard 24 --from 2019-06-01")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Country code or name (GR, Greece).") var country: String
        @Argument(help: "standard or reduced.") var taxClass: String
        @Argument(help: "Percent, e.g. 24 or 5.5.") var rate: String
        @Option(help: "The first day it applies, YYYY-MM-DD.") var from: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let r = try ctx.service.setTaxRate(country: country, taxClass: taxClass, rate: rate, from: from,
                                                   by: ctx.actor)
                if ctx.json {
                    JSON.print(["country": r.country, "class": r.taxClass.rawValue, "rate": r.rate.description,
                                "from": r.from.description])
                    return
                }
                print("\(r.country) \(r.taxClass.rawValue) \(r.rate) % from \(r.from)")
            }
        }
    }
}
