import ArgumentParser
import ResellerCore
import TerminalKit

struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: "List orders; execute or cancel Submitted ones.",
        subcommands: [OrderList.self, OrderExecute.self, OrderCancel.self])
}

struct OrderList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Orders of an account, or every Submitted order.")
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
                t.add([o.number, AccountCode.format(o.accountId), o.customerName, o.orderDay.description, o.status.rawValue, o.total.display])
            }
            print(t.render())
        }
    }
}

struct OrderExecute: ParsableCommand {
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

struct OrderCancel: ParsableCommand {
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
        guard let id = Int64(t), id > 0 else { throw .invalid([FieldError("order", "\"\(text)\" is not an order number like ORD-000012")]) }
        return id
    }
}
