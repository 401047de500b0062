import Foundation
import ResellerCore
import TerminalKit

/// An account as readable text, part by part: fields, onboarding checklist, price lists, contacts, orders
/// and history. `account show` prints every part one after the other; the terminal's Account detail
/// shows one part per section and lets staff act on the rows that carry an item.
public enum AccountDetailText {
    /// A row staff can highlight on the detail screen.
    public enum Item: Sendable, Equatable {
        case priceList(name: String)
        case contact(email: String, storefront: UserStatus?)
        case order(id: Int64, number: String, status: OrderStatus)
        /// A history entry: nothing to act on, but highlighted it shows uncut.
        case event(id: Int64)
        /// A ledger entry of the statement; a payment not yet reversed can be.
        case ledger(id: Int64, reversiblePayment: Bool)
        /// An end customer of a reseller: opens as an account of its own.
        case customer(id: Int64)
        /// A subscription billed to the account; only an Active one's quantity can change.
        case subscription(id: Int64, status: SubscriptionStatus)
        /// An invoice or a credit note, by its number: Enter shows it as it prints.
        case document(number: String)
    }

    public struct Line: Sendable, Equatable {
        public var text: String
        public var item: Item?
        /// A section heading ("Contacts:"), drawn in the key colour.
        public var heading = false
        /// The row uncut (every cell, joined), for the line under the table when the row is highlighted.
        public var full: String?
        /// Something staff must fix before it bites (no tax can be computed), drawn in the warning colour.
        public var warning = false
    }

    /// A part as a table: the column titles (nil for plain text) and one line a row.
    public struct Table: Sendable, Equatable {
        public var header: String?
        public var lines: [Line]
    }

    public static func render(_ d: AccountDetail, headline: String?) -> String {
        var all = lines(d)
        if let headline { all[0].text = "\(headline) \(all[0].text)" }
        return all.map(\.text).joined(separator: "\n")
    }

    /// Every part one after the other, with headings: what `account show` prints.
    public static func lines(_ d: AccountDetail, width: Int = 120) -> [Line] {
        let f = d.account.fields
        let trading = f.tradingName.map { " (\($0))" } ?? ""
        var lines = [Line(text: "\(d.account.code)  \(f.name)\(trading)  [\(f.type.rawValue)]")]
        lines += fields(d) + [Line(text: "")] + onboarding(d)
        func part(_ title: String, _ table: Table, showEmpty: Bool) {
            guard showEmpty || !table.lines.isEmpty else { return }
            lines.append(Line(text: ""))
            guard let header = table.header, !table.lines.isEmpty else {
                lines.append(Line(text: title + ": none", heading: true))
                return
            }
            lines.append(Line(text: title + ":", heading: true))
            lines.append(Line(text: "  " + header))
            lines += table.lines.map { var l = $0; l.text = "  " + l.text; return l }
        }
        part("Price lists", priceLists(d.priceLists, width: width - 4, gap: 2), showEmpty: true)
        part("Contacts", contacts(d.contacts, width: width - 4, gap: 2), showEmpty: true)
        // Submitted orders wait for staff (they went over the credit): they come first.
        let orders = d.orders.filter { $0.status == .submitted } + d.orders.filter { $0.status != .submitted }
        part("Orders", self.orders(orders, width: width - 4, gap: 2), showEmpty: false)
        if !d.audit.isEmpty {
            lines.append(Line(text: ""))
            lines.append(Line(text: "History:", heading: true))
            lines += d.audit.map { e in Line(text: "  \(Format.timestamp(e.at))  \(e.actor)  \(describe(e))") }
        }
        return lines
    }

    /// The account's fields, one "label  value" line each (the code and name are the first line, or the
    /// screen's title). `compact`: the type first, and credit, balance and available on one line, so
    /// that every field and the onboarding checklist fit one 80x24 screen; the Tax row then fits `width`.
    static func fields(_ d: AccountDetail, compact: Bool = false, width: Int = 78) -> [Line] {
        let a = d.account, f = a.fields
        var lines: [Line] = []
        func row(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append(Line(text: "  " + DisplayWidth.pad(label, to: 16) + value)) }
        }
        if compact { row("Type", f.type.rawValue + (f.tradingName.map { ", trading as \($0)" } ?? "")) }
        // Only when not Active: why, and whether a payment lifts it (the collections run's suspension).
        if a.status != .active {
            row("Status", a.status.label + (a.statusReason.map { ": \($0)" } ?? "")
                + (a.suspendedByCollections ? " (the collections run; paying lifts it)" : ""))
        }
        row("Email", f.email)
        row("Phone", f.phone)
        row("Website", f.website)
        let confirmed = d.vatConfirmation.map { " (VIES \($0.confirmedOn), \($0.reference))" } ?? ""
        row("VAT number", f.registrationNumber.map { $0 + confirmed })
        row("Tax authority", f.taxAuthority)
        // The tax its invoices get today, or why none can be issued yet.
        if compact {
            lines += taxRow(d, width: width)
        } else {
            row("Tax", d.taxTreatment?.label ?? d.taxProblem.map { "none can be invoiced: " + $0 })
        }
        let address = [f.address.street, f.address.postcode, f.address.city, f.address.state].compactMap { $0 }
        row("Address", (address + [Country.named(f.address.country)?.name ?? f.address.country]).joined(separator: ", "))
        // How long its invoices have before they are due; on the currency's line in the 80x24 overview, which
        // has no row to spare (the onboarding checklist's next step would go below the fold).
        let days = f.paymentTermsDays
        let terms = days == 0 ? "due on the invoice's date" : days == 1 ? "due in 1 day" : "due in \(days) days"
        if compact {
            row("Currency", f.currency + " · invoices " + terms)
        } else {
            row("Currency", f.currency)
            row("Payment terms", terms)
        }
        row("Account manager", f.accountManager)
        if let o = f.ordering, compact {
            row("Credit limit", o.creditLimit.display + " · balance " + d.summary.balance.display
                + (d.summary.availableCredit.map { " · available " + $0.display } ?? ""))
            row("Proration", o.prorateBillingDay.map { "on, billing day: \($0.label)" } ?? "off")
            row("Partial charges", o.partialChargesInvoicing.label)
            row("Reselling", o.enableReselling ? "on" : "off")
        } else if let o = f.ordering {
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
        return lines
    }

    /// The Tax row of the overview at `width` columns: the treatment on one line, a long exemption reason cut
    /// with "…" (the invoice prints it whole); or why nothing can be invoiced, wrapped under the value and in
    /// the warning colour, since staff must fix it (the seller's configuration, a rate) before billing.
    static func taxRow(_ d: AccountDetail, width: Int) -> [Line] {
        let label = "  " + DisplayWidth.pad("Tax", to: 16), room = max(10, width - DisplayWidth.of(label))
        if let treatment = d.taxTreatment {
            return [Line(text: label + DisplayWidth.truncate(treatment.label, to: room))]
        }
        guard let problem = d.taxProblem else { return [] }
        let wrapped = DisplayWidth.wrap(problem, to: room, lines: 4)
        return wrapped.enumerated().map { n, part in
            Line(text: (n == 0 ? label : String(repeating: " ", count: DisplayWidth.of(label)))
                 + DisplayWidth.truncate(part, to: room), warning: true)
        }
    }

    /// The onboarding checklist under its heading, the next step marked.
    static func onboarding(_ d: AccountDetail) -> [Line] {
        let next = d.summary.onboarding.nextStep
        return [Line(text: "Onboarding:", heading: true)] + Onboarding.Step.allCases.map { step in
            let box = d.summary.onboarding.isDone(step) ? "[x] " : "[ ] "
            return Line(text: "  " + box + step.rawValue + (step == next ? "   ← next step" : ""))
        }
    }

    static func priceLists(_ lists: [PriceList], width: Int, gap: Int = 1) -> Table {
        let columns: [TextTable.Column] = [.init("Name", flexible: true), .init("Currency"), .init("Valid"),
                                           .init("Items", alignRight: true)]
        return table(columns, width, gap, lists.map { l in
            ([l.name, l.currency, l.validity, String(l.itemCount)], .priceList(name: l.name))
        })
    }

    static func contacts(_ contacts: [Contact], width: Int, gap: Int = 1) -> Table {
        // The role is the first thing to go at 80 columns: name, email and storefront state matter more.
        let withRole = width >= 96
        let columns: [TextTable.Column] = [.init("Name", flexible: true), .init("Email")]
            + (withRole ? [.init("Role")] : []) + [.init("Storefront")]
        return table(columns, width, gap, contacts.map { c in
            let sf = c.storefrontUser.map { u in
                let roles = u.type == .user ? " (" + u.roles.map(\.rawValue).joined(separator: ", ") + ")" : ""
                return "\(u.type.rawValue)\(roles), \(u.status.rawValue)" + (u.locked ? ", locked" : "")
            } ?? "-"
            return ([c.fullName, c.email] + (withRole ? [c.companyRole ?? ""] : []) + [sf],
                    .contact(email: c.email, storefront: c.storefrontUser?.status))
        })
    }

    /// The orders, each with its gross total (its first charges with their tax, as the credit check counts it).
    static func orders(_ orders: [Order], width: Int, gap: Int = 1) -> Table {
        let columns: [TextTable.Column] = [.init("Order"), .init("Day"), .init("For", flexible: true), .init("Status"),
                                           .init(TaxedTotal.column, alignRight: true)]
        return table(columns, width, gap, orders.map { o in
            ([o.number, o.orderDay.description, o.customerName, o.status.rawValue, o.total.display],
             .order(id: o.id, number: o.number, status: o.status))
        })
    }

    /// The ledger, oldest first, with the balance after each entry: what the account owes and why.
    static func statement(_ entries: [LedgerEntry], width: Int, gap: Int = 1) -> Table {
        let columns: [TextTable.Column] = [.init("Day"), .init("Entry", flexible: true), .init("By"),
                                           .init("Debit", alignRight: true), .init("Credit", alignRight: true),
                                           .init("Balance", alignRight: true)]
        return table(columns, width, gap, entries.map { e in
            let day = Format.timestamp(e.createdAt).prefix(10)
            let text = e.line
            return ([String(day), text, e.createdBy, e.kind.isDebit ? e.amount.display : "",
                     e.kind.isDebit ? "" : e.amount.display, e.balanceAfter.display],
                    .ledger(id: e.id, reversiblePayment: e.kind == .payment && e.reversedBy == nil))
        })
    }

    /// The subscriptions billed to the account: for whom, what, how many (a lowering waiting for the next
    /// period as "5→2"), the next billing date and the status with its end date.
    static func subscriptions(_ subs: [Subscription], today: CalendarDay?, width: Int, gap: Int = 1) -> Table {
        let columns: [TextTable.Column] = [.init("For", flexible: true), .init("Product"), .init("Period"),
                                           .init("Qty", alignRight: true), .init("Next bill"), .init("Status")]
        var t = table(columns, width, gap, subs.map { s in
            let day = today ?? s.start
            let pending = s.status == .canceled ? nil : s.pendingStep(after: day)
            let quantity = String(s.quantity(on: day)) + (pending.map { "→\($0.quantity)" } ?? "")
            return ([s.forAccountName, s.productCode, s.period.rawValue, quantity,
                     s.status == .active ? s.nextBillingDate.description : "-", status(s)],
                    .subscription(id: s.id, status: s.status))
        })
        // Uncut under the list: the description, the price and a waiting lowering in words.
        for (i, s) in subs.enumerated() {
            let day = today ?? s.start
            let pending = s.status == .canceled ? nil : s.pendingStep(after: day)
            let forWhom = s.forAccountId == s.billedAccountId ? "" : "for \(s.forAccountName) · "
            t.lines[i].full = forWhom + "\(s.productCode) \(s.description) · \(s.quantity(on: day)) × "
                + "\(s.unitPrice.display) \(s.period.rawValue)"
                + (pending.map { " · \($0.quantity) from \($0.from)" } ?? "")
        }
        return t
    }

    /// "Active", "Ends 2027-02-28", "Canceled 2027-01-20".
    static func status(_ s: Subscription) -> String {
        switch s.status {
        case .active: "Active"
        case .ending: "Ends " + (s.endDate?.description ?? "at period end")
        case .canceled: "Canceled" + (s.endDate.map { " \($0)" } ?? "")
        }
    }

    /// Invoices and credit notes together, newest first: number, date, due date, gross total, paid and status.
    /// Under the list, the highlighted one's total broken down into net and VAT (the columns that cannot be cut,
    /// dates and paid, give way to it so that it fits 80 columns).
    static func documents(_ docs: [BillingDocument], width: Int, gap: Int = 1) -> Table {
        let columns: [TextTable.Column] = [.init("Number"), .init("Date"), .init("Due"),
                                           .init(TaxedTotal.column, alignRight: true), .init("Paid", alignRight: true),
                                           .init("Status", flexible: true)]
        var t = table(columns, width, gap, docs.map { d in
            switch d {
            case .invoice(let i):
                return ([i.number, i.draft.date.description, i.draft.dueDate.description, i.draft.total.display,
                         i.paid?.display ?? "", i.status?.rawValue ?? ""], .document(number: i.number))
            case .creditNote(let c):
                return ([c.number, c.draft.date.description, "", "-" + c.draft.total.display, "", "Credit note"],
                        .document(number: c.number))
            }
        })
        for (n, d) in docs.enumerated() {
            t.lines[n].full = switch d {
            case .invoice(let i):
                [i.number, TaxedTotal.of(i.draft.amounts), i.status?.rawValue].compactMap { $0 }
                    .joined(separator: " · ")
            case .creditNote(let c):
                [c.number, "Credit note" + (c.draft.creditedInvoiceNumber.map { " of \($0)" } ?? ""),
                 TaxedTotal.of(c.draft.amounts)].joined(separator: " · ")
            }
        }
        return t
    }

    /// A reseller's end customers.
    static func customers(_ accounts: [Account], width: Int, gap: Int = 1) -> Table {
        table([.init("Code"), .init("Name", flexible: true), .init("Status")], width, gap, accounts.map { a in
            ([a.code, a.name, a.status.label], .customer(id: a.id))
        })
    }

    static func history(_ events: [AuditEvent], width: Int, gap: Int = 1) -> Table {
        table([.init("When"), .init("Who"), .init("What", flexible: true)], width, gap, events.map { e in
            let when = Format.timestamp(e.at).replacingOccurrences(of: " UTC", with: "")
            return ([when, e.actor, describe(e)], .event(id: e.id))
        })
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

    private static func table(_ columns: [TextTable.Column], _ width: Int, _ gap: Int,
                              _ rows: [([String], Item)]) -> Table {
        var t = TextTable(columns, gap: gap)
        for (cells, _) in rows { t.add(cells) }
        let widths = t.widths(maxWidth: width)
        func line(_ cells: [String]) -> String {
            TextTable.line(cells, columns: columns, widths: widths, gap: gap)
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return Table(header: line(columns.map(\.title)),
                     lines: zip(t.rows, rows).map { Line(text: line($0.0), item: $0.1.1, full: TextTable.full($0.0)) })
    }
}
