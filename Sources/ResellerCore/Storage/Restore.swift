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
    /// (`PATH.replaced-YYYYMMDD-HHMMSS` with its -wal): nothing is ever deleted.
    public static func restore(from backup: String, to path: String, now: Date = Date()) throws(ServiceError)
        -> RestoreReport {
        let counts = try checkBackup(backup)
        let shm = path + "-shm"
        var lock: Int32 = -1
        if FileManager.default.fileExists(atPath: shm) {
            lock = open(shm, O_RDWR)
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
        let partial = path + ".restoring-\(getpid())"
        defer { unlink(partial) }
        do {
            try FileManager.default.copyItem(atPath: backup, toPath: partial)
        } catch {
            throw .storage("cannot copy \(backup) to \(folder): \(error.localizedDescription)")
        }
        var old = stat()
        let hadDesk = stat(path, &old) == 0
        chmod(partial, DeskAccess.newFileMode(folder: folder))
        // Run as root by an administrator: the restored file keeps the owner and group of the one it replaces.
        if hadDesk && getuid() == 0 { chown(partial, old.st_uid, old.st_gid) }
        do { try syncFile(partial) } catch { throw .storage("\(error)") }

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
        guard rename(partial, path) == 0 else {
            throw .storage("cannot put the backup in place at \(path): \(String(cString: strerror(errno)))")
        }
        return RestoreReport(replacedKeptAt: keptAt, counts: counts)
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
                return try StoreTx(db: db).tableCounts()
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
