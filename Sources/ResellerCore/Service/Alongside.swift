import Dispatch
import Foundation

/// Runs `side` on a thread of its own while `main` runs on this one, and returns what both gave (`main`'s error,
/// once `side` has finished too). For pure work beside a transaction's statements: a billing run's batch builds
/// its emails while SQLite writes its invoices, on a second core that would otherwise idle. A new thread, not a
/// dispatch queue's: the caller may itself be on a pool's thread (a test's `concurrentPerform`), and waiting there
/// for that same pool could wait forever. Below `parallel` (a few invoices: an order's) both run here, since
/// starting a thread would cost more than it saves.
func alongside<Side: Sendable, Main>(parallel: Bool, _ side: @escaping @Sendable () -> Side,
                                     _ main: () throws -> Main) throws -> (side: Side, main: Main) {
    guard parallel else {
        let result = try main()
        return (side(), result)
    }
    let box = SideResult<Side>(), done = DispatchSemaphore(value: 0)
    Thread {
        box.value = side()
        done.signal()
    }.start()
    let result: Result<Main, Error> = Result { try main() }
    done.wait()
    return (box.value!, try result.get())
}

/// What `side` gave: written before the semaphore's signal and read after its wait, which orders the two.
private final class SideResult<Value>: @unchecked Sendable {
    var value: Value?
}
