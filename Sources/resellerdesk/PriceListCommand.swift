import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct PriceListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricelist", abstract: "Import, list, show and update price lists.",
        subcommands: [Import.self, List.self, Show.self, Update.self])
}

extension PriceListCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a price list from CSV (header: code,description,billing_period,price).",
            discussion: "With --replace NAME the file replaces the items of that list: later orders use the new "
                + "prices, placed orders keep theirs.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Unique price list name (a new list).") var name: String?
        @Option(help: "Currency of the prices: ISO 4217 code or name (EUR, euro).") var currency: String?
        @Option(help: "Replace the items of this existing list (in its currency).") var replace: String?
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
                if let replace {
                    let others = [name.map { _ in "--name" }, currency.map { _ in "--currency" },
                                  validFrom.isEmpty ? nil : "--valid-from", validTo.isEmpty ? nil : "--valid-to",
                                  inactive ? "--inactive" : nil, description.isEmpty ? nil : "--description"]
                        .compactMap { $0 }
                    guard others.isEmpty else {
                        throw .invalid("replace", "--replace changes only the items; \(others.joined(separator: ", ")) "
                                       + "belong to `pricelist update`")
                    }
                    let list = try ctx.service.replacePriceListItems(named: replace, csv: csv, by: ctx.actor)
                    if ctx.json { JSON.print(JSONValues.priceList(list)); return }
                    print(TerminalSafe.line("Replaced the items of \(list.name): \(list.itemCount) items "
                                            + "in \(list.currency)"))
                    return
                }
                let missing = [name == nil ? "--name" : nil, currency == nil ? "--currency" : nil].compactMap { $0 }
                guard missing.isEmpty else {
                    throw .invalid("name", "a new price list needs \(missing.joined(separator: " and ")) "
                                   + "(or --replace NAME to replace the items of an existing one)")
                }
                let list = try ctx.service.importPriceList(csv: csv, name: name!, currency: currency!,
                                                           validFrom: validFrom, validTo: validTo, active: !inactive,
                                                           description: description, by: ctx.actor)
                if ctx.json { JSON.print(JSONValues.priceList(list)); return }
                print(TerminalSafe.line("Imported \(list.name): \(list.itemCount) items in \(list.currency)"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List price lists.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let lists = try ctx.service.priceLists()
                if ctx.json { JSON.print(lists.map(JSONValues.priceList)); return }
                if lists.isEmpty {
                    print("No price lists yet. Import one with: "
                          + "resellerdesk pricelist import FILE.csv --name … --currency …")
                    return
                }
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

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show the items of a price list.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Price list name.") var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let named = try ctx.service.priceLists().first { $0.name.lowercased() == name.lowercased() }
                guard let list = named else {
                    throw .notFound(field: "name", message: "no price list named \"\(name)\"")
                }
                let items = try ctx.service.priceListItems(list.id)
                let users = try ctx.service.accountsUsing(priceList: list.name)
                if ctx.json {
                    var out = JSONValues.priceList(list)
                    out["usedBy"] = users.map(\.account.code)
                    out["items"] = items.map { ["code": $0.productCode, "description": $0.description,
                                                "billingPeriod": $0.billingPeriod.rawValue,
                                                "price": $0.unitPrice.decimalString,
                                                "taxClass": $0.taxClass.rawValue] }
                    JSON.print(out)
                    return
                }
                var t = TextTable([.init("Code"), .init("Description", flexible: true), .init("Period"),
                                   .init("Tax class"), .init("Net price", alignRight: true)])
                for i in items {
                    t.add([i.productCode, i.description, i.billingPeriod.rawValue, i.taxClass.rawValue,
                           i.unitPrice.display])
                }
                print(TerminalSafe.line("\(list.name) (\(list.currency))"))
                print(t.render())
                let shown = users.prefix(20).map { "\($0.account.code) \($0.account.name)" }
                print(TerminalSafe.line(users.isEmpty ? "Used by no account." : "Used by \(users.count) account(s): "
                                        + shown.joined(separator: ", ") + (users.count > 20 ? ", …" : "")))
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Rename a price list, change its validity, description or active flag.",
            discussion: "Only the options given change; an empty --valid-from, --valid-to or --description clears it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Price list name.") var list: String
        @Option(help: "The new name.") var name: String?
        @Option(name: .customLong("valid-from"), help: "YYYY-MM-DD, or empty to clear.") var validFrom: String?
        @Option(name: .customLong("valid-to"), help: "YYYY-MM-DD, or empty to clear.") var validTo: String?
        @Option(help: "Description, or empty to clear.") var description: String?
        @Flag(help: "--active to sell from it again, --inactive to stop.") var activity: Activity?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let change = PriceListChange(name: name, validFrom: validFrom, validTo: validTo,
                                             description: description, active: activity.map { $0 == .active })
                let updated = try ctx.service.updatePriceList(named: list, change, by: ctx.actor)
                if ctx.json { JSON.print(JSONValues.priceList(updated)); return }
                print(TerminalSafe.line("Saved \(updated.name): valid \(updated.validity), "
                                        + (updated.active ? "active" : "inactive")))
            }
        }
    }

    enum Activity: EnumerableFlag { case active, inactive }
}
