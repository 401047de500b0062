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
        // A dual-stack socket shows the IPv4 proxy 127.0.0.1 as ::ffff:127.0.0.1: the same proxy.
        guard trusted.contains(peer) || mappedIPv4(peer).map(trusted.contains) == true else { return key(peer) }
        // The proxies append what they saw: read from the right, skipping our own proxies.
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !trusted.contains(hop) {
            return IPAddressText.isValid(hop) ? key(hop) : key(peer)
        }
        return key(peer)
    }

    /// An IPv4 address as it is; an IPv6 one as its /64 prefix ("2001:db8:1:2::/64"); an IPv4-mapped one
    /// (::ffff:a.b.c.d, from a dual-stack listener) as its IPv4 address, or every IPv4 client would share "::/64".
    static func key(_ address: String) -> String {
        if let v4 = mappedIPv4(address) { return v4 }
        var bytes = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        withUnsafeMutableBytes(of: &bytes) { raw in for i in 8..<16 { raw[i] = 0 } }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count)) != nil else { return address }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/64"
    }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:0:0/96), nil for any other text.
    static func mappedIPv4(_ address: String) -> String? {
        var bytes = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return nil }
        let raw = withUnsafeBytes(of: &bytes) { Array($0) }
        guard raw[0..<10].allSatisfy({ $0 == 0 }), raw[10] == 0xff, raw[11] == 0xff else { return nil }
        return raw[12..<16].map(String.init).joined(separator: ".")
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
