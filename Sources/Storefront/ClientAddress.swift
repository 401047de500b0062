import Foundation
import HTTPTypes
import Hummingbird
import ResellerCore

/// The address the throttles count a client by. Behind the recommended TLS proxy every peer is the proxy,
/// so `X-Forwarded-For` is believed, but only when the peer is one of `storefront.trusted_proxies` (anyone
/// else could write any address there). IPv6 clients are keyed by their /64: one host usually holds a whole
/// /64 and could otherwise take a fresh address for every attempt.
enum ClientAddress {
    static func resolve(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String {
        guard let peer else { return "local" }
        guard trusted.contains(peer) else { return key(peer) }
        // The proxies append what they saw: read from the right, skipping our own proxies.
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !trusted.contains(hop) {
            return IPAddressText.isValid(hop) ? key(hop) : key(peer)
        }
        return key(peer)
    }

    /// An IPv4 address as it is; an IPv6 one as its /64 prefix ("2001:db8:1:2::/64").
    static func key(_ address: String) -> String {
        var bytes = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        withUnsafeMutableBytes(of: &bytes) { raw in for i in 8..<16 { raw[i] = 0 } }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count)) != nil else { return address }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/64"
    }
}

/// Sets the request context's client address before any route runs.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = StorefrontContext
    let trusted: Set<String>
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response {
        var context = context
        context.clientAddress = ClientAddress.resolve(peer: context.remoteAddress?.ipAddress,
                                                      forwardedFor: request.headers[values: Self.forwardedFor],
                                                      trusted: trusted)
        return try await next(request, context)
    }
}
