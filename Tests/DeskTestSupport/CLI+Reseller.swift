import Foundation
import Testing

/// The CLI billing tests' reseller, made through the binary as staff would.
extension CLI {
    /// A reseller with unlimited credit, billing day the 1st, and a monthly 30.00 item ordered twice today;
    /// the subscription's next billing date.
    public func reseller() throws -> String {
        let add = try run(["account", "add", "--name", "Aegean", "--email", "a@aegean.example", "--country", "GR",
                           "--type", "Reseller", "--ordering", "--unlimited-credit", "--reselling", "--prorate",
                           "--billing-day", "first"])
        #expect(add.code == 0, "\(add.err)")
        let csv = folder + "/list.csv"
        try "code,description,billing_period,price\nBK,Backup 100 GB,monthly,30.00\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try run(["pricelist", "import", csv, "--name", "Core EUR", "--currency", "EUR"]).code == 0)
        #expect(try run(["account", "assign-pricelist", "1", "Core EUR"]).code == 0)
        #expect(try run(["order", "place", "ACC-000001", "--line", "BK=2"]).code == 0)
        let subs = try #require(try run(["subscription", "list", "--account", "1", "--json"]).json as? [[String: Any]])
        #expect(subs.count == 1)
        #expect(subs.first?["quantity"] as? Int == 2 && subs.first?["status"] as? String == "Active")
        return try #require(subs.first?["nextBillingDate"] as? String)
    }

    /// Gives account 1 a credit limit, at the version it has now.
    public func setCreditLimit(_ limit: String) throws -> CLI.Result {
        let shown = try run(["account", "show", "1", "--json"]).object
        let version = try #require(shown["version"] as? Int
                                   ?? (shown["account"] as? [String: Any])?["version"] as? Int)
        return try run(["account", "update", "1", "--credit-limit", limit, "--expect-version", String(version)])
    }
}
