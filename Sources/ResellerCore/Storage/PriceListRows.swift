import Foundation
import GRDB

extension StoreTx {
    func insertPriceList(name: String, currency: String, validFrom: CalendarDay?, validTo: CalendarDay?, active: Bool,
                         description: String?, items: [PriceListItem], at now: Date) throws -> Int64 {
        let id = try insert(sql: """
            INSERT INTO price_lists (name, name_key, currency, valid_from, valid_to, active, description, created_at)
            VALUES (?,?,?,?,?,?,?,?)
            """, arguments: [name, name.lowercased(), currency, validFrom?.description, validTo?.description, active,
                             description, now])
        try insertItems(items, into: id)
        return id
    }

    private func insertItems(_ items: [PriceListItem], into id: Int64) throws {
        for item in items {
            try execute(sql: """
                INSERT INTO price_list_items (price_list_id, product_code, description, billing_period, price_minor,
                  tax_class) VALUES (?,?,?,?,?,?)
                """, arguments: [id, item.productCode, item.description, item.billingPeriod.rawValue,
                                              item.unitPrice.minor, item.taxClass.rawValue])
        }
    }

    /// The items of a list replaced whole; orders keep the prices they were placed with (their own lines).
    func replaceItems(of id: Int64, with items: [PriceListItem]) throws {
        try execute(sql: "DELETE FROM price_list_items WHERE price_list_id = ?", arguments: [id])
        try insertItems(items, into: id)
    }

    func updatePriceList(_ list: PriceList) throws {
        try execute(sql: """
            UPDATE price_lists SET name = ?, name_key = ?, valid_from = ?, valid_to = ?, active = ?, description = ?
            WHERE id = ?
            """, arguments: [list.name, list.name.lowercased(), list.validFrom?.description, list.validTo?.description,
                             list.active, list.description, list.id])
    }

    /// The accounts a list is assigned to, in code order.
    func accountIds(using priceListId: Int64) throws -> [Int64] {
        try values(Int64.self, sql: """
            SELECT account_id FROM account_price_lists WHERE price_list_id = ? ORDER BY account_id
            """, arguments: [priceListId])
    }

    private static let listSelect = """
        SELECT p.*, (SELECT COUNT(*) FROM price_list_items i WHERE i.price_list_id = p.id) AS item_count FROM price_lists p
        """

    func priceLists() throws -> [PriceList] {
        try rows(sql: Self.listSelect + " ORDER BY p.name").map(Self.priceList)
    }

    func priceList(named name: String) throws -> PriceList? {
        try row(sql: Self.listSelect + " WHERE p.name_key = ?", arguments: [name.lowercased()]).map(Self.priceList)
    }

    func priceLists(of accountId: Int64) throws -> [PriceList] {
        try rows(sql: Self.listSelect + """
             JOIN account_price_lists a ON a.price_list_id = p.id WHERE a.account_id = ? ORDER BY p.name
            """, arguments: [accountId]).map(Self.priceList)
    }

    static func priceList(_ r: SQLRow) -> PriceList {
        PriceList(id: r["id"], name: r["name"], currency: r["currency"],
                  validFrom: (r["valid_from"] as String?).flatMap { try? CalendarDay.parse($0, field: "", label: "") },
                  validTo: (r["valid_to"] as String?).flatMap { try? CalendarDay.parse($0, field: "", label: "") },
                  active: r["active"], description: r["description"], itemCount: r["item_count"])
    }

    func items(of priceListId: Int64) throws -> [PriceListItem] {
        let currency = try value(String.self, sql: "SELECT currency FROM price_lists WHERE id = ?",
            arguments: [priceListId]) ?? "EUR"
        return try rows(sql: """
            SELECT * FROM price_list_items WHERE price_list_id = ? ORDER BY product_code, billing_period
            """, arguments: [priceListId]).map {
            PriceListItem(productCode: $0["product_code"], description: $0["description"],
                          billingPeriod: BillingPeriod(rawValue: $0["billing_period"]) ?? .oneTime,
                          unitPrice: Money(minor: $0["price_minor"], currency: currency),
                          taxClass: TaxClass(rawValue: $0["tax_class"]) ?? .standard)
        }
    }

    func assign(priceList id: Int64, to accountId: Int64, at now: Date) throws {
        try execute(sql: """
            INSERT INTO account_price_lists (account_id, price_list_id, assigned_at) VALUES (?,?,?)
            ON CONFLICT DO NOTHING
            """, arguments: [accountId, id, now])
    }

    func unassign(priceList id: Int64, from accountId: Int64) throws -> Bool {
        let changed = try execute(sql: "DELETE FROM account_price_lists WHERE account_id = ? AND price_list_id = ?",
            arguments: [accountId, id])
        return changed == 1
    }

    /// Codes priced by both lists for the same period, compared ignoring case exactly as pricing compares
    /// them (Swift's Unicode lowercasing: SQLite's NOCASE folds ASCII only). At most five, in code order.
    func overlap(between a: Int64, and b: Int64) throws -> [String] {
        let key = { (item: PriceListItem) in item.productCode.lowercased() + "|" + item.billingPeriod.rawValue }
        let other = Set(try items(of: b).map(key))
        return try items(of: a).filter { other.contains(key($0)) }
            .sorted { $0.productCode.lowercased() < $1.productCode.lowercased() }.prefix(5)
            .map { "\($0.productCode) (\($0.billingPeriod.rawValue))" }
    }
}
