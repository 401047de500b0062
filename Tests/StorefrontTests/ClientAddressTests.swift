import Testing
@testable import Storefront

/// Behind the recommended proxy every peer is 127.0.0.1: the client is the proxy's X-Forwarded-For, believed
/// only from a trusted proxy; IPv6 clients count by /64.
@Suite struct ClientAddressTests {
    let trusted: Set<String> = ["127.0.0.1", "::1"]

    @Test func aTrustedProxyForwardsTheClient() {
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"], trusted: trusted)
                    == "203.0.113.7")
        // The proxy appends to what the client sent: the rightmost untrusted hop is the client.
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.7"], trusted: trusted)
                    == "203.0.113.7")
        #expect(ClientAddress.resolve(peer: "::1", forwardedFor: ["203.0.113.7", "127.0.0.1"], trusted: trusted)
                    == "203.0.113.7")
        // Garbage from a trusted proxy: count the proxy, never a made-up key.
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["not-an-ip"], trusted: trusted) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: [], trusted: trusted) == "127.0.0.1")
    }

    @Test func anyoneElseCannotChooseTheirAddress() {
        #expect(ClientAddress.resolve(peer: "198.51.100.9", forwardedFor: ["203.0.113.7"], trusted: trusted)
                    == "198.51.100.9")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"], trusted: []) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["203.0.113.7"], trusted: trusted) == "local")
    }

    @Test func ipv6ClientsCountByTheirSlash64() {
        #expect(ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64")
        #expect(ClientAddress.key("2001:db8:1:2::1") == ClientAddress.key("2001:db8:1:2:ffff::9"))
        #expect(ClientAddress.resolve(peer: "::1", forwardedFor: ["2001:db8:1:2::77"], trusted: trusted)
                    == "2001:db8:1:2::/64")
        #expect(ClientAddress.key("192.0.2.1") == "192.0.2.1")
    }
}
