import Foundation
import FormCoding
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ResellerCore

/// The storefront: server-rendered HTML over the shared service module and SQLite file. No JavaScript.
public struct StorefrontServer: Sendable {
    let service: ResellerService
    /// Failed sign-ins and reset requests: per email and per client address (10 and 30 per 10 minutes).
    let perAccount: Throttle
    let perAddress: Throttle
    /// Where sign-in password checks and new passwords' hashing run, a few at once.
    let passwords: PasswordGate
    /// Signs and verifies the pre-login forms' CSRF cookie with the desk's storefront key.
    let forms: FormCookie
    /// Cookies are marked Secure when the storefront is served over HTTPS (its configured URL).
    var secureCookies: Bool { service.settings.storefrontURL.lowercased().hasPrefix("https:") }

    /// Over HTTPS the cookies carry the `__Host-` prefix: browsers then accept them only if they are Secure,
    /// for this host alone and for every path, so no other site on the domain can plant one.
    var sessionCookie: String { secureCookies ? "__Host-rd_session" : "rd_session" }
    /// The anonymous forms' CSRF token (double submit: the hidden field must be the token the signed
    /// cookie carries).
    var formCookie: String { secureCookies ? "__Host-rd_form" : "rd_form" }

    /// Reads the storefront key, making it on the first start; `passwordPatience` is how long a sign-in
    /// waits for a turn to check its password.
    public init(service: ResellerService, passwordPatience: TimeAmount = .seconds(5)) throws(ServiceError) {
        self.service = service
        let shared = service.sharesSignInAttempts ? service : nil
        perAccount = Throttle(limit: 10, window: 600, shared: shared)
        perAddress = Throttle(limit: 30, window: 600, shared: shared)
        passwords = PasswordGate(limit: service.settings.passwordChecks, patience: passwordPatience)
        forms = FormCookie(key: try service.storefrontKey())
    }

    public func router() -> Router<StorefrontContext> {
        let router = Router(context: StorefrontContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ClientAddressMiddleware(trusted: Set(service.settings.trustedProxies)))
        router.get("/") { request, _ in
            try await self.signedIn(request) == nil ? Reply.redirect("/login") : Reply.redirect("/dashboard")
        }
        router.get("/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Style.css)))
        }
        addAccessRoutes(router)
        addResellerRoutes(router)
        addBillingRoutes(router)
        return router
    }

    /// The application bound to `host:port`. A connection that sends nothing (or a request head a byte at a
    /// time) for `storefront.idle_timeout_seconds` is closed, and one whose request body has not arrived
    /// whole within `bodyTimeout` of its head is cut: slow clients cannot hold connections for ever.
    public func application(host: String, port: Int, logger: Logger,
                            bodyTimeout: TimeAmount = .seconds(15)) -> some ApplicationProtocol {
        let http = HTTP1Channel.Configuration(additionalChannelHandlers: [RequestDeadline(limit: bodyTimeout)],
                                              idleTimeout: .seconds(Int64(service.settings.idleTimeout)))
        return Application(router: router(), server: .http1(configuration: http),
                           configuration: .init(address: .hostname(host, port: port), serverName: nil), logger: logger)
    }

    // MARK: Shared by the routes

    /// Runs a service call off the async threads: SQLite blocks, for milliseconds. The pages' pool: a call
    /// that checks or hashes a password goes through `passwordCall` instead.
    func call<T: Sendable>(_ body: @escaping @Sendable () throws(ServiceError) -> T) async throws -> Result<T, ServiceError> {
        try await NIOThreadPool.singleton.runIfActive {
            do throws(ServiceError) { return .success(try body()) } catch { return .failure(error) }
        }
    }

    /// Runs a service call that checks or hashes a password on the password gate's threads; nil when no
    /// turn came in time (the caller answers 429).
    func passwordCall<T: Sendable>(_ body: @escaping @Sendable () throws(ServiceError) -> T)
        async throws -> Result<T, ServiceError>? {
        try await passwords.run {
            do throws(ServiceError) { return .success(try body()) } catch { return .failure(error) }
        }
    }

    /// The session of the request's cookie, if it is live.
    func signedIn(_ request: Request) async throws -> StorefrontSession? {
        guard let id = request.cookies[sessionCookie]?.value, !id.isEmpty else { return nil }
        return try await call { () throws(ServiceError) in try service.session(id) }.get()
    }

    /// The redirect that hands the browser a new session's cookie.
    func redirect(to location: String, withSession sessionId: String) -> Response {
        var response = Reply.redirect(location)
        response.setCookie(Reply.cookie(sessionCookie, sessionId, maxAge: Int(service.settings.sessionLifetime), secure: secureCookies))
        return response
    }

    /// A POSTed form, or the page that refuses it.
    enum Posted {
        case form(FormBody)
        case refused(Response)
    }

    /// The form of a POST, limited in size; refused when it is too large or malformed.
    func form(_ request: Request, _ context: StorefrontContext) async -> Posted {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: context.maxUploadSize) else {
            return .refused(Reply.problem(.contentTooLarge, "Too much data", "The form sent more than this storefront accepts."))
        }
        do {
            return .form(try FormBody.parse(buffer.readableBytesView))
        } catch {
            return .refused(Reply.problem(.badRequest, "Unreadable form", "The form could not be read (\(error)). Reload the page and try again."))
        }
    }

    /// A refusal to show beside the form's fields; a storage failure is not one (it names no field and
    /// must not show the database's path): it goes to the error page.
    func refusal(_ error: ServiceError) throws -> ServiceError {
        if case .storage = error { throw error }
        return error
    }

    static func sameToken(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count, !a.isEmpty else { return false }
        return zip(a.utf8, b.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
