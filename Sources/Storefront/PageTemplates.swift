/// The storefront's templates, compiled into the binary. Every `{{value}}` is escaped; `{{#x}}…{{/x}}`
/// shows its part when `x` is true, present or a non-empty list (once per element), `{{^x}}` when not;
/// `{{>name}}` includes another template, `{{>*body}}` the one a page names.
enum PageTemplates {
    static let all: [String: String] = layout.merging(AccessTemplates.all) { a, _ in a }
        .merging(ResellerTemplates.all) { a, _ in a }
        .merging(BillingTemplates.all) { a, _ in a }

    static let layout: [String: String] = [
        "layout": """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} · Storefront</title>
            <link rel="stylesheet" href="/style.css"></head>
            <body><header><strong>Storefront</strong>{{#header}}
            <nav><a href="/dashboard">Dashboard</a>{{#ordering}} <a href="/orders">Orders</a>{{#reselling}} \
            <a href="/customers">End customers</a>{{/reselling}}{{/ordering}}{{#subscriptions}} \
            <a href="/subscriptions">Subscriptions</a>{{/subscriptions}}{{#billing}} <a href="/invoices">Invoices</a>\
            {{/billing}}{{#admin}} <a href="/users">Users</a>{{/admin}}
            <a href="/password">Password</a>
            <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}">
            <button type="submit" class="link">Log out</button></form>
            <span class="who">{{email}} · {{reseller}}</span></nav>\
            {{#banner}}<p class="notice warn" role="alert">{{.}}</p>{{/banner}}{{/header}}</header>
            <main><h1>{{title}}</h1>{{#notice}}<p class="notice {{kind}}" role="status">{{text}}</p>{{/notice}}\
            {{#content}}{{>*body}}{{/content}}</main></body></html>
            """,
        "field": """
            <p class="field"><label for="{{id}}">{{label}}</label>
            <input id="{{id}}" name="{{name}}" type="{{type}}" value="{{value}}"\
            {{#error}} aria-invalid="true" aria-describedby="{{id}}-error"{{/error}}\
            {{#autocomplete}} autocomplete="{{.}}"{{/autocomplete}}{{#required}} required{{/required}}\
            {{#minlength}} minlength="{{.}}"{{/minlength}}{{#maxlength}} maxlength="{{.}}"{{/maxlength}}>\
            {{#error}}<span class="error" id="{{id}}-error">{{.}}</span>{{/error}}</p>
            """,
        // A list's page links (`Pager`): `{{>pager}}` for a page's one list, `pageLinks` inside another pager.
        "pager": "{{#pager}}{{>pageLinks}}{{/pager}}",
        "pageLinks": """
            <nav class="pager" aria-label="{{label}}">{{#previous}}<a href="{{.}}" rel="prev">Previous page</a> \
            {{/previous}}<span>Page {{number}} of {{count}}</span>{{#next}} <a href="{{.}}" rel="next">Next page</a>\
            {{/next}}</nav>
            """,
        "csrf": """
            <input type="hidden" name="csrf" value="{{csrf}}">
            """,
        "message": "<p>{{text}}</p><p><a href=\"/\">Back to the storefront</a></p>",
    ]
}
