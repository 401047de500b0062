import ArgumentParser

struct TaxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tax",
                                                    abstract: "Tax: rates by country and class, VAT ID checks.",
                                                    subcommands: [Rate.self, CheckVAT.self])
}
