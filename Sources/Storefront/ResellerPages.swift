import Foundation
import FormCoding
import ResellerCore

/// The signed-in pages, as HTML.
enum ResellerPages {
    static func dashboard(_ d: ResellerOverview, header: StorefrontHeader, canOrder: Bool, notice: Notice?) -> String {
        let limit = d.account.fields.ordering?.creditLimit.display ?? "ordering is not enabled"
        let lists = d.priceLists.isEmpty ? "<p>No price list is assigned yet: ask your account manager.</p>"
            : "<ul>" + d.priceLists.map { "<li>\(HTML.escape($0.name)) (\(HTML.escape($0.currency)), \($0.itemCount) products)</li>" }.joined() + "</ul>"
        return HTML.page(title: d.account.name, signedIn: header, notice: notice, """
        <dl class="facts"><dt>Account</dt><dd>\(HTML.escape(d.account.code))</dd>
        <dt>Credit limit</dt><dd>\(HTML.escape(limit))</dd>
        <dt>Balance</dt><dd>\(HTML.escape(d.summary.balance.display))</dd>
        <dt>Available credit</dt><dd>\(HTML.escape(d.summary.availableCredit?.display ?? "none"))</dd></dl>
        \(canOrder && d.account.fields.ordering != nil ? "<p><a href=\"/orders/new\"><button type=\"button\">New order</button></a></p>" : "")
        <h2>Price lists</h2>\(lists)
        <h2>Recent orders</h2>\(ordersTable(d.recentOrders))
        """)
    }

    static func ordersTable(_ orders: [Order]) -> String {
        guard !orders.isEmpty else { return "<p>No orders yet.</p>" }
        return "<table><thead><tr><th>Order</th><th>Day</th><th>For</th><th>Status</th><th class=\"num\">Total</th></tr></thead><tbody>"
            + orders.map { o in
                "<tr><td><a href=\"/orders/\(o.id)\">\(o.number)</a></td><td>\(o.orderDay)</td><td>\(HTML.escape(o.customerName))</td>"
                    + "<td class=\"status-\(o.status.rawValue)\">\(o.status.rawValue)</td><td class=\"num\">\(HTML.escape(o.total.display))</td></tr>"
            }.joined() + "</tbody></table>"
    }

    static func customers(_ list: [Account], header: StorefrontHeader, form: FormBody, errors: [String: String], notice: Notice?) -> String {
        guard header.reselling else {
            return HTML.page(title: "End customers", signedIn: header,
                             "<p>Reselling is not enabled for your account, so you order only for your own company. Ask your account manager to enable it.</p>")
        }
        let table = list.isEmpty ? "<p>No end customers yet.</p>"
            : "<table><thead><tr><th>Account</th><th>Name</th><th>Email</th><th>Country</th></tr></thead><tbody>"
                + list.map { a in
                    "<tr><td>\(HTML.escape(a.code))</td><td>\(HTML.escape(a.name))</td><td>\(HTML.escape(a.fields.email))</td>"
                        + "<td>\(HTML.escape(a.fields.address.country))</td></tr>"
                }.joined() + "</tbody></table>"
        return HTML.page(title: "End customers", signedIn: header, notice: notice, """
        \(table)
        <h2>Add an end customer</h2>
        <form method="post" action="/customers">\(HTML.hidden("csrf", header.csrf))
        \(HTML.field("name", label: "Name", value: form["name"], error: errors["name"], attributes: "required maxlength=\"200\""))
        \(HTML.field("email", label: "Email", value: form["email"], type: "email", error: errors["email"], attributes: "required"))
        \(HTML.field("country", label: "Country (code or name, e.g. GR or Greece)", value: form["country"],
                     error: errors["country"],
                     attributes: "required maxlength=\"60\" autocomplete=\"country\""))
        <p><button type="submit">Add end customer</button></p></form>
        """)
    }

    static func orders(_ list: [Order], header: StorefrontHeader, notice: Notice?) -> String {
        HTML.page(title: "Orders", signedIn: header, notice: notice,
                  "<p><a href=\"/orders/new\"><button type=\"button\">New order</button></a></p>" + ordersTable(list))
    }

    static func order(_ o: Order, header: StorefrontHeader, justPlaced: Bool, accountManager: String) -> String {
        var notice: Notice?
        if justPlaced {
            notice = o.status == .executed
                ? .ok("Order \(o.number) is executed: \(o.total.display) is charged to your account.")
                : .warn("Order \(o.number) is accepted as Submitted but not executed: its total is above your available credit. "
                        + "We have emailed you and your account manager (\(accountManager)); it is executed once credit is available.")
        }
        let lines = o.lines.map { l in
            "<tr><td>\(HTML.escape(l.productCode))</td><td>\(HTML.escape(l.description))</td><td>\(l.billingPeriod.rawValue)</td>"
                + "<td class=\"num\">\(l.quantity)</td><td class=\"num\">\(HTML.escape(l.firstCharge.display))</td><td>\(l.invoiceDay)</td></tr>"
        }.joined()
        return HTML.page(title: "Order \(o.number)", signedIn: header, notice: notice, """
        <dl class="facts"><dt>Status</dt><dd class="status-\(o.status.rawValue)">\(o.status.rawValue)</dd>
        <dt>For</dt><dd>\(HTML.escape(o.customerName))</dd><dt>Day</dt><dd>\(o.orderDay)</dd>
        <dt>Total</dt><dd>\(HTML.escape(o.total.display))</dd></dl>
        <table><thead><tr><th>Code</th><th>Product</th><th>Period</th><th class="num">Qty</th><th class="num">First charge</th><th>Invoiced</th></tr></thead>
        <tbody>\(lines)</tbody></table><p><a href="/orders">All orders</a></p>
        """)
    }

    static func newOrder(_ c: OrderCatalogue, header: StorefrontHeader, form: FormBody, errors: [String: String], notice: Notice?) -> String {
        guard c.account.fields.ordering != nil else {
            return HTML.page(title: "New order", signedIn: header, "<p>Ordering is not enabled for your account.</p>")
        }
        guard !c.items.isEmpty else {
            return HTML.page(title: "New order", signedIn: header, "<p>No price list is assigned to your account yet: ask your account manager.</p>")
        }
        let chosen = form["for"].isEmpty ? "self" : form["for"]
        var options = "<option value=\"self\"\(chosen == "self" ? " selected" : "")>My company: \(HTML.escape(c.account.name))</option>"
        if c.account.fields.ordering?.enableReselling == true {
            options += c.customers.map { a in
                "<option value=\"\(a.id)\"\(chosen == String(a.id) ? " selected" : "")>End customer: \(HTML.escape(a.name)) (\(HTML.escape(a.code)))</option>"
            }.joined()
        }
        let rows = c.items.map { item in
            let key = OrderCatalogue.field(item), id = "f-" + key
            let error = errors[key].map { "<span class=\"error\" id=\"\(HTML.escape(id))-error\">\(HTML.escape($0))</span>" } ?? ""
            return "<tr><td><label for=\"\(HTML.escape(id))\">\(HTML.escape(item.description))</label><br><span class=\"muted\">\(HTML.escape(item.productCode))</span></td>"
                + "<td>\(item.billingPeriod.rawValue)</td><td class=\"num\">\(HTML.escape(item.unitPrice.display))</td>"
                + "<td><input id=\"\(HTML.escape(id))\" name=\"\(HTML.escape(key))\" type=\"number\" min=\"0\" max=\"100000\" inputmode=\"numeric\" "
                + "value=\"\(HTML.escape(form[key]))\" size=\"5\"\(error.isEmpty ? "" : " aria-invalid=\"true\"")>\(error)</td></tr>"
        }.joined()
        let linesError = errors["lines"] ?? errors["quantity"] ?? errors["productCode"] ?? errors["billingPeriod"]
        return HTML.page(title: "New order", signedIn: header, notice: notice, """
        <p>Available credit: <strong>\(HTML.escape(c.available?.display ?? "none"))</strong></p>
        <form method="post" action="/orders/preview">\(HTML.hidden("csrf", header.csrf))
        <p class="field"><label for="f-for">Order for</label><select id="f-for" name="for">\(options)</select>
        \(errors["for"] ?? errors["customer"] ?? "")</p>
        <table><thead><tr><th>Product</th><th>Period</th><th class="num">Unit price</th><th>Quantity</th></tr></thead><tbody>\(rows)</tbody></table>
        \(linesError.map { "<p class=\"error\">\(HTML.escape($0))</p>" } ?? "")
        <p><button type="submit">Preview the order</button></p></form>
        """)
    }

    static func preview(_ p: OrderPreview, forName: String, form: FormBody, header: StorefrontHeader) -> String {
        let rows = p.lines.map { l in
            let charge = l.proration.map { "prorated \($0.days)/\($0.periodDays) days" } ?? (l.billingPeriod.isRecurring ? "whole period" : "one-time")
            return "<tr><td>\(HTML.escape(l.description))</td><td>\(l.billingPeriod.rawValue)</td><td class=\"num\">\(l.quantity)</td>"
                + "<td class=\"num\">\(HTML.escape(l.unitPrice.display))</td><td class=\"num\">\(HTML.escape(l.firstCharge.display))</td>"
                + "<td>\(charge)</td><td>\(l.invoiceDay)</td></tr>"
        }.joined()
        let hidden = form.fields.filter { $0.name == "for" || $0.name.hasPrefix("q:") }.map { HTML.hidden($0.name, $0.value) }.joined()
        let credit = p.withinCredit
            ? Notice.ok("Within your available credit (\(p.availableCredit?.display ?? "Unlimited")): it will be executed at once.")
            : .warn("The total is above your available credit (\(p.availableCredit?.display ?? "")). You can still place it: it will be accepted as Submitted, not executed, and your account manager will be told.")
        return HTML.page(title: "Check your order", signedIn: header, notice: credit, """
        <dl class="facts"><dt>For</dt><dd>\(HTML.escape(forName))</dd><dt>Order day</dt><dd>\(p.orderDay)</dd>
        <dt>Partial charges</dt><dd>\(HTML.escape(p.partialChargesInvoicing.label))</dd>
        <dt>Total charged now</dt><dd><strong>\(HTML.escape(p.total.display))</strong></dd></dl>
        <table><thead><tr><th>Product</th><th>Period</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">First charge</th><th>Charge</th><th>Invoiced on</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        <form method="post" action="/orders">\(HTML.hidden("csrf", header.csrf))\(hidden)
        <p><button type="submit">Place the order</button></p></form>
        <p><a href="/orders/new">Start again</a></p>
        """)
    }
}
