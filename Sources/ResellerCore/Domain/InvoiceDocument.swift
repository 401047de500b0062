/// An invoice or a credit note as it prints: the one content that the terminal's view, the storefront's
/// printable page and the email (text and HTML) all show. Pure; the fronts only lay it out.
public struct InvoiceDocument: Sendable, Hashable {
    public enum Kind: String, Sendable { case invoice = "Invoice", creditNote = "Credit note" }

    /// One printed line: the text columns are plain, the amounts already formatted.
    public struct Row: Sendable, Hashable {
        public var forAccount: String
        public var productCode: String
        public var description: String
        /// "2027-01-10 – 2027-01-31", or "one-time".
        public var period: String
        /// "22/31 days" when prorated, else empty.
        public var days: String
        public var quantity: String
        public var unitPrice: String
        public var amount: String
    }

    public var kind: Kind
    public var number: String
    public var date: CalendarDay
    /// Invoices only.
    public var dueDate: CalendarDay?
    public var status: InvoiceStatus?
    /// The billed account's name, code, address and email, one per line.
    public var billTo: [String]
    public var rows: [Row]
    public var total: String
    /// Invoices only: what is paid of it so far, and what is left.
    public var paid: String?
    public var due: String?

    public var title: String { "\(kind.rawValue) \(number)" }

    public init(invoice i: Invoice, account: Account) {
        kind = .invoice; number = i.number; date = i.draft.date; dueDate = i.draft.dueDate; status = i.status
        billTo = Self.billTo(account)
        rows = i.draft.lines.map(Self.row)
        total = i.draft.total.display
        if let p = i.paid {
            paid = p.display
            due = Money(minor: i.draft.total.minor - p.minor, currency: p.currency).display
        }
    }

    public init(creditNote c: CreditNote, account: Account) {
        kind = .creditNote; number = c.number; date = c.draft.date
        billTo = Self.billTo(account)
        rows = c.draft.lines.map(Self.row)
        total = c.draft.total.display
    }

    static func billTo(_ a: Account) -> [String] {
        let ad = a.fields.address
        let place = [ad.postcode, ad.city].compactMap { $0 }.joined(separator: " ")
        let lines: [String?] = ["\(a.name) (\(a.code))", ad.street,
                                [place, ad.state ?? "", Country.named(ad.country)?.name ?? ad.country]
                                    .filter { !$0.isEmpty }.joined(separator: ", "),
                                a.fields.email]
        return lines.compactMap { $0 }.filter { !$0.isEmpty }
    }

    static func row(_ l: InvoiceLine) -> Row {
        Row(forAccount: l.forAccountName, productCode: l.productCode, description: l.description,
            period: l.periodStart.map { "\($0) – \(l.periodEnd ?? $0)" } ?? "one-time",
            days: l.daysCharged.map { "\($0)/\(l.daysInPeriod ?? $0) days" } ?? "",
            quantity: String(l.quantity), unitPrice: l.unitPrice.decimalString, amount: l.amount.decimalString)
    }

    /// The printed text, at most `width` columns wherever the names allow: a heading, each line as two
    /// (for whom and what; then period, days, quantity × unit price and amount), and the totals.
    public func text(width: Int = 78) -> [String] {
        func spread(_ left: String, _ right: String) -> String {
            left + String(repeating: " ", count: max(1, width - left.count - right.count)) + right
        }
        var out = [spread(title.uppercased(), status.map { "Status: \($0.rawValue)" } ?? "")]
        out.append("Date \(date)" + (dueDate.map { "    Due \($0)" } ?? ""))
        out.append("")
        for (n, line) in billTo.enumerated() { out.append((n == 0 ? "Bill to  " : "         ") + line) }
        out.append("")
        for r in rows {
            out.append("\(r.forAccount) · \(r.productCode) \(r.description)")
            let when = "  " + r.period + (r.days.isEmpty ? "" : " (\(r.days))")
            out.append(spread(when, "\(r.quantity) × \(r.unitPrice)" + pad(r.amount, 14)))
        }
        out.append(String(repeating: "-", count: width))
        out.append(spread("Total", total))
        if let paid, let due {
            out.append(spread("Paid", paid))
            out.append(spread("Left to pay", due))
        }
        out.append("Amounts exclude tax.")
        return out
    }

    private func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(1, n - s.count)) + s }
}
