import Foundation
import Testing
@testable import Storefront

/// The throttle tables live in memory: a flood of distinct emails or addresses must not grow them without
/// bound, and the keys that matter (those at their limit) must survive the flood.
@Suite struct ThrottleTests {
    @Test func aFloodOfDistinctKeysStaysAtTheCap() {
        let throttle = Throttle(limit: 3, window: 600, capacity: 1000)
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        for _ in 1...3 { #expect(throttle.claim(["email:victim@x.example"], now: now) == nil) }
        var most = 0
        for n in 0..<100_000 {
            _ = throttle.claim(["address:10.\(n >> 16).\((n >> 8) & 255).\(n & 255)"], now: now.addingTimeInterval(1))
            most = max(most, throttle.count)
        }
        #expect(most == 1000)
        #expect(throttle.count > 900)
        #expect(throttle.claim(["email:victim@x.example"], now: now.addingTimeInterval(2)) != nil)
    }

    @Test func emailKeysAreTrimmedLowercasedAndBounded() {
        #expect(Throttle.emailKey("  Maria@Aegean.Example \t") == "email:maria@aegean.example")
        let long = String(repeating: "ä", count: 5000) + "@x.example"
        let key = Throttle.emailKey(long)
        #expect(key.unicodeScalars.count <= "email:".count + 254)
        // The truncated key still counts every attempt: an email over the length limit is throttled.
        let throttle = Throttle(limit: 3, window: 600)
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        for _ in 1...3 { _ = throttle.claim([Throttle.emailKey(long)], now: now) }
        #expect(throttle.claim([Throttle.emailKey(long.uppercased())], now: now) != nil)
    }
}
