import ResellerCore
import TerminalKit

/// How invoices and their lines print as text: the same columns for a run, a list and a preview. Totals are
/// gross (domain.md#the-seller-and-tax); the VAT column beside them says how much of each is tax.
enum InvoiceTable {
    /// With `status`, the Status and Paid columns (a list); a run's freshly issued invoices go without. The line
    /// count gave way to VAT so that a list stays as wide as before tax: `--json` keeps it as `lineCount`.
    static func render(_ invoices: [Invoice], status: Bool = false) -> String {
        var t = TextTable([.init("Invoice"), .init("Account"), .init("Date"), .init("Due"),
                           .init("VAT", alignRight: true), .init("Total", alignRight: true)]
                          + (status ? [.init("Paid", alignRight: true), .init("Status")] : []))
        for i in invoices {
            t.add([i.number, AccountCode.format(i.draft.billedAccountId), i.draft.date.description,
                   i.draft.dueDate.description, i.draft.amounts.tax.decimalString, i.draft.total.display]
                  + (status ? [i.paid?.decimalString ?? "", i.status?.rawValue ?? ""] : []))
        }
        return TerminalSafe.line(t.render())
    }

    /// An issued invoice or credit note as every front prints it (InvoiceDocument.text), without the spaces a
    /// line may end in (a heading with no status is padded to the page's width).
    static func document(_ d: InvoiceDocument) -> String {
        TerminalSafe.line(d.text().map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n"))
    }

    /// A draft's lines, each with its net amount and the tax category and rate it bears.
    static func lines(_ lines: [InvoiceLine]) -> String {
        var t = TextTable([.init("For", flexible: true), .init("Code"), .init("Description", flexible: true),
                           .init("From"), .init("To"), .init("Qty", alignRight: true),
                           .init("Unit price", alignRight: true), .init("Days", alignRight: true), .init("Tax"),
                           .init("Amount", alignRight: true)])
        for l in lines {
            let days = l.daysCharged.map { "\($0)/\(l.daysInPeriod ?? 0)" } ?? ""
            t.add([l.forAccountName, l.productCode, l.description, l.periodStart?.description ?? "one-time",
                   l.periodEnd?.description ?? "", String(l.quantity), l.unitPrice.decimalString, days,
                   l.tax.map { $0.category.label($0.rate) } ?? "", l.amount.decimalString])
        }
        return TerminalSafe.line(t.render())
    }

    /// Under a draft's lines: the net, the VAT per category and rate, the gross total, then the notes the invoice
    /// will carry (the reverse-charge note, an exemption reason).
    static func totals(_ a: TaxedAmounts) -> String {
        let taxes = a.taxes.map { ($0.label, $0.tax.display) }
        let rows = [("Net", a.net.display)] + taxes + [("Total", a.total.display)]
        let left = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let right = rows.map { DisplayWidth.of($0.1) }.max() ?? 0
        let lines = rows.map { label, amount in
            DisplayWidth.pad(label, to: left) + "  " + DisplayWidth.pad(amount, to: right, alignRight: true)
        }
        return TerminalSafe.line((lines + a.notes).joined(separator: "\n"))
    }
}
