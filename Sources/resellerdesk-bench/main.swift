import Foundation
import ResellerCore

// The service-layer benchmark of issue 2. Builds a database of N accounts (default 1,000,000) with two
// contacts each through ResellerService.importAccounts, then measures the same rows inserted by the
// sqlite3 command-line tool into the same schema, search latency over 1,000 prefix queries, and file size.
//
//   swift build -c release --product resellerdesk-bench
//   .build/release/resellerdesk-bench [--accounts N] [--batch N] [--dir DIR] [--keep]
//   .build/release/resellerdesk-bench --postgresql URL     (the same in a new database on that PostgreSQL server)
//   .build/release/resellerdesk-bench mail [--messages N]      (mail delivery to the local test SMTP server)
//   .build/release/resellerdesk-bench billing [--accounts N]   (a month-end billing run, N default 100,000)
//   .build/release/resellerdesk-bench billing --processes 2 [--postgresql URL]   (two runs at once, as two hosts)
//   .build/release/resellerdesk-bench billing --documents      (then every invoice's PDF and e-invoice exported)
//   .build/release/resellerdesk-bench collections [--accounts N] [--overdue M] [--import E]
//                                    (the collections run over N accounts, M overdue; a statement of E entries)

let options = BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
if let location = options.billingRunOn {
    print(try BillingBenchmark.runOnce(location).line)
    exit(0)
}
let dir = options.dir ?? (NSTemporaryDirectory() + "resellerdesk-bench-" + String(getpid()))
if !options.searchOnly { try? FileManager.default.removeItem(atPath: dir) }
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
defer { if !options.keep { try? FileManager.default.removeItem(atPath: dir) } }
if options.mail {
    try MailBenchmark.run(messages: options.messages, dir: dir)
    exit(0)
}
if options.collections {
    let accounts = options.accountsGiven ? options.accounts : 100_000
    try CollectionsBenchmark.run(accounts: accounts, overdue: min(options.overdue, accounts), dir: dir,
                                 importEntries: options.importEntries)
    if !options.keep { try? FileManager.default.removeItem(atPath: dir) }
    exit(0)
}
if options.billing {
    try BillingBenchmark.run(accounts: options.accountsGiven ? options.accounts : 100_000, dir: dir,
                             documents: options.documents, postgresql: options.postgresql,
                             processes: options.processes, keep: options.keep)
    if !options.keep { try? FileManager.default.removeItem(atPath: dir) }
    exit(0)
}
let servicePath = dir + "/service.sqlite"
let rawPath = dir + "/raw.sqlite"

print("ResellerDesk service benchmark: \(options.accounts) accounts × 2 contacts, batches of \(options.batch)")
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, SQLite file in \(dir)"
      + (options.postgresql.map { ", then PostgreSQL (\(DatabaseLocation.named($0)))" } ?? ""))

// Steps 1 to 3 hold the service's desk open; it is closed after them, so that step 4 may delete it.
let serviceRate: Double? = try {
    // 1. Ingest through the service layer (skipped with --search-only, which measures a kept database again).
    let service = ResellerService(store: try Store(path: servicePath))
    let generator = AccountGenerator(seed: 42)
    let actor = Actor.staff("bench")
    var done = options.searchOnly ? options.accounts : 0
    let ingestStart = Date()
    while done < options.accounts {
        let n = min(options.batch, options.accounts - done)
        let batch = (done..<(done + n)).map { generator.account($0) }
        _ = try service.importAccounts(batch, by: actor)
        done += n
        if done % 100_000 == 0 { print("  \(done) accounts…") }
    }
    var serviceRate: Double?
    if !options.searchOnly {
        let ingestSeconds = Date().timeIntervalSince(ingestStart)
        serviceRate = Double(options.accounts) / ingestSeconds
        print(String(format: "service ingest:  %.1f s, %.0f accounts/s (each with 2 contacts, search row and 3 audit "
                     + "events)", ingestSeconds, serviceRate!))
        let optimizeStart = Date()
        try service.store.optimize()
        let optimizeSeconds = Date().timeIntervalSince(optimizeStart)
        print(String(format: "index optimize after the bulk load: %.1f s (with it: %.0f accounts/s)", optimizeSeconds,
                     Double(options.accounts) / (ingestSeconds + optimizeSeconds)))
    }

    // 2. Search latency, before the sqlite3 comparison writes another 2 GB that the kernel would still be flushing.
    let queries = generator.queries(count: 1000, accounts: options.accounts)
    try SearchBenchmark.run(service, queries, engine: "SQLite")
    let sqliteDesk = BenchDesk.sqlite(path: servicePath)
    try SearchBenchmark.printSize(sqliteDesk, accounts: options.accounts)

    // 3. The same desk moved to PostgreSQL by `storage copy`'s code, and searched there with the same queries.
    if let server = options.postgresql {
        let desk = try SearchBenchmark.postgresDesk(from: servicePath, server: server, kept: options.searchOnly)
        defer { if !options.keep { desk.drop(server: server) } }
        let postgres = ResellerService(store: try Store(location: desk.location))
        try SearchBenchmark.run(postgres, queries, engine: "PostgreSQL")
        try SearchBenchmark.printSize(desk, accounts: options.accounts)
    }
    print("integrity: \(try service.store.integrityCheck())")
    return serviceRate
}()

// 4. The same rows, inserted by the sqlite3 tool into the same schema: the floor of the SQLite desk.
if let serviceRate {
    let raw = try RawSQLite.compare(from: servicePath, to: rawPath, accounts: options.accounts,
                                    deletingSource: !options.keep)
    print(String(format: "sqlite3 script:  %.1f s, %.0f accounts/s (INSERT statements for the same rows, one "
                 + "transaction)", raw.scriptSeconds, raw.scriptRate))
    print(String(format: "service / sqlite3 script = %.0f %% (target ≥ 30 %%)", 100 * serviceRate / raw.scriptRate))
}

