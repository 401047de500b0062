import ResellerCore

/// The one HTML of an invoice or credit note (`InvoiceDocument`): the storefront's printable page and the
/// email's HTML part both include it as the partial `invoiceDocument`, inside `{{#document}}…{{/document}}`
/// over a `DocumentView`, so the page and the email cannot drift apart. Class names only: the storefront's
/// stylesheet and the email's `<style>` (`DocumentTemplate.emailStyle`) lay it out.
public enum DocumentTemplate {
    public static let name = "invoiceDocument"

    public static let html = """
        <article class="document">
        <div class="document-head"><h2>{{title}}</h2>{{#status}}<p class="document-status \
        status-{{.}}">{{.}}</p>{{/status}}</div>
        <dl class="facts"><dt>Number</dt><dd>{{number}}</dd><dt>Date</dt><dd>{{date}}</dd>\
        {{#dueDate}}<dt>Due</dt><dd>{{.}}</dd>{{/dueDate}}\
        {{#creditedInvoice}}<dt>Credits</dt><dd>{{.}}</dd>{{/creditedInvoice}}\
        {{#paymentReference}}<dt>Payment reference</dt><dd class="reference">{{.}}</dd>{{/paymentReference}}</dl>
        {{#hasSeller}}<div class="seller"><h3>From</h3><p>{{#seller}}{{.}}<br>{{/seller}}</p></div>{{/hasSeller}}
        <div class="bill-to"><h3>Bill to</h3><p>{{#billTo}}{{.}}<br>{{/billTo}}</p></div>
        <table class="document-lines"><thead><tr><th>For</th><th>Product</th><th>Period</th><th>Days</th>\
        <th class="num">Qty</th><th class="num">Unit price</th><th>VAT</th><th class="num">Net amount</th></tr>\
        </thead>
        <tbody>{{#rows}}<tr><td>{{forAccount}}</td><td>{{description}}<br><span class="muted">{{productCode}}\
        </span></td><td>{{period}}</td><td>{{days}}</td><td class="num">{{quantity}}</td>\
        <td class="num">{{unitPrice}}</td><td class="rate">{{tax}}</td><td class="num">{{amount}}</td></tr>{{/rows}}\
        </tbody>
        <tfoot><tr><th colspan="7">Net</th><td class="num">{{net}}</td></tr>\
        {{#taxes}}<tr><th colspan="7">{{label}} on {{taxable}}</th><td class="num">{{tax}}</td></tr>{{/taxes}}\
        <tr class="total"><th colspan="7">Total</th><td class="num">{{total}}</td></tr>\
        {{#paid}}<tr><th colspan="7">Paid</th><td class="num">{{.}}</td></tr>{{/paid}}\
        {{#due}}<tr><th colspan="7">Left to pay</th><td class="num">{{.}}</td></tr>{{/due}}</tfoot></table>
        {{#notes}}<p class="note">{{.}}</p>{{/notes}}
        {{#footer}}<p class="muted">{{.}}</p>{{/footer}}
        </article>
        """

    /// The document's look in an email, where no stylesheet can be linked.
    public static let emailStyle = """
        .document table{border-collapse:collapse;width:100%}.document th,.document td{text-align:left;\
        padding:4px 6px;border-bottom:1px solid #dde1e8;vertical-align:top}.document .num{text-align:right;\
        white-space:nowrap}.document .muted{color:#5f6b7a}.document .facts dt{font-weight:600}\
        .document .facts dd{margin:0 0 4px 0}.document tr.total td,.document tr.total th{font-weight:700}\
        .document .rate{white-space:nowrap}
        """
}

/// The values of `DocumentTemplate.html`: an `InvoiceDocument` as the template reads it.
public struct DocumentView: Sendable {
    public struct Row: Sendable {
        var forAccount, productCode, description, period, days, quantity, unitPrice, amount, tax: String
    }

    public struct TaxRow: Sendable { var label, taxable, tax: String }

    var title, number, date, net, total: String
    var dueDate, status, paid, due, creditedInvoice, paymentReference: String?
    var seller, billTo, notes, footer: [String]
    var hasSeller: Bool
    var rows: [Row]
    var taxes: [TaxRow]

    public init(_ d: InvoiceDocument) {
        title = d.title; number = d.number; date = d.date.description; net = d.net; total = d.total
        dueDate = d.dueDate?.description; status = d.status?.rawValue; paid = d.paid; due = d.due
        creditedInvoice = d.creditedInvoice; paymentReference = d.paymentReference
        seller = d.seller; hasSeller = !d.seller.isEmpty; billTo = d.billTo; notes = d.notes; footer = d.footer
        rows = d.rows.map { r in
            Row(forAccount: r.forAccount, productCode: r.productCode, description: r.description, period: r.period,
                days: r.days, quantity: r.quantity, unitPrice: r.unitPrice, amount: r.amount, tax: r.tax)
        }
        taxes = d.taxes.map { TaxRow(label: $0.label, taxable: $0.taxable, tax: $0.tax) }
    }
}
