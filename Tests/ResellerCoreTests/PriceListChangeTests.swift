import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// A price list's life after its import: rename, validity, description, active flag, replaced items.
@Suite struct PriceListChangeTests {
    @Test func updateChangesOnlyWhatIsGivenAndIsAudited() throws {
        let fx = try Fixture()
        _ = try fx.service.importPriceList(csv: Fixture.coreCSV, name: "Core EUR", currency: "EUR",
                                           validFrom: "2026-01-01", validTo: "2026-12-31", description: "2026",
                                           by: staff)
        _ = try fx.priceList("Other EUR")
        let renamed = try fx.service.updatePriceList(named: "core eur", PriceListChange(name: "Core EUR 2026"),
                                                     by: staff)
        #expect(renamed.name == "Core EUR 2026")
        #expect(renamed.validTo == CalendarDay(year: 2026, month: 12, day: 31))
        #expect(renamed.description == "2026")
        let cleared = try fx.service.updatePriceList(named: "Core EUR 2026",
                                                     PriceListChange(validTo: "", description: "", active: false),
                                                     by: staff)
        #expect(cleared.validTo == nil && cleared.description == nil && !cleared.active)
        #expect(cleared.validFrom == CalendarDay(year: 2026, month: 1, day: 1))

        #expect(fields { _ = try fx.service.updatePriceList(named: "Core EUR 2026", PriceListChange(name: "other eur"),
                                                            by: staff) } == ["name"])
        #expect(fields { _ = try fx.service.updatePriceList(named: "Core EUR 2026",
                                                            PriceListChange(validTo: "2025-12-31"), by: staff) }
                    == ["validTo"])
        #expect(fields { _ = try fx.service.updatePriceList(named: "Core EUR 2026",
                                                            PriceListChange(validFrom: "2026-02-30"), by: staff) }
                    == ["validFrom"])
        #expect(fields { _ = try fx.service.updatePriceList(named: "Nope", PriceListChange(), by: staff) } == ["name"])
        let audit = try fx.count("SELECT COUNT(*) FROM audit_events WHERE entity = 'priceList' AND action = 'update'")
        #expect(audit == 2)
        #expect(try fx.count("SELECT COUNT(*) FROM price_lists WHERE name = 'Core EUR 2026' AND active = 0") == 1)
    }

    @Test func replacedItemsPriceLaterOrdersOnly() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        let before = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                               lines: [OrderRequestLine(productCode: "VM-2C4G", quantity: 1)],
                                               by: staff)
        let list = try fx.service.replacePriceListItems(
            named: "Core EUR", csv: "code,description,billing_period,price\nVM-2C4G,VM,monthly,35.50", by: staff)
        #expect(list.itemCount == 1)
        let after = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                              lines: [OrderRequestLine(productCode: "VM-2C4G", quantity: 1)], by: staff)
        #expect(after.total.minor == 3550)
        #expect(try fx.service.order(before.id).total.minor == 3100)
        #expect(try fx.service.order(before.id).lines.first?.unitPrice.minor == 3100)
        #expect(try fx.service.accountsUsing(priceList: "Core EUR").map(\.account.id) == [a.id])
    }

    /// Refused whole when an account using the list would price a product twice; a bad file changes nothing.
    @Test func aReplacementThatOverlapsOrIsInvalidChangesNothing() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.priceList()
        _ = try fx.priceList("Extra EUR", csv: "code,description,billing_period,price\nBACKUP,Backup,monthly,4.00")
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR", "Extra EUR"], by: staff)
        let overlapping = "code,description,billing_period,price\nbackup,Backup,monthly,3.00\nVM-2C4G,VM,monthly,1"
        let errors = fieldErrors {
            _ = try fx.service.replacePriceListItems(named: "Core EUR", csv: overlapping, by: staff)
        }
        #expect(errors.map(\.field) == ["file"])
        #expect(errors.first?.message.contains("\(a.code): Core EUR and Extra EUR both price backup (monthly)")
                    == true, "\(errors)")
        let weekly = "code,description,billing_period,price\nX,X,weekly,1"
        #expect(fields { _ = try fx.service.replacePriceListItems(named: "Core EUR", csv: weekly, by: staff) }
                    == ["billing_period"])
        #expect(try fx.count("SELECT COUNT(*) FROM price_list_items i JOIN price_lists p ON p.id = i.price_list_id "
                             + "WHERE p.name = 'Core EUR'") == 4)
    }
}
