import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct PriceListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricelist", abstract: "Import and list price lists.",
        subcommands: [PriceListImport.self, PriceListList.self, PriceListShow.self])
}

struct PriceListImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a price list from CSV (header: code,description,billing_period,price).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "Unique price list name.") var name: String
    @Option(help: "Currency of the prices: ISO 4217 code or name (EUR, euro).") var currency: String
    @Option(name: .customLong("valid-from"), help: "YYYY-MM-DD") var validFrom = ""
    @Option(name: .customLong("valid-to"), help: "YYYY-MM-DD") var validTo = ""
    @Flag(help: "Import as inactive.") var inactive = false
    @Option var description = ""
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .invalid([FieldError("file", "cannot read \(file)")])
            }
            guard let csv = String(data: data, encoding: .utf8) else {
                throw .invalid([FieldError("file", "\(file) is not UTF-8 text")])
            }
            let list = try ctx.service.importPriceList(csv: csv, name: name, currency: currency, validFrom: validFrom,
                                                       validTo: validTo, active: !inactive, description: description, by: ctx.actor)
            if ctx.json { JSON.print(JSONValues.priceList(list)); return }
            print(TerminalSafe.line("Imported \(list.name): \(list.itemCount) items in \(list.currency)"))
        }
    }
}

struct PriceListList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List price lists.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array.") var json = false

    func run() throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            let lists = try ctx.service.priceLists()
            if ctx.json { JSON.print(lists.map(JSONValues.priceList)); return }
            if lists.isEmpty { print("No price lists yet. Import one with: resellerdesk pricelist import FILE.csv --name … --currency …"); return }
            var t = TextTable([.init("Name", flexible: true), .init("Cur"), .init("Valid from"), .init("Valid to"),
                               .init("Active"), .init("Items", alignRight: true)])
            for l in lists {
                t.add([l.name, l.currency, l.validFrom?.description ?? "-", l.validTo?.description ?? "-",
                       l.active ? "yes" : "no", String(l.itemCount)])
            }
            print(t.render())
        }
    }
}

struct PriceListShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the items of a price list.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Price list name.") var name: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            guard let list = try ctx.service.priceLists().first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw .notFound(field: "name", message: "no price list named \"\(name)\"")
            }
            let items = try ctx.service.priceListItems(list.id)
            if ctx.json {
                var out = JSONValues.priceList(list)
                out["items"] = items.map { ["code": $0.productCode, "description": $0.description,
                                            "billingPeriod": $0.billingPeriod.rawValue, "price": $0.unitPrice.decimalString] }
                JSON.print(out)
                return
            }
            var t = TextTable([.init("Code"), .init("Description", flexible: true), .init("Period"), .init("Price", alignRight: true)])
            for i in items { t.add([i.productCode, i.description, i.billingPeriod.rawValue, i.unitPrice.display]) }
            print(TerminalSafe.line("\(list.name) (\(list.currency))"))
            print(t.render())
        }
    }
}
