import Foundation
import ResellerCore

/// `resellerdesk-bench billing`: a month-end run over N accounts × 5 monthly subscriptions (issue 12).
///
/// One template reseller is made through the service (price list, account with ordering and billing day the
/// 1st, a bill-to contact, an order of 5 monthly lines on 2027-01-10), so its rows are exactly what the
/// service writes. The sqlite3 tool then copies those rows N − 1 times in one transaction (new ids, names,
/// emails; every reference moved along), which takes seconds instead of the hours of N orders. Then the real
/// `ResellerService.billingRun(through: 2027-02-01)` is timed, and run again with nothing left due.
enum BillingBenchmark {
    static let orderDay = "2027-01-10", runDay = "2027-02-01"

    static func run(accounts: Int, dir: String, documents: Bool = false, postgresql: String? = nil,
                    processes: Int = 1, keep: Bool = false) throws {
        let path = dir + "/billing.sqlite"
        print("ResellerDesk billing benchmark on \(postgresql == nil ? "SQLite" : "PostgreSQL"): \(accounts) "
              + "accounts × 5 monthly subscriptions, run through \(runDay)"
              + (processes > 1 ? ", \(processes) processes at once" : ""))
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
              + (postgresql == nil ? "SQLite file in \(dir)" : "PostgreSQL (\(DatabaseLocation.named(postgresql!)))"))
        let setupStart = Date()
        try template(path: path)
        try clone(path: path, accounts: accounts)
        print(String(format: "setup: %.1f s (the template through the service, the copies by sqlite3)",
                     Date().timeIntervalSince(setupStart)))
        let desk = try postgresql.map { server in
            try BenchDesk.moved(from: path, server: server, name: "resellerdesk_bench_billing")
        } ?? .sqlite(path: path)
        defer { if !keep { desk.drop(server: postgresql) } }

        let through = try CalendarDay.parse(runDay, field: "day", label: "day")
        let before = try desk.bytes()
        // Each order issued its own first invoice (with its debit) already: the run's are counted on top.
        let issuedBefore = try issuedRows(desk)
        let floor = postgresql == nil ? try SQLiteFloor.copyBefore(path, to: dir + "/floor.sqlite") : nil
        let start = Date()
        let runs = processes == 1 ? [try runOnce(desk.location)] : try runAtOnce(desk.location, processes)
        let seconds = Date().timeIntervalSince(start)
        let after = try desk.bytes()
        let renewals = try desk.count("SELECT COUNT(*) FROM invoice_lines WHERE kind = 'period'")
        let invoices = runs.reduce(0) { $0 + $1.invoices }, failures = runs.reduce(0) { $0 + $1.failures }
        print(String(format: "billing run: %.1f s, %.0f renewals/s (%d renewals, %d invoices, %d failures; "
                     + "target ≥ 20,000/s)", seconds, Double(renewals) / seconds, renewals, invoices, failures))
        // On a shared machine the wall time says more about the other processes than about the run.
        let cpu = runs.reduce(0) { $0 + $1.cpu }
        print(String(format: "CPU of the run: %.1f s (user + system, the database server's not counted), "
                     + "%.0f renewals per CPU second; load average at the end %.1f", cpu, Double(renewals) / cpu,
                     loadAverage()))
        if let floor {
            let floorSeconds = try floor.write(rowsOf: path, through: runDay)
            print(String(format: "sqlite3, the same rows into the same schema as one script: %.1f s, %.0f renewals/s; "
                         + "the service's run takes %.1f times as long (%.0f %% of the floor's rate)", floorSeconds,
                         Double(renewals) / floorSeconds, seconds / floorSeconds, 100 * floorSeconds / seconds))
        }
        print(String(format: "peak RSS: %.1f MiB", Double(runs.map(\.peakRSSKiB).max() ?? 0) / 1024))
        print(String(format: "database: %.1f MiB before, %.1f MiB after: +%.1f MiB, %.0f bytes per renewal",
                     mib(before), mib(after), mib(after - before), Double(after - before) / Double(max(renewals, 1))))
        let service = try service(desk.location)
        let againStart = Date()
        let again = try service.billingRun(through: through, by: .staff("bench"))
        let againSeconds = Date().timeIntervalSince(againStart)
        print(String(format: "the same run again: %.3f s, %d invoices (target < 2 s)", againSeconds,
                     again.invoices.count))

        let expected = accounts * 5, issuedAfter = try issuedRows(desk)
        let numbers = issuedAfter.numbers - issuedBefore.numbers, debits = issuedAfter.debits - issuedBefore.debits
        let mails = issuedAfter.mails - issuedBefore.mails
        print("check: \(renewals == expected ? "ok" : "WRONG") \(renewals) renewals of \(expected), "
              + "\(numbers) invoice numbers, \(debits) ledger debits, \(mails) invoice emails")
        if case .sqlite = desk { print("integrity: \(try service.store.integrityCheck())") }
        if renewals != expected || numbers != accounts || debits != accounts || mails != accounts
            || failures != 0 || invoices != accounts || again.invoices.count != 0 {
            fail("the run did not issue exactly one invoice per account")
        }
        if documents { try DocumentBenchmark.run(service: service, path: path, day: through, dir: dir) }
    }

    /// What one process's billing run did.
    struct RunResult {
        var invoices: Int, failures: Int, cpu: Double, peakRSSKiB: Int

        var line: String { "run-result \(invoices) \(failures) \(cpu) \(peakRSSKiB)" }

        init(invoices: Int, failures: Int, cpu: Double, peakRSSKiB: Int) {
            (self.invoices, self.failures, self.cpu, self.peakRSSKiB) = (invoices, failures, cpu, peakRSSKiB)
        }

        init?(line: Substring) {
            let f = line.split(separator: " ")
            guard f.count == 5, f[0] == "run-result", let i = Int(f[1]), let n = Int(f[2]), let c = Double(f[3]),
                  let r = Int(f[4]) else { return nil }
            self.init(invoices: i, failures: n, cpu: c, peakRSSKiB: r)
        }
    }

    /// The service on the desk at `location`, its clock on the run's day.
    static func service(_ location: String) throws -> ResellerService {
        let runDate = date(runDay)
        return ResellerService(store: try Store(location: location), settings: settings, clock: { runDate })
    }

    /// The month-end run in this process, as the daily timer's `resellerdesk billing run` makes it.
    static func runOnce(_ location: String) throws -> RunResult {
        let service = try service(location)
        let cpuStart = cpuSeconds()
        var invoices = 0
        let failures = try service.billingRun(through: try CalendarDay.parse(runDay, field: "day", label: "day"),
                                              by: .staff("bench")) { invoices += $0.count }
        return RunResult(invoices: invoices, failures: failures.count, cpu: cpuSeconds() - cpuStart,
                         peakRSSKiB: peakRSSKiB())
    }

    /// `count` processes (this program as `billing-run --db LOCATION`) started together on the same desk, as two
    /// hosts' timers would; each prints its RunResult's line.
    static func runAtOnce(_ location: String, _ count: Int) throws -> [RunResult] {
        let me = Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe")
        let children = try (1...count).map { _ in
            let p = Process(), out = Pipe()
            p.executableURL = me
            p.arguments = ["billing-run", "--db", location]
            p.standardOutput = out
            try p.run()
            return (p, out)
        }
        return children.enumerated().map { n, child in
            let printed = String(decoding: child.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.0.waitUntilExit()
            guard child.0.terminationStatus == 0,
                  let result = printed.split(separator: "\n").last.flatMap(RunResult.init(line:)) else {
                fail("billing process \(n + 1) failed (status \(child.0.terminationStatus)): \(printed)")
            }
            print("  process \(n + 1): \(result.invoices) invoices, \(result.failures) failures, "
                  + String(format: "%.1f s CPU", result.cpu))
            return result
        }
    }

    /// A Greek seller: the Greek resellers' invoices bear 24 % VAT, so the run computes tax as a desk in use does.
    static var settings: ServiceSettings {
        var s = ServiceSettings()
        s.seller = Seller(name: "Bench Distribution S.A.", street: "Odos 1", city: "Athens", postcode: "10431",
                          country: "GR", vatId: "EL094259216")
        return s
    }

    /// The one reseller every other is copied from, made through the service on the order day.
    static func template(path: String) throws {
        let orderDate = date(orderDay)
        let service = ResellerService(store: try Store(path: path), settings: settings, clock: { orderDate })
        let actor = Actor.staff("bench")
        let csv = "code,description,billing_period,price\n"
            + (1...5).map { "SKU-\($0),Cloud service \($0),monthly,\($0 * 7).50" }.joined(separator: "\n")
        _ = try service.importPriceList(csv: csv, name: "Bench EUR", currency: "EUR", by: actor)
        var f = AccountForm()
        f.name = "Bench Reseller"; f.email = "accounts1@bench.example"; f.country = "GR"; f.type = "Reseller"
        f.enableOrdering = true; f.creditLimit = "100000.00"; f.enableReselling = true
        f.prorateBilling = true; f.billingDay = "first"
        let account = try service.createAccount(f, by: actor)
        _ = try service.assignPriceLists(account.id, names: ["Bench EUR"], by: actor)
        var c = ContactForm()
        c.firstName = "Maria"; c.lastName = "Papadopoulou"; c.email = "billing1@bench.example"; c.billTo = true
        _ = try service.addContact(to: account.id, c, by: actor)
        _ = try service.placeOrder(accountId: account.id, customerAccountId: nil,
                                   lines: (1...5).map { OrderRequestLine(productCode: "SKU-\($0)", quantity: $0) },
                                   by: actor)
    }

    /// Copies every row of the template account N − 1 times. Copy k (2…N) gets account id k and, in each
    /// table, the ids `id + (k − 1) × stride` where stride is the table's largest template id, so references
    /// between the copied rows move by the same amount.
    static func clone(path: String, accounts: Int) throws {
        guard accounts > 1 else { return }
        let desk = BenchDesk.sqlite(path: path)
        // The largest template id of each table, read before any copy is written.
        var stride: [String: Int] = [:]
        for table in ["contacts", "orders", "order_lines", "invoices", "subscriptions", "invoice_lines", "ledger",
                      "audit_events"] {
            stride[table] = try desk.count("SELECT COALESCE(MAX(id), 0) FROM \(table)")
        }
        func moved(_ table: String) -> String { "t.id + (k - 1) * \(stride[table]!)" }
        func ref(_ column: String, _ table: String) -> String {
            "CASE WHEN t.\(column) IS NULL THEN NULL ELSE t.\(column) + (k - 1) * \(stride[table]!) END"
        }
        // (table, overrides: column → SQL over the template row `t` and the copy number `k`)
        let tables: [(String, [String: String])] = [
            ("accounts", ["id": "k", "name": "t.name || ' ' || k", "email": "'accounts' || k || '@bench.example'"]),
            ("contacts", ["id": moved("contacts"), "account_id": "k", "email": "'billing' || k || '@bench.example'",
                          "email_key": "'billing' || k || '@bench.example'"]),
            ("account_price_lists", ["account_id": "k"]),
            ("orders", ["id": moved("orders"), "account_id": "k", "customer_account_id": "k"]),
            ("order_lines", ["id": moved("order_lines"), "order_id": ref("order_id", "orders")]),
            ("invoices", ["id": moved("invoices"), "billed_account_id": "k",
                          "for_account_id": "CASE WHEN t.for_account_id IS NULL THEN NULL ELSE k END",
                          "number": "printf('INV-%06d', \(moved("invoices")))"]),
            ("subscriptions", ["id": moved("subscriptions"), "billed_account_id": "k", "for_account_id": "k",
                               "order_id": ref("order_id", "orders")]),
            ("invoice_lines", ["id": moved("invoice_lines"), "invoice_id": ref("invoice_id", "invoices"),
                               "for_account_id": "k", "subscription_id": ref("subscription_id", "subscriptions"),
                               "for_account_name": "t.for_account_name || ' ' || k"]),
            ("ledger", ["id": moved("ledger"), "account_id": "k", "order_id": ref("order_id", "orders"),
                        "invoice_id": ref("invoice_id", "invoices")]),
            ("audit_events", ["id": moved("audit_events"), "entity_id": """
                CASE t.entity WHEN 'account' THEN k
                  WHEN 'contact' THEN \(ref("entity_id", "contacts"))
                  WHEN 'order' THEN \(ref("entity_id", "orders"))
                  WHEN 'subscription' THEN \(ref("entity_id", "subscriptions"))
                  WHEN 'invoice' THEN \(ref("entity_id", "invoices"))
                  ELSE t.entity_id END
                """]),
        ]
        var script = """
            PRAGMA foreign_keys = OFF;
            BEGIN;
            CREATE TEMP TABLE copies (k INTEGER PRIMARY KEY);
            WITH RECURSIVE n(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM n WHERE k < \(accounts))
            INSERT INTO copies SELECT k FROM n;

            """
        for (table, overrides) in tables {
            let columns = try desk.query("SELECT name FROM pragma_table_info('\(table)') ORDER BY cid")
                .split(separator: "\n").map(String.init)
            let values = columns.map { overrides[$0] ?? "t.\($0)" }
            // Audit rows of the price list are the desk's, not the account's: not copied.
            let filter = table == "audit_events" ? " WHERE t.entity <> 'priceList'" : ""
            script += "INSERT INTO \(table) (\(columns.joined(separator: ", ")))\n SELECT "
                + values.joined(separator: ", ") + "\n FROM (SELECT * FROM \(table)) t, copies\(filter)"
                + " ORDER BY k, t.rowid;\n"
        }
        script += """
            INSERT INTO account_search (rowid, name, trading_name, code, email, vat, contacts)
              SELECT k, s.name || ' ' || k, s.trading_name, printf('ACC-%06d', k), 'accounts' || k || '@bench.example',
                     s.vat, s.contacts
              FROM account_search s, copies WHERE s.rowid = 1;
            UPDATE counters SET value = (SELECT COUNT(*) FROM invoices) WHERE name = 'invoice';
            COMMIT;
            PRAGMA wal_checkpoint(TRUNCATE);
            ANALYZE;
            """
        _ = try desk.query(script)
    }

    /// Distinct invoice numbers, ledger debits of invoices and invoice emails in the file.
    static func issuedRows(_ desk: BenchDesk) throws -> (numbers: Int, debits: Int, mails: Int) {
        (try desk.count("SELECT COUNT(DISTINCT number) FROM invoices"),
         try desk.count("SELECT COUNT(*) FROM ledger WHERE invoice_id IS NOT NULL"),
         try desk.count("SELECT COUNT(*) FROM outbox WHERE kind = 'invoice'"))
    }

    static func date(_ day: String) -> Date {
        let d = try! CalendarDay.parse(day, field: "day", label: "day")
        return Date(timeIntervalSince1970: Double(d.dayNumber) * 86_400 + 12 * 3600)
    }

    static func mib(_ bytes: Int64) -> Double { Double(bytes) / 1_048_576 }

    /// User + system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    static func loadAverage() -> Double {
        var load = [0.0, 0.0, 0.0]
        return getloadavg(&load, 3) > 0 ? load[0] : -1
    }

    static func peakRSSKiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }
}
