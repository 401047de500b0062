import DeskTestSupport
import Foundation
import Testing

/// `resellerdesk storage copy` through the real binary: a SQLite desk to PostgreSQL and back, its report and
/// exit codes, and the refusals.
@Suite struct StorageCopyTests {
    let cli = CLI()

    @Test func aDeskGoesToPostgreSQLAndBackThroughTheCommand() throws {
        _ = try cli.reseller()
        #expect(try cli.run(["payment", "add", "ACC-000001", "12.50"]).code == 0)
        let pg = try TempPostgresDatabase.desk()

        let there = try cli.run(["storage", "copy", "--from", cli.db, "--to", pg.location])
        #expect(there.code == 0, "\(there.err)")
        let lines = there.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Copied \(cli.db) to \(pg.location): ") == true, "\(there.out)")
        #expect(lines.contains { $0.hasPrefix("  accounts ") && $0.hasSuffix(" 1") })
        #expect(lines.contains { $0.hasPrefix("  invoices ") && $0.hasSuffix(" 1") })
        #expect(lines.contains { $0.hasPrefix("  ledger ") && $0.hasSuffix(" 2") })
        #expect(there.out.contains("the ledger balance of each of the 1 accounts; 1 invoice numbers, INV-000001 to "
                                   + "INV-000001, in order; no credit-note numbers; the counters credit_note 0, "
                                   + "invoice 1."), "\(there.out)")
        #expect(there.out.contains("The copy is \(pg.location) (the source is unchanged)"))

        let back = cli.folder + "/back.sqlite"
        let returned = try cli.run(["storage", "copy", "--from", pg.location, "--to", back, "--json"])
        #expect(returned.code == 0, "\(returned.err)")
        let report = returned.object
        #expect(report["from"] as? String == pg.location && report["to"] as? String == back)
        let tables = try #require(report["tables"] as? [[String: Any]])
        let rows = Dictionary(uniqueKeysWithValues: tables.map { ($0["table"] as! String, $0["rows"] as! Int) })
        #expect(rows["accounts"] == 1 && rows["invoices"] == 1 && rows["ledger"] == 2 && rows["sessions"] == 0)
        let checked = try #require(report["checked"] as? [String: Any])
        #expect(checked["accounts"] as? Int == 1)
        #expect((checked["invoices"] as? [String: Any])?["last"] as? String == "INV-000001")

        // The copy of the copy is the same desk: the invoice, its balance, and numbering that goes on.
        let original = try cli.run(["invoice", "list", "--json"]).out
        #expect(try cli.run(["invoice", "list", "--json"], environment: ["RESELLERDESK_DB": back]).out == original)
        let balance = { (db: String) in
            try cli.run(["account", "show", "ACC-000001", "--json"], environment: ["RESELLERDESK_DB": db]).object
        }
        #expect(try balance(back)["balance"] as? String == balance(cli.db)["balance"] as? String)
        let next = try cli.run(["account", "add", "--name", "Kappa", "--email", "k@kappa.example", "--country", "GR",
                                "--json"], environment: ["RESELLERDESK_DB": pg.location])
        #expect(next.code == 0, "\(next.err)")
        #expect(next.object["code"] as? String == "ACC-000002", "\(next.out)")
    }

    @Test func refusalsNameWhatIsWrongAndExitAsDocumented() throws {
        _ = try cli.reseller()
        let pg = try TempPostgresDatabase.desk()
        #expect(try cli.run(["storage", "copy", "--from", cli.db, "--to", pg.location]).code == 0)

        let again = try cli.run(["storage", "copy", "--from", cli.db, "--to", pg.location])
        #expect(again.code == 1)
        #expect(again.err.hasPrefix("to: \(pg.location) is not empty: it holds 1 accounts, "), "\(again.err)")
        #expect(again.out.isEmpty)

        let json = try cli.run(["storage", "copy", "--from", cli.db, "--to", cli.db, "--json"])
        #expect(json.code == 1)
        let errors = json.object["errors"] as? [[String: String]]
        #expect(errors?.first?["field"] == "to")
        #expect(errors?.first?["message"]?.hasPrefix("the source and the target are the same desk") == true)

        let noTarget = try cli.run(["storage", "copy", "--from", cli.db])
        #expect(noTarget.code == 2 && noTarget.err.contains("--to"), "\(noTarget.err)")
        let blank = try cli.run(["storage", "copy", "--from", " ", "--to", cli.folder + "/new.sqlite"])
        #expect(blank.code == 2 && blank.err.contains("--from needs a desk"), "\(blank.err)")

        // An unreachable server is a database failure, exit 3.
        let down = try cli.run(["storage", "copy", "--from", cli.db, "--to", "postgresql://nobody@127.0.0.1:1/none"])
        #expect(down.code == 3, "\(down.err)")
        #expect(down.err.hasPrefix("database: "), "\(down.err)")
    }
}
