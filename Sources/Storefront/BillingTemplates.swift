import Templating
import ResellerCore

/// The templates of the subscriptions and invoices pages (see `BillingPages` for their values); the
/// invoice and credit note themselves are `DocumentTemplate`, shared with their emails.
enum BillingTemplates {
    static let all: [String: String] = [
        DocumentTemplate.name: DocumentTemplate.html,
        "subscriptions": """
            {{^canChange}}<p class="muted">You can see the subscriptions; an Admin or a Subscriptions Manager \
            changes them.</p>{{/canChange}}
            {{^hasSubscriptions}}<p>No subscriptions yet: each monthly or annual product ordered becomes one.</p>\
            {{/hasSubscriptions}}{{#hasSubscriptions}}<table><thead><tr><th>For</th><th>Product</th><th>Period</th>\
            <th class="num">Quantity</th><th>Next billing date</th><th>Status</th>{{#canChange}}<th>Change</th>\
            {{/canChange}}</tr></thead>
            <tbody>{{#rows}}<tr id="sub-{{id}}"><td>{{forName}}</td><td>{{product}}<br><span class="muted">\
            {{code}}</span></td><td>{{period}}</td><td class="num">{{quantity}}{{#note}}<br><span class="muted">\
            {{.}}</span>{{/note}}</td><td>{{nextBilling}}</td><td>{{status}}</td>{{#canChange}}<td>{{#changeable}}\
            <form method="post" action="/subscriptions/{{id}}/preview" class="inline">{{>csrf}}\
            <label for="q-{{id}}">New quantity</label> <input id="q-{{id}}" name="quantity" type="number" \
            min="\(Quantity.range.lowerBound)" max="\(Quantity.range.upperBound)" inputmode="numeric" size="5" \
            value="{{typed}}" required{{#error}} aria-invalid="true" \
            aria-describedby="q-{{id}}-error"{{/error}}> <button type="submit">Preview</button>{{#error}}\
            <span class="error" id="q-{{id}}-error">{{.}}</span>{{/error}}</form>
            <a href="/subscriptions/{{id}}/cancel">Cancel at period end</a>{{/changeable}}</td>{{/canChange}}</tr>\
            {{/rows}}</tbody></table>{{/hasSubscriptions}}{{>pager}}
            """,
        "quantityPreview": """
            <dl class="facts"><dt>For</dt><dd>{{forName}}</dd><dt>Product</dt><dd>{{product}}</dd>
            <dt>Quantity now</dt><dd>{{current}}</dd><dt>New quantity</dt><dd><strong>{{quantity}}</strong></dd>
            <dt>Counts from</dt><dd>{{effective}}</dd>
            {{#chargeAmount}}<dt>Charged now</dt><dd><strong id="charge">{{.}}</strong> (VAT included) for the \
            added units ({{chargeDays}}), {{chargePeriod}}</dd><dt>Invoiced on</dt><dd>{{invoiceDate}}</dd>\
            {{/chargeAmount}}\
            {{^chargeAmount}}<dt>Charged now</dt><dd id="charge">nothing{{^raise}}: a lower quantity counts from \
            the next period{{/raise}}{{#raise}}: the period starting today is invoiced with the new quantity\
            {{/raise}}</dd>{{/chargeAmount}}{{#available}}<dt>Available credit</dt><dd>{{.}}</dd>{{/available}}</dl>
            <form method="post" action="/subscriptions/{{id}}/quantity">{{>csrf}}\
            <input type="hidden" name="quantity" value="{{quantity}}">
            <p><button type="submit">Change the quantity to {{quantity}}</button></p></form>
            <p><a href="/subscriptions">Back to the subscriptions</a></p>
            """,
        "confirmCancel": """
            <p>{{product}} for {{forName}} will end at the end of its period, on <strong>{{endDate}}</strong>, \
            and will not be renewed. Nothing is credited: the period is used to its end.</p>
            <form method="post" action="/subscriptions/{{id}}/cancel">{{>csrf}}
            <p><button type="submit">Cancel at period end</button></p></form>
            <p><a href="/subscriptions">Keep it</a></p>
            """,
        "invoices": """
            <nav class="filters" aria-label="Show">{{#filters}}<a href="{{href}}"{{#current}} aria-current="page"\
            {{/current}}>{{label}}</a> {{/filters}}</nav>
            {{^hasInvoices}}<p>No {{filterName}}invoices.</p>{{/hasInvoices}}{{#hasInvoices}}<table><thead><tr>\
            <th>Invoice</th><th>Date</th><th>Due</th><th>Status</th>{{>netTaxHead}}<th class="num">Total</th>\
            <th class="num">Paid</th><th class="num">Left to pay</th></tr></thead><tbody>{{#invoices}}<tr><td>\
            <a href="/invoices/{{number}}">{{number}}</a></td><td>{{date}}</td><td>{{dueDate}}</td>\
            <td class="status-{{status}}">{{status}}</td>{{>netTaxCells}}<td class="num">{{total}}</td>\
            <td class="num">{{paid}}</td><td class="num">{{due}}</td></tr>{{/invoices}}</tbody></table>\
            {{/hasInvoices}}{{>pager}}
            <h2>Credit notes</h2>
            {{^hasCreditNotes}}<p>No credit notes.</p>{{/hasCreditNotes}}{{#hasCreditNotes}}<table><thead><tr>\
            <th>Credit note</th><th>Date</th>{{>netTaxHead}}<th class="num">Total</th></tr></thead><tbody>\
            {{#creditNotes}}<tr><td><a href="/credit-notes/{{number}}">{{number}}</a></td><td>{{date}}</td>\
            {{>netTaxCells}}<td class="num">{{total}}</td></tr>{{/creditNotes}}</tbody></table>{{/hasCreditNotes}}\
            {{#creditNotesPager}}{{>pageLinks}}{{/creditNotesPager}}
            <p class="muted">Totals include VAT; each invoice and credit note shows its VAT by rate.</p>
            """,
        // Net and VAT beside each total; a phone's narrow table leaves them out (the stylesheet's `.wide`), as
        // the document itself has them. A document from before tax says so rather than show a VAT of 0.00.
        "netTaxHead": #"<th class="num wide">Net</th><th class="num wide">VAT</th>"#,
        "netTaxCells": """
            <td class="num wide">{{net}}</td><td class="num wide">{{#beforeTax}}<span class="muted">before tax\
            </span>{{/beforeTax}}{{^beforeTax}}{{tax}}{{/beforeTax}}</td>
            """,
        "document": """
            <p class="no-print"><a href="/invoices">{{back}}</a> · download: <a href="{{pdf}}" download>PDF</a> · \
            <a href="{{xml}}" download>E-invoice (XML)</a></p>
            {{#document}}{{>invoiceDocument}}{{/document}}
            """,
    ]
}
