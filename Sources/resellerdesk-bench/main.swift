import Foundation
import ResellerCore

// The service-layer benchmark of issue 2. Builds a database of N accounts (default 1,000,000) with two
// contacts each through ResellerService.importAccounts, then measures the same rows inserted by the
// sqlite3 command-line tool into the same schema, search latency over 1,000 prefix queries, and file size.
//
//   swift build -c release --product resellerdesk-bench
//   .build/release/resellerdesk-bench [--accounts N] [--batch N] [--dir DIR] [--keep]
//   .build/release/resellerdesk-bench mail [--messages N]      (mail delivery to the local test SMTP server)
//   .build/release/resellerdesk-bench billing [--accounts N]   (a month-end billing run, N default 100,000)
//   .build/release/resellerdesk-bench billing --documents      (then every invoice's PDF and e-invoice exported)
//   .build/release/resellerdesk-bench collections [--accounts N] [--overdue M] [--import E]
//                                    (the collections run over N accounts, M overdue; a statement of E entries)

let options = BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
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
                             documents: options.documents)
    if !options.keep { try? FileManager.default.removeItem(atPath: dir) }
    exit(0)
}
let servicePath = dir + "/service.sqlite"
let rawPath = dir + "/raw.sqlite"

print("ResellerDesk service benchmark: \(options.accounts) accounts × 2 contacts, batches of \(options.batch)")
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, SQLite file in \(dir)")

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
    print(String(format: "service ingest:  %.1f s, %.0f accounts/s (each with 2 contacts, search row and 3 audit events)", ingestSeconds, serviceRate!))
    let optimizeStart = Date()
    try service.store.optimize()
    let optimizeSeconds = Date().timeIntervalSince(optimizeStart)
    print(String(format: "index optimize after the bulk load: %.1f s (with it: %.0f accounts/s)", optimizeSeconds,
                 Double(options.accounts) / (ingestSeconds + optimizeSeconds)))
}

// 3. Search latency, before the sqlite3 comparison writes another 2 GB that the kernel would still be flushing.
let queries = generator.queries(count: 1000, accounts: options.accounts)
var latencies: [Double] = []
var timed: [(Double, String)] = []
var hits = 0
for q in queries.prefix(50) { _ = try service.searchAccounts(q) }   // warm the page cache
for q in queries {
    let t = DispatchTime.now().uptimeNanoseconds
    let page = try service.searchAccounts(q, limit: 50)
    latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
    timed.append((latencies.last!, q))
    hits += page.rows.isEmpty ? 0 : 1
}
latencies.sort()
let sorted = latencies
func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
print(String(format: "search (page of 50, %d queries, %d with results): p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 5 ms)",
             queries.count, hits, percentile(0.50), percentile(0.99), sorted.last ?? 0))

print("slowest queries: " + timed.sorted { $0.0 > $1.0 }.prefix(10).map { String(format: "\"%@\" %.1f ms", $0.1, $0.0) }.joined(separator: ", "))
// The slowest again, now that their pages are in memory: shows how much of their time was reading the file.
let again = try timed.sorted { $0.0 > $1.0 }.prefix(10).map { (_, q) -> String in
    let t = DispatchTime.now().uptimeNanoseconds
    _ = try service.searchAccounts(q, limit: 50)
    return String(format: "\"%@\" %.2f ms", q, Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
}
print("the same, run again: " + again.joined(separator: ", "))

// 4. File size.
func size(_ path: String) -> Int64 { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0 }
let total = size(servicePath) + size(servicePath + "-wal")
print(String(format: "file size: %.1f MiB (%.0f bytes per account with its contacts, search row and audit)",
             Double(total) / 1_048_576, Double(total) / Double(options.accounts)))
// 5. The same rows, inserted by the sqlite3 tool into the same schema.
if let serviceRate {
    let raw = try RawSQLite.compare(from: servicePath, to: rawPath, accounts: options.accounts)
    print(String(format: "sqlite3 script:  %.1f s, %.0f accounts/s (INSERT statements for the same rows, one transaction)", raw.scriptSeconds, raw.scriptRate))
    print(String(format: "service / sqlite3 script = %.0f %% (target ≥ 30 %%)", 100 * serviceRate / raw.scriptRate))
}

print("integrity: \(try service.store.integrityCheck())")
