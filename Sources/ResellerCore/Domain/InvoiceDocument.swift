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
        /// The net amount.
        public var amount: String
        /// "S 24 %", "AE 0 %"; empty on a document from before tax.
        public var tax: String
    }

    /// One row of the tax breakdown: "VAT S 24 %", the taxable amount and the tax.
    public struct TaxRow: Sendable, Hashable {
        public var label: String
        public var taxable: String
        public var tax: String
    }

    public var kind: Kind
    public var number: String
    public var date: CalendarDay
    /// Invoices only.
    public var dueDate: CalendarDay?
    public var status: InvoiceStatus?
    /// The seller as issued: name, address, VAT ID, contacts, one per line (empty before tax).
    public var seller: [String]
    /// The billed account's name, code, address, email and VAT ID, one per line.
    public var billTo: [String]
    /// A credit note's: the invoice whose days it credits.
    public var creditedInvoice: String?
    public var rows: [Row]
    public var net: String
    public var taxes: [TaxRow]
    /// The gross total, with its currency.
    public var total: String
    /// Invoices only: what is paid of it so far, and what is left.
    public var paid: String?
    public var due: String?
    /// Invoices only: the ISO 11649 reference to pay with, in its printed groups ("RF73 INV0 0012 3").
    public var paymentReference: String?
    /// The exemption reason, the reverse-charge or not-subject note, or that it predates tax.
    public var notes: [String]
    /// The seller's bank and footer, at the foot of the page.
    public var footer: [String]

    public var title: String { "\(kind.rawValue) \(number)" }

    /// The document as its PDF keeps it: what was issued, without what is paid since (the status, paid and
    /// left to pay change with payments; a file kept with its SHA-256 cannot).
    public var asIssued: InvoiceDocument {
        var d = self
        d.status = nil; d.paid = nil; d.due = nil
        return d
    }

    public init(invoice i: Invoice, account: Account) {
        self.init(kind: .invoice, number: i.number, date: i.draft.date, lines: i.draft.lines, amounts: i.draft.amounts,
                  account: account)
        dueDate = i.draft.dueDate; status = i.status
        paymentReference = PaymentReference(number: i.number)?.printed
        if let p = i.paid {
            paid = p.display
            due = Money(minor: i.draft.total.minor - p.minor, currency: p.currency).display
        }
    }

    public init(creditNote c: CreditNote, account: Account) {
        self.init(kind: .creditNote, number: c.number, date: c.draft.date, lines: c.draft.lines,
                  amounts: c.draft.amounts, account: account)
        creditedInvoice = c.draft.creditedInvoiceNumber
    }

    private init(kind: Kind, number: String, date: CalendarDay, lines: [InvoiceLine], amounts a: TaxedAmounts,
                 account: Account) {
        self.kind = kind; self.number = number; self.date = date
        seller = a.seller?.printedLines ?? []
        billTo = Self.billTo(account) + (a.buyerVATId.map { ["VAT ID \($0)"] } ?? [])
        rows = lines.map(Self.row)
        net = a.net.decimalString
        taxes = a.taxes.map { t in
            TaxRow(label: "VAT " + t.category.label(t.rate), taxable: t.taxable.decimalString, tax: t.tax.decimalString)
        }
        total = a.total.display
        notes = a.notes
        footer = [a.seller?.bankLine, a.seller?.footer].compactMap { $0 }
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
            quantity: String(l.quantity), unitPrice: l.unitPrice.decimalString, amount: l.amount.decimalString,
            tax: l.tax.map { $0.category.label($0.rate) } ?? "")
    }

    /// The printed text, at most `width` columns wherever the names allow: a heading, the seller, the buyer,
    /// each line as two (for whom and what; then period, days, quantity × unit price, tax and net amount), the
    /// net, the tax per category and rate, the total, the notes and the seller's bank and footer.
    public func text(width: Int = 78) -> [String] {
        func spread(_ left: String, _ right: String) -> String {
            guard !right.isEmpty else { return left }
            return left + String(repeating: " ", count: max(1, width - left.count - right.count)) + right
        }
        var out = [spread(title.uppercased(), status.map { "Status: \($0.rawValue)" } ?? "")]
        out.append("Date \(date)" + (dueDate.map { "    Due \($0)" } ?? "")
                   + (creditedInvoice.map { "    Credits \($0)" } ?? ""))
        out.append("")
        for (n, line) in seller.enumerated() { out.append((n == 0 ? "From     " : "         ") + line) }
        for (n, line) in billTo.enumerated() { out.append((n == 0 ? "Bill to  " : "         ") + line) }
        out.append("")
        for r in rows {
            out.append("\(r.forAccount) · \(r.productCode) \(r.description)")
            let when = "  " + r.period + (r.days.isEmpty ? "" : " (\(r.days))")
            out.append(spread(when, "\(r.quantity) × \(r.unitPrice)" + (r.tax.isEmpty ? "" : "  \(r.tax)")
                                  + pad(r.amount, 14)))
        }
        out.append(String(repeating: "-", count: width))
        out.append(spread("Net", net))
        for t in taxes { out.append(spread("\(t.label) on \(t.taxable)", t.tax)) }
        out.append(spread("Total", total))
        if let paid, let due {
            out.append(spread("Paid", paid))
            out.append(spread("Left to pay", due))
        }
        if let paymentReference { out.append(spread("Payment reference", paymentReference)) }
        if !notes.isEmpty || !footer.isEmpty { out.append("") }
        out += notes + footer
        return out
    }

    private func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(1, n - s.count)) + s }
}
