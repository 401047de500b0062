import ResellerCore
import TerminalKit

/// An account as readable text: fields, onboarding checklist, price lists, contacts, orders and history.
/// `account show` prints it; the terminal's Account detail screen shows the same lines and lets staff act
/// on the rows that carry an item.
public enum AccountDetailText {
    /// A row staff can act on from the detail screen.
    public enum Item: Sendable, Equatable {
        case priceList(name: String)
        case contact(email: String, storefront: UserStatus?)
        case order(id: Int64, number: String, status: OrderStatus)
    }

    public struct Line: Sendable, Equatable {
        public var text: String
        public var item: Item?
        /// A section heading ("Contacts:"), drawn in the key colour.
        public var heading = false
    }

    public static func render(_ d: AccountDetail, headline: String?) -> String {
        var all = lines(d)
        if let headline { all[0].text = "\(headline) \(all[0].text)" }
        return all.map(\.text).joined(separator: "\n")
    }

    public static func lines(_ d: AccountDetail, width: Int = 120) -> [Line] {
        let a = d.account, f = a.fields
        var lines: [Line] = []
        func add(_ text: String, _ item: Item? = nil) { lines.append(Line(text: text, item: item)) }
        func heading(_ text: String) { lines.append(Line(text: text, heading: true)) }
        func row(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { add("  " + DisplayWidth.pad(label, to: 16) + value) }
        }
        add("\(a.code)  \(f.name)" + (f.tradingName.map { " (\($0))" } ?? "") + "  [\(f.type.rawValue)]")
        row("Email", f.email)
        row("Phone", f.phone)
        row("Website", f.website)
        row("VAT number", f.registrationNumber)
        row("Tax authority", f.taxAuthority)
        let address = [f.address.street, f.address.postcode, f.address.city, f.address.state].compactMap { $0 }
        row("Address", (address + [Country.named(f.address.country)?.name ?? f.address.country]).joined(separator: ", "))
        row("Currency", f.currency)
        row("Account manager", f.accountManager)
        if let o = f.ordering {
            row("Ordering", "on")
            row("Credit limit", o.creditLimit.display)
            row("Balance", d.summary.balance.display)
            row("Available", d.summary.availableCredit?.display)
            row("Proration", o.prorateBillingDay.map { "on, billing day: \($0.label)" } ?? "off")
            row("Partial charges", o.partialChargesInvoicing.label)
            row("Reselling", o.enableReselling ? "on" : "off")
        } else {
            row("Ordering", "off")
        }
        row("Version", "\(a.version), saved \(Format.timestamp(a.updatedAt)) by \(a.updatedBy)")
        add("")
        heading("Onboarding:")
        let next = d.summary.onboarding.nextStep
        for step in Onboarding.Step.allCases {
            add("  " + (d.summary.onboarding.isDone(step) ? "[x] " : "[ ] ") + step.rawValue + (step == next ? "   ← next step" : ""))
        }

        add("")
        if d.priceLists.isEmpty {
            heading("Price lists: none")
        } else {
            heading("Price lists:")
            table(&lines, [.init("Name", flexible: true), .init("Currency"), .init("Valid"), .init("Items", alignRight: true)], width,
                  d.priceLists.map { l in ([l.name, l.currency, l.validity, String(l.itemCount)], .priceList(name: l.name)) })
        }

        add("")
        if d.contacts.isEmpty {
            heading("Contacts: none")
        } else {
            heading("Contacts:")
            // The role is the first thing to go at 80 columns: name, email and storefront state matter more.
            let withRole = width >= 100
            table(&lines, [.init("Name", flexible: true), .init("Email")] + (withRole ? [.init("Role")] : []) + [.init("Storefront")], width,
                  d.contacts.map { c in
                      let sf = c.storefrontUser.map { "\($0.type.rawValue), \($0.status.rawValue)\($0.locked ? ", locked" : "")" } ?? "-"
                      return ([c.fullName, c.email] + (withRole ? [c.companyRole ?? ""] : []) + [sf],
                              .contact(email: c.email, storefront: c.storefrontUser?.status))
                  })
        }

        if !d.orders.isEmpty {
            add("")
            heading("Orders:")
            // Submitted orders wait for staff (they went over the credit): they come first.
            let orders = d.orders.filter { $0.status == .submitted } + d.orders.filter { $0.status != .submitted }
            table(&lines, [.init("Order"), .init("Day"), .init("For", flexible: true), .init("Status"), .init("Total", alignRight: true)], width,
                  orders.map { o in ([o.number, o.orderDay.description, o.customerName, o.status.rawValue, o.total.display],
                                     .order(id: o.id, number: o.number, status: o.status)) })
        }

        if !d.audit.isEmpty {
            add("")
            heading("History:")
            for e in d.audit { add("  " + Format.timestamp(e.at) + "  " + e.actor + "  " + describe(e)) }
        }
        return lines
    }

    /// "update: email, phone" or "execute: status Submitted → Executed": what an event changed, in one line.
    static func describe(_ e: AuditEvent) -> String {
        let subject = e.entity == "account" ? "" : "\(e.entity) "
        guard !e.changes.isEmpty else { return subject + e.action }
        let changes = e.changes.keys.sorted().map { key in
            guard e.action != "create" && e.action != "update", let values = e.changes[key], values.count == 2 else { return key }
            return "\(key) \(values[0] ?? "-") → \(values[1] ?? "-")"
        }
        return subject + e.action + ": " + changes.joined(separator: ", ")
    }

    private static func table(_ lines: inout [Line], _ columns: [TextTable.Column], _ width: Int, _ rows: [([String], Item)]) {
        var t = TextTable(columns)
        for (cells, _) in rows { t.add(cells) }
        let rendered = t.render(maxWidth: width - 4).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        lines.append(Line(text: rendered[0], heading: false))
        for (text, row) in zip(rendered.dropFirst(), rows) { lines.append(Line(text: text, item: row.1)) }
    }
}
