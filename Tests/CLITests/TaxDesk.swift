import Foundation
import ResellerCore
import Testing
import DeskTestSupport

/// The real binary as DOMAIN.md's worked examples run it (domain.md#the-seller-and-tax): a seller in Greece, the
/// worked examples' price list, every command at noon UTC of a day pinned with Debian's faketime (2027-01-10
/// unless told), so that an order is invoiced on its day and a rate "from a future day" stays in the future.
struct TaxDesk {
    let cli = CLI()
    static let faketime = "/usr/bin/faketime"
    static let seller = TestSeller.environment(TestSeller.greek)

    /// The worked examples' price list, as the service tests import it.
    static let csv = WorkedExampleDesk.csv

    /// `args` as if it were noon UTC of `day`, with the Greek seller unless `environment` says otherwise.
    @discardableResult
    func run(_ args: [String], on day: String = "2027-01-10",
             environment: [String: String] = TaxDesk.seller) throws -> CLI.Result {
        try #require(FileManager.default.isExecutableFile(atPath: Self.faketime),
                     "faketime is missing: scripts/ensure-deps faketime installs it")
        return try cli.run(args, environment: environment.merging(["TZ": "UTC"]) { $1 },
                    launcher: [Self.faketime, "\(day) 12:00:00"])
    }

    /// Imports the worked examples' list as "Tax EUR".
    func importList() throws {
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        let file = cli.folder + "/tax.csv"
        try Self.csv.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try run(["pricelist", "import", file, "--name", "Tax EUR", "--currency", "EUR"])
        #expect(r.code == 0, "\(r.err)")
    }

    /// A reseller in `country` with ordering, no proration (a whole month invoiced on the order day), unlimited
    /// credit unless `credit`, assigned "Tax EUR" (imported first when it is the desk's first account); its code.
    @discardableResult
    func account(_ country: String, vat: String? = nil, exempt: String? = nil, credit: String? = nil,
                 list: Bool = true) throws -> String {
        var args = ["account", "add", "--name", "Reseller in \(country)", "--email", "accounts@reseller.example",
                    "--country", country, "--type", "Reseller", "--ordering"]
        args += credit.map { ["--credit-limit", $0] } ?? ["--unlimited-credit"]
        args += vat.map { ["--vat", $0] } ?? []
        args += exempt.map { ["--tax-exempt", "--tax-exemption-reason", $0] } ?? []
        let added = try run(args + ["--json"])
        #expect(added.code == 0, "\(added.err)")
        let code = try #require(added.object["code"] as? String)
        if list {
            if code == "ACC-000001" { try importList() }
            let assigned = try run(["account", "assign-pricelist", code, "Tax EUR"])
            #expect(assigned.code == 0, "\(assigned.err)")
        }
        return code
    }

    /// `order place CODE --line …=… --json`, which must succeed; its JSON.
    func order(_ code: String, _ lines: [String], on day: String = "2027-01-10") throws -> [String: Any] {
        let placed = try run(["order", "place", code] + lines.flatMap { ["--line", $0] } + ["--json"], on: day)
        #expect(placed.code == 0, "\(placed.err)")
        return placed.object
    }

    /// An invoice or credit note's JSON, read back.
    func show(_ number: String, on day: String = "2027-01-10") throws -> [String: Any] {
        let kind = number.hasPrefix("CRN") ? "credit-note" : "invoice"
        let shown = try run([kind, "show", number, "--json"], on: day)
        #expect(shown.code == 0, "\(shown.err)")
        return shown.object
    }

    /// The tax breakdown as one string per row: "S 24 on 100.00 = 24.00", with the reason when there is one.
    static func taxes(_ document: [String: Any]) -> [String] {
        (document["taxes"] as? [[String: Any]] ?? []).map { t in
            "\(t["category"] as? String ?? "?") \(t["rate"] as? String ?? "?") on "
                + "\(t["taxableAmount"] as? String ?? "?") = \(t["taxAmount"] as? String ?? "?")"
                + ((t["reason"] as? String).map { " (\($0))" } ?? "")
        }
    }

    /// Each line's category and rate: "S 24".
    static func lineTaxes(_ document: [String: Any]) -> [String] {
        (document["lines"] as? [[String: Any]] ?? []).map { l in
            "\(l["taxCategory"] as? String ?? "null") \(l["taxRate"] as? String ?? "null")"
        }
    }

    /// "net / tax / total" of an invoice, a credit note or an order.
    static func amounts(_ v: [String: Any]) -> String {
        ["net", "tax", "total"].map { v[$0] as? String ?? "null" }.joined(separator: " / ")
    }

    /// The desk's database, for what no command shows (the audit of rates).
    func sql(_ query: String) throws -> String { try shell("sqlite3", cli.db, query) }
}
