import Foundation
import FormCoding
import ResellerCore

/// The signed-in pages: each one's values, rendered with its template in `ResellerTemplates`.
enum ResellerPages {
    struct OrderRow {
        var id: Int64
        var number, day, customer, status, total: String
        init(_ o: Order) {
            id = o.id; number = o.number; day = "\(o.orderDay)"; customer = o.customerName
            status = o.status.rawValue; total = o.total.display
        }
    }

    struct PriceListRow { var name, currency: String; var itemCount: Int }

    struct Dashboard {
        var code, creditLimit, balance, available: String
        /// Beside the balance: what is overdue, and the next invoice's day and estimated total.
        var overdue, nextInvoice: String
        var canOrder, hasPriceLists, hasOrders: Bool
        /// What the user's roles let it see (domain.md#roles): balance with Billing Agent, orders and lists with Buyer.
        var billing, ordering: Bool
        var priceLists: [PriceListRow]
        var orders: [OrderRow]
        /// Nil for a user without the billing right, and when nothing is overdue.
        var overdueInvoices: OverdueSection?
    }

    static func dashboard(_ d: ResellerOverview, header: StorefrontHeader, user: StorefrontUser, canOrder: Bool,
                          standing: Result<BillingStanding, ServiceError>?, overdueInvoices: OverdueSection?,
                          notice: Notice?) -> String {
        var overdue = "", next = ""
        switch standing {
        case .success(let b)?:
            overdue = b.overdue.display
            // Without the distributor's own details no invoice can be estimated; the reseller is told no more.
            next = b.nextInvoice.map { "\($0.total.display) on \($0.date) (estimate)" }
                ?? (b.nextInvoiceProblem == nil ? "none scheduled" : "not estimated yet")
        case .failure(let e)?:
            overdue = "not available"
            next = "not available: " + e.fieldErrors.map(\.message).joined(separator: "; ")
        case nil: break
        }
        let page = Dashboard(
            code: d.account.code,
            creditLimit: d.account.fields.ordering?.creditLimit.display ?? "ordering is not enabled",
            balance: d.summary.balance.display, available: d.summary.availableCredit?.display ?? "none",
            overdue: overdue, nextInvoice: next,
            canOrder: canOrder && d.account.fields.ordering != nil, hasPriceLists: !d.priceLists.isEmpty,
            hasOrders: !d.recentOrders.isEmpty, billing: user.may(.billing), ordering: user.may(.order),
            priceLists: d.priceLists.map { PriceListRow(name: $0.name, currency: $0.currency,
                                                        itemCount: $0.itemCount) },
            orders: d.recentOrders.map(OrderRow.init), overdueInvoices: overdueInvoices)
        return HTML.page(title: d.account.name, signedIn: header, notice: notice, body: "dashboard", page)
    }

    struct CustomerRow { var code, name, email, country: String }

    struct Customers {
        var csrf: String
        var hasCustomers: Bool
        var customers: [CustomerRow]
        var pager: Pager?
        var nameField, emailField, countryField: Field
    }

    /// One page of the end customers (`list`), with the links to the others.
    static func customers(_ list: [Account], pager: Pager?, header: StorefrontHeader, form: FormBody,
                          errors: [String: String], notice: Notice?) -> String {
        guard header.reselling else {
            return HTML.page(title: "End customers", signedIn: header, body: "text", Paragraph(text:
                "Reselling is not enabled for your account, so you order only for your own company. "
                + "Ask your account manager to enable it."))
        }
        let page = Customers(
            csrf: header.csrf, hasCustomers: !list.isEmpty,
            customers: list.map { CustomerRow(code: $0.code, name: $0.name, email: $0.fields.email,
                                              country: $0.fields.address.country) },
            pager: pager,
            nameField: Field("name", label: "Name", value: form["name"], error: errors["name"], maxlength: 200),
            emailField: Field("email", label: "Email", value: form["email"], type: "email", error: errors["email"]),
            countryField: Field("country", label: "Country (code or name, e.g. GR or Greece)", value: form["country"],
                                error: errors["country"], autocomplete: "country", maxlength: 60))
        return HTML.page(title: "End customers", signedIn: header, notice: notice, body: "customers", page)
    }

    struct Orders { var hasOrders: Bool; var orders: [OrderRow]; var pager: Pager? }

    /// One page of the orders, newest first.
    static func orders(_ list: [Order], pager: Pager?, header: StorefrontHeader, notice: Notice?) -> String {
        HTML.page(title: "Orders", signedIn: header, notice: notice, body: "orders",
                  Orders(hasOrders: !list.isEmpty, orders: list.map(OrderRow.init), pager: pager))
    }

    struct LineRow {
        var code, product, period, unitPrice, firstCharge, charge, invoiceDay: String
        var quantity: Int
        init(_ l: OrderLine) {
            code = l.productCode; product = l.description; period = l.billingPeriod.rawValue; quantity = l.quantity
            unitPrice = l.unitPrice.display; firstCharge = l.firstCharge.display; invoiceDay = "\(l.invoiceDay)"
            charge = l.proration.map { "prorated \($0.days)/\($0.periodDays) days" }
                ?? (l.billingPeriod.isRecurring ? "whole period" : "one-time")
        }
    }

    struct OrderPage {
        var status, customer, day, total: String
        var net, tax: String?
        /// Each rate as the preview showed it; the single VAT row only when the order has no breakdown.
        var taxes: [TaxRow]
        var lines: [LineRow]
    }

    /// One row of a preview's tax, as the invoice will print it: "VAT S 24 % on 100.00" and the tax.
    struct TaxRow {
        var label, tax: String
        init(_ t: TaxSubtotal) {
            label = t.label; tax = t.tax.display
        }
    }

    static func order(_ o: Order, header: StorefrontHeader, justPlaced: Bool, accountManager: String) -> String {
        var notice: Notice?
        if justPlaced {
            notice = o.status == .executed
                ? .ok("Order \(o.number) is executed: \(o.total.display) is charged to your account.")
                : .warn("Order \(o.number) is accepted as Submitted but not executed: its total is above your available credit. "
                        + "We have emailed you and your account manager (\(accountManager)); it is executed once credit is available.")
        }
        let page = OrderPage(status: o.status.rawValue, customer: o.customerName, day: "\(o.orderDay)",
                             total: o.total.display, net: o.net?.display,
                             tax: o.taxes.isEmpty ? o.tax?.display : nil, taxes: o.taxes.map(TaxRow.init),
                             lines: o.lines.map(LineRow.init))
        return HTML.page(title: "Order \(o.number)", signedIn: header, notice: notice, body: "order", page)
    }

    struct Option { var value, label: String; var selected: Bool }

    struct ItemRow { var id, name, product, code, period, unitPrice, quantity: String; var error: String? }

    struct NewOrder {
        var csrf, available: String
        var options: [Option]
        var unavailable: [UnavailableList]
        var forError: String?
        var rows: [ItemRow]
        var linesError: String?
    }

    static func newOrder(_ c: OrderCatalogue, header: StorefrontHeader, form: FormBody, errors: [String: String],
                         notice: Notice?) -> String {
        guard c.account.fields.ordering != nil else {
            return HTML.page(title: "New order", signedIn: header, body: "text",
                             Paragraph(text: "Ordering is not enabled for your account."))
        }
        // The banner above says why; the service's refusal of a posted order is the notice.
        if header.banner != nil {
            return HTML.page(title: "New order", signedIn: header, notice: notice, body: "text",
                             Paragraph(text: "New orders are paused while \(c.account.name) is suspended: "
                                       + "see why above."))
        }
        guard !c.items.isEmpty else {
            let why = c.unavailable.map { "\($0.name) \($0.reason)" }.joined(separator: "; ")
            return HTML.page(title: "New order", signedIn: header, body: "text",
                             Paragraph(text: c.unavailable.isEmpty
                                       ? "No price list is assigned to your account yet: ask your account manager."
                                       : "No price list can be ordered from today (\(why)): ask your account manager."))
        }
        let chosen = form["for"].isEmpty ? "self" : form["for"]
        var options = [Option(value: "self", label: "My company: \(c.account.name)", selected: chosen == "self")]
        if c.account.fields.ordering?.enableReselling == true {
            options += c.customers.map { a in
                Option(value: String(a.id), label: "End customer: \(a.name) (\(a.code))",
                       selected: chosen == String(a.id))
            }
        }
        let rows = c.items.map { item in
            let key = OrderCatalogue.field(item)
            return ItemRow(id: "f-" + key, name: key, product: item.description, code: item.productCode,
                           period: item.billingPeriod.rawValue, unitPrice: item.unitPrice.display, quantity: form[key],
                           error: errors[key])
        }
        let page = NewOrder(csrf: header.csrf, available: c.available?.display ?? "none", options: options,
                            unavailable: c.unavailable,
                            forError: errors["for"] ?? errors["customer"], rows: rows,
                            linesError: errors["lines"] ?? errors["quantity"] ?? errors["productCode"]
                                ?? errors["billingPeriod"])
        return HTML.page(title: "New order", signedIn: header, notice: notice, body: "newOrder", page)
    }

    struct Hidden { var name, value: String }

    struct Preview {
        var csrf, customer, day, partialCharges, net, total: String
        var taxes: [TaxRow]
        /// The reverse-charge, exemption or not-subject notes the invoice will carry, each once.
        var notes: [String]
        var lines: [LineRow]
        var hidden: [Hidden]
    }

    static func preview(_ p: OrderPreview, forName: String, form: FormBody, header: StorefrontHeader) -> String {
        // The credit check counts the gross total (domain.md#the-seller-and-tax), so the notice names it: a net
        // that would fit must not leave the reader wondering why the order is held.
        let total = "The total of \(p.total.display) (VAT included)"
        let credit = p.withinCredit
            ? Notice.ok("\(total) is within your available credit (\(p.availableCredit?.display ?? "Unlimited")): "
                        + "it will be executed at once.")
            : .warn("\(total) is above your available credit (\(p.availableCredit?.display ?? "")). "
                    + "You can still place it: it will be accepted as Submitted, not executed, "
                    + "and your account manager will be told.")
        let page = Preview(csrf: header.csrf, customer: forName, day: "\(p.orderDay)",
                           partialCharges: p.partialChargesInvoicing.label, net: p.net.display,
                           total: p.total.display, taxes: p.taxes.map(TaxRow.init),
                           notes: p.taxes.notes,
                           lines: p.lines.map(LineRow.init),
                           hidden: form.fields.filter { $0.name == "for" || $0.name.hasPrefix("q:") }
                               .map { Hidden(name: $0.name, value: $0.value) })
        return HTML.page(title: "Check your order", signedIn: header, notice: credit, body: "preview", page)
    }
}
