import Foundation
import Hummingbird
import ResellerCore
import NIOCore

/// Building responses: HTML pages, redirects after a POST, cookies, and the headers every page carries.
enum Reply {
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// 303 See Other: after a POST the browser GETs the result, so a reload never posts twice.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A page that says what went wrong, with the status that says it to machines.
    static func problem(_ status: HTTPResponse.Status, _ title: String, _ text: String, signedIn: StorefrontHeader? = nil) -> Response {
        page(HTML.page(title: title, signedIn: signedIn, body: "message", Paragraph(text: text)), status: status)
    }

    static func cookie(_ name: String, _ value: String, maxAge: Int, secure: Bool, sameSite: Cookie.SameSite = .lax) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: sameSite)
    }
}

/// Headers on every response, and one log line per request (path only: a query may hold a link token).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = StorefrontContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = Reply.problem(error.status, error.status.reasonPhrase, "The request could not be served (\(error.status.code)).")
        } catch ServiceError.storage(let reason) {
            // A full disk, a read-only or unreachable database: the operator's log says which; the person
            // is told that nothing was saved. Every change is one transaction, so that is true.
            context.logger.error("storage: \(reason)", metadata: ["path": .string(request.uri.path)])
            response = Reply.problem(.serviceUnavailable, "Not saved",
                                     "The storefront cannot save anything right now, so nothing was changed. Try again later; "
                                     + "if it goes on, tell your account manager (reference \(context.id)).")
        } catch let error as ServiceError {
            // A refusal no page answers itself, such as a stored amount out of range (MoneySum): this page
            // says why; the next request is served as usual.
            context.logger.error("refused: \(error)", metadata: ["path": .string(request.uri.path)])
            let why = error.fieldErrors.map(\.message).joined(separator: "; ")
            response = Reply.problem(.internalServerError, "This page cannot be shown",
                                     "This page cannot be shown: \(why). Tell your account manager (reference "
                                     + "\(context.id)); the other pages still work.")
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            response = Reply.problem(.internalServerError, "Something went wrong",
                                     "The storefront could not complete this request; nothing was changed. Try again in a moment "
                                     + "(reference \(context.id)).")
        }
        let h = response.headers
        if h[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        if h[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        let elapsed = (ContinuousClock.now - start).components
        let ms = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(ms) ms")
        return response
    }
}

extension Response {
    /// A 429's `Retry-After`: when the client may try again, in whole seconds.
    func retrying(after seconds: TimeInterval) -> Response {
        var response = self
        response.headers[.retryAfter] = String(max(1, Int(seconds.rounded(.up))))
        return response
    }
}
