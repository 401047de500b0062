import Foundation
import ResellerCore

/// Search latency as the terminal's search-as-you-type pays it: 1,000 generated prefix queries, each a page of 50.
enum SearchBenchmark {
    static func run(_ service: ResellerService, _ queries: [String], engine: String) throws {
        for q in queries.prefix(50) { _ = try service.searchAccounts(q) }   // warm the caches
        var timed: [(ms: Double, query: String)] = []
        var hits = 0
        for q in queries {
            let t = DispatchTime.now().uptimeNanoseconds
            let page = try service.searchAccounts(q, limit: 50)
            timed.append((Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6, q))
            hits += page.rows.isEmpty ? 0 : 1
        }
        let sorted = timed.map(\.ms).sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        print(String(format: "search on %@ (page of 50, %d queries, %d with results): p50 %.2f ms, p99 %.2f ms, "
                     + "max %.2f ms (target p99 < 5 ms)", engine, queries.count, hits, percentile(0.50),
                     percentile(0.99), sorted.last ?? 0))
        let slowest = timed.sorted { $0.ms > $1.ms }.prefix(10)
        print("slowest queries: " + slowest.map { String(format: "\"%@\" %.1f ms", $0.query, $0.ms) }
            .joined(separator: ", "))
        // The slowest again, now that their pages are in memory: how much of their time was reading the disk.
        let again = try slowest.map { (_, q) -> String in
            let t = DispatchTime.now().uptimeNanoseconds
            _ = try service.searchAccounts(q, limit: 50)
            return String(format: "\"%@\" %.2f ms", q, Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        print("the same, run again: " + again.joined(separator: ", "))
    }

    static func printSize(_ desk: BenchDesk, accounts: Int) throws {
        let total = try desk.bytes()
        print(String(format: "%@ size: %.1f MiB (%.0f bytes per account with its contacts, search row and audit)",
                     desk.engine, Double(total) / 1_048_576, Double(total) / Double(accounts)))
    }

    /// The SQLite desk moved to `server` (or the database a `--keep` run left there).
    static func postgresDesk(from path: String, server: String, kept: Bool) throws -> BenchDesk {
        let name = "resellerdesk_bench_accounts"
        if kept { return .postgresql(url: try BenchDesk.replacingDatabase(of: server, with: name)) }
        return try BenchDesk.moved(from: path, server: server, name: name)
    }
}
