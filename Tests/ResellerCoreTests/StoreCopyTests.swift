import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import ResellerCore

/// `Store.copy` between real engines: a SQLite file and a PostgreSQL database on the tests' server, each named
/// here whatever RESELLERDESK_TEST_ENGINE says. The desk is `CopyDesk`'s, made through the service.
@Suite struct StoreCopyTests {
    /// A PostgreSQL database as `storage init` leaves it.
    func postgresDesk() throws -> TempPostgresDatabase { try TempPostgresDatabase.desk() }

    @Test func aDeskGoesToPostgreSQLAndBackWithTheSameBooks() throws {
        let source = TempDatabase(), pg = try postgresDesk(), back = TempDatabase()
        let desk = CopyDesk(try Store(path: source.path, journal: .none))
        let made = try desk.fill()
        let books = try desk.books()
        #expect(books.invoices.count >= 4 && books.creditNotes == ["CRN-000001"])
        #expect(books.counts.filter { $0.value == 0 }.keys.sorted() == ["dunning_notices", "vat_confirmations"])

        let there = try Store.copy(from: source.path, to: pg.location, by: staff, journal: .none)
        #expect(there.tables.map(\.table) == Store.copyTables.map(\.name))
        #expect(Dictionary(uniqueKeysWithValues: there.tables.map { ($0.table, $0.rows) }) == books.counts)
        #expect(there.accounts == 3)
        #expect(there.invoices.count == books.invoices.count && there.invoices.first == "INV-000001"
                && there.invoices.last == books.invoices.last)
        #expect(there.creditNotes == NumberRun.of(["CRN-000001"]))
        #expect(there.counters.map(\.name) == ["credit_note", "invoice"]
                && there.counters.map(\.value) == [1, Int64(books.invoices.count)])
        let again = try Store.copy(from: pg.location, to: back.path, by: staff, journal: .none)
        #expect(again.tables.map(\.rows) == there.tables.map { $0.rows + ($0.table == "audit_events" ? 1 : 0) })

        // Between two PostgreSQL desks too (pg_dump is the usual way; this one is checked).
        let pg2 = try postgresDesk()
        #expect(try Store.copy(from: pg.location, to: pg2.location, by: staff, journal: .none).accounts == 3)
        #expect(try CopyDesk(try Store(postgresql: pg2.location, journal: .none)).books() == books.audited(2))

        let onPostgres = CopyDesk(try Store(postgresql: pg.location, journal: .none))
        let returned = CopyDesk(try Store(path: back.path, journal: .none))
        #expect(try onPostgres.books() == books.audited(1))
        #expect(try returned.books() == books.audited(2))
        #expect(try copyEvents(onPostgres) == [source.path])
        #expect(try copyEvents(returned) == [source.path, pg.location])
        for copy in [onPostgres, returned] {
            try worksAsADesk(copy, made: made, books: books, credit: try desk.service.availableCredit(made.nefos))
        }
    }

    /// Search, the next id and number, and the credit check, on a copy.
    func worksAsADesk(_ copy: CopyDesk, made: CopyDesk.Made, books: CopyDesk.Books, credit: CreditLimit?) throws {
        #expect(try copy.service.searchAccounts("aegean").rows.map(\.account.id) == [made.aegean])
        #expect(try copy.service.searchAccounts("νεφος").rows.map(\.account.id) == [made.nefos])
        // Ids continue after the highest ever given, a removed contact's too; numbers after the last.
        let newcomer = try copy.reseller("Kappa Hosting", "billing@kappa.example") { $0.unlimitedCredit = true }
        #expect(newcomer.id == 4)
        var c = ContactForm()
        c.lastName = "Newman"; c.email = "new@kappa.example"
        #expect(try copy.service.addContact(to: newcomer.id, c, by: staff).id == made.removedContact + 1)
        copy.clock.set("2027-03-02")
        let order = try copy.order(newcomer, "SETUP", 1)
        #expect(order.status == .executed)
        let issued = try copy.service.invoices(of: newcomer.id).map(\.number)
        #expect(issued == [String(format: "INV-%06d", books.invoices.count + 1)])
        // The credit is what it was: an order past it waits for staff.
        #expect(try copy.service.availableCredit(made.nefos) == credit)
        let nefos = try copy.service.account(made.nefos)
        #expect(try copy.order(nefos, "SETUP", 1).status == .submitted)
    }

    /// The sources named by the copy events of a desk's audit, oldest first.
    func copyEvents(_ desk: CopyDesk) throws -> [String?] {
        try desk.service.store.read { tx in
            try tx.values(String.self, sql: """
                SELECT changes FROM audit_events WHERE entity = 'desk' AND action = 'copy' ORDER BY id
                """).map { json in
                let changes = try JSONDecoder().decode([String: [String?]].self, from: Data(json.utf8))
                #expect(Int(changes["rows"]?.last.flatMap { $0 } ?? "") ?? 0 > 100)
                return changes["from"]?.last ?? nil
            }
        }
    }

    @Test func aSQLiteDeskCopiesToANewFileWithItsNumbering() throws {
        let source = TempDatabase(), target = TempDatabase()
        let desk = CopyDesk(try Store(path: source.path, journal: .none))
        let made = try desk.fill()
        let report = try Store.copy(from: source.path, to: target.path, by: staff, journal: .none)
        #expect(try report.rows == desk.books().counts.values.reduce(0, +))
        let copy = CopyDesk(try Store(path: target.path, journal: .none))
        #expect(try copy.books() == desk.books().audited(1))
        #expect(try copy.service.store.integrityCheck() == "ok")
        let sequences = "SELECT name || ' ' || seq FROM sqlite_sequence WHERE name <> 'audit_events' ORDER BY name"
        #expect(try copy.service.store.read { try $0.values(String.self, sql: sequences) }
                == desk.service.store.read { try $0.values(String.self, sql: sequences) })
        try worksAsADesk(copy, made: made, books: desk.books(), credit: try desk.service.availableCredit(made.nefos))
    }

    @Test func aTargetThatHoldsAnythingIsRefusedAndLeftAsItWas() throws {
        let source = TempDatabase(), pg = try postgresDesk(), used = TempDatabase()
        try CopyDesk(try Store(path: source.path, journal: .none)).fill()
        do {
            var f = AccountForm()
            f.name = "Already Here"; f.email = "here@already.example"; f.country = "GR"
            _ = try CopyDesk(try Store(postgresql: pg.location, journal: .none)).service.createAccount(f, by: staff)
        }
        let before = try pg.psql("SELECT count(*) FROM resellerdesk.audit_events")
        let refusal = #expect(throws: ServiceError.self) {
            try Store.copy(from: source.path, to: pg.location, by: staff, journal: .none)
        }
        #expect(refusal?.fieldErrors.map(\.field) == ["to"])
        #expect(refusal?.description.contains("\(pg.location) is not empty: it holds 1 accounts, 1 account_search, ")
                == true, "\(String(describing: refusal))")
        #expect(refusal?.description.contains(" 1 audit_events") == true)
        #expect(try pg.psql("SELECT count(*) FROM resellerdesk.audit_events") == before)
        #expect(try pg.psql("SELECT count(*) FROM resellerdesk.accounts") == "1\n")

        // A SQLite target: a staff member's own tax rate is a use too.
        try CopyDesk(try Store(path: used.path, journal: .none)).service
            .setTaxRate(country: "GR", taxClass: "standard", rate: "24", from: "2027-01-01", by: staff)
        let sqlite = #expect(throws: ServiceError.self) {
            try Store.copy(from: source.path, to: used.path, by: staff, journal: .none)
        }
        #expect(sqlite?.description.contains("it holds 1 audit_events, 1 tax_rates set by staff;") == true,
                "\(String(describing: sqlite))")
    }

    @Test func theSameDeskTwiceAMissingSourceAndADeskInUseAreRefused() throws {
        let source = TempDatabase(), pg = try postgresDesk(), target = TempDatabase()
        try CopyDesk(try Store(path: source.path, journal: .none)).fill()
        #expect(refusal { try Store.copy(from: source.path, to: source.path, by: staff) }
                == "to: the source and the target are the same desk (\(source.path)); name another target")
        // Two URLs of one database.
        let other = pg.location + (pg.location.contains("?") ? "&" : "?") + "application_name=resellerdesk-2"
        #expect(refusal { try Store.copy(from: other, to: pg.location, by: staff, journal: .none) }
                == "to: the source and the target are the same desk (\(pg.location)); name another target")
        #expect(refusal { try Store.copy(from: source.folder + "/nowhere.sqlite", to: target.path, by: staff) }
                == "from: there is no desk at \(source.folder)/nowhere.sqlite")
        #expect(!FileManager.default.fileExists(atPath: target.path))

        // A program with the PostgreSQL desk open (the pool keeps its connection).
        let open = try Store(postgresql: pg.location, journal: .none)
        _ = try ResellerService(store: open, settings: .test).priceLists()
        let inUse = refusal { try Store.copy(from: pg.location, to: target.path, by: staff) }
        #expect(inUse.hasPrefix("from: the desk \(pg.location) is in use by resellerdesk of postgres"), "\(inUse)")

        // Another process with the SQLite desk open.
        let holder = try SQLiteHolder(source.path)
        defer { holder.stop() }
        let busy = refusal { try Store.copy(from: source.path, to: target.path, by: staff) }
        #expect(busy.hasPrefix("from: the desk \(source.path) is in use by process \(holder.pid) (sqlite3)"), "\(busy)")
    }

    @Test func aFailureMidwayLeavesTheTargetEmptyAndTheCopyCanBeRunAgain() throws {
        let source = TempDatabase(), pg = try postgresDesk()
        let desk = CopyDesk(try Store(path: source.path, journal: .none))
        try desk.fill()
        // SQLite keeps a text in an INTEGER column; PostgreSQL refuses it, tables after the first ones written.
        _ = try desk.service.store.write { tx in
            try tx.execute(sql: "UPDATE audit_events SET entity_id = 'seven' WHERE id = 3")
        }
        let failed = refusal { try Store.copy(from: source.path, to: pg.location, by: staff, journal: .none) }
        #expect(failed.hasPrefix("database: table audit_events: database error: invalid input syntax for type bigint"),
                "\(failed)")
        #expect(failed.hasSuffix("; nothing was copied, \(pg.location) is as it was"))
        do {   // closed before the next copy, which it would otherwise hold
            let target = try Store(postgresql: pg.location, journal: .none)
            #expect(try target.read { try CopyEnds.contents($0) } == [])
        }
        #expect(try pg.psql("SELECT count(*) FROM resellerdesk.tax_rates WHERE created_by = 'system'") == "54\n")
        #expect(try pg.psql("SELECT string_agg(name || ' ' || value, ', ' ORDER BY name) FROM resellerdesk.counters")
                == "credit_note 0, invoice 0\n")

        _ = try desk.service.store.write { tx in
            try tx.execute(sql: "UPDATE audit_events SET entity_id = 7 WHERE id = 3")
        }
        let copied = try Store.copy(from: source.path, to: pg.location, by: staff, journal: .none)
        #expect(copied.accounts == 3)
    }

    @Test func aDifferenceFoundByTheCheckCopiesNothing() throws {
        let source = TempDatabase(), pg = try postgresDesk(), back = TempDatabase()
        let desk = CopyDesk(try Store(path: source.path, journal: .none))
        try desk.fill()
        _ = try Store.copy(from: source.path, to: pg.location, by: staff, journal: .none)
        let balance = refusal {
            try Store.copy(from: pg.location, to: back.path, by: staff, now: Date(), journal: .none) { tx in
                try tx.execute(sql: "UPDATE ledger SET amount_minor = amount_minor + 1 WHERE id = 1")
            }
        }
        #expect(balance.contains("the balance of ACC-00000"), "\(balance)")
        #expect(balance.contains(" in the copy; nothing was copied, \(back.path) is as it was"))
        let number = refusal {
            try Store.copy(from: pg.location, to: back.path, by: staff, now: Date(), journal: .none) { tx in
                try tx.execute(sql: "UPDATE invoices SET number = 'INV-999999' WHERE id = 2")
            }
        }
        #expect(number.contains("invoices id 2 is INV-000002 in \(pg.location) but INV-999999 in the copy"),
                "\(number)")
        let empty = try Store(path: back.path, journal: .none)
        #expect(try empty.read { try CopyEnds.contents($0) } == [])
    }

    /// The table list is derived from SQLite's migrations; PostgreSQL's schema must have the same tables and
    /// columns, and its foreign keys (account_search's too) must point only at tables written before.
    @Test func theTablesAreBothSchemasAndInForeignKeyOrder() throws {
        let pg = try postgresDesk()
        let columns = try pg.psql("""
            SELECT table_name::text || ' ' || string_agg(column_name::text, ',' ORDER BY ordinal_position)
              FROM information_schema.columns
             WHERE table_schema = 'resellerdesk' AND is_generated = 'NEVER'
               AND table_name NOT IN ('schema_info', 'sign_in_attempts')
             GROUP BY table_name ORDER BY table_name
            """).split(separator: "\n").map(String.init)
        #expect(columns == Store.copyTables.sorted { $0.name < $1.name }.map {
            $0.name + " " + $0.columns(on: .postgresql).joined(separator: ",")
        })
        let position = Dictionary(uniqueKeysWithValues: Store.copyTables.enumerated().map { ($1.name, $0) })
        let keys = try pg.psql("""
            SELECT f.relname || ' ' || t.relname FROM pg_constraint c
              JOIN pg_class f ON f.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
             WHERE c.contype = 'f' AND c.connamespace = 'resellerdesk'::regnamespace
            """).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(!keys.isEmpty)
        for key in keys where key[0] != key[1] {
            #expect(position[key[1]]! < position[key[0]]!, "\(key[0]) is written before \(key[1]), which it names")
        }
        #expect(Store.copyTables.first { $0.isSearch }.map { $0.columns(on: .sqlite).first } == "rowid")
        let identities = try pg.psql("""
            SELECT table_name FROM information_schema.columns
             WHERE table_schema = 'resellerdesk' AND is_identity = 'YES' ORDER BY table_name
            """).split(separator: "\n").map(String.init)
        #expect(identities == Store.copyTables.filter(\.hasIdentity).map(\.name).sorted())
        #expect(Store.copyTables.filter { $0.hasIdentity && !$0.autoincrement }.map(\.name) == ["bank_entries"])
    }

    @Test func orderPutsEachTableAfterWhatItNamesElseKeepsTheSchemasOrder() {
        func table(_ name: String) -> CopyTable {
            CopyTable(name: name, columns: ["id"], key: ["id"], hasIdentity: true, autoincrement: true, isSearch: false)
        }
        let sorted = CopyOrder.sorted(["lines", "notes", "docs", "accounts"].map(table),
                                      references: ["lines": ["docs", "lines"], "docs": ["accounts"]])
        #expect(sorted.map(\.name) == ["notes", "accounts", "docs", "lines"])
    }

    @Test func aLocationIsNamedWithoutItsPassword() {
        #expect(DatabaseLocation.named("postgresql://desk:s3cr:et@db.example:5432/desk?sslmode=verify-full")
                == "postgresql://desk@db.example:5432/desk?sslmode=verify-full")
        #expect(DatabaseLocation.named("postgres://db.example/desk?password=x&sslmode=require&PASSWORD=y")
                == "postgres://db.example/desk?sslmode=require")
        #expect(DatabaseLocation.named("postgresql:///desk?host=/run/postgresql&password=x")
                == "postgresql:///desk?host=/run/postgresql")
        let file = "/var/lib/resellerdesk/desk/desk.sqlite"
        #expect(DatabaseLocation.named(file) == file)
    }

    /// The refusal's `field: message`, or "copied" when there was none.
    func refusal(_ body: () throws -> CopyReport) -> String {
        do {
            _ = try body()
            return "copied"
        } catch {
            return (error as? ServiceError)?.description ?? "\(error)"
        }
    }
}

extension NumberRun {
    static func of(_ values: [String]) -> NumberRun {
        var run = NumberRun()
        for value in values { run.add(value.databaseValue) }
        return run
    }
}

/// The sqlite3 shell with a desk open, as another process: it holds the WAL index's shared lock until it ends.
final class SQLiteHolder {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    var pid: Int32 { process.processIdentifier }

    init(_ path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("SELECT 'open' FROM accounts LIMIT 1;\n".utf8))
        // Its answer means it has read through the WAL index, and holds it.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("open") {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { throw HolderError() }   // it ended: the file is not a desk it could read
            seen.append(more)
        }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

struct HolderError: Error {}
