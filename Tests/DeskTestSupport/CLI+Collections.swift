import Foundation
import ResellerCore
import Testing

/// Collections in the built binary (#25): a reseller with an invoice overdue on the real clock, made through
/// the CLI on a day in the past (Debian's faketime), and a bank entry waiting in the unmatched queue.
extension CLI {
    /// Debian's wrapper of libfaketime: the binary runs on a day in the past, noon UTC.
    public static let faketime = "/usr/bin/faketime"

    /// Runs `args` at noon UTC `daysAgo` days before today.
    @discardableResult
    public func run(_ args: [String], daysAgo: Int) throws -> Result {
        let day = CalendarDay(Date()).adding(days: -daysAgo)
        return try run(args, environment: ["TZ": "UTC"], launcher: [Self.faketime, "\(day) 12:00:00"])
    }

    /// ACC-000001 "Aegean" (unlimited credit, 30 days' payment terms) that ordered a one-time SETUP of 150.00
    /// `30 + daysOverdue` days ago: its order's invoice, INV-000001, is `daysOverdue` days overdue today.
    public func overdueReseller(daysOverdue: Int) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.faketime),
                     "faketime is missing: scripts/ensure-deps faketime installs it")
        let ago = 30 + daysOverdue
        let add = try run(["account", "add", "--name", "Aegean", "--email", "a@aegean.example", "--country", "GR",
                           "--type", "Reseller", "--ordering", "--unlimited-credit", "--payment-terms", "30"],
                          daysAgo: ago)
        #expect(add.code == 0, "\(add.err)")
        let csv = folder + "/setup.csv"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "code,description,billing_period,price\nSETUP,Setup,one-time,150.00\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let list = try run(["pricelist", "import", csv, "--name", "Setup EUR", "--currency", "EUR"], daysAgo: ago)
        #expect(list.code == 0, "\(list.err)")
        #expect(try run(["account", "assign-pricelist", "1", "Setup EUR"], daysAgo: ago).code == 0)
        let order = try run(["order", "place", "ACC-000001", "--line", "SETUP=1"], daysAgo: ago)
        #expect(order.code == 0, "\(order.err)")
    }

    /// A credit of `amount` EUR from `debtor` whose remittance names nothing of this desk, imported as staff
    /// "test" through the service on this desk's file (as `payment import` books a statement): it waits in
    /// the unmatched queue. Returns the entry's id.
    @discardableResult
    public func unmatchedCredit(_ amount: String, from debtor: String, remittance: String,
                                key: String = "BANKREF-1") throws -> Int64 {
        let service = ResellerService(store: try openStore(), settings: .test)
        let minor = try #require(Int64(amount.replacingOccurrences(of: ".", with: "")))
        let item = StatementItem(key: key, file: "test.xml", statementId: "STMT-1", line: 1,
                                 bookingDate: CalendarDay(Date()), amount: Money(minor: minor, currency: "EUR"),
                                 direction: .credit, booked: true, debtorName: debtor, bankReference: key,
                                 structured: [], unstructured: [remittance])
        let report = try service.importStatement([item], files: ["test.xml"], by: .staff("test"))
        guard case .unmatched(let id, _)? = report.items.first?.outcome else {
            Issue.record("the entry was not left unmatched: \(String(describing: report.items.first?.outcome))")
            return 0
        }
        return id
    }
}
