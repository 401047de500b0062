import Foundation
import ResellerCore

/// `storage copy`'s answer: each table and its rows, what was checked, and where the copy is.
extension StorageCommand {
    static func show(_ report: CopyReport) {
        let rate = report.seconds > 0 ? Int(Double(report.rows) / report.seconds) : report.rows
        print("Copied \(report.source) to \(report.target): \(report.rows) rows in "
              + String(format: "%.1f s (%d rows/s).", report.seconds, rate))
        let width = report.tables.map(\.table.count).max() ?? 0
        for (table, rows) in report.tables {
            print("  " + table.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(rows)")
        }
        print("Checked before committing: every table's row count; the ledger balance of each of the "
              + "\(report.accounts) accounts; \(numbers(report.invoices, "invoice")); "
              + "\(numbers(report.creditNotes, "credit-note")); the counters "
              + report.counters.map { "\($0.name) \($0.value)" }.joined(separator: ", ") + ".")
        print("The copy is \(report.target) (the source is unchanged); point storage.url, storage.path or --db at it.")
    }

    static func showJSON(_ report: CopyReport) {
        func run(_ numbers: NumberRun) -> [String: Any] {
            ["count": numbers.count, "first": numbers.first ?? NSNull(), "last": numbers.last ?? NSNull()]
        }
        JSON.print([
            "from": report.source, "to": report.target, "rows": report.rows, "seconds": report.seconds,
            "tables": report.tables.map { ["table": $0.table, "rows": $0.rows] },
            "checked": [
                "accounts": report.accounts, "invoices": run(report.invoices), "creditNotes": run(report.creditNotes),
                "counters": Dictionary(uniqueKeysWithValues: report.counters.map { ($0.name, $0.value) }),
            ] as [String: Any],
        ])
    }

    private static func numbers(_ run: NumberRun, _ kind: String) -> String {
        guard let first = run.first, let last = run.last else { return "no \(kind) numbers" }
        return "\(run.count) \(kind) numbers, \(first) to \(last), in order"
    }
}
