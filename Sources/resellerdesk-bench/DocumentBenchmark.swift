import Foundation
import ResellerCore

/// `resellerdesk-bench billing --documents`: after the month-end run, every invoice it issued exported as its
/// PDF and its e-invoice (issue #24), each kind timed on its own: the first export renders and keeps every file
/// (the cost a month's export or first deliveries pay), the second serves the kept bytes. The run itself renders
/// nothing: the documents table is empty before the export.
enum DocumentBenchmark {
    static func run(service: ResellerService, path: String, day: CalendarDay, dir: String) throws {
        let desk = BenchDesk.sqlite(path: path)
        let kept = try service.documentNumbers(from: day, to: day).invoices
        let stored = try desk.count("SELECT COUNT(*) FROM documents")
        print("documents kept after the billing run: \(stored) (target 0: the run renders nothing)")
        for format in [DocumentFormat.ubl, .pdf] {
            let folder = dir + "/export-" + format.rawValue
            for pass in ["first export (render and keep)", "again (the kept bytes)"] {
                let start = Date(), cpuStart = BillingBenchmark.cpuSeconds()
                let files = try service.exportDocuments(kept, formats: [format], folder: folder, by: .staff("bench"))
                let seconds = Date().timeIntervalSince(start), cpu = BillingBenchmark.cpuSeconds() - cpuStart
                let bytes = files.reduce(0) { $0 + $1.size }
                print(String(format: "%@ %@: %d files in %.1f s, %.0f documents/s (%.0f per CPU second); "
                             + "%.1f KiB each on average, %.1f MiB in all", format.label, pass, files.count, seconds,
                             Double(files.count) / seconds, Double(files.count) / cpu,
                             Double(bytes) / Double(max(files.count, 1)) / 1024, Double(bytes) / 1_048_576))
            }
        }
        print("documents kept after the export: \(try desk.count("SELECT COUNT(*) FROM documents"))")
        if stored != 0 { fail("the billing run rendered documents") }
    }
}
