import ResellerCore

/// The templates of the signed-in pages (see `ResellerPages` for their values).
enum ResellerTemplates {
    static let all: [String: String] = [
        "dashboard": """
            <dl class="facts"><dt>Account</dt><dd>{{code}}</dd>{{#billing}}
            <dt>Credit limit</dt><dd>{{creditLimit}}</dd>
            <dt>Balance</dt><dd>{{balance}}</dd>
            <dt>Overdue</dt><dd id="overdue">{{overdue}}</dd>
            <dt>Next invoice</dt><dd id="next-invoice">{{nextInvoice}}</dd>{{/billing}}{{#ordering}}
            <dt>Available credit</dt><dd>{{available}}</dd>{{/ordering}}</dl>
            {{#billing}}{{>amountsNote}}{{/billing}}{{^billing}}{{#ordering}}{{>amountsNote}}{{/ordering}}\
            {{/billing}}{{#overdueInvoices}}{{>overdueInvoices}}{{/overdueInvoices}}
            {{#canOrder}}<p><a href="/orders/new"><button type="button">New order</button></a></p>{{/canOrder}}\
            {{#ordering}}
            <h2>Price lists</h2>\
            {{^priceLists}}<p>No price list is assigned yet: ask your account manager.</p>{{/priceLists}}\
            {{#hasPriceLists}}<ul>{{#priceLists}}<li>{{name}} ({{currency}}, {{itemCount}} products)</li>\
            {{/priceLists}}</ul>{{/hasPriceLists}}
            <h2>Recent orders</h2>{{>ordersTable}}{{/ordering}}
            """,
        // The reference in its printed groups, as on the invoice and the reminders: the one to quote in a transfer.
        // A phone leaves out the due date (`.wide`): the days overdue say it; so the foot has a cell per column.
        // There the headings wrap (`.overdue`), so the five columns fit its width.
        "overdueInvoices": """
            <h2>Overdue invoices</h2>
            <table id="overdue-invoices" class="overdue"><thead><tr><th>Invoice</th><th class="wide">Due</th>\
            <th class="num">Days overdue</th><th class="num">Left to pay</th><th>Payment reference</th></tr></thead>
            <tbody>{{#rows}}<tr><td><a href="/invoices/{{number}}">{{number}}</a></td><td class="wide">{{dueDate}}\
            </td><td class="num">{{days}}</td><td class="num">{{left}}</td><td class="reference">{{reference}}</td>\
            </tr>{{/rows}}</tbody>
            <tfoot><tr><th>Total overdue</th><td class="wide"></td><td></td>\
            <td class="num" id="overdue-total">{{total}}</td><td></td></tr></tfoot></table>
            {{#payTo}}<p id="pay-to">{{.}}</p>{{/payTo}}
            """,
        // Balance, available credit, the next invoice and the orders' totals are all gross
        // (domain.md#the-seller-and-tax); the order's own page breaks its total down.
        "amountsNote": #"<p class="muted">Amounts include VAT.</p>"#,
        "ordersTable": """
            {{^orders}}<p>No orders yet.</p>{{/orders}}{{#hasOrders}}<table><thead><tr><th>Order</th><th>Day</th>\
            <th>For</th><th>Status</th><th class="num">Total</th></tr></thead><tbody>{{#orders}}\
            <tr><td><a href="/orders/{{id}}">{{number}}</a></td><td>{{day}}</td><td>{{customer}}</td>\
            <td class="status-{{status}}">{{status}}</td><td class="num">{{total}}</td></tr>{{/orders}}\
            </tbody></table>{{/hasOrders}}
            """,
        "orders": """
            <p><a href="/orders/new"><button type="button">New order</button></a></p>{{>ordersTable}}{{>pager}}
            """,
        "text": "<p>{{text}}</p>",
        "users": """
            <table><thead><tr><th>Name</th><th>Email</th><th>Status</th><th>Access</th><th>Sign-in</th></tr></thead>
            <tbody>{{#users}}<tr><td>{{name}}</td><td>{{email}}</td><td>{{status}}</td><td>{{#me}}{{access}} (you)\
            {{/me}}{{^me}}<form method="post" action="/users/{{id}}/access" class="inline">{{>csrf}}\
            <select name="type" aria-label="Type of {{email}}"><option value="admin"{{#admin}} selected{{/admin}}>\
            Admin</option><option value="user"{{^admin}} selected{{/admin}}>User</option></select>
            {{#roles}}<label><input type="checkbox" name="role" value="{{slug}}"{{#on}} checked{{/on}}> {{label}}\
            </label> {{/roles}}<button type="submit">Save</button></form>{{/me}}</td>
            <td>{{^me}}{{#active}}<form method="post" action="/users/{{id}}/deactivate" class="inline">{{>csrf}}\
            <button type="submit">Deactivate</button></form>{{/active}}{{/me}}</td></tr>{{/users}}</tbody></table>\
            {{>pager}}
            <h2>Invite a user</h2>
            <form method="post" action="/users">{{>csrf}}
            {{#firstNameField}}{{>field}}{{/firstNameField}}
            {{#lastNameField}}{{>field}}{{/lastNameField}}
            {{#emailField}}{{>field}}{{/emailField}}
            <p class="field"><label for="f-type">Type</label><select id="f-type" name="type">\
            <option value="user">User</option><option value="admin">Admin</option></select></p>
            <fieldset><legend>Roles of a User</legend>{{#inviteRoles}}<label><input type="checkbox" name="role" \
            value="{{slug}}"{{#on}} checked{{/on}}> {{label}}</label> {{/inviteRoles}}</fieldset>
            {{#rolesError}}<p class="error">{{.}}</p>{{/rolesError}}
            <p><button type="submit">Send the invitation</button></p></form>
            """,
        "customers": """
            {{^customers}}<p>No end customers yet.</p>{{/customers}}{{#hasCustomers}}<table><thead><tr><th>Account</th>\
            <th>Name</th><th>Email</th><th>Country</th></tr></thead><tbody>{{#customers}}<tr><td>{{code}}</td>\
            <td>{{name}}</td><td>{{email}}</td><td>{{country}}</td></tr>{{/customers}}</tbody></table>{{/hasCustomers}}\
            {{>pager}}
            <h2>Add an end customer</h2>
            <form method="post" action="/customers">{{>csrf}}
            {{#nameField}}{{>field}}{{/nameField}}
            {{#emailField}}{{>field}}{{/emailField}}
            {{#countryField}}{{>field}}{{/countryField}}
            <p><button type="submit">Add end customer</button></p></form>
            """,
        "order": """
            <dl class="facts"><dt>Status</dt><dd class="status-{{status}}">{{status}}</dd>
            <dt>For</dt><dd>{{customer}}</dd><dt>Day</dt><dd>{{day}}</dd>
            {{#net}}<dt>Net</dt><dd>{{.}}</dd>{{/net}}{{#tax}}<dt>VAT</dt><dd>{{.}}</dd>{{/tax}}\
            {{#taxes}}<dt>{{label}}</dt><dd>{{tax}}</dd>{{/taxes}}
            <dt>Total</dt><dd><strong>{{total}}</strong></dd></dl>
            <table><thead><tr><th>Code</th><th>Product</th><th>Period</th><th class="num">Qty</th>\
            <th class="num">First charge (net)</th><th>Invoiced</th></tr></thead>
            <tbody>{{#lines}}<tr><td>{{code}}</td><td>{{product}}</td><td>{{period}}</td>\
            <td class="num">{{quantity}}</td><td class="num">{{firstCharge}}</td><td>{{invoiceDay}}</td></tr>\
            {{/lines}}</tbody></table><p><a href="/orders">All orders</a></p>
            """,
        "newOrder": """
            <p>Available credit: <strong>{{available}}</strong></p>
            {{#unavailable}}<p class="muted">{{name}} {{reason}}, so it cannot be ordered from.</p>{{/unavailable}}
            <form method="post" action="/orders/preview">{{>csrf}}
            <p class="field"><label for="f-for">Order for</label><select id="f-for" name="for">{{#options}}\
            <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>
            {{#forError}}<span class="error" id="f-for-error">{{.}}</span>{{/forError}}</p>
            <table><thead><tr><th>Product</th><th>Period</th><th class="num">Unit price</th><th>Quantity</th></tr>\
            </thead><tbody>{{#rows}}<tr><td><label for="{{id}}">{{product}}</label><br>\
            <span class="muted">{{code}}</span></td><td>{{period}}</td><td class="num">{{unitPrice}}</td>\
            <td><input id="{{id}}" name="{{name}}" type="number" min="0" \
            max="\(Quantity.range.upperBound)" inputmode="numeric" \
            value="{{quantity}}" size="5"{{#error}} aria-invalid="true"{{/error}}>\
            {{#error}}<span class="error" id="{{id}}-error">{{.}}</span>{{/error}}</td></tr>{{/rows}}</tbody></table>
            {{#linesError}}<p class="error">{{.}}</p>{{/linesError}}
            <p><button type="submit">Preview the order</button></p></form>
            """,
        "preview": """
            <dl class="facts"><dt>For</dt><dd>{{customer}}</dd><dt>Order day</dt><dd>{{day}}</dd>
            <dt>Partial charges</dt><dd>{{partialCharges}}</dd>
            <dt>Net</dt><dd>{{net}}</dd>{{#taxes}}<dt>{{label}}</dt><dd>{{tax}}</dd>{{/taxes}}
            <dt>Total charged now</dt><dd><strong>{{total}}</strong></dd></dl>
            {{#notes}}<p class="note">{{.}}</p>{{/notes}}
            <table><thead><tr><th>Product</th><th>Period</th><th class="num">Qty</th><th class="num">Unit price</th>\
            <th class="num">First charge (net)</th><th>Charge</th><th>Invoiced on</th></tr></thead>
            <tbody>{{#lines}}<tr><td>{{product}}</td><td>{{period}}</td><td class="num">{{quantity}}</td>\
            <td class="num">{{unitPrice}}</td><td class="num">{{firstCharge}}</td><td>{{charge}}</td>\
            <td>{{invoiceDay}}</td></tr>{{/lines}}</tbody></table>
            <form method="post" action="/orders">{{>csrf}}{{#hidden}}\
            <input type="hidden" name="{{name}}" value="{{value}}">{{/hidden}}
            <p><button type="submit">Place the order</button></p></form>
            <p><a href="/orders/new">Start again</a></p>
            """,
    ]
}
