import Foundation
import FormCoding
import Hummingbird
import ResellerCore

/// The signed-in pages: dashboard, end customers, orders. Every page reads only the signed-in user's own
/// account; an id in a URL or form that belongs to another reseller is answered as not found.
extension StorefrontServer {
    func addResellerRoutes(_ router: Router<StorefrontContext>) {
        router.get("/dashboard") { request, _ in
            let changed = request.uri.queryParameters["password"] == "changed"
            return try await page(request) { s in try await dashboard(s, notice: changed ? .ok("Your password is changed; every other sign-in has ended.") : nil) }
        }
        router.get("/customers") { request, _ in
            try await page(request, needs: .order) { s in try await customers(s, page: request.query("page")) }
        }
        router.post("/customers") { request, context in
            try await post(request, context, needs: .order) { s, form in try await addCustomer(s, form) }
        }
        router.get("/orders") { request, _ in
            try await page(request, needs: .order) { s in try await orders(s, page: request.query("page")) }
        }
        router.get("/orders/new") { request, _ in
            try await page(request, needs: .order) { s in orderForm(s, try await catalogue(s), FormBody(fields: [])) }
        }
        router.post("/orders/preview") { request, context in
            try await post(request, context, needs: .order) { s, form in try await preview(s, form) }
        }
        router.post("/orders") { request, context in
            try await post(request, context, needs: .order) { s, form in try await place(s, form) }
        }
        router.get("/users") { request, _ in
            try await page(request, needs: .manageUsers) { s in try await users(s, page: request.query("page")) }
        }
        router.post("/users") { request, context in
            try await post(request, context, needs: .manageUsers) { s, form in try await invite(s, form) }
        }
        router.post("/users/{id}/{action}") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            let action = context.parameters.get("action") ?? ""
            return try await post(request, context, needs: .manageUsers) { s, form in
                try await changeUser(s, id: id, action: action, form)
            }
        }
        router.get("/password") { request, _ in
            try await page(request) { s in Reply.page(AccessPages.changePassword(header: header(s))) }
        }
        router.post("/password") { request, context in try await post(request, context) { s, form in try await changePassword(s, form, context) } }
        router.get("/orders/{id}") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            let placed = request.uri.queryParameters["placed"] != nil
            return try await page(request, needs: .order) { s in try await order(s, id: id, justPlaced: placed) }
        }
    }

    /// A GET for a signed-in user with the right the page needs; without a session, to Log In.
    func page(_ request: Request, needs right: StorefrontRight? = nil,
              _ body: (StorefrontSession) async throws -> Response) async throws -> Response {
        guard let session = try await signedIn(request) else { return Reply.redirect("/login") }
        return try await withSuspensionBanner(session) {
            if let right, let refused = lacking(right, session) { return refused }
            return try await body(session)
        }
    }

    /// A POST for a signed-in user, with the session's CSRF token checked.
    func post(_ request: Request, _ context: StorefrontContext, needs right: StorefrontRight? = nil,
              _ body: (StorefrontSession, FormBody) async throws -> Response) async throws -> Response {
        guard let session = try await signedIn(request) else { return Reply.redirect("/login") }
        return try await withSuspensionBanner(session) {
            if let right, let refused = lacking(right, session) { return refused }
            switch await form(request, context) {
            case .refused(let response): return response
            case .form(let form):
                guard Self.sameToken(form["csrf"], session.csrf) else {
                    return Reply.problem(.forbidden, "Form expired", "This form is from an earlier sign-in or "
                                         + "another site. Reload the page and try again.", signedIn: header(session))
                }
                return try await body(session, form)
            }
        }
    }

    /// The page that refuses a user without the right a page or action needs (the service refuses too).
    func lacking(_ right: StorefrontRight, _ s: StorefrontSession) -> Response? {
        guard !s.principal.user.may(right) else { return nil }
        return Reply.problem(.forbidden, "Not allowed", "Your storefront user cannot do this: \(right.refusal). "
                             + "Ask an Admin of your account.", signedIn: header(s))
    }

    func header(_ s: StorefrontSession) -> StorefrontHeader {
        let account = s.principal.account
        return StorefrontHeader(email: s.principal.contact.email, reseller: account.name,
                                reselling: account.fields.ordering?.enableReselling == true,
                                ordering: s.principal.user.may(.order), admin: s.principal.user.may(.manageUsers),
                                subscriptions: s.principal.user.may(.seeSubscriptions),
                                billing: s.principal.user.may(.billing), csrf: s.csrf,
                                banner: SuspensionBanner.text(account, overdue: SuspensionBanner.overdue,
                                                              seesInvoices: s.principal.user.may(.billing)))
    }

    // MARK: Pages

    func dashboard(_ s: StorefrontSession, notice: Notice?) async throws -> Response {
        let id = s.principal.account.id
        let actor = actor(s)
        let overview = try await call { () throws(ServiceError) in try service.resellerOverview(id, by: actor) }.get()
        let canOrder = s.principal.user.canOrder && s.principal.account.status == .active
        // Overdue and the next invoice beside the balance, to the same users (Admin, Billing Agent). An
        // account the run cannot bill (its settings refused) still shows its dashboard, saying so.
        var standing: Result<BillingStanding, ServiceError>?
        var overdue: OverdueSection?
        if s.principal.user.may(.billing) {
            standing = try await call { () throws(ServiceError) in
                try service.billingStanding(accountId: id, by: actor)
            }
            if case .failure(let failure)? = standing { _ = try refusal(failure) }
            let invoices = try await call { () throws(ServiceError) in
                try service.overdueInvoices(of: id, by: actor)
            }.get()
            overdue = OverdueSection(invoices, today: service.today, seller: service.settings.seller)
        }
        return Reply.page(ResellerPages.dashboard(overview, header: header(s), user: s.principal.user,
                                                  canOrder: canOrder, standing: standing, overdueInvoices: overdue,
                                                  notice: notice))
    }

    func customers(_ s: StorefrontSession, page: String? = nil, form: FormBody = FormBody(fields: []),
                   errors: [String: String] = [:], notice: Notice? = nil,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = s.principal.account.id, actor = actor(s)
        let list = try await call { () throws(ServiceError) in try service.endCustomers(of: id, by: actor) }.get()
        switch ListPage.choose(page, total: list.count) {
        case .failure(let error): return badPage(error, s)
        case .success(let shown):
            let pager = shown.pager("/customers", of: "Pages of the end customers")
            return Reply.page(ResellerPages.customers(shown.rows(list), pager: pager, header: header(s), form: form,
                                                      errors: errors, notice: notice), status: status)
        }
    }

    /// The answer to a `page` that is not one of the list's pages.
    func badPage(_ error: FieldError, _ s: StorefrontSession) -> Response {
        Reply.problem(.badRequest, "No such page", "\(error.field): \(error.message).", signedIn: header(s))
    }

    func addCustomer(_ s: StorefrontSession, _ form: FormBody) async throws -> Response {
        let id = s.principal.account.id, actor = actor(s)
        let result = try await call { () throws(ServiceError) in
            try service.createEndCustomer(resellerId: id, name: form["name"], email: form["email"], country: form["country"], by: actor)
        }
        switch result {
        case .success(let customer):
            return try await customers(s, notice: .ok("Added \(customer.name) (\(customer.code)). You can now order for it."))
        case .failure(let failure):
            let error = try refusal(failure)
            if case .quotaExceeded(_, let message) = error {
                return try await customers(s, form: form, notice: .error("The end customer was not added: \(message)."),
                                           status: .tooManyRequests).retrying(after: quotaWait)
            }
            let errors = error.messagesByField
            let known = ["name", "email", "country"]
            let other = errors.filter { !known.contains($0.key) }.map(\.value).sorted().joined(separator: " ")
            return try await customers(s, form: form, errors: errors, notice: .error(other.isEmpty ? "The end customer was not added: see below." : other),
                                       status: .unprocessableContent)
        }
    }

    func orders(_ s: StorefrontSession, page: String?) async throws -> Response {
        let id = s.principal.account.id, actor = actor(s)
        let list = try await call { () throws(ServiceError) in
            try service.orders(of: id, limit: Int(Int32.max), by: actor)
        }.get()
        switch ListPage.choose(page, total: list.count) {
        case .failure(let error): return badPage(error, s)
        case .success(let shown):
            let pager = shown.pager("/orders", of: "Pages of the orders")
            return Reply.page(ResellerPages.orders(shown.rows(list), pager: pager, header: header(s), notice: nil))
        }
    }

    func order(_ s: StorefrontSession, id: Int64?, justPlaced: Bool) async throws -> Response {
        let mine = s.principal.account.id, actor = actor(s)
        guard let id, case .success(let order) = try await call({ () throws(ServiceError) in
                  try service.order(id, by: actor) }),
              order.accountId == mine else {
            return Reply.problem(.notFound, "No such order", "There is no such order in your account.", signedIn: header(s))
        }
        return Reply.page(ResellerPages.order(order, header: header(s), justPlaced: justPlaced,
                                              accountManager: s.principal.account.fields.accountManager))
    }

    /// What a user may order from: the reseller's assigned price lists' items, and whom for.
    func catalogue(_ s: StorefrontSession) async throws -> OrderCatalogue {
        let id = s.principal.account.id, actor = actor(s)
        return try await call { () throws(ServiceError) in
            let overview = try service.resellerOverview(id, recentOrders: 0, by: actor)
            var items: [PriceListItem] = []
            var unavailable: [UnavailableList] = []
            for list in overview.priceLists {
                let reasons = list.unavailability(on: service.today)
                if !reasons.isEmpty {
                    unavailable.append(UnavailableList(name: list.name, reason: reasons.joined(separator: " and ")))
                } else {
                    items += try service.priceListItems(list.id)
                }
            }
            return OrderCatalogue(account: overview.account, items: items,
                                  customers: try service.endCustomers(of: id, by: actor),
                                  available: overview.summary.availableCredit, unavailable: unavailable)
        }.get()
    }

    /// The order form, with what was typed and, after a refusal, what to fix beside each field.
    func orderForm(_ s: StorefrontSession, _ c: OrderCatalogue, _ form: FormBody, errors: [String: String] = [:],
                   notice: Notice? = nil, status: HTTPResponse.Status = .ok) -> Response {
        guard s.principal.user.canOrder else {
            return Reply.problem(.forbidden, "Ordering not allowed", "Only an Admin or a user with the Buyer role can place orders.", signedIn: header(s))
        }
        return Reply.page(ResellerPages.newOrder(c, header: header(s), form: form, errors: errors, notice: notice), status: status)
    }

    /// The order form again after the service refused the order (a storage failure goes to the error page).
    func orderForm(_ s: StorefrontSession, _ c: OrderCatalogue, _ form: FormBody, refused failure: ServiceError) throws -> Response {
        let error = try refusal(failure)
        return orderForm(s, c, form, errors: error.messagesByField, notice: .error(error.fieldErrors.map(\.message).joined(separator: "; ")),
                         status: .unprocessableContent)
    }

    /// The order as posted: whom for, and the lines with a quantity. Quantities are checked here so that
    /// each error sits beside its own field.
    func requested(_ form: FormBody, _ catalogue: OrderCatalogue) -> (customer: Int64?, lines: [OrderRequestLine], errors: [String: String]) {
        var errors: [String: String] = [:]
        var customer: Int64?
        let forWhom = form["for"]
        if forWhom != "" && forWhom != "self" {
            if let id = Int64(forWhom) { customer = id } else { errors["for"] = "choose your company or one of your end customers" }
        }
        var lines: [OrderRequestLine] = []
        for item in catalogue.items {
            let key = OrderCatalogue.field(item), raw = form[key].trimmingCharacters(in: .whitespaces)
            guard !raw.isEmpty, raw != "0" else { continue }
            guard let n = try? Quantity.parse(raw, field: key) else {
                errors[key] = Quantity.refusal(raw)
                continue
            }
            lines.append(OrderRequestLine(productCode: item.productCode, billingPeriod: item.billingPeriod, quantity: n))
        }
        if lines.isEmpty && errors.isEmpty { errors["lines"] = "enter a quantity for at least one product" }
        return (customer, lines, errors)
    }

    func preview(_ s: StorefrontSession, _ form: FormBody) async throws -> Response {
        let c = try await catalogue(s)
        let (customer, lines, errors) = requested(form, c)
        guard errors.isEmpty else {
            return orderForm(s, c, form, errors: errors, notice: .error("Check the order: see below."), status: .unprocessableContent)
        }
        let id = s.principal.account.id
        let actor = actor(s)
        switch try await call({ () throws(ServiceError) in
            try service.previewOrder(accountId: id, customerAccountId: customer, lines: lines, by: actor)
        }) {
        case .success(let preview):
            let name = customer.flatMap { id in c.customers.first { $0.id == id }?.name } ?? c.account.name
            return Reply.page(ResellerPages.preview(preview, forName: name, form: form, header: header(s)))
        case .failure(let failure):
            return try orderForm(s, c, form, refused: failure)
        }
    }

    func place(_ s: StorefrontSession, _ form: FormBody) async throws -> Response {
        let c = try await catalogue(s)
        let (customer, lines, errors) = requested(form, c)
        guard errors.isEmpty else {
            return orderForm(s, c, form, errors: errors, notice: .error("Check the order: see below."), status: .unprocessableContent)
        }
        let id = s.principal.account.id, actor = actor(s)
        switch try await call({ () throws(ServiceError) in try service.placeOrder(accountId: id, customerAccountId: customer, lines: lines, by: actor) }) {
        case .success(let order):
            return Reply.redirect("/orders/\(order.id)?placed=1")
        case .failure(let failure):
            return try orderForm(s, c, form, refused: failure)
        }
    }

    /// The password changed while signed in: every session ends, and this browser gets a new one.
    func changePassword(_ s: StorefrontSession, _ form: FormBody, _ context: StorefrontContext) async throws -> Response {
        let email = s.principal.contact.email
        if let wait = claimAttempt(email: email, context) {
            return Reply.page(AccessPages.changePassword(header: header(s), errors: ["current": Self.tooMany(wait)]),
                              status: .tooManyRequests).retrying(after: wait)
        }
        let principal = s.principal
        guard let result = try await passwordCall({ () throws(ServiceError) in
            try service.changePassword(principal, current: form["current"], new: form["password"],
                                       confirmation: form["confirmation"])
        }) else {
            releaseAttempt(email: email, context)
            return Reply.page(AccessPages.changePassword(header: header(s), errors: ["current": Self.busy]),
                              status: .tooManyRequests).retrying(after: passwords.patienceSeconds)
        }
        switch result {
        case .success:
            releaseAttempt(email: email, context)
            let (id, _) = try await call { () throws(ServiceError) in try service.startSession(for: principal) }.get()
            context.logger.info("storefront password changed \(email)")
            return redirect(to: "/dashboard?password=changed", withSession: id)
        case .failure(let failure):
            let errors = try refusal(failure).messagesByField
            // Only a wrong current password counts against the throttle.
            if errors["current"] == nil { releaseAttempt(email: email, context) }
            return Reply.page(AccessPages.changePassword(header: header(s), errors: errors), status: .unprocessableContent)
        }
    }

    // MARK: Users (an Admin's own account)

    func users(_ s: StorefrontSession, page: String? = nil, form: FormBody = FormBody(fields: []),
               errors: [String: String] = [:], notice: Notice? = nil,
               status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = s.principal.account.id, actor = actor(s)
        let list = try await call { () throws(ServiceError) in try service.storefrontUsers(of: id, by: actor) }.get()
        switch ListPage.choose(page, total: list.count) {
        case .failure(let error): return badPage(error, s)
        case .success(let shown):
            let pager = shown.pager("/users", of: "Pages of the users")
            return Reply.page(UsersPage.render(shown.rows(list), pager: pager, me: s.principal.userId,
                                               header: header(s), form: form, errors: errors, notice: notice),
                              status: status)
        }
    }

    /// A quota's 429 may be retried when the day's count starts again.
    var quotaWait: TimeInterval { StorefrontQuota.secondsToNextDay(from: service.now) }

    func invite(_ s: StorefrontSession, _ form: FormBody) async throws -> Response {
        let id = s.principal.account.id, actor = actor(s)
        guard let type = UsersPage.type(form) else {
            return try await users(s, form: form, errors: ["roles": "choose Admin or User"],
                                   notice: .error("The invitation was not sent: see below."),
                                   status: .unprocessableContent)
        }
        let result = try await call { () throws(ServiceError) in
            try service.inviteUser(to: id, firstName: form["firstName"], lastName: form["lastName"],
                                   email: form["email"], type: type, roles: UsersPage.roles(form), by: actor)
        }
        switch result {
        case .success(let c):
            return try await users(s, notice: .ok("Invited \(c.fullName): the activation email goes to \(c.email)."))
        case .failure(let failure):
            let error = try refusal(failure)
            if case .quotaExceeded(_, let message) = error {
                return try await users(s, form: form, notice: .error("The invitation was not sent: \(message)."),
                                       status: .tooManyRequests).retrying(after: quotaWait)
            }
            return try await users(s, form: form, errors: error.messagesByField,
                                   notice: .error("The invitation was not sent: see below."),
                                   status: .unprocessableContent)
        }
    }

    /// Saves a user's access or deactivates it. A contact of another account is not found.
    func changeUser(_ s: StorefrontSession, id: Int64?, action: String, _ form: FormBody) async throws -> Response {
        let mine = s.principal.account.id, actor = actor(s)
        let list = try await call { () throws(ServiceError) in try service.storefrontUsers(of: mine, by: actor) }.get()
        guard let contact = list.first(where: { $0.id == id }), ["access", "deactivate"].contains(action) else {
            return Reply.problem(.notFound, "No such user", "There is no such user in your account.",
                                 signedIn: header(s))
        }
        let type = UsersPage.type(form) ?? .user, roles = UsersPage.roles(form)
        let result = try await call { () throws(ServiceError) in
            if action == "deactivate" {
                try service.deactivateStorefront(email: contact.email, by: actor)
            } else {
                _ = try service.setStorefrontAccess(contact.id, type: type, roles: roles, by: actor)
            }
        }
        switch result {
        case .success:
            let done = action == "deactivate" ? "\(contact.email) can no longer sign in." : "Saved \(contact.email)."
            return try await users(s, notice: .ok(done))
        case .failure(let failure):
            let message = try refusal(failure).fieldErrors.map(\.message).joined(separator: "; ")
            return try await users(s, notice: .error("\(contact.email): \(message)"), status: .unprocessableContent)
        }
    }

    func actor(_ s: StorefrontSession) -> Actor { .storefront(userId: s.principal.userId, email: s.principal.contact.email) }
}

/// The products a reseller can order and for whom.
struct OrderCatalogue: Sendable {
    var account: Account
    var items: [PriceListItem]
    var customers: [Account]
    var available: CreditLimit?
    /// Assigned lists that cannot be ordered from today, with why (inactive, expired, not yet valid).
    var unavailable: [UnavailableList] = []

    /// The form field of an item's quantity: the code and the period (a code may be priced monthly and annually).
    static func field(_ item: PriceListItem) -> String { "q:\(item.productCode):\(item.billingPeriod.rawValue)" }
}

struct UnavailableList: Sendable { var name: String; var reason: String }

extension Request {
    /// A query parameter as sent (decoded), nil when absent: a list's `page`, the invoices' `status`.
    func query(_ name: String) -> String? { uri.queryParameters[Substring(name)].map(String.init) }
}
