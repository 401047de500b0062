import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// What a browser does for the tests: keeps cookies, reads the CSRF token out of the last page, posts forms.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The last response's status, headers and HTML.
    var status: HTTPResponse.Status = .ok
    var headers: HTTPFields = [:]
    var html = ""
    /// The last response's body as bytes (a downloaded file).
    var bytes: [UInt8] = []
    /// Set-Cookie lines of the last response, as sent.
    var setCookies: [String] = []

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    mutating func get(_ path: String) async throws -> String {
        try await send(path, method: .get, body: nil)
    }

    /// Posts `fields`, adding the page's CSRF token unless the test passes its own.
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> String {
        let token = csrf ?? csrfToken ?? ""
        let all = [("csrf", token)] + fields
        let body = all.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: body)
    }

    mutating func send(_ path: String, method: HTTPRequest.Method, body: String?, contentType: String = "application/x-www-form-urlencoded") async throws -> String {
        var h: HTTPFields = [:]
        if !cookies.isEmpty { h[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if body != nil { h[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: h, body: body.map { ByteBuffer(string: $0) })
        status = response.status
        headers = response.headers
        html = String(buffer: response.body)
        bytes = Array(buffer: response.body)
        setCookies = response.headers[values: .setCookie]
        for line in setCookies {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if line.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return html
    }

    /// Follows a 303 to its page.
    @discardableResult
    mutating func follow() async throws -> String {
        guard let location = headers[.location] else { return html }
        return try await get(location)
    }

    var csrfToken: String? {
        guard let r = html.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        return String(html[r].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
