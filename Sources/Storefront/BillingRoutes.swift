import Foundation
import FormCoding
import Hummingbird
import ResellerCore

/// Subscriptions (Admin, Subscriptions Manager; Cloud Administrator read-only) and invoices with credit
/// notes (Admin, Billing Agent). The page refuses a user without the right with 403, and the service refuses
/// it again behind the page; another account's subscription, invoice or credit note is not found.
extension StorefrontServer {
    func addBillingRoutes(_ router: Router<StorefrontContext>) {
        router.get("/subscriptions") { request, _ in
            try await page(request, needs: .seeSubscriptions) { s in try await subscriptions(s) }
        }
        router.post("/subscriptions/{id}/preview") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            return try await post(request, context, needs: .changeSubscriptions) { s, form in
                try await previewQuantity(s, id: id, form)
            }
        }
        router.post("/subscriptions/{id}/quantity") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            return try await post(request, context, needs: .changeSubscriptions) { s, form in
                try await setQuantity(s, id: id, form)
            }
        }
        router.get("/subscriptions/{id}/cancel") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            return try await page(request, needs: .changeSubscriptions) { s in try await confirmCancel(s, id: id) }
        }
        router.post("/subscriptions/{id}/cancel") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            return try await post(request, context, needs: .changeSubscriptions) { s, _ in try await cancel(s, id: id) }
        }
        router.get("/invoices") { request, _ in
            let filter = request.uri.queryParameters["status"].map(String.init) ?? ""
            return try await page(request, needs: .billing) { s in try await invoices(s, filter: filter) }
        }
        router.get("/invoices/{number}") { request, context in
            let number = context.parameters.get("number") ?? ""
            return try await page(request, needs: .billing) { s in try await document(s, invoice: number) }
        }
        router.get("/credit-notes/{number}") { request, context in
            let number = context.parameters.get("number") ?? ""
            return try await page(request, needs: .billing) { s in try await document(s, creditNote: number) }
        }
    }

    // MARK: Subscriptions

    /// The list; after a refused change, what was typed and the message beside that row's quantity field.
    func subscriptions(_ s: StorefrontSession, typed: (id: Int64, quantity: String, error: String)? = nil,
                       notice: Notice? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = s.principal.account.id, actor = actor(s), today = service.today
        let list = try await call { () throws(ServiceError) in try service.subscriptions(of: id, by: actor) }.get()
        return Reply.page(BillingPages.subscriptions(list, today: today, header: header(s),
                                                     canChange: s.principal.user.may(.changeSubscriptions),
                                                     typed: typed, notice: notice), status: status)
    }

    /// The quantity field as posted: a whole number from 1 to 100000, else the message beside the field.
    static func quantity(_ form: FormBody) -> Result<Int, FieldError> {
        let raw = form["quantity"].trimmingCharacters(in: .whitespaces)
        guard let n = Int(raw), (1...100_000).contains(n) else {
            return .failure(FieldError("quantity", raw.isEmpty ? "Quantity: enter the new number of units"
                                       : "Quantity: a whole number from 1 to 100000"))
        }
        return .success(n)
    }

    /// A refusal of the service for one subscription: beside its field when it is about the quantity,
    /// not found when the subscription is not the account's, else the list with the message on top.
    func refused(_ s: StorefrontSession, id: Int64, typed: String, _ failure: ServiceError) async throws -> Response {
        let error = try refusal(failure)
        if case .notFound = error { return noSubscription(s) }
        let message = error.fieldErrors.map(\.message).joined(separator: "; ")
        if let quantity = error.messagesByField["quantity"] {
            return try await subscriptions(s, typed: (id, typed, "Quantity: \(quantity)"),
                                           notice: .error("The quantity was not changed: see below."),
                                           status: .unprocessableContent)
        }
        return try await subscriptions(s, typed: (id, typed, ""), notice: .error("Not changed: \(message)."),
                                       status: .unprocessableContent)
    }

    func noSubscription(_ s: StorefrontSession) -> Response {
        Reply.problem(.notFound, "No such subscription", "There is no such subscription in your account.",
                      signedIn: header(s))
    }

    func previewQuantity(_ s: StorefrontSession, id: Int64?, _ form: FormBody) async throws -> Response {
        guard let id else { return noSubscription(s) }
        let n: Int
        switch Self.quantity(form) {
        case .success(let value): n = value
        case .failure(let error):
            return try await subscriptions(s, typed: (id, form["quantity"], error.message),
                                           notice: .error("The quantity was not changed: see below."),
                                           status: .unprocessableContent)
        }
        let actor = actor(s)
        switch try await call({ () throws(ServiceError) in
            try service.previewQuantity(subscriptionId: id, quantity: n, by: actor)
        }) {
        case .success(let preview): return Reply.page(BillingPages.quantityPreview(preview, header: header(s)))
        case .failure(let failure): return try await refused(s, id: id, typed: form["quantity"], failure)
        }
    }

    func setQuantity(_ s: StorefrontSession, id: Int64?, _ form: FormBody) async throws -> Response {
        guard let id else { return noSubscription(s) }
        guard case .success(let n) = Self.quantity(form) else {
            return try await subscriptions(s, typed: (id, form["quantity"],
                                                      "Quantity: a whole number from 1 to 100000"),
                                           notice: .error("The quantity was not changed: see below."),
                                           status: .unprocessableContent)
        }
        let actor = actor(s)
        switch try await call({ () throws(ServiceError) in
            try service.setQuantity(subscriptionId: id, quantity: n, by: actor)
        }) {
        case .success(let done):
            let sub = done.subscription
            var text = "\(sub.description) for \(sub.forAccountName): \(n) units from \(done.effective)."
            if let charge = done.charge {
                text += " The added units are charged \(charge.line.amount.display)"
                text += done.invoice.map { " on invoice \($0.number)." }
                    ?? " with the invoice of \(charge.invoiceDate)."
            }
            return try await subscriptions(s, notice: .ok(text))
        case .failure(let failure):
            return try await refused(s, id: id, typed: form["quantity"], failure)
        }
    }

    func confirmCancel(_ s: StorefrontSession, id: Int64?) async throws -> Response {
        guard let id else { return noSubscription(s) }
        let actor = actor(s)
        switch try await call({ () throws(ServiceError) in
            try service.previewCancellation(subscriptionId: id, by: actor)
        }) {
        case .success(let ending): return Reply.page(BillingPages.confirmCancel(ending, header: header(s)))
        case .failure(let failure): return try await refused(s, id: id, typed: "", failure)
        }
    }

    func cancel(_ s: StorefrontSession, id: Int64?) async throws -> Response {
        guard let id else { return noSubscription(s) }
        let actor = actor(s)
        switch try await call({ () throws(ServiceError) in
            try service.cancelSubscription(id, now: false, by: actor)
        }) {
        case .success(let done):
            let sub = done.subscription
            let end = sub.endDate.map(String.init(describing:)) ?? "its period end"
            return try await subscriptions(s, notice: .ok("\(sub.description) for \(sub.forAccountName) ends on "
                                                          + "\(end); it is not renewed after that."))
        case .failure(let failure):
            return try await refused(s, id: id, typed: "", failure)
        }
    }

    // MARK: Invoices and credit notes

    func invoices(_ s: StorefrontSession, filter: String) async throws -> Response {
        let id = s.principal.account.id, actor = actor(s)
        let status = try? InvoiceStatus.parse(filter)
        let (invoices, notes) = try await call { () throws(ServiceError) in
            (try service.invoices(of: id, status: status, by: actor), try service.creditNotes(of: id, by: actor))
        }.get()
        return Reply.page(BillingPages.invoices(invoices, creditNotes: notes, filter: status, header: header(s)))
    }

    func document(_ s: StorefrontSession, invoice number: String) async throws -> Response {
        let actor = actor(s)
        switch try await call({ () throws(ServiceError) in try service.invoiceDocument(number: number, by: actor) }) {
        case .success(let d): return Reply.page(BillingPages.document(d, header: header(s)))
        case .failure(let failure):
            // Not found, or another account's; any other refusal (an amount out of range) says itself.
            guard case .notFound = try refusal(failure) else { throw failure }
            return Reply.problem(.notFound, "No such invoice", "There is no invoice \(number) in your account.",
                                 signedIn: header(s))
        }
    }

    func document(_ s: StorefrontSession, creditNote number: String) async throws -> Response {
        let actor = actor(s)
        switch try await call({ () throws(ServiceError) in
            try service.creditNoteDocument(number: number, by: actor)
        }) {
        case .success(let d): return Reply.page(BillingPages.document(d, header: header(s)))
        case .failure(let failure):
            guard case .notFound = try refusal(failure) else { throw failure }
            return Reply.problem(.notFound, "No such credit note", "There is no credit note \(number) in your account.",
                                 signedIn: header(s))
        }
    }
}
