import Foundation
import Synchronization

/// One test cluster: initdb'd into a private temporary folder, running until `stop()` or the process's exit.
final class PostgresCluster: Sendable {
    let folder: String
    let socketDirectory: String
    let port: Int
    /// The certificates of a cluster that speaks TLS.
    let certificates: TestCertificates?
    private let binaries: PostgresBinaries
    private let stopped = Mutex(false)

    private var dataDirectory: String { folder + "/data" }
    private var logFile: String { folder + "/server.log" }

    private init(folder: String, port: Int, binaries: PostgresBinaries, certificates: TestCertificates?) {
        self.folder = folder
        self.socketDirectory = folder + "/socket"
        self.port = port
        self.binaries = binaries
        self.certificates = certificates
    }

    /// `tls`: the server speaks TLS (`ssl = on`) beside plain connections, with certificates made for it.
    static func start(binaries: PostgresBinaries, durable: Bool, tls: Bool = false) throws -> PostgresCluster {
        let folder = try makeFolder()
        startReaper(folder: folder)   // before the server exists, so no moment is left uncovered
        do {
            let socket = folder + "/socket"
            try FileManager.default.createDirectory(atPath: socket, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            try handToServerUser(folder)
            try handToServerUser(socket)
            // Trust is acceptable here alone: a cluster for tests, reached over a socket folder only its owner
            // can enter and over 127.0.0.1; -U fixes the superuser's name whoever runs initdb.
            try PostgresProcess.run(binaries.path("initdb"), [
                "-D", folder + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                "--no-sync", "--no-instructions",
            ], asServerUser: true, in: folder)
            try appendSettings(to: folder + "/data/postgresql.conf", socket: socket, durable: durable)
            let certificates = tls ? try TestCertificates(in: folder) : nil
            if let certificates { try giveCertificate(certificates, to: folder + "/data") }
            try writeAccessRules(to: folder + "/data/pg_hba.conf")
            let cluster = try startOnFreePort(folder: folder, binaries: binaries, certificates: certificates)
            try cluster.createPasswordLoginRole()
            cluster.watchForExit()
            return cluster
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// A free port can be taken between choosing and binding it: a few fresh ones are tried.
    private static func startOnFreePort(folder: String, binaries: PostgresBinaries,
                                        certificates: TestCertificates?) throws -> PostgresCluster {
        var lastError: Error?
        for _ in 0..<5 {
            let cluster = PostgresCluster(folder: folder, port: try freePort(), binaries: binaries,
                                          certificates: certificates)
            do {
                try cluster.pgCtl("start")
                return cluster
            } catch {
                lastError = error
                cluster.stopped.withLock { $0 = true }   // not running: its deinit must not remove the folder
                let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
                if !log.contains("could not bind") && !log.contains("already in use") { break }
            }
        }
        let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
        throw PostgresServerError("the test PostgreSQL server did not start: \(lastError.map { "\($0)" } ?? "")\n"
                                  + log.split(separator: "\n").suffix(10).joined(separator: "\n"))
    }

    func restart() throws {
        try pgCtl("restart", "-m", "fast")
    }

    /// An immediate stop (what `pg_ctl stop -m immediate` does: SIGQUIT to the postmaster), then the folder
    /// removed. Idempotent.
    func stop() {
        let first = stopped.withLock { was in
            defer { was = true }
            return !was
        }
        guard first else { return }
        Self.running.withLock { _ = $0.remove(folder) }
        Self.shutDown(folder: folder)
    }

    deinit { stop() }

    private func pgCtl(_ command: String, _ extra: String...) throws {
        try PostgresProcess.run(binaries.path("pg_ctl"), [
            "-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", "-p \(port)",
        ] + extra + [command], asServerUser: true, in: folder)
    }

    // MARK: Stopping at exit

    /// The folders of the clusters still running, stopped by the atexit handler.
    private static let running = Mutex<Set<String>>([])
    private static let registerAtExit: Void = { atexit { PostgresCluster.stopAllAtExit() } }()

    private func watchForExit() {
        Self.registerAtExit
        Self.running.withLock { _ = $0.insert(folder) }
    }

    private static func stopAllAtExit() {
        for folder in running.withLock({ $0 }) { shutDown(folder: folder) }
    }

    /// Signals the postmaster directly (no child process from an atexit handler) and waits, as pg_ctl does,
    /// for it to remove its pid file: a stopped postmaster may stay a zombie its adopter never reaps.
    private static func shutDown(folder: String) {
        let pidFile = folder + "/data/postmaster.pid"
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
           let pid = text.split(separator: "\n").first.flatMap({ pid_t($0) }) {
            kill(pid, SIGQUIT)
            for _ in 0..<200 where FileManager.default.fileExists(atPath: pidFile) && kill(pid, 0) == 0 {
                usleep(25_000)
            }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A detached shell that stops the server and removes the folder once the test process is gone, however it
    /// went: a crash or a SIGKILL runs no atexit handler, and an orphaned server would hold memory until reboot.
    private static func startReaper(folder: String) {
        let script = """
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            pid=$(head -n 1 "$2/data/postmaster.pid" 2>/dev/null) && kill -QUIT "$pid" 2>/dev/null
            i=0; while [ -f "$2/data/postmaster.pid" ] && [ $i -lt 40 ]; do sleep 0.25; i=$((i+1)); done
            rm -rf "$2"
            """
        try? PostgresProcess.launch("/usr/bin/setsid", [
            "/bin/sh", "-c", script, "resellerdesk-pg-reaper", String(getpid()), folder,
        ])
    }

    // MARK: Setting up

    /// A fresh folder with a short path: a Unix socket's path must fit in 107 bytes. As root, under /tmp, which
    /// the server user can traverse (root's own TMPDIR may be closed to it).
    private static func makeFolder() throws -> String {
        var base = PostgresProcess.runsAsServerUser ? "/tmp" : NSTemporaryDirectory()
        if base.hasSuffix("/") { base.removeLast() }
        if base.utf8.count > 60 { base = "/tmp" }
        var template = Array((base + "/rdpg.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PostgresServerError("cannot create a folder for the test PostgreSQL server under \(base)")
        }
        return String(cString: made)
    }

    private static func handToServerUser(_ path: String) throws {
        guard PostgresProcess.runsAsServerUser else { return }
        guard let user = getpwnam(PostgresProcess.serverUser) else {
            throw PostgresServerError("""
                the tests run as root and there is no "\(PostgresProcess.serverUser)" user to run PostgreSQL as \
                (Debian's postgresql-\(PostgresBinaries.minimumMajor) package creates it)
                """)
        }
        guard chown(path, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
            throw PostgresServerError("cannot hand \(path) to \(PostgresProcess.serverUser): errno \(errno)")
        }
    }

    private static func appendSettings(to file: String, socket: String, durable: Bool) throws {
        var settings = """

            # The tests' settings
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(socket)'
            max_connections = 200

            """
        if !durable {
            // Speed over crash safety, for every test but the crash trials.
            settings += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        }
        try append(settings, to: file)
    }

    private static func append(_ text: String, to file: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// The server's certificate and key, copied into its data folder: the server reads a key only its own user
    /// can read.
    private static func giveCertificate(_ tls: TestCertificates, to data: String) throws {
        for (from, to) in [(tls.serverCertificate, "server.crt"), (tls.serverKey, "server.key")] {
            try FileManager.default.copyItem(atPath: from, toPath: data + "/" + to)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: data + "/" + to)
            try handToServerUser(data + "/" + to)
        }
        try append("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
                   to: data + "/postgresql.conf")
    }

    /// The members of `PostgresServer.passwordLoginRole` must give their password; everyone else is trusted.
    private static func writeAccessRules(to file: String) throws {
        let group = PostgresServer.passwordLoginRole
        let rules = """
            # TYPE  DATABASE  USER     ADDRESS       METHOD  (the tests' own: a refused sign-in needs a password)
            local   all       +\(group)                 scram-sha-256
            host    all       +\(group) 127.0.0.1/32  scram-sha-256
            local   all       all                    trust
            host    all       all      127.0.0.1/32  trust

            """
        // Rewriting keeps the file's owner (the server user): the server must be able to read it.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(rules.utf8))
    }

    private func createPasswordLoginRole() throws {
        try PostgresProcess.run(binaries.path("psql"), [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", String(port), "-U", "postgres",
            "-d", "postgres", "-c", "CREATE ROLE \(PostgresServer.passwordLoginRole) NOLOGIN",
        ])
    }

    /// A port the kernel calls free on 127.0.0.1 now (bound to port 0, read back, released).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresServerError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw PostgresServerError("no free port on 127.0.0.1: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
