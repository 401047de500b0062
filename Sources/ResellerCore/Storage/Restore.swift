import Foundation
import GRDB

/// Puts a backup back as the desk. Only while nobody holds the desk: a process with the database open keeps
/// a shared lock on the "dead man switch" byte of its -shm file (SQLite's WAL index), so a write lock there
/// that cannot be had means someone is using it, and the lock's owner names the process.
extension Store {
    /// The byte SQLite's unix VFS locks (shared) for as long as a connection has the WAL index open:
    /// 120 + SQLITE_SHM_NLOCK (8).
    static let shmDeadManSwitch: off_t = 128

    public struct RestoreReport: Sendable {
        public let replacedKeptAt: String?
        public let counts: [(table: String, rows: Int)]
    }

    /// Replaces the desk at `path` with the backup at `backup`. The desk it replaces is kept beside it
    /// (`PATH.replaced-YYYYMMDD-HHMMSS` with its -wal): nothing is ever deleted. Run as root by an administrator
    /// in a folder group members can write: the backup is read through one descriptor (never a symlink), the
    /// copy is written, chmod'ed and chown'ed through its own (`PartialFile`). `whileCopied` is where a member
    /// could act, at the end of the long copy (tests act there). The restore is recorded in the restored
    /// desk's audit: who, from which file, and where the replaced desk is kept.
    public static func restore(from backup: String, to path: String, by actor: Actor, now: Date = Date(),
                               journal: Journal = .system,
                               whileCopied: (_ partial: String) -> Void = { _ in }) throws(ServiceError)
        -> RestoreReport {
        // Before anything is made beside `path`: a URL taken as a file's name would be echoed, password and all.
        guard !DatabaseLocation.isPostgres(path) else { throw sqliteOnly("restore") }
        let source = try openBackup(backup)
        defer { close(source) }
        let counts = try checkBackup(backup)
        guard sameFile(source, backup) else {
            throw .invalid("backup", "\(backup) was replaced while it was checked; nothing was restored")
        }
        let shm = path + "-shm"
        var lock: Int32 = -1
        if FileManager.default.fileExists(atPath: shm) {
            lock = open(shm, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
            guard lock >= 0 else {
                throw DeskAccess.refusal(path: shm, errno: errno)
                    ?? .storage("cannot open \(shm): \(String(cString: strerror(errno)))")
            }
            // Taken, not just probed: a process starting meanwhile finds the desk busy instead of half-restored.
            var exclusive = deadManSwitch(F_WRLCK)
            if fcntl(lock, F_SETLK, &exclusive) != 0 {
                let holder = holder(of: lock) ?? "another process"
                close(lock)
                throw ServiceError.refused(field: "restore", message: """
                    the desk \(path) is in use by \(holder); stop the services \
                    (sudo systemctl stop resellerdesk-mail resellerdesk-storefront resellerdesk-backup.timer) \
                    and ask everyone to leave resellerdesk, then restore again
                    """)
            }
        }
        defer { if lock >= 0 { close(lock) } }

        let folder = (path as NSString).deletingLastPathComponent
        // 0600 until complete: nobody opens a half-copied desk.
        let partial = try PartialFile.create(path + ".restoring-\(getpid())", mode: 0o600)
        defer { partial.finish() }
        try copy(source, named: backup, to: partial)
        whileCopied(partial.path)
        var old = stat()
        let hadDesk = lstat(path, &old) == 0
        fchmod(partial.fd, DeskAccess.newFileMode(folder: folder))
        // Root: the restored file keeps the owner and group of the desk it replaces (a regular file, not a link).
        if hadDesk && geteuid() == 0 && old.st_mode & S_IFMT == S_IFREG { fchown(partial.fd, old.st_uid, old.st_gid) }
        try partial.sync()
        try partial.ensureInPlace()

        var keptAt: String?
        if hadDesk {
            let aside = path + ".replaced-" + Format.fileStamp(now)
            // The WAL goes with its database: both together are the desk as it was.
            guard rename(path, aside) == 0 else {
                throw .storage("cannot move the current desk aside: \(String(cString: strerror(errno)))")
            }
            if rename(path + "-wal", aside + "-wal") != 0 && errno != ENOENT {
                throw .storage("cannot move the current desk's -wal aside: \(String(cString: strerror(errno)))")
            }
            unlink(shm)   // an index of the old WAL; SQLite rebuilds it
            keptAt = aside
        }
        try partial.rename(to: path)
        try record(actor, restoring: backup, to: path, replaced: keptAt, at: now, journal: journal)
        return RestoreReport(replacedKeptAt: keptAt, counts: counts)
    }

    /// The backup, opened once: refused when it is a symlink or not a regular file (a group member may turn a
    /// file of a group-writable backups folder into a link to anything).
    static func openBackup(_ backup: String) throws(ServiceError) -> Int32 {
        // O_NONBLOCK: a FIFO planted under the name must not hang the restore before it is refused.
        let fd = open(backup, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: backup)) ?? "?"
                throw .invalid("backup", "\(backup) is a symbolic link (to \(target)); a restore reads only a "
                               + "regular file: name the backup file itself")
            }
            throw .invalid("backup", "cannot read \(backup): \(String(cString: strerror(code)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .invalid("backup", "\(backup) is not a regular file; name a file written by resellerdesk backup")
        }
        return fd
    }

    /// True when `path` names the file open as `fd`.
    static func sameFile(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        return fstat(fd, &open) == 0 && lstat(path, &named) == 0
            && open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    static func copy(_ source: Int32, named backup: String, to partial: PartialFile) throws(ServiceError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(source, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .storage("cannot read \(backup): \(String(cString: strerror(errno)))") }
            if n == 0 { return }
            var done = 0
            while done < n {
                let w = buffer.withUnsafeBytes { Glibc.write(partial.fd, $0.baseAddress! + done, n - done) }
                if w < 0 && errno == EINTR { continue }
                guard w > 0 else {
                    throw .storage("cannot write \(partial.path): \(String(cString: strerror(errno))); nothing "
                                   + "was restored")
                }
                done += w
            }
        }
    }

    /// The restore in the restored desk's own audit (and so in the journal, see `Journal`).
    static func record(_ actor: Actor, restoring backup: String, to path: String, replaced: String?,
                       at now: Date, journal: Journal) throws(ServiceError) {
        do throws(ServiceError) {
            let store = try Store(path: path, journal: journal)
            try store.write { tx in
                try tx.audit(actor, "desk", 0, "restore", ["from": [nil, backup], "replaced": [nil, replaced]], at: now)
            }
        } catch {
            throw .storage("restored \(backup) as the desk \(path), but could not record it in its audit: "
                           + error.description)
        }
    }

    /// A backup must open, pass `integrity_check`, and carry a schema this program knows.
    static func checkBackup(_ backup: String) throws(ServiceError) -> [(table: String, rows: Int)] {
        guard FileManager.default.isReadableFile(atPath: backup) else {
            throw .invalid("backup", "cannot read \(backup)")
        }
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: backup, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db throws -> [(table: String, rows: Int)] in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard (1...migrations.count).contains(version) else {
                    throw ServiceError.invalid("backup", "\(backup) has schema version \(version); this program "
                                                + "knows 1 to \(migrations.count)")
                }
                let integrity = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer"
                guard integrity == "ok" else {
                    throw ServiceError.invalid("backup", "\(backup) failed its integrity check: \(integrity)")
                }
                return try StoreTx(session: SQLiteSession(db)).tableCounts()
            }
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .invalid("backup", "\(backup) is not a ResellerDesk backup: \(error)")
        }
    }

    /// The process holding the desk open ("process 1234 (resellerdesk-storefront) of resellerdesk"), or nil.
    static func holder(of shm: Int32) -> String? {
        var probe = deadManSwitch(F_WRLCK)
        guard fcntl(shm, F_GETLK, &probe) == 0, probe.l_type != Int16(F_UNLCK) else { return nil }
        let pid = probe.l_pid
        let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var info = stat()
        let owner = stat("/proc/\(pid)", &info) == 0 ? " of \(DeskAccess.login(info.st_uid))" : ""
        return "process \(pid)" + (name.map { " (\($0))" } ?? "") + owner
    }

    static func deadManSwitch(_ type: Int32) -> flock {
        var lock = flock()
        lock.l_type = Int16(type)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = shmDeadManSwitch
        lock.l_len = 1
        return lock
    }
}
