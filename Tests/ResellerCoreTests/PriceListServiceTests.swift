import Testing
import DeskTestSupport
@testable import ResellerCore

@Suite struct PriceListServiceTests {
    @Test func importsAndLists() throws {
        let fx = try Fixture()
        let list = try fx.priceList()
        #expect(list.itemCount == 4)
        #expect(list.currency == "EUR")
        #expect(try fx.service.priceListItems(list.id).first { $0.productCode == "VM-2C4G" }?.unitPrice.minor == 3100)
        #expect(fields { _ = try fx.priceList("core eur") } == ["name"])   // names are unique, case-insensitive
        #expect(try fx.count("SELECT COUNT(*) FROM price_lists") == 1)
    }

    @Test func validatesNameCurrencyAndDates() {
        let fx = try! Fixture()
        #expect(fields { _ = try fx.service.importPriceList(csv: Fixture.coreCSV, name: "", currency: "XXX", validFrom: "2026-13-01",
                                                            validTo: "tomorrow", by: staff) } == ["name", "currency", "validFrom", "validTo"])
        #expect(fields { _ = try fx.service.importPriceList(csv: Fixture.coreCSV, name: "X", currency: "EUR", validFrom: "2026-05-01",
                                                            validTo: "2026-04-01", by: staff) } == ["validTo"])
    }

    @Test func assignmentRules() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.priceList()
        _ = try fx.priceList("Core USD", currency: "USD")
        _ = try fx.priceList("Overlapping EUR", csv: "code,description,billing_period,price\nVM-2C4G,VM,monthly,30\n")
        _ = try fx.priceList("Same code other period", csv: "code,description,billing_period,price\nVM-2C4G,VM,annual,300\n")
        _ = try fx.priceList("Old EUR", csv: "code,description,billing_period,price\nOLD,Old,monthly,1\n", validTo: "2025-06-30", active: false)

        let currency = fieldErrors { _ = try fx.service.assignPriceLists(a.id, names: ["Core USD"], by: staff) }
        #expect(currency.first?.message.contains("USD") == true)

        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        let overlap = fieldErrors { _ = try fx.service.assignPriceLists(a.id, names: ["Overlapping EUR"], by: staff) }
        #expect(overlap.first?.message.contains("VM-2C4G") == true)
        // Two new lists that overlap each other are refused too, and neither is assigned.
        _ = fieldErrors { _ = try fx.service.assignPriceLists(a.id, names: ["Old EUR", "Overlapping EUR"], by: staff) }
        #expect(try fx.service.accountDetail(a.id).priceLists.map(\.name) == ["Core EUR"])

        let ok = try fx.service.assignPriceLists(a.id, names: ["Same code other period", "Old EUR"], by: staff)
        #expect(ok.assigned.sorted() == ["Old EUR", "Same code other period"])
        #expect(ok.warnings.contains("Old EUR is inactive"))
        #expect(ok.warnings.contains { $0.contains("expired") })
        #expect(try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff).assigned.isEmpty)   // already there

        try fx.service.unassignPriceLists(a.id, names: ["Old EUR"], by: staff)
        #expect(try fx.service.accountDetail(a.id).priceLists.count == 2)
        #expect(fields { try fx.service.unassignPriceLists(a.id, names: ["Old EUR"], by: staff) } == ["priceLists"])
        #expect(fields { _ = try fx.service.assignPriceLists(a.id, names: ["Nope"], by: staff) } == ["priceLists"])
    }
}
