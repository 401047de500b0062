import ArgumentParser
import Foundation
import ResellerCore

extension SubscriptionCommand {
    /// A subscription id as `subscription list` shows it; anything else is refused naming the field.
    enum SubscriptionRef {
        static func parse(_ text: String) throws(ServiceError) -> Int64 {
            guard let id = Int64(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
                throw .invalid("subscription",
                               "\"\(text)\" is not a subscription id (a number, as `subscription list` shows)")
            }
            return id
        }
    }

    struct SetQuantity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-quantity",
            abstract: "Raise a quantity now (added units charged for the rest of the period) or lower it at period "
                + "end.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The subscription's id, as `subscription list` shows it.") var subscription: String
        @Argument(help: "The new quantity, \(Quantity.range.lowerBound) to \(Quantity.range.upperBound).")
        var quantity: String
        @Flag(help: "Raise it even though the added units cost more than the account's available credit.")
        var aboveCredit = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let id = try SubscriptionRef.parse(subscription)
                // Taken as text so that "two" or "1.5" is told as a field error (exit 1), like every other input,
                // in the words the terminal and the storefront use.
                var form = SubscriptionQuantityForm()
                form.quantity = quantity
                let n = try form.validated()
                let r = try ctx.service.setQuantity(subscriptionId: id, quantity: n, aboveCredit: aboveCredit,
                                                    by: ctx.actor)
                if ctx.json {
                    JSON.print(["subscription": JSONValues.subscription(r.subscription, on: ctx.service.today),
                                "effective": r.effective.description,
                                "charge": r.charge?.line.amount.decimalString ?? NSNull(),
                                "chargeInvoiceDate": r.charge?.invoiceDate.description ?? NSNull(),
                                "invoice": r.invoice?.number ?? NSNull()])
                    return
                }
                var said = "Subscription \(id): \(n) from \(r.effective)"
                if let c = r.charge {
                    // The charge is net: its invoice adds the tax.
                    said += "; \(c.line.amount.display) net for the added units "
                        + (r.invoice.map { "on invoice \($0.number)" } ?? "to be invoiced on \(c.invoiceDate)")
                }
                print(said)
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "End a subscription at its period end; --now ends it today with a credit note.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The subscription's id, as `subscription list` shows it.") var subscription: String
        @Flag(help: "End it today and credit the whole days invoiced after today.") var now = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let id = try SubscriptionRef.parse(subscription)
                let r = try ctx.service.cancelSubscription(id, now: now, by: ctx.actor)
                if ctx.json {
                    let note: Any = r.creditNote.map(JSONValues.creditNote) ?? NSNull()
                    JSON.print(["subscription": JSONValues.subscription(r.subscription, on: ctx.service.today),
                                "creditNote": note])
                    return
                }
                let end = r.subscription.endDate.map { " on \($0)" } ?? ""
                print("Subscription \(id) \(r.subscription.status == .canceled ? "ended" : "ends")\(end)"
                      + (r.creditNote.map { "; credit note \($0.number) of \($0.draft.total.display)" } ?? ""))
            }
        }
    }
}
