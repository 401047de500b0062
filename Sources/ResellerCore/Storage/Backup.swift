import Foundation
import GRDB

/// What a backup wrote: where, how large, and what it holds.
public struct BackupReport: Sendable {
    public let path: String
    public let bytes: Int64
    public let integrity: String
    public let counts: [(table: String, rows: Int)]
}

extension Store {
    /// A consistent online copy through SQLite's backup API: one read transaction, so it is the desk as it
    /// was at one instant while every other process keeps writing. The copy is a single file (no -wal),
    /// checked with `integrity_check`, created mode 0640 before the first byte (never readable by others while
    /// it is written, whatever the umask), and appears under its name only once complete. `whileCopied` is
    /// where a member of a group folder could act, after the long copy (tests act there).
    public func backup(to destination: String, whileCopied: (_ partial: String) -> Void = { _ in })
        throws(ServiceError) -> BackupReport {
        let partial = try PartialFile.create(destination + ".part-\(getpid())", mode: 0o640)
        defer { partial.finish() }
        do {
            // SQLite opens the empty file by name with O_NOFOLLOW and takes it as a new database.
            let copy = try DatabaseQueue(path: partial.path)
            try sqliteDatabase(for: "backup").backup(to: copy)
            let (integrity, counts) = try copy.writeWithoutTransaction { db in
                // The live desk is in WAL mode; a copy on its own is one self-contained file.
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                return (try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer",
                        try StoreTx(session: SQLiteSession(db)).tableCounts())
            }
            try copy.close()
            guard integrity == "ok" else {
                throw ServiceError.storage("the copy failed its integrity check (\(integrity)); nothing was kept")
            }
            whileCopied(partial.path)
            try partial.sync()
            try partial.rename(to: destination)
            var info = stat()
            fstat(partial.fd, &info)
            return BackupReport(path: destination, bytes: Int64(info.st_size), integrity: integrity, counts: counts)
        } catch let error as ServiceError {
            throw error
        } catch {
            throw Store.describe(error, path: destination)
        }
    }

    /// Keeps the newest `keep` copies named `desk-*.sqlite` in `folder`; returns the ones removed.
    public static func pruneBackups(in folder: String, keep: Int) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("desk-") && $0.hasSuffix(".sqlite") }
            .sorted(by: >)   // names carry the date and time, so newest first
        return names.dropFirst(keep).compactMap { name in
            let path = folder + "/" + name
            return unlink(path) == 0 ? path : nil
        }
    }
}
