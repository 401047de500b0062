import Foundation
import Testing
import DeskTestSupport

/// The real binary driven through months with Debian's libfaketime (issue #12's first worked example): the
/// order's invoice on the order day, the renewal on the billing day with no `--through`, Overdue after the
/// payment terms. Each command runs at its own fake date; the database is the one real file.
@Suite struct BillingThroughMonthsTests {
    let cli = CLI()
    /// Debian's wrapper (it sets up libfaketime as the library expects; a bare LD_PRELOAD left Swift's
    /// CommandLine.arguments empty here).
    static let faketime = "/usr/bin/faketime"

    /// `args` run as if it were noon UTC of `day`.
    @discardableResult
    func on(_ day: String, _ args: [String]) throws -> CLI.Result {
        try cli.run(args, environment: ["TZ": "UTC"], launcher: [Self.faketime, "\(day) 12:00:00"])
    }

    @Test func anOrderIsInvoicedOnItsDayAndRenewsOnTheBillingDay() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.faketime),
                     "faketime is missing: scripts/ensure-deps faketime installs it")
        let add = try on("2027-01-10", ["account", "add", "--name", "Aegean", "--email", "a@aegean.example",
                                        "--country", "GR", "--type", "Reseller", "--ordering", "--unlimited-credit",
                                        "--prorate", "--billing-day", "first"])
        #expect(add.code == 0, "\(add.err)")
        let csv = cli.folder + "/list.csv"
        try "code,description,billing_period,price\nBK,Backup 100 GB,monthly,30.00\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try on("2027-01-10", ["pricelist", "import", csv, "--name", "Core EUR", "--currency", "EUR"]).code == 0)
        #expect(try on("2027-01-10", ["account", "assign-pricelist", "1", "Core EUR"]).code == 0)
        let order = try on("2027-01-10", ["order", "place", "1", "--line", "BK=2"])
        #expect(order.code == 0, "\(order.err)")

        func invoices(_ day: String, _ extra: [String] = []) throws -> [[String: Any]] {
            try #require(try on(day, ["invoice", "list", "--json"] + extra).json as? [[String: Any]])
        }
        let first = try invoices("2027-01-10")
        #expect(first.map { $0["number"] as? String } == ["INV-000001"])
        #expect(first.first?["total"] as? String == "42.58" && first.first?["date"] as? String == "2027-01-10")
        #expect(first.first?["dueDate"] as? String == "2027-02-09")

        // The last day of January: nothing due. The 1st of February, no --through: February, once.
        #expect(try on("2027-01-31", ["billing", "run"]).out.contains("Nothing due through 2027-01-31."))
        let run = try on("2027-02-01", ["billing", "run", "--json"])
        #expect(run.code == 0, "\(run.err)")
        let issued = try #require(run.object["invoices"] as? [[String: Any]])
        #expect(issued.map { $0["number"] as? String } == ["INV-000002"])
        #expect(issued.first?["total"] as? String == "60.00" && issued.first?["date"] as? String == "2027-02-01")
        #expect(try on("2027-02-01", ["billing", "run"]).out.contains("Nothing due through 2027-02-01."))

        // 5 March: January's invoice (due 9 February) and February's (due 3 March) are Overdue, unpaid.
        #expect(try invoices("2027-03-05", ["--status", "overdue"]).map { $0["number"] as? String }
                == ["INV-000001", "INV-000002"])
        let account = try on("2027-03-05", ["account", "show", "1", "--json"]).object
        #expect(account["overdue"] as? String == "102.58")
        #expect((account["nextInvoice"] as? [String: Any])?["date"] as? String == "2027-03-01")
        // A payment settles the oldest first: January's in full, 17.42 of February's.
        #expect(try on("2027-03-05", ["payment", "add", "1", "60.00"]).code == 0)
        #expect(try invoices("2027-03-05", ["--status", "paid"]).map { $0["number"] as? String } == ["INV-000001"])
        #expect(try on("2027-03-05", ["account", "show", "1", "--json"]).object["overdue"] as? String == "42.58")
    }
}
