import Foundation

/// The outcome of assigning price lists: what was assigned and the warnings to show (inactive, expired).
public struct AssignmentResult: Sendable {
    public var assigned: [String]
    public var warnings: [String]
}

/// What `pricelist update` changes: each nil field stays as it is; an empty date or description clears it.
public struct PriceListChange: Sendable {
    public var name: String?
    public var validFrom: String?
    public var validTo: String?
    public var description: String?
    public var active: Bool?
    public init(name: String? = nil, validFrom: String? = nil, validTo: String? = nil, description: String? = nil,
                active: Bool? = nil) {
        self.name = name; self.validFrom = validFrom; self.validTo = validTo
        self.description = description; self.active = active
    }
}

typealias ListFields = (name: String, from: CalendarDay?, to: CalendarDay?, description: String?)

/// Price lists: importing, assigning and unassigning them, and a list's life after its import (domain.md#price-lists:
/// rename, validity, description, active flag, replaced items).
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
                throw ServiceError.invalid(PriceListSchema.name.id, "a price list named \"\(f.name)\" already exists; "
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

    public func priceListItems(_ id: Int64) throws(ServiceError) -> [PriceListItem] {
        try store.read { try $0.items(of: id) }
    }

    /// Assigns lists by name (domain.md#price-lists: an account can have several). Refuses a list in another currency
    /// and two lists that price the same product code and period; warns on inactive or expired lists. All or none.
    public func assignPriceLists(_ accountId: Int64, names: [String],
                                 by actor: Actor) throws(ServiceError) -> AssignmentResult {
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
                guard let list = try tx.priceList(named: name),
                      try tx.unassign(priceList: list.id, from: accountId) else {
                    throw ServiceError.invalid("priceLists",
                                               "\"\(name)\" is not assigned to \(AccountCode.format(accountId))")
                }
                try tx.audit(actor, "account", accountId, "unassignPriceList", ["priceList": [list.name, nil]], at: now)
            }
        }
    }

    /// The fields of a list as import and update check them: the name, the validity (to not before from),
    /// the description. Problems go to `e`, so the caller reports them with its own.
    func listFields(name rawName: String, validFrom: String, validTo: String, description: String,
                    _ e: inout ErrorList) -> ListFields? {
        typealias S = PriceListSchema
        var form = PriceListForm()
        form.name = rawName; form.description = description
        let name = e.check { () throws(FieldError) in try TextRules.clean(form, S.name) } ?? nil
        let from = validFrom.isEmpty ? nil : e.check { () throws(FieldError) in
            try CalendarDay.parse(validFrom, field: S.validFrom.id, label: S.validFrom.noun)
        }
        let to = validTo.isEmpty ? nil : e.check { () throws(FieldError) in
            try CalendarDay.parse(validTo, field: S.validTo.id, label: S.validTo.noun)
        }
        if let from, let to, to < from {
            e.add(S.validTo.id, "valid to (\(to)) must not be before valid from (\(from))")
        }
        let text = e.check { () throws(FieldError) in try TextRules.clean(form, S.description) } ?? nil
        guard let name, e.errors.isEmpty else { return nil }
        return (name, from, to, text)
    }

    public func updatePriceList(named listName: String, _ change: PriceListChange,
                                by actor: Actor) throws(ServiceError) -> PriceList {
        let now = self.now
        return try store.write { tx in
            let old = try existingList(tx, listName)
            var e = ErrorList()
            let fields = listFields(name: change.name ?? old.name,
                                    validFrom: change.validFrom ?? old.validFrom?.description ?? "",
                                    validTo: change.validTo ?? old.validTo?.description ?? "",
                                    description: change.description ?? old.description ?? "", &e)
            try e.throwIfAny()
            let checked = fields!
            if checked.name.lowercased() != old.name.lowercased(), try tx.priceList(named: checked.name) != nil {
                throw ServiceError.invalid(PriceListSchema.name.id, "a price list named \"\(checked.name)\" already "
                                           + "exists; choose another name")
            }
            var new = old
            new.name = checked.name
            new.validFrom = checked.from
            new.validTo = checked.to
            new.description = checked.description
            new.active = change.active ?? old.active
            try tx.updatePriceList(new)
            try tx.audit(actor, "priceList", old.id, "update", diff(old.auditValues, new.auditValues), at: now)
            return try tx.priceList(named: new.name)!
        }
    }

    /// Replaces the items of a list by a new CSV in the list's currency: later orders use them, placed orders
    /// keep their prices. Refused whole if an account using the list would then price a product twice.
    public func replacePriceListItems(named listName: String, csv: String,
                                      by actor: Actor) throws(ServiceError) -> PriceList {
        let now = self.now
        return try store.write { tx in
            let list = try existingList(tx, listName)
            let items = try PriceListCSV.parse(csv, currency: Currency.named(list.currency)!)
            try tx.replaceItems(of: list.id, with: items)
            // The assignment's own checks, for every account that uses the list with its new items.
            var e = ErrorList()
            for accountId in try tx.accountIds(using: list.id) {
                let account = try existingAccount(tx, accountId)
                let others = try tx.priceLists(of: accountId).filter { $0.id != list.id }
                for reason in try Self.refusals(of: list, for: account, beside: others, tx) {
                    e.add("file", "\(account.code): \(reason)")
                }
            }
            try e.throwIfAny()   // the transaction rolls back: the old items stay
            try tx.audit(actor, "priceList", list.id, "replaceItems",
                         ["items": [String(list.itemCount), String(items.count)]], at: now)
            return try tx.priceList(named: list.name)!
        }
    }

    /// The accounts a list is assigned to, in code order.
    public func accountsUsing(priceList listName: String) throws(ServiceError) -> [AccountSummary] {
        try store.read { tx in try summaries(tx, try tx.accountIds(using: try existingList(tx, listName).id)) }
    }

    private func existingList(_ tx: StoreTx, _ name: String) throws -> PriceList {
        guard let list = try tx.priceList(named: name) else {
            throw ServiceError.notFound(field: PriceListSchema.name.id, message: "no price list named \"\(name)\"")
        }
        return list
    }
}

extension PriceList {
    var auditValues: [String: String?] {
        ["name": name, "validFrom": validFrom?.description, "validTo": validTo?.description,
         "active": String(active), "description": description]
    }
}
