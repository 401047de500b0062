import Dispatch

/// Runs `side` on another thread while `main` runs on this one, and returns what both gave (`main`'s error, once
/// `side` has finished too). For pure work beside a transaction's statements: a billing run's batch builds its
/// emails while SQLite writes its invoices, on a second core that would otherwise idle.
func alongside<Side: Sendable, Main>(_ side: @escaping @Sendable () -> Side,
                                     _ main: () throws -> Main) throws -> (side: Side, main: Main) {
    let box = SideResult<Side>(), done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        box.value = side()
        done.signal()
    }
    let result: Result<Main, Error> = Result { try main() }
    done.wait()
    return (box.value!, try result.get())
}

/// What `side` gave: written before the semaphore's signal and read after its wait, which orders the two.
private final class SideResult<Value>: @unchecked Sendable {
    var value: Value?
}
