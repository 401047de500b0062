import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// The storefront's throttle on a PostgreSQL desk: every instance counts the same attempts (issue #26 item 2).
@Suite(.postgresOnly) struct SignInAttemptTests {
    static let key = ["email:maria@aegean.example"]

    @Test func twoInstancesCountTheSameAttemptsAndTheWindowForgetsThem() throws {
        let fx = try Fixture()
        let other = try fx.secondService()
        #expect(fx.service.sharesSignInAttempts && other.sharesSignInAttempts)
        for i in 0..<10 {
            let instance = i.isMultiple(of: 2) ? fx.service : other
            #expect(try instance.claimSignInAttempt(Self.key, limit: 10, window: 600) == nil)
            fx.clock.advance(hours: 1.0 / 3600)
        }
        // The eleventh waits until the first is ten minutes old, on either instance; nothing more is counted.
        #expect(try other.claimSignInAttempt(Self.key, limit: 10, window: 600) == 590)
        #expect(try fx.service.claimSignInAttempt(Self.key, limit: 10, window: 600) == 590)
        // A right password gives its attempt back.
        try other.releaseSignInAttempt(Self.key)
        #expect(try fx.service.claimSignInAttempt(Self.key, limit: 10, window: 600) == nil)
        #expect(try fx.service.claimSignInAttempt(["address:192.0.2.7"], limit: 30, window: 600) == nil)
        fx.clock.advance(hours: 600.0 / 3600)
        #expect(try other.claimSignInAttempt(Self.key, limit: 10, window: 600) == nil)
        // Those older than the window are gone: the two of ten minutes ago exactly, and this one, stay.
        #expect(try fx.count("SELECT COUNT(*) FROM sign_in_attempts") == 3)
    }

    @Test func attemptsAtOnceOnTwoInstancesAreCountedExactlyToTheLimit() async throws {
        let fx = try Fixture()
        let instances = [fx.service, try fx.secondService()]
        let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<24 {
                group.addTask {
                    try instances[i % 2].claimSignInAttempt(Self.key, limit: 10, window: 600) == nil
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 10)
        #expect(try fx.count("SELECT COUNT(*) FROM sign_in_attempts") == 10)
    }
}
