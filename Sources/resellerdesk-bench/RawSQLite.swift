import Foundation
import ResellerCore

/// The comparison: the rows the service wrote, written as an SQL script of INSERT statements and run by
/// the sqlite3 command-line tool into a fresh database with the same schema, in one transaction.
enum RawSQLite {
    struct Result {
        var scriptSeconds: Double
        var scriptRate: Double
    }

    /// `deletingSource`: the service's desk goes once its rows are in the script. At 10,000,000 accounts the desk,
    /// the copy and its WAL take about 23 GB each, and the script 30 GB: more than this machine's disk holds at once.
    /// So the script is also kept compressed (gzip -1: 2.2 GB at 10M), and read back through `gzip -dc` on the
    /// other core, which used 7–9 % of it while sqlite3 used 92–98 % of its own: the floor is sqlite3's time.
    static func compare(from source: String, to target: String, accounts: Int, deletingSource: Bool) throws -> Result {
        _ = try Store(path: target)   // the same schema, same pragmas (WAL)
        let script = target + ".sql.gz"
        // Let sqlite3 itself write the INSERT statements for every row the service inserted.
        // Every column of each table as the schema has it now (read from the file), so the script cannot drift
        // from the schema when a migration adds one (issue #27: a declared list once lost a column).
        let copies = try ["accounts", "contacts", "audit_events"].map { table in
            copy(table, try columns(of: table, in: source))
        }.joined(separator: "\n")
        // The script's path reaches the shell that sqlite3 starts for `.output '|…'` as a variable, expanded in
        // double quotes: a folder's name may hold a space or a quote, on which that command line split or ended.
        setenv("RESELLERDESK_BENCH_SCRIPT", script, 1)
        let dump = """
            .output '|/usr/bin/gzip -1 > "$RESELLERDESK_BENCH_SCRIPT"'
            SELECT 'PRAGMA synchronous = FULL;';
            SELECT 'BEGIN;';
            \(copies)
            SELECT 'INSERT INTO account_search(rowid,name,trading_name,code,email,vat,contacts) VALUES(' || rowid || ',' ||
              quote(name) || ',' || quote(trading_name) || ',' || quote(code) || ',' || quote(email) || ',' || quote(vat) || ',' ||
              quote(contacts) || ');' FROM account_search ORDER BY rowid;
            SELECT 'INSERT INTO search_terms VALUES(' || quote(term) || ');' FROM search_terms;
            SELECT 'COMMIT;';
            """
        _ = try BenchDesk.sqlite(path: source).query(dump)
        if deletingSource {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: source + suffix) }
            print("(the service's desk deleted once the script held its rows, to make room for the copy)")
        }
        let start = Date()
        try BenchDesk.tool("/usr/bin/sqlite3", ["-bail", target], inputFrom: ("/usr/bin/gzip", ["-dc", script]))
        let seconds = Date().timeIntervalSince(start)
        try? FileManager.default.removeItem(atPath: script)
        // A script cut short (a full disk while it was written) would end without COMMIT, and sqlite3 exits 0.
        let copied = try BenchDesk.sqlite(path: target).count("SELECT COUNT(*) FROM accounts")
        if copied != accounts { fail("the sqlite3 script wrote \(copied) accounts, not \(accounts)") }
        return Result(scriptSeconds: seconds, scriptRate: Double(accounts) / seconds)
    }

    /// The columns of `table` in the database at `path`, in their order.
    static func columns(of table: String, in path: String) throws -> [String] {
        let out = try BenchDesk.sqlite(path: path).query("SELECT name FROM pragma_table_info('\(table)');")
        let names = out.split(separator: "\n").map(String.init)
        if names.isEmpty { fail("\(path) has no table \(table)") }
        return names
    }

    /// The SELECT that writes one INSERT per row of `table`, naming its columns.
    static func copy(_ table: String, _ columns: [String]) -> String {
        "SELECT 'INSERT INTO \(table)(\(columns.joined(separator: ","))) VALUES(' || "
            + columns.map { "quote(\($0))" }.joined(separator: " || ',' || ") + " || ');' FROM \(table) ORDER BY id;"
    }
}
