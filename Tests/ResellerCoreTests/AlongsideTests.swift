import Foundation
import Testing
@testable import ResellerCore

/// `alongside`: the side's work on another thread, both results back, and the main work's error only once the
/// side has finished (a batch's emails must not outlive its transaction).
@Suite struct AlongsideTests {
    struct Refused: Error {}

    /// What the side saw; `alongside` returns only after the side has finished, so reading it then is ordered.
    final class Seen: @unchecked Sendable {
        var thread: pthread_t?
        var finished = false
    }

    @Test(arguments: [true, false]) func bothResultsComeBack(parallel: Bool) throws {
        let seen = Seen()
        let (side, main) = try alongside(parallel: parallel, {
            seen.thread = pthread_self()
            return (1...1000).reduce(0, +)
        }) { "main" }
        #expect(side == 500_500 && main == "main")
        #expect((pthread_equal(try #require(seen.thread), pthread_self()) == 0) == parallel)
    }

    @Test func theMainErrorComesAfterTheSideHasFinished() {
        let seen = Seen()
        #expect(throws: Refused.self) {
            _ = try alongside(parallel: true, {
                Thread.sleep(forTimeInterval: 0.05)
                seen.finished = true
            }) { () throws -> Int in throw Refused() }
        }
        #expect(seen.finished)
    }
}
