import Foundation

/// The outcome of assigning price lists: what was assigned and the warnings to show (inactive, expired).
public struct AssignmentResult: Sendable {
    public var assigned: [String]
    public var warnings: [String]
}

extension ResellerService {
    public func importPriceList(csv: String, name rawName: String, currency rawCurrency: String,
                                validFrom: String = "", validTo: String = "", active: Bool = true,
                                description: String = "", by actor: Actor) throws(ServiceError) -> PriceList {
        var e = ErrorList()
        let parsed = e.check { () throws(FieldError) in try Currency.parse(rawCurrency) }
        let fields = listFields(name: rawName, validFrom: validFrom, validTo: validTo, description: description, &e)
        try e.throwIfAny()
        let (f, currency) = (fields!, parsed!)
        let items = try PriceListCSV.parse(csv, currency: currency)
        let now = self.now
        return try store.write { tx in
            if try tx.priceList(named: f.name) != nil {
                throw ServiceError.invalid("name", "a price list named \"\(f.name)\" already exists; "
                                           + "choose another name")
            }
            let id = try tx.insertPriceList(name: f.name, currency: currency.code, validFrom: f.from, validTo: f.to,
                                            active: active, description: f.description, items: items, at: now)
            try tx.audit(actor, "priceList", id, "import", ["name": [nil, f.name], "currency": [nil, currency.code],
                                                           "items": [nil, String(items.count)]], at: now)
            return try tx.priceList(named: f.name)!
        }
    }

    public func priceLists() throws(ServiceError) -> [PriceList] { try store.read { try $0.priceLists() } }

    public func priceListItems(_ id: Int64) throws(ServiceError) -> [PriceListItem] { try store.read { try $0.items(of: id) } }

    /// Assigns lists by name (doc: an account can have several). Refuses a list in another currency and two
    /// lists that price the same product code and period; warns on inactive or expired lists. All or none.
    public func assignPriceLists(_ accountId: Int64, names: [String], by actor: Actor) throws(ServiceError) -> AssignmentResult {
        guard !names.isEmpty else { throw .invalid("priceLists", "name at least one price list to assign") }
        let now = self.now, today = self.today
        return try store.write { tx in
            let account = try existingAccount(tx, accountId)
            var e = ErrorList()
            var lists: [PriceList] = []
            for name in names {
                guard let list = try tx.priceList(named: name) else {
                    e.add("priceLists", "no price list named \"\(name)\"")
                    continue
                }
                if !lists.contains(where: { $0.id == list.id }) { lists.append(list) }
            }
            let current = try tx.priceLists(of: accountId)
            let others = current.filter { c in !lists.contains(where: { $0.id == c.id }) }
            for (i, list) in lists.enumerated() {
                for reason in try Self.refusals(of: list, for: account, beside: others + lists[..<i], tx) {
                    e.add("priceLists", reason)
                }
            }
            try e.throwIfAny()
            var warnings: [String] = []
            var assigned: [String] = []
            for list in lists where !current.contains(where: { $0.id == list.id }) {
                warnings += Self.warnings(of: list, on: today)
                try tx.assign(priceList: list.id, to: accountId, at: now)
                try tx.audit(actor, "account", accountId, "assignPriceList", ["priceList": [nil, list.name]], at: now)
                assigned.append(list.name)
            }
            return AssignmentResult(assigned: assigned, warnings: warnings)
        }
    }

    /// Why each price list would be refused for the account now, by list id (a list not named can be
    /// assigned): the checks `assignPriceLists` makes, so the picker marks a list before it is chosen.
    public func priceListRefusals(for accountId: Int64) throws(ServiceError) -> [Int64: [String]] {
        try store.read { tx in
            let account = try existingAccount(tx, accountId)
            let current = try tx.priceLists(of: accountId)
            var out: [Int64: [String]] = [:]
            for list in try tx.priceLists() where !current.contains(where: { $0.id == list.id }) {
                let reasons = try Self.refusals(of: list, for: account, beside: current, tx)
                if !reasons.isEmpty { out[list.id] = reasons }
            }
            return out
        }
    }

    /// What refuses `list` for `account` next to the lists it has or gets with it: another currency, or a
    /// product priced by both (an account has one price per product).
    static func refusals(of list: PriceList, for account: Account, beside others: [PriceList],
                         _ tx: StoreTx) throws -> [String] {
        var reasons: [String] = []
        if list.currency != account.fields.currency {
            let bills = account.fields.currency
            reasons.append("\(list.name) is in \(list.currency) but \(account.code) bills in \(bills)")
        }
        for other in others {
            let shared = try tx.overlap(between: list.id, and: other.id)
            if !shared.isEmpty {
                reasons.append("\(list.name) and \(other.name) both price \(shared.joined(separator: ", ")); "
                               + "an account can have only one price for a product")
            }
        }
        return reasons
    }

    /// What is assigned with a warning: a list that is inactive or outside its validity today.
    public static func warnings(of list: PriceList, on today: CalendarDay) -> [String] {
        list.unavailability(on: today).map { "\(list.name) \($0)" }
    }

    public func unassignPriceLists(_ accountId: Int64, names: [String], by actor: Actor) throws(ServiceError) {
        guard !names.isEmpty else { throw .invalid("priceLists", "name at least one price list to unassign") }
        let now = self.now
        try store.write { tx in
            _ = try existingAccount(tx, accountId)
            for name in names {
                guard let list = try tx.priceList(named: name), try tx.unassign(priceList: list.id, from: accountId) else {
                    throw ServiceError.invalid("priceLists", "\"\(name)\" is not assigned to \(AccountCode.format(accountId))")
                }
                try tx.audit(actor, "account", accountId, "unassignPriceList", ["priceList": [list.name, nil]], at: now)
            }
        }
    }
}
