import Foundation

/// Runs the PostgreSQL programs the tests need (initdb, pg_ctl, psql) and waits for them.
///
/// Through posix_spawn, not Foundation's Process: Process learns of its child's exit through a socket the child
/// inherits, and the server that pg_ctl starts inherits it too and keeps it open, so waiting on pg_ctl never ended.
/// Here the child keeps only its standard streams, and waitpid says when it is done.
enum PostgresProcess {
    /// initdb refuses to run as root, and a server must not: as root, the programs run as the Debian
    /// `postgres` system user (created with the postgresql package); otherwise as whoever runs the tests.
    static var runsAsServerUser: Bool { getuid() == 0 }
    static let serverUser = "postgres"

    /// Runs `program` and returns its standard output; throws with its standard error when it fails.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], asServerUser: Bool = false,
                    in directory: String = "/") throws -> String {
        let name = (program as NSString).lastPathComponent
        var output: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard pipe(&output) == 0, pipe(&errors) == 0 else { throw PostgresServerError("pipe() failed: errno \(errno)") }
        let pid: pid_t
        do {
            pid = try spawn(program, arguments, asServerUser: asServerUser, in: directory,
                            stdout: output[1], stderr: errors[1])
        } catch {
            output.forEach { close($0) }
            errors.forEach { close($0) }
            throw error
        }
        close(output[1])
        close(errors[1])
        // stderr is read on its own thread: a program that fills one pipe while we wait on the other would hang.
        let errorText = Collected()
        let reader = DispatchGroup()
        let errorFD = errors[0]
        DispatchQueue.global().async(group: reader) { errorText.data = readAll(errorFD) }
        let out = readAll(output[0])
        reader.wait()
        close(output[0])
        close(errors[0])
        let status = try wait(pid)
        if let status {
            let said = String(decoding: errorText.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PostgresServerError("\(name) failed (\(status)): \(said)")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Starts `program` with its standard streams on /dev/null and does not wait for it.
    static func launch(_ program: String, _ arguments: [String]) throws {
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        _ = try spawn(program, arguments, asServerUser: false, in: "/", stdout: null, stderr: null)
        // Not reaped: it outlives the test process, which init then reaps.
    }

    private static func spawn(_ program: String, _ arguments: [String], asServerUser: Bool, in directory: String,
                              stdout: Int32, stderr: Int32) throws -> pid_t {
        // A working folder the server user can enter (the test's own may be closed to it), set by env -C:
        // posix_spawn_file_actions_addchdir_np is not visible from Swift.
        let inFolder = ["/usr/bin/env", "-C", directory, program] + arguments
        let argv = asServerUser && runsAsServerUser
            ? ["/usr/sbin/runuser", "-u", serverUser, "--"] + inFolder
            : inFolder
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        // Every other descriptor closed (posix_spawn_file_actions_addclosefrom_np is not visible from Swift);
        // glibc ignores a close of one that another thread closed meanwhile.
        for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, argv[0], &actions, nil, cArguments, environ)
        guard result == 0 else {
            throw PostgresServerError("cannot start \(argv[0]): \(String(cString: strerror(result)))")
        }
        return pid
    }

    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    private static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }

    /// The exit, described: "exit 1" or "signal 9".
    private static func wait(_ pid: pid_t) throws -> String? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw PostgresServerError("waitpid failed: errno \(errno)") }
        }
        let exitCode = (status >> 8) & 0xff, signal = status & 0x7f
        if signal == 0 && exitCode == 0 { return nil }
        return signal == 0 ? "exit \(exitCode)" : "signal \(signal)"
    }
}

/// Written by the one reader thread before `DispatchGroup.wait` returns, read only after it.
private final class Collected: @unchecked Sendable {
    var data = Data()
}
