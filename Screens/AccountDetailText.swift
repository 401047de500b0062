import ResellerCore
import TerminalKit

/// An account as readable text: fields, onboarding checklist, price lists, contacts and orders.
/// `account show` prints it; the terminal's Account detail screen shows the same sections.
public enum AccountDetailText {
    public static func render(_ d: AccountDetail, headline: String?) -> String {
        let a = d.account, f = a.fields
        var lines: [String] = []
        let title = "\(a.code)  \(f.name)" + (f.tradingName.map { " (\($0))" } ?? "") + "  [\(f.type.rawValue)]"
        lines.append(headline.map { "\($0) \(title)" } ?? title)
        func row(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("  " + DisplayWidth.pad(label, to: 16) + value) }
        }
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
        lines.append("")
        lines.append("Onboarding: " + Onboarding.Step.allCases.map { step in
            (d.summary.onboarding.isDone(step) ? "[x] " : "[ ] ") + step.rawValue
        }.joined(separator: "  "))
        if let next = d.summary.onboarding.nextStep { lines.append("  next step: \(next.rawValue)") }
        lines.append("")
        lines.append("Price lists: " + (d.priceLists.isEmpty ? "none" : d.priceLists.map(\.name).joined(separator: ", ")))
        lines.append("")
        if d.contacts.isEmpty {
            lines.append("Contacts: none")
        } else {
            lines.append("Contacts:")
            var t = TextTable([.init("Name", flexible: true), .init("Email"), .init("Role"), .init("Storefront")])
            for c in d.contacts {
                let sf = c.storefrontUser.map { "\($0.type.rawValue), \($0.status.rawValue)\($0.locked ? ", locked" : "")" } ?? "-"
                t.add([c.fullName, c.email, c.companyRole ?? "", sf])
            }
            lines.append(t.render(maxWidth: 120))
        }
        if !d.orders.isEmpty {
            lines.append("")
            lines.append("Orders:")
            var t = TextTable([.init("Order"), .init("Day"), .init("For", flexible: true), .init("Status"), .init("Total", alignRight: true)])
            for o in d.orders { t.add([o.number, o.orderDay.description, o.customerName, o.status.rawValue, o.total.display]) }
            lines.append(t.render(maxWidth: 120))
        }
        return lines.joined(separator: "\n")
    }
}
