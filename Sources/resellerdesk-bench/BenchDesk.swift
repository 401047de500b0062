import Foundation
import ResellerCore

/// The desk a benchmark measures: a SQLite file, or a PostgreSQL database made for the run on the server that
/// `--postgresql URL` names. The benchmarks count what a run wrote with each engine's own command-line tool
/// (sqlite3, psql), not through the code they measure.
enum BenchDesk {
    case sqlite(path: String)
    case postgresql(url: String)

    /// What `Store(location:)` and `--db` take.
    var location: String {
        switch self {
        case .sqlite(let path): path
        case .postgresql(let url): url
        }
    }

    var engine: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgresql: "PostgreSQL"
        }
    }

    /// A fresh database named `name` on the server `serverURL` reaches (dropped first if a kept run left it),
    /// with the desk's schema, roles and grants as `storage init` makes them.
    static func newPostgres(server serverURL: String, name: String) throws -> BenchDesk {
        _ = try psql(serverURL, """
            DROP DATABASE IF EXISTS \(name) WITH (FORCE);
            CREATE DATABASE \(name) ENCODING 'UTF8';
            """)
        let desk = BenchDesk.postgresql(url: try replacingDatabase(of: serverURL, with: name))
        try PostgresStorage.initialize(url: desk.location)
        return desk
    }

    /// The SQLite desk at `path` moved into a new database `name` on `serverURL` by `storage copy`'s code, then
    /// vacuumed and analysed, as an administrator moving a desk would. Copying is how a large PostgreSQL desk is
    /// made in minutes: the service's own ingest there pays a round trip per statement.
    static func moved(from path: String, server serverURL: String, name: String) throws -> BenchDesk {
        let start = Date()
        let desk = try newPostgres(server: serverURL, name: name)
        let report = try Store.copy(from: path, to: desk.location, by: .staff("bench"))
        let copied = Date().timeIntervalSince(start)
        _ = try desk.query("VACUUM ANALYZE;")
        print(String(format: "moved to PostgreSQL: %d rows in %.1f s (%.0f rows/s, storage copy); VACUUM ANALYZE "
                     + "%.1f s", report.rows, copied, Double(report.rows) / copied,
                     Date().timeIntervalSince(start) - copied))
        return desk
    }

    /// Drops the database a run made; a SQLite file goes with the run's folder.
    func drop(server serverURL: String?) {
        guard case .postgresql(let url) = self, let serverURL,
              let name = URLComponents(string: url)?.path.dropFirst() else { return }
        _ = try? BenchDesk.psql(serverURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE);")
    }

    /// Runs SQL with the engine's tool; what it printed (psql unaligned, without headers).
    func query(_ sql: String) throws -> String {
        switch self {
        case .sqlite(let path): try BenchDesk.tool("/usr/bin/sqlite3", ["-bail", path], input: sql)
        case .postgresql(let url): try BenchDesk.psql(url, sql)
        }
    }

    func count(_ sql: String) throws -> Int {
        Int(try query(sql).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The bytes the desk takes: the file with its WAL, or the database as PostgreSQL counts it (its WAL is the
    /// cluster's, shared by every database, so it is not in the figure).
    func bytes() throws -> Int64 {
        switch self {
        case .sqlite(let path):
            [path, path + "-wal"].reduce(0) { sum, p in
                sum + (((try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? NSNumber)?.int64Value ?? 0)
            }
        case .postgresql: Int64(try count("SELECT pg_database_size(current_database())"))
        }
    }

    static func psql(_ url: String, _ sql: String) throws -> String {
        try tool("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url], input: sql)
    }

    /// `serverURL` (a postgresql:// URL) with its database replaced by `name`, keeping host, port and user.
    static func replacingDatabase(of serverURL: String, with name: String) throws -> String {
        guard DatabaseLocation.isPostgres(serverURL), var parts = URLComponents(string: serverURL) else {
            fail("--postgresql takes a postgresql:// URL of a server where this login may create databases")
        }
        parts.path = "/" + name
        guard let url = parts.string else { fail("--postgresql: cannot name the database \(name) in \(serverURL)") }
        return url
    }

    /// Runs `tool` with `input` (or what the command `inputFrom` prints) on its standard input; what it printed.
    @discardableResult
    static func tool(_ tool: String, _ args: [String], input: String? = nil,
                     inputFrom source: (tool: String, args: [String])? = nil) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            fail("\(tool) is missing: install Debian's sqlite3 and postgresql-client (scripts/ensure-deps does)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let pipe = Pipe(), output = Pipe()
        p.standardOutput = output
        p.standardInput = pipe
        let feeder = source.map { source in
            let feeder = Process()
            feeder.executableURL = URL(fileURLWithPath: source.tool)
            feeder.arguments = source.args
            feeder.standardOutput = pipe
            return feeder
        }
        try feeder?.run()
        try p.run()
        if feeder != nil { try pipe.fileHandleForWriting.close() }
        if let input {
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        feeder?.waitUntilExit()
        if p.terminationStatus != 0 {
            fail("\(tool) \(args.joined(separator: " ")) failed with status \(p.terminationStatus)")
        }
        if let feeder, let source, feeder.terminationStatus != 0 {
            fail("\(source.tool) \(source.args.joined(separator: " ")) failed with status \(feeder.terminationStatus)")
        }
        return String(decoding: printed, as: UTF8.self)
    }
}
