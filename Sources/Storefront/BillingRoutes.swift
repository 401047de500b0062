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
            try await page(request, needs: .seeSubscriptions) { s in
                try await subscriptions(s, page: request.query("page"))
            }
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
            let filter = request.query("status") ?? ""
            return try await page(request, needs: .billing) { s in
                try await invoices(s, filter: filter, page: request.query("page"),
                                   creditNotesPage: request.query("creditNotesPage"))
            }
        }
        router.get("/invoices/{number}") { request, context in
            let number = context.parameters.get("number") ?? ""
            return try await page(request, needs: .billing) { s in try await document(s, invoice: number) }
        }
        router.get("/credit-notes/{number}") { request, context in
            let number = context.parameters.get("number") ?? ""
            return try await page(request, needs: .billing) { s in try await document(s, creditNote: number) }
        }
        // The files as kept (the same bytes as the email's attachments), for Admins and Billing Agents; anyone
        // else finds none, as for another account's number.
        for (path, kind) in [("/invoices", "invoice"), ("/credit-notes", "credit note")] {
            for format in DocumentFormat.allCases {
                router.get("\(path)/{number}/\(format.fileExtension)") { request, context in
                    let number = context.parameters.get("number") ?? ""
                    return try await page(request) { s in try await file(s, kind, number, format) }
                }
            }
        }
    }

    // MARK: Subscriptions

    /// A page of the list; after a refused change, the page holding that row, with what was typed and the
    /// message beside its quantity field.
    func subscriptions(_ s: StorefrontSession, typed: (id: Int64, quantity: String, error: String)? = nil,
                       notice: Notice? = nil, status: HTTPResponse.Status = .ok,
                       page: String? = nil) async throws -> Response {
        let id = s.principal.account.id, actor = actor(s), today = service.today
        let list = try await call { () throws(ServiceError) in try service.subscriptions(of: id, by: actor) }.get()
        let holding = typed.flatMap { t in list.firstIndex { $0.id == t.id } }.map { String($0 / ListPage.size + 1) }
        switch ListPage.choose(page ?? holding, total: list.count) {
        case .failure(let error): return badPage(error, s)
        case .success(let shown):
            let pager = shown.pager("/subscriptions", of: "Pages of the subscriptions")
            return Reply.page(BillingPages.subscriptions(shown.rows(list), today: today, header: header(s),
                                                         canChange: s.principal.user.may(.changeSubscriptions),
                                                         typed: typed, notice: notice, pager: pager),
                              status: status)
        }
    }

    /// The quantity field as posted (`Quantity`'s rule), else the message beside the field.
    static func quantity(_ form: FormBody) -> Result<Int, FieldError> {
        Result { () throws(FieldError) in try Quantity.parse(form["quantity"], field: "quantity") }
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

    /// The invoices and the credit notes, newest first, each list paged on its own parameter.
    func invoices(_ s: StorefrontSession, filter: String, page: String?, creditNotesPage: String?) async throws
        -> Response {
        let id = s.principal.account.id, actor = actor(s)
        let status = try? InvoiceStatus.parse(filter)
        let (invoices, notes) = try await call { () throws(ServiceError) in
            (Array(try service.invoices(of: id, status: status, by: actor).reversed()),
             Array(try service.creditNotes(of: id, by: actor).reversed()))
        }.get()
        let shown = ListPage.choose(page, total: invoices.count)
        let shownNotes = ListPage.choose(creditNotesPage, parameter: "creditNotesPage", total: notes.count)
        switch (shown, shownNotes) {
        case (.failure(let error), _), (_, .failure(let error)): return badPage(error, s)
        case (.success(let shown), .success(let shownNotes)):
            // Each list's links keep the filter and the other list's page.
            let filterQuery = status.map { [("status", $0.rawValue.lowercased())] } ?? []
            let keepNotes = shownNotes.number > 1 ? [("creditNotesPage", String(shownNotes.number))] : []
            let keepInvoices = shown.number > 1 ? [("page", String(shown.number))] : []
            return Reply.page(BillingPages.invoices(
                shown.rows(invoices), creditNotes: shownNotes.rows(notes), filter: status, header: header(s),
                pager: shown.pager("/invoices", of: "Pages of the invoices", keep: filterQuery + keepNotes),
                creditNotesPager: shownNotes.pager("/invoices", of: "Pages of the credit notes",
                                                   parameter: "creditNotesPage", keep: filterQuery + keepInvoices)))
        }
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

    func file(_ s: StorefrontSession, _ kind: String, _ number: String, _ format: DocumentFormat) async throws
        -> Response {
        let actor = actor(s)
        var found = Result<DocumentFile, ServiceError>.failure(.notFound(field: kind, message: number))
        if lacking(.billing, s) == nil {
            // By kind: a credit note's number under /invoices is not found, as an unknown one.
            found = try await call { () throws(ServiceError) in
                kind == "invoice" ? try service.invoiceFile(number: number, format: format, by: actor)
                    : try service.creditNoteFile(number: number, format: format, by: actor)
            }
        }
        switch found {
        case .success(let f):
            return Response(status: .ok, headers: [.contentType: f.format.mediaType,
                                                   .contentDisposition: "attachment; filename=\"\(f.fileName)\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: f.bytes)))
        case .failure(let failure):
            guard case .notFound = try refusal(failure) else { throw failure }
            return Reply.problem(.notFound, "No such \(kind)", "There is no \(kind) \(number) in your account.",
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
