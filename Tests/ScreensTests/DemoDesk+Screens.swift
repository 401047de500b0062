import Foundation
import ResellerCore
import DeskTestSupport
@testable import Screens

/// What the screens read from the demo desk, built as the runtime builds it.
extension DemoDesk {
    /// What the runtime reads to open an account.
    static func content(_ service: ResellerService, _ id: Int64) throws -> AccountDetailContent {
        AccountDetailContent(try service.accountDetail(id), counts: try service.accountCounts(id),
                             orders: try service.orderPage(of: id), statement: try service.statement(of: id))
    }

    /// The Submitted orders rows as the runtime reads them: each order with its account's name and
    /// available credit.
    static func submittedRows(_ service: ResellerService) throws -> [SubmittedOrderRow] {
        try service.submittedOrders().map { o in
            SubmittedOrderRow(order: o, accountName: try service.account(o.accountId).name,
                              available: try service.availableCredit(o.accountId))
        }
    }

    /// ACC-000001 (5,000.00 limit) with an order of 6,000.00 held; the small reseller with 300.00 held.
    static func submittedOrders() throws -> (ResellerService, [SubmittedOrderRow]) {
        let service = try Self.service()
        let aegean = try service.findAccount("ACC-000001")
        let small = try smallReseller(service)
        try order(service, aegean.id, "SETUP-STD", 40)
        try order(service, small.id, "VM-2C4G", 1)     // within 100.00: executed
        try order(service, small.id, "SETUP-STD", 2)
        return (service, try submittedRows(service))
    }

    /// The price-lists content as the runtime reads it.
    static func priceListsContent(_ service: ResellerService) throws -> PriceListsContent {
        let lists = try service.priceLists()
        var items: [Int64: [PriceListItem]] = [:], users: [Int64: [AccountSummary]] = [:]
        for list in lists {
            items[list.id] = try service.priceListItems(list.id)
            users[list.id] = try service.accountsUsing(priceList: list.name)
        }
        return PriceListsContent(lists: lists, items: items, users: users, today: service.today)
    }

    /// The demo, with a second reseller on Cloud Essentials EUR, on the price-lists screen.
    static func priceLists() throws -> (ResellerService, PriceListsScreen) {
        let service = try Self.service()
        _ = try smallReseller(service)
        return (service, PriceListsScreen(try priceListsContent(service)))
    }
}
