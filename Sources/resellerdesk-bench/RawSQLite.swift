import Foundation
import ResellerCore

/// The comparison: the rows the service wrote, written as an SQL script of INSERT statements and run by
/// the sqlite3 command-line tool into a fresh database with the same schema, in one transaction.
enum RawSQLite {
    struct Result {
        var scriptSeconds: Double
        var scriptRate: Double
    }

    static func compare(from source: String, to target: String, accounts: Int) throws -> Result {
        _ = try Store(path: target)   // the same schema, same pragmas (WAL)
        let script = target + ".sql"
        // Let sqlite3 itself write the INSERT statements for every row the service inserted.
        let dump = """
            .output \(script)
            SELECT 'PRAGMA synchronous = FULL;';
            SELECT 'BEGIN;';
            \(copy("accounts", Store.accountTableColumns))
            SELECT 'INSERT INTO account_search(rowid,name,trading_name,code,email,vat,contacts) VALUES(' || rowid || ',' ||
              quote(name) || ',' || quote(trading_name) || ',' || quote(code) || ',' || quote(email) || ',' || quote(vat) || ',' ||
              quote(contacts) || ');' FROM account_search ORDER BY rowid;
            SELECT 'INSERT INTO search_terms VALUES(' || quote(term) || ');' FROM search_terms;
            SELECT 'INSERT INTO contacts VALUES(' || quote(id) || ',' || quote(account_id) || ',' || quote(first_name) || ',' ||
              quote(last_name) || ',' || quote(email) || ',' || quote(email_key) || ',' || quote(phone) || ',' || quote(mobile) || ',' ||
              quote(company_role) || ',' || quote(is_primary) || ',' || quote(is_bill_to) || ',' || quote(opt_in) || ',' ||
              quote(created_at) || ',' || quote(updated_at) || ');' FROM contacts ORDER BY id;
            SELECT 'INSERT INTO audit_events VALUES(' || quote(id) || ',' || quote(at) || ',' || quote(actor) || ',' ||
              quote(actor_kind) || ',' || quote(entity) || ',' || quote(entity_id) || ',' || quote(action) || ',' ||
              quote(changes) || ');' FROM audit_events ORDER BY id;
            SELECT 'COMMIT;';
            """
        try run("/usr/bin/sqlite3", [source], input: dump)
        let start = Date()
        try run("/usr/bin/sqlite3", [target], inputFile: script)
        let seconds = Date().timeIntervalSince(start)
        try? FileManager.default.removeItem(atPath: script)
        return Result(scriptSeconds: seconds, scriptRate: Double(accounts) / seconds)
    }

    /// The SELECT that writes one INSERT per row of `table`, naming its columns (the accounts table reads
    /// them from the one list its rows are written and read with).
    static func copy(_ table: String, _ columns: [String]) -> String {
        "SELECT 'INSERT INTO \(table)(\(columns.joined(separator: ","))) VALUES(' || "
            + columns.map { "quote(\($0))" }.joined(separator: " || ',' || ") + " || ');' FROM \(table) ORDER BY id;"
    }

    static func run(_ tool: String, _ args: [String], input: String? = nil, inputFile: String? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            fail("\(tool) is missing: install Debian's sqlite3 package (scripts/ensure-deps does)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-bail"] + args
        let pipe = Pipe()
        if let inputFile {
            p.standardInput = FileHandle(forReadingAtPath: inputFile)
        } else {
            p.standardInput = pipe
        }
        try p.run()
        if let input {
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        p.waitUntilExit()
        if p.terminationStatus != 0 { fail("\(tool) \(args.joined(separator: " ")) failed with status \(p.terminationStatus)") }
    }
}
