import Foundation
import ResellerCore

/// The demo desk (`seedDemo`: the reseller Aegean Cloud Partners, ACC-000001, its contacts and the demo
/// catalogue) on a temporary file, with the clock stopped at a fixed noon.
public enum DemoDesk {
    public static let noon = Date(timeIntervalSince1970: 1_795_953_600)   // 2026-11-29 12:00 UTC

    /// The seeded service on a file of its own; its time is `clock`'s when the test moves it, else `noon`.
    public static func service(clock: TestClock? = nil) throws -> ResellerService {
        let service = ResellerService(store: try Store(path: folder + "/" + UUID().uuidString + "/rd.sqlite"),
                                      settings: .test, clock: { clock?.now ?? noon })
        _ = try service.seedDemo(by: .staff("alice"))
        return service
    }

    /// The folder of this process's demo desks, removed at exit: a test's service may outlive the test's scope
    /// (a suite's shared desk), so no test removes its own.
    private static let folder: String = {
        atexit { try? FileManager.default.removeItem(atPath: DemoDesk.folder) }
        return NSTemporaryDirectory() + "resellerdesk-demo-\(getpid())"
    }()

    /// Staff order `quantity` of `code` for account `id` itself.
    public static func order(_ service: ResellerService, _ id: Int64, _ code: String, _ quantity: Int) throws {
        let line = OrderRequestLine(productCode: code, quantity: quantity)
        _ = try service.placeOrder(accountId: id, customerAccountId: nil, lines: [line], by: .staff("alice"))
    }

    /// A second reseller with a small credit limit, on the demo's EUR list.
    public static func smallReseller(_ service: ResellerService, limit: String = "100.00") throws -> Account {
        var form = AccountForm()
        form.name = "Νέφος Λιανικής Μονοπρόσωπη Ι.Κ.Ε. Cloud Retail"
        form.type = AccountType.reseller.rawValue
        form.email = "office@nefos.example"
        form.country = "GR"
        form.currency = "EUR"
        form.enableOrdering = true
        form.creditLimit = limit
        form.enableReselling = true
        let account = try service.createAccount(form, by: .staff("alice"))
        _ = try service.assignPriceLists(account.id, names: ["Cloud Essentials EUR"], by: .staff("alice"))
        return account
    }
}
