import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

struct SubscriptionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscription", abstract: "List subscriptions; change a quantity; cancel one.",
        subcommands: [List.self, SetQuantity.self, Cancel.self])
}

extension SubscriptionCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Subscriptions billed to an account, or every subscription.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The billed account: id or code.") var account: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let subs: [Subscription]
                if let account {
                    subs = try ctx.service.subscriptions(of: try ctx.service.findAccount(account).id)
                } else {
                    subs = try ctx.service.allSubscriptions()
                }
                let today = ctx.service.today
                if ctx.json { JSON.print(subs.map { JSONValues.subscription($0, on: today) }); return }
                if subs.isEmpty { print("No subscriptions."); return }
                var t = TextTable([.init("Id", alignRight: true), .init("Account"), .init("For", flexible: true),
                                   .init("Code"), .init("Period"), .init("Qty", alignRight: true),
                                   .init("Unit price", alignRight: true), .init("Next billing"), .init("Status")])
                for s in subs {
                    let pending = s.pendingStep(after: today).map { " → \($0.quantity) from \($0.from)" } ?? ""
                    t.add([String(s.id), AccountCode.format(s.billedAccountId), s.forAccountName, s.productCode,
                           s.period.rawValue, "\(s.quantity(on: today))\(pending)", s.unitPrice.display,
                           s.nextBillingDate.description,
                           s.status.rawValue + (s.endDate.map { " (ends \($0))" } ?? "")])
                }
                print(TerminalSafe.line(t.render()))
            }
        }
    }
}
