import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import ResellerCore
@testable import Storefront

/// Many sign-ins at once for one account (#13 item 1): each attempt is counted before its password is
/// checked, in one step, so the lock comes after exactly four wrong passwords and no more checks run.
@Suite struct SignInRaceTests {
    static let wrong = "wrong password here"

    @Test func eightWrongPasswordsAtOnceCheckFourAndLock() async throws {
        let fx = try StorefrontFixture.activated()
        defer { fx.cleanUp() }
        let service = fx.service
        let refused = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await onOwnThread {
                        (try? service.authenticate(email: StorefrontFixture.email, password: Self.wrong)) == nil
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(refused == 8)
        #expect(service.passwordChecks.userChecks == 4)          // 8 before the fix: all read "not locked"
        #expect(service.passwordChecks.runs == 8)                // the other four ran a decoy
        let user = try #require(try service.contact(email: StorefrontFixture.email).storefrontUser)
        #expect(user.locked && user.failedLogins == 4)
        #expect(throws: ServiceError.self) {
            try service.authenticate(email: StorefrontFixture.email, password: StorefrontFixture.password)
        }
    }

    @Test func aRightPasswordOnTheFourthAttemptSignsInAndClearsTheCount() throws {
        let fx = try StorefrontFixture.activated()
        defer { fx.cleanUp() }
        for _ in 0..<3 {
            #expect(throws: ServiceError.self) {
                try fx.service.authenticate(email: StorefrontFixture.email, password: Self.wrong)
            }
        }
        _ = try fx.service.authenticate(email: StorefrontFixture.email, password: StorefrontFixture.password)
        let user = try #require(try fx.service.contact(email: StorefrontFixture.email).storefrontUser)
        #expect(!user.locked && user.failedLogins == 0)
    }

    @Test func theThrottleCountsInTheSameStepAsItChecks() async {
        let throttle = Throttle(limit: 10, window: 600)
        let load = Load()
        await onOwnThread {
            DispatchQueue.concurrentPerform(iterations: 500) { _ in
                if throttle.claim(["email:victim@x.example", "address:10.0.0.1"]) == nil {
                    load.running.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(load.running.load(ordering: .relaxed) == 10)
        // A released attempt (a right password) frees its place for one more.
        throttle.release(["email:victim@x.example", "address:10.0.0.1"])
        #expect(throttle.claim(["email:victim@x.example"]) == nil)
        #expect(throttle.claim(["email:victim@x.example"]) != nil)
    }

    @Test func theGateRunsAtMostItsLimitAndTurnsAwayWhoWaitsTooLong() async throws {
        let gate = PasswordGate(limit: 2, patience: .milliseconds(300))
        let load = Load()
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await gate.run {
                        _ = load.most.max(load.running.add(1, ordering: .relaxed).newValue, ordering: .relaxed)
                        Thread.sleep(forTimeInterval: 2)
                        load.running.subtract(1, ordering: .relaxed)
                    } != nil
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(load.most.load(ordering: .relaxed) == 2)
        #expect(outcomes.filter { $0 }.count == 2)          // the four others waited 0.3 s of a 2 s turn
    }

    /// Forty POSTs at once for one email through the router: the throttle lets exactly ten through (10 per
    /// email), the rest get 429 with Retry-After; of the ten, four are checked against the hash.
    @Test func aFloodOfLoginsForOneAccount() async throws {
        let fx = try StorefrontFixture.activated()
        defer { fx.cleanUp() }
        let server = try StorefrontServer(service: fx.service, passwordPatience: .seconds(60))
        try await Application(router: server.router()).test(.router) { client in
            var page = Browser(client)
            try await page.get("/login")
            let first = page
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        var b = first
                        try await b.post("/login", [("email", StorefrontFixture.email), ("password", Self.wrong)])
                        return (Int(b.status.code), b.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == 401 }.count == 10)
            let throttled = statuses.filter { $0.0 == 429 }
            #expect(throttled.count == 30 && throttled.allSatisfy { Int($0.1 ?? "") ?? 0 > 0 })
        }
        #expect(fx.service.passwordChecks.userChecks == 4)
        #expect(fx.service.passwordChecks.runs == 10)
        #expect(try fx.service.contact(email: StorefrontFixture.email).storefrontUser?.locked == true)
    }
}

/// Counters shared by concurrent test code.
final class Load: Sendable {
    let running = Atomic<Int>(0)
    let most = Atomic<Int>(0)
}
