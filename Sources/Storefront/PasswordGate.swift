import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Where password checks and hashing run (Argon2id: 64 MiB and tens of milliseconds each): on threads of their
/// own, at most `limit` at once, so a flood of sign-ins can neither exhaust memory nor take the threads the
/// pages' database calls use (`NIOThreadPool.singleton`). One over the limit waits up to `patience` for a
/// turn, in arrival order; then, or at once when `queueLimit` are already waiting, it is turned away and the
/// caller answers 429.
final class PasswordGate: Sendable {
    let limit: Int
    let patience: TimeAmount
    let queueLimit: Int
    private let threads: NIOThreadPool
    private let state: Mutex<State>

    private struct State {
        var free: Int
        var waiting: [(ticket: UInt64, turn: CheckedContinuation<Bool, Never>)] = []
        var lastTicket: UInt64 = 0
    }

    /// 5 s: under a loaded machine and a busy database a sign-in's turn can take seconds; longer, and the
    /// person had better be told to retry.
    init(limit: Int, patience: TimeAmount = .seconds(5), queueLimit: Int = 64) {
        self.limit = max(1, limit)
        self.patience = patience
        self.queueLimit = queueLimit
        state = Mutex(State(free: self.limit))
        threads = NIOThreadPool(numberOfThreads: self.limit)
        threads.start()
    }

    deinit { threads.shutdownGracefully { _ in } }

    /// The `Retry-After` of a request turned away: as long as it waited.
    var patienceSeconds: TimeInterval { TimeInterval(patience.nanoseconds) / 1e9 }

    /// `body` run on the gate's threads when a turn comes; nil when none came in time.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws -> T? {
        guard await enter() else { return nil }
        defer { leave() }
        return try await threads.runIfActive(body)
    }

    private func enter() async -> Bool {
        await withCheckedContinuation { (turn: CheckedContinuation<Bool, Never>) in
            enum Entry { case now, queued(UInt64), full }
            let entry = state.withLock { s -> Entry in
                if s.free > 0 { s.free -= 1; return .now }
                guard s.waiting.count < queueLimit else { return .full }
                s.lastTicket += 1
                s.waiting.append((s.lastTicket, turn))
                return .queued(s.lastTicket)
            }
            switch entry {
            case .now: turn.resume(returning: true)
            case .full: turn.resume(returning: false)
            case .queued(let ticket):
                // An event loop's timer, not a sleeping task: busy cooperative threads must not stretch the wait.
                MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: patience) { [weak self] in
                    self?.giveUp(ticket)
                }
            }
        }
    }

    /// A turn ends: the first waiter takes it over, else it is free.
    private func leave() {
        let next = state.withLock { s -> CheckedContinuation<Bool, Never>? in
            if s.waiting.isEmpty { s.free += 1; return nil }
            return s.waiting.removeFirst().turn
        }
        next?.resume(returning: true)
    }

    /// A waiter's patience ran out; nothing happens if its turn came first.
    private func giveUp(_ ticket: UInt64) {
        let turn = state.withLock { s in
            s.waiting.firstIndex { $0.ticket == ticket }.map { s.waiting.remove(at: $0).turn }
        }
        turn?.resume(returning: false)
    }
}
