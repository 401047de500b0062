import Foundation
import Testing
import DeskTestSupport

/// The Submitted orders and Price lists screens in the built binary: what is done there is in the database.
extension TerminalE2ETests {
    /// A reseller with a 100.00 credit limit on the demo's EUR list, and an order of 300.00: held.
    func heldOrder() throws -> String {
        #expect(try cli.run(["demo"]).code == 0)
        let name = "Νέφος Λιανικής"
        #expect(try cli.run(["account", "add", "--name", name, "--email", "office@nefos.example", "--country", "GR",
                             "--currency", "EUR", "--type", "Reseller", "--ordering", "--credit-limit", "100.00",
                             "--reselling"]).code == 0)
        #expect(try cli.run(["account", "assign-pricelist", "ACC-000002", "Cloud Essentials EUR"]).code == 0)
        let placed = try cli.run(["order", "place", "ACC-000002", "--line", "SETUP-STD=2", "--json"]).object
        #expect(placed["status"] as? String == "Submitted")
        return try #require(placed["number"] as? String)
    }

    @Test func executeAHeldOrderFromTheSubmittedOrdersScreen() throws {
        let number = try heldOrder()
        let session = TmuxSession()
        defer { session.kill() }
        try startDesk(session)
        try session.waitFor("ACC-000002")
        try session.keys("F6")
        try session.waitFor("1 of 1 waiting")
        try session.waitFor(number)
        // The service refuses for the credit; the screen asks, naming the amounts, and y executes.
        try session.keys("x")
        try session.waitFor("Execute it 200.00 EUR above the credit? y/n")
        try session.keys("y")
        try session.waitFor("\(number) executed: 300.00 EUR debited.")
        try session.waitFor("none waiting")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")

        let orders = try #require(try cli.run(["order", "list", "--account", "ACC-000002", "--json"]).json
                                  as? [[String: Any]])
        #expect(orders.map { $0["status"] as? String } == ["Executed"])
        #expect(try cli.run(["account", "show", "ACC-000002", "--json"]).object["balance"] as? String == "300.00")
        #expect((try cli.run(["order", "list", "--json"]).json as? [Any])?.isEmpty == true)
    }

    @Test func deactivateAndReplaceAListFromThePriceListsScreen() throws {
        _ = try heldOrder()
        let csv = cli.folder + "/essentials.csv"
        try "code,description,billing_period,price\nVM-2C4G,Cloud VM,monthly,30.00\nSETUP-STD,Setup,one-time,99.00\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let session = TmuxSession()
        defer { session.kill() }
        try startDesk(session)
        try session.waitFor("ACC-000001")
        try session.keys("F7")
        try session.waitFor("Used by ACC-000001 Aegean Cloud Partners, ACC-000002")
        try session.keys("a")
        try session.waitFor("Deactivate Cloud Essentials EUR? 2 accounts use it")
        try session.keys("y")
        try session.waitFor("Cloud Essentials EUR is inactive now; 2 accounts can no longer order from it.")
        try session.keys("i")
        try session.waitFor("CSV file:")
        try session.keys("-l", csv)
        try session.keys("Enter")
        try session.waitFor("Cloud Essentials EUR now has 2 items (was 15)")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")

        let lists = try #require(try cli.run(["pricelist", "list", "--json"]).json as? [[String: Any]])
        let essentials = try #require(lists.first { $0["name"] as? String == "Cloud Essentials EUR" })
        #expect(essentials["active"] as? Bool == false && essentials["itemCount"] as? Int == 2)
    }
}
