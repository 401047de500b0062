import Foundation
import FormCoding
import Hummingbird
import ResellerCore

/// Activation, log in, log out, forgot password and reset: the pages reached before signing in. Their
/// forms carry a CSRF token that must be the one the signed `rd_form` cookie carries (double submit).
extension StorefrontServer {
    func addAccessRoutes(_ router: Router<StorefrontContext>) {
        router.get("/activate") { request, _ in try await linkPage(request, purpose: .activation) }
        router.post("/activate") { request, context in try await setPassword(request, context, purpose: .activation) }
        router.get("/reset") { request, _ in try await linkPage(request, purpose: .reset) }
        router.post("/reset") { request, context in try await setPassword(request, context, purpose: .reset) }
        router.get("/login") { request, _ in
            if try await signedIn(request) != nil { return Reply.redirect("/dashboard") }
            return anonymous(request) { csrf in AccessPages.login(csrf: csrf) }
        }
        router.post("/login") { request, context in try await logIn(request, context) }
        router.post("/logout") { request, context in try await logOut(request, context) }
        router.get("/forgot") { request, _ in anonymous(request) { csrf in AccessPages.forgot(csrf: csrf) } }
        router.post("/forgot") { request, context in try await forgot(request, context) }
    }

    /// A page with an anonymous form: reuses the token of the browser's form cookie if this server signed
    /// it, else sets a new one.
    func anonymous(_ request: Request, status: HTTPResponse.Status = .ok, _ html: (String) -> String) -> Response {
        if let csrf = forms.token(fromCookie: request.cookies[formCookie]?.value ?? "") {
            return Reply.page(html(csrf), status: status)
        }
        let fresh = forms.issue()
        var response = Reply.page(html(fresh.token), status: status)
        response.setCookie(Reply.cookie(formCookie, fresh.cookie, maxAge: 86_400, secure: secureCookies,
                                        sameSite: .strict))
        return response
    }

    /// The posted anonymous form, if its token is the one the signed cookie carries; else the page to answer
    /// with. A cookie this server did not sign (planted from a sibling subdomain, say) is refused.
    func anonymousForm(_ request: Request, _ context: StorefrontContext) async -> Posted {
        switch await form(request, context) {
        case .refused(let response): return .refused(response)
        case .form(let form):
            guard let token = forms.token(fromCookie: request.cookies[formCookie]?.value ?? ""),
                  Self.sameToken(form["csrf"], token) else {
                return .refused(Reply.problem(.forbidden, "Form expired",
                                              "This form was not sent from this storefront page, or it is too old. "
                                              + "Go back, reload the page and try again."))
            }
            return .form(form)
        }
    }

    /// GET of an activation or reset link: who it is for and the password form. Changes nothing (mail
    /// scanners open links); a dead link says why and whom to ask. No referrer, no caching.
    func linkPage(_ request: Request, purpose: TokenPurpose) async throws -> Response {
        let token = String(request.uri.queryParameters["token"] ?? "")
        switch try await call({ () throws(ServiceError) in try service.inspectLink(token, purpose: purpose) }) {
        case .success(let holder):
            return anonymous(request) { csrf in AccessPages.password(purpose: purpose, holder: holder, token: token, csrf: csrf) }
        case .failure(let failure):
            let error = try refusal(failure)
            return anonymous(request, status: .gone) { _ in AccessPages.deadLink(purpose: purpose, reason: error.messagesByField["token"] ?? "\(error)") }
        }
    }

    func setPassword(_ request: Request, _ context: StorefrontContext, purpose: TokenPurpose) async throws -> Response {
        let form: FormBody
        switch await anonymousForm(request, context) { case .refused(let r): return r; case .form(let f): form = f }
        let token = form["token"], password = form["password"], confirmation = form["confirmation"]
        let checked = try await passwordCall { () throws(ServiceError) in
            purpose == .activation
                ? try service.activate(token: token, password: password, confirmation: confirmation)
                : try service.completePasswordReset(token: token, password: password, confirmation: confirmation)
        }
        guard let result = checked else {
            return Reply.problem(.tooManyRequests, "Busy", Self.busy).retrying(after: passwords.patienceSeconds)
        }
        switch result {
        case .success(let contact):
            context.logger.info("\(purpose == .activation ? "activated" : "password reset") storefront user \(contact.email)")
            return anonymous(request) { _ in AccessPages.passwordSet(purpose: purpose, email: contact.email) }
        case .failure(let failure):
            let error = try refusal(failure)
            let errors = error.messagesByField
            if let tokenProblem = errors["token"] {
                return anonymous(request, status: .gone) { _ in AccessPages.deadLink(purpose: purpose, reason: tokenProblem) }
            }
            guard let holder = try? await call({ () throws(ServiceError) in try service.inspectLink(token, purpose: purpose) }).get() else {
                return Reply.problem(.gone, "Link no longer valid", "Ask \(service.settings.helpContact) for a new link.")
            }
            return anonymous(request, status: .unprocessableContent) { csrf in
                AccessPages.password(purpose: purpose, holder: holder, token: token, csrf: csrf, errors: errors)
            }
        }
    }

    func logIn(_ request: Request, _ context: StorefrontContext) async throws -> Response {
        let form: FormBody
        switch await anonymousForm(request, context) { case .refused(let r): return r; case .form(let f): form = f }
        let email = form["email"].trimmingCharacters(in: .whitespaces), password = form["password"]
        func again(_ status: HTTPResponse.Status, _ problem: String) -> Response {
            anonymous(request, status: status) { csrf in AccessPages.login(csrf: csrf, email: email, problem: problem) }
        }
        if let wait = claimAttempt(email: email, context) {
            return again(.tooManyRequests, Self.tooMany(wait)).retrying(after: wait)
        }
        guard let result = try await passwordCall({ () throws(ServiceError) in
            try service.authenticate(email: email, password: password)
        }) else {
            releaseAttempt(email: email, context)   // not checked, so not counted
            return again(.tooManyRequests, Self.busy).retrying(after: passwords.patienceSeconds)
        }
        let checks = service.passwordChecks
        context.logger.info("argon2 runs \(checks.runs), against stored hashes \(checks.userChecks)")
        switch result {
        case .success(let principal):
            // Only failures count: an office behind one address signs in all day.
            releaseAttempt(email: email, context)
            let (id, session) = try await call { () throws(ServiceError) in
                try service.startSession(for: principal)
            }.get()
            context.logger.info("storefront login \(session.principal.contact.email)")
            return redirect(to: "/dashboard", withSession: id)
        case .failure(let failure):
            _ = try refusal(failure)
            return again(.unauthorized, ServiceError.invalidCredentialsMessage)
        }
    }

    static let busy = "The storefront is checking many passwords right now. Try again in a moment."

    static func tooMany(_ wait: TimeInterval) -> String {
        "Too many attempts. Wait \(Int(wait / 60) + 1) minutes and try again."
    }

    /// Counts a sign-in or reset attempt against the email and the client address, in one step with the
    /// check that both are under their limits (before any password is checked): nil when it may go ahead,
    /// else the seconds to wait, and nothing is counted.
    func claimAttempt(email: String, _ context: StorefrontContext) -> TimeInterval? {
        let emailKey = [Throttle.emailKey(email)], addressKey = ["address:" + context.clientAddress]
        var wait = perAccount.claim(emailKey)
        if wait == nil {
            wait = perAddress.claim(addressKey)
            if wait != nil { perAccount.release(emailKey) }
        }
        if wait != nil {
            context.logger.notice("throttled sign-in or reset attempt",
                                  metadata: ["address": .string(context.clientAddress)])
        }
        return wait
    }

    /// Gives back an attempt that does not count (a right password; one the server was too busy to check).
    func releaseAttempt(email: String, _ context: StorefrontContext) {
        perAccount.release([Throttle.emailKey(email)])
        perAddress.release(["address:" + context.clientAddress])
    }

    func logOut(_ request: Request, _ context: StorefrontContext) async throws -> Response {
        guard let session = try await signedIn(request) else { return Reply.redirect("/login") }
        switch await form(request, context) {
        case .refused(let r): return r
        case .form(let form):
            guard Self.sameToken(form["csrf"], session.csrf) else { return Reply.problem(.forbidden, "Form expired", "Reload the page and try again.") }
        }
        let id = request.cookies[sessionCookie]?.value ?? ""
        _ = try await call { () throws(ServiceError) in try service.endSession(id) }
        var response = Reply.redirect("/login?out=1")
        response.setCookie(Reply.cookie(sessionCookie, "", maxAge: 0, secure: secureCookies))
        return response
    }

    /// Sends a reset link if the email belongs to an active storefront user; the answer is the same
    /// either way, so the page tells no one which emails exist.
    func forgot(_ request: Request, _ context: StorefrontContext) async throws -> Response {
        let form: FormBody
        switch await anonymousForm(request, context) { case .refused(let r): return r; case .form(let f): form = f }
        let email = form["email"].trimmingCharacters(in: .whitespaces)
        guard (try? EmailAddress.validate(email, field: "email")) != nil else {
            return anonymous(request, status: .unprocessableContent) { csrf in
                AccessPages.forgot(csrf: csrf, email: email, error: "Enter the email address you sign in with, such as name@example.com.")
            }
        }
        if let wait = claimAttempt(email: email, context) {
            return anonymous(request, status: .tooManyRequests) { csrf in
                AccessPages.forgot(csrf: csrf, email: email, error: Self.tooMany(wait))
            }.retrying(after: wait)
        }
        // Quietly, only a storage failure comes back; the error page answers it.
        try await call { () throws(ServiceError) in try service.startPasswordReset(email: email, by: .system, quiet: true) }.get()
        return anonymous(request) { _ in AccessPages.resetSent(email: email, hours: Int(service.settings.tokenLifetime / 3600)) }
    }
}
