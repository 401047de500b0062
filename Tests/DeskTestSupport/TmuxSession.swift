import Foundation
import ResellerCore
import Testing

/// The built binary in a real terminal (tmux), driven by keys; waits for screen text, never sleeps blind.
public struct TmuxSession: Sendable {
    public init() {}

    public let name = "rd-" + UUID().uuidString.prefix(8)

    /// Runs a tmux command on this test's own server (-L) and returns what it printed. Spawned and reaped
    /// by hand: the client forks the tmux server, which keeps inherited pipes open, and Foundation's
    /// Process did not always see the client exit.
    @discardableResult
    public func tmux(_ args: [String]) throws -> String {
        let outPath = NSTemporaryDirectory() + "tmux-out-" + UUID().uuidString
        defer { unlink(outPath) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["/usr/bin/tmux", "-L", name] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // A clean signal mask and default handlers: this thread (a test worker) blocks most signals, and a
        // tmux server started with them blocked never sees its panes exit and ignores kill-server.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/tmux", &actions, &attr, argv, environ) == 0 else { throw TmuxError.spawn }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    public enum TmuxError: Error { case spawn }

    /// Runs `command` in a new session, whose environment holds the seller every test desk has (as `CLI.run`):
    /// a desk without one cannot invoice. A test of tax passes `TestSeller.greek`.
    public func start(_ command: String, width: Int = 80, height: Int = 24,
                      seller: Seller = TestSeller.outsideEU) throws {
        let seller = TestSeller.environment(seller).sorted { $0.key < $1.key }
            .flatMap { ["-e", "\($0.key)=\($0.value)"] }
        try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)] + seller + [command])
    }

    public func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    public func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Waits until the screen shows `text`, and no longer shows `gone` (at most 10 s), and returns it. A
    /// capture can fall in the middle of a frame being drawn: the new title over the old rows.
    @discardableResult
    public func waitFor(_ text: String, without gone: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) && !(gone.map { last.contains($0) } ?? false) { return last }
            usleep(20_000)
        }
        let without = gone.map { " without \"\($0)\"" } ?? ""
        Issue.record("the screen never showed \"\(text)\"\(without); it shows:\n\(last)",
                     sourceLocation: sourceLocation)
        return last
    }

    public func kill() { _ = try? tmux(["kill-server"]) }

    /// The process running in the pane (the program, when started with `exec`).
    public func paneProcess() throws -> pid_t {
        let text = try tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"])
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Waits up to `seconds` for `pid` to end; true when it did. A zombie has ended: a program whose
    /// tmux server was killed is reaped by PID 1, which on some machines never reaps (CI's did not).
    public static func waitForEnd(of pid: pid_t, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if Foundation.kill(pid, 0) != 0 { return true }
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            // The state follows the command name's closing parenthesis: "pid (comm) S …".
            if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" { return true }
            if Date() >= deadline { return false }
            usleep(20_000)
        }
    }
}
