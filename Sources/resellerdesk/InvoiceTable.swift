import ResellerCore
import TerminalKit

/// How invoices and their lines print as text: the same columns for a run, a preview and `invoice show`.
enum InvoiceTable {
    /// With `status`, the Status and Paid columns (a list); a run's freshly issued invoices go without.
    static func render(_ invoices: [Invoice], status: Bool = false) -> String {
        var t = TextTable([.init("Invoice"), .init("Account"), .init("Date"), .init("Due"),
                           .init("Lines", alignRight: true), .init("Total", alignRight: true)]
                          + (status ? [.init("Paid", alignRight: true), .init("Status")] : []))
        for i in invoices {
            t.add([i.number, AccountCode.format(i.draft.billedAccountId), i.draft.date.description,
                   i.draft.dueDate.description, String(i.draft.lines.count), i.draft.total.display]
                  + (status ? [i.paid?.decimalString ?? "", i.status?.rawValue ?? ""] : []))
        }
        return TerminalSafe.line(t.render())
    }

    static func lines(_ lines: [InvoiceLine]) -> String {
        var t = TextTable([.init("For", flexible: true), .init("Code"), .init("Description", flexible: true),
                           .init("From"), .init("To"), .init("Qty", alignRight: true),
                           .init("Unit price", alignRight: true), .init("Days", alignRight: true),
                           .init("Amount", alignRight: true)])
        for l in lines {
            let days = l.daysCharged.map { "\($0)/\(l.daysInPeriod ?? 0)" } ?? ""
            t.add([l.forAccountName, l.productCode, l.description, l.periodStart?.description ?? "one-time",
                   l.periodEnd?.description ?? "", String(l.quantity), l.unitPrice.decimalString, days,
                   l.amount.decimalString])
        }
        return TerminalSafe.line(t.render())
    }
}
