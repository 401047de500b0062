import Glibc

/// A value worked out on a thread of its own while the caller does something else, taken with `wait()`: the
/// terminal reads its first page of accounts on one while ncurses starts. Whatever `body` uses must not be
/// touched by the caller until `wait()` returns: that promise is the caller's, which is why this is
/// `@unchecked Sendable`. A plain pthread: libdispatch's pool would start its worker threads for one job, and a
/// Task needs an executor this synchronous program does not run.
public final class OwnThread<Value>: @unchecked Sendable {
    private var value: Value?
    private var thread: pthread_t?

    public init(_ body: @escaping () -> Value) {
        let start = ThreadStart { self.value = body() }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(start)
        guard pthread_create(&thread, nil, runThreadStart, context.toOpaque()) == 0 else {
            // No thread to be had (a process limit): the work is done here and now instead.
            context.release()
            value = body()
            return
        }
        self.thread = thread
    }

    /// The value, once the thread has finished; the thread's writes are all visible after the join.
    public func wait() -> Value {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        return value!
    }
}

/// What a new thread runs; non-generic, because a C function pointer cannot capture a generic parameter.
private final class ThreadStart {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

private func runThreadStart(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().run()
    return nil
}
