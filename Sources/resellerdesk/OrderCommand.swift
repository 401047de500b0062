import ArgumentParser
import ResellerCore
import TerminalKit

struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: "Place orders for a reseller; list them; execute or cancel Submitted ones.",
        subcommands: [Place.self, List.self, Execute.self, Cancel.self])
}

extension OrderCommand {
    /// Staff order on a reseller's behalf (domain.md#orders: same rules as the storefront, the staff login in the
    /// audit).
    struct Place: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "place",
            abstract: "Place an order for a reseller (executed within the credit, else Submitted).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ordering account: id or code.") var account: String
        @Option(name: .customLong("line"), parsing: .upToNextOption,
                help: "CODE=QUANTITY, or CODE:monthly|annual|one-time=QUANTITY; one or more.") var lines: [String] = []
        @Option(name: .customLong("for"), help: "An end customer of the reseller: id or code.") var customer: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let none = FieldError("line", "give at least one --line CODE=QUANTITY")
                var problems: [FieldError] = lines.isEmpty ? [none] : []
                var requested: [OrderRequestLine] = []
                for text in lines {
                    do throws(FieldError) {
                        requested.append(try OrderRequestLine.parse(text))
                    } catch {
                        problems.append(error)
                    }
                }
                guard problems.isEmpty else { throw .invalid(problems) }
                let a = try ctx.service.findAccount(account)
                let customerId = try customer.map { (c) throws(ServiceError) in try ctx.service.findAccount(c).id }
                let o = try ctx.service.placeOrder(accountId: a.id, customerAccountId: customerId, lines: requested,
                                                   by: ctx.actor)
                if ctx.json { JSON.print(JSONValues.order(o)); return }
                print(TerminalSafe.line("\(o.number) \(o.status.rawValue): \(o.total.display) for \(o.customerName)"
                      + (o.status == .submitted ? " (above the available credit: it waits for staff)" : "")))
                // The total is gross: staff see what of it is tax (an order from before tax has no split).
                if let net = o.net, let tax = o.tax { print("  net \(net.display) + VAT \(tax.display)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Orders of an account, or every Submitted order.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Account id or code; without it, the Submitted orders waiting for credit.") var account: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let orders: [Order]
                if let account {
                    orders = try ctx.service.orders(of: try ctx.service.findAccount(account).id)
                } else {
                    orders = try ctx.service.submittedOrders()
                }
                if ctx.json { JSON.print(orders.map(JSONValues.order)); return }
                if orders.isEmpty { print("No orders."); return }
                var t = TextTable([.init("Order"), .init("Account"), .init("For", flexible: true), .init("Day"),
                                   .init("Status"), .init("Total", alignRight: true)])
                for o in orders {
                    t.add([o.number, AccountCode.format(o.accountId), o.customerName, o.orderDay.description,
                           o.status.rawValue, o.total.display])
                }
                print(t.render())
            }
        }
    }

    struct Execute: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "execute", abstract: "Execute a Submitted order (needs the credit, or --above-credit).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Order number (ORD-000012 or 12).") var order: String
        @Flag(help: "Execute it even though its total is above the available credit (the confirmation).")
        var aboveCredit = false

        func run() throws {
            try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
                let o = try ctx.service.executeOrder(try OrderRef.parse(order), aboveCredit: aboveCredit, by: ctx.actor)
                print("\(o.number) executed; \(o.total.display) debited")
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a Submitted order.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Order number (ORD-000012 or 12).") var order: String

        func run() throws {
            try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
                let o = try ctx.service.cancelOrder(try OrderRef.parse(order), by: ctx.actor)
                print("\(o.number) canceled")
            }
        }
    }

    enum OrderRef {
        static func parse(_ text: String) throws(ServiceError) -> Int64 {
            let t = text.uppercased().hasPrefix("ORD-") ? String(text.dropFirst(4)) : text
            guard let id = Int64(t), id > 0 else {
                throw .invalid([FieldError("order", "\"\(text)\" is not an order number like ORD-000012")])
            }
            return id
        }
    }
}
