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

    /// A dual-stack listener (or a proxy) gives IPv4 clients as ::ffff:a.b.c.d: each is its own IPv4 key,
    /// never one ::/64 shared by every IPv4 client (review L2).
    @Test func ipv4MappedClientsCountByTheirIPv4Address() {
        #expect(ClientAddress.key("::ffff:203.0.113.9") == "203.0.113.9")
        #expect(ClientAddress.key("::FFFF:198.51.100.7") == "198.51.100.7")
        #expect(ClientAddress.key("::ffff:203.0.113.9") != ClientAddress.key("::ffff:198.51.100.7"))
        #expect(ClientAddress.resolve(peer: "::ffff:127.0.0.1", forwardedFor: [], trusted: trusted) == "127.0.0.1")
        // The trusted proxy 127.0.0.1 seen through a dual-stack socket is still that proxy.
        #expect(ClientAddress.resolve(peer: "::ffff:127.0.0.1", forwardedFor: ["203.0.113.7"], trusted: trusted)
                    == "203.0.113.7")
        #expect(ClientAddress.resolve(peer: "::1", forwardedFor: ["::ffff:203.0.113.9"], trusted: trusted)
                    == "203.0.113.9")
        // Other IPv6 addresses that merely hold an IPv4 tail still count by their /64.
        #expect(ClientAddress.key("64:ff9b::203.0.113.9") == "64:ff9b::/64")
    }
}
