import Foundation
import ResellerCore
import DeskTestSupport
@testable import Screens

/// A desk in collections on 2027-03-15 (default policy: steps 3, 10 and 20 days, suspension after 30), built
/// through the service as the runtime reads it:
/// - Νέφος (300.00, due 2027-03-03): its reminder sent on 03-10, then paused until 03-31, never suspended;
/// - Aegean (150.00, due 2027-02-09): its final notice sent on 03-10, suspended by the run on 03-15;
/// - Boreal (150.00, due 2027-03-13): two days overdue, nothing sent yet.
/// And three bank entries waiting: a credit naming nothing of the desk, a debit, and a credit in USD
/// naming Aegean's code.
struct CollectionsDesk {
    let fx: Fixture
    let aegean: Account, nefos: Account, boreal: Account

    static let today = CalendarDay.parsed("2027-03-15")

    init() throws {
        let fx = try Fixture()
        _ = try fx.priceList()
        aegean = try Self.reseller(fx, "Aegean Cloud Partners", "accounts@aegean.example")
        nefos = try Self.reseller(fx, "Νέφος Λιανικής Μονοπρόσωπη Ι.Κ.Ε. Cloud Retail",
                                  "office@nefos.example")
        boreal = try Self.reseller(fx, "Boreal Networks", "billing@boreal.example")
        try Self.setup(fx, aegean, 1, on: "2027-01-10")
        try Self.setup(fx, nefos, 2, on: "2027-02-01")
        try Self.setup(fx, boreal, 1, on: "2027-02-11")
        fx.clock.set("2027-03-10")
        _ = try fx.service.collectionsRun()
        var hold = CollectionsHoldForm()
        hold.suspension = CollectionsHoldForm.never
        hold.pausedUntil = "2027-03-31"
        hold.reason = "Promised to pay on the 30th"
        try fx.service.setCollectionsHold(accountId: nefos.id, hold, by: staff)
        fx.clock.set("2027-03-15")
        _ = try fx.service.collectionsRun()
        self.fx = fx
    }

    private static func reseller(_ fx: Fixture, _ name: String, _ email: String) throws -> Account {
        let a = try fx.reseller(name, email: email, unlimited: true)
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        return a
    }

    /// `quantity` SETUP (150.00 each, one-time) ordered on `day`: invoiced that day, due 30 days later.
    private static func setup(_ fx: Fixture, _ a: Account, _ quantity: Int, on day: String) throws {
        fx.clock.set(day)
        _ = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                      lines: [OrderRequestLine(productCode: "SETUP", quantity: quantity)], by: staff)
    }

    var service: ResellerService { fx.service }

    func rows() throws -> [CollectionsRow] { try service.collectionsOverview() }

    func screen() throws -> CollectionsScreen {
        CollectionsScreen(try rows(), policy: service.settings.dunning, today: service.today)
    }

    /// The three waiting entries, imported as a statement would book them.
    func importEntries() throws -> [BankEntryRecord] {
        func item(_ key: String, _ minor: Int64, _ direction: StatementItem.Direction, _ debtor: String?,
                  _ text: [String], currency: String = "EUR") -> StatementItem {
            StatementItem(key: key, file: "camt053-2027-03-15.xml", statementId: "STMT-0315", line: 1,
                          bookingDate: Self.today, amount: Money(minor: minor, currency: currency),
                          direction: direction, booked: true, debtorName: debtor, bankReference: key,
                          structured: [], unstructured: text)
        }
        _ = try service.importStatement([
            item("REF-1", 12_000, .credit, "Ioannis Georgiou Consulting", ["Payment for March services, thank you"]),
            item("REF-2", 15_000, .debit, "Aegean Cloud Partners", ["Returned transfer"]),
            item("REF-3", 9_900, .credit, "Aegean US Inc.", ["\(aegean.code) March"], currency: "USD"),
        ], files: ["camt053-2027-03-15.xml"], by: staff)
        return try service.unmatchedEntries()
    }
}
