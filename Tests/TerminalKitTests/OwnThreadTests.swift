import Glibc
import Testing
import TerminalKit

/// The terminal reads its first page of accounts on a thread of its own while ncurses starts.
@Suite struct OwnThreadTests {
    /// The body runs while the caller goes on: it waits (5 s at most) for a signal the caller gives only after
    /// `init` has returned. Run in `init` on the caller's thread, it would time out and say so.
    @Test func theBodyRunsWhileTheCallerGoesOn() {
        let started = Semaphore()
        let caller = pthread_self()
        let work = OwnThread {
            (signalled: started.wait(seconds: 5), ownThread: pthread_equal(pthread_self(), caller) == 0)
        }
        started.signal()
        let result = work.wait()
        #expect(result.signalled, "the body did not run while the caller went on")
        #expect(result.ownThread, "the body ran on the caller's thread")
    }

    /// `wait()` gives the body's value, every time it is asked, and the body runs once.
    @Test func waitGivesTheValueOnceWorkedOut() {
        let runs = Counter()
        let work = OwnThread { () -> [Int] in
            runs.add()
            return (1...1000).map { $0 * $0 }
        }
        #expect(work.wait().reduce(0, +) == 333_833_500)
        #expect(work.wait().count == 1000)
        #expect(runs.value == 1)
    }
}

/// A POSIX semaphore, for a test that must know whether another thread got there.
private final class Semaphore: @unchecked Sendable {
    private var semaphore = sem_t()
    init() { sem_init(&semaphore, 0, 0) }
    deinit { sem_destroy(&semaphore) }
    func signal() { sem_post(&semaphore) }
    func wait(seconds: Int) -> Bool {
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        deadline.tv_sec += seconds
        while sem_timedwait(&semaphore, &deadline) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }
}

private final class Counter: @unchecked Sendable {
    private(set) var value = 0
    func add() { value += 1 }
}
