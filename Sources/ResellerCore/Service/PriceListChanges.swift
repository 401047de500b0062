import Foundation

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

/// A price list's life after its import (doc: rename, validity, description, active flag, replaced items).
extension ResellerService {
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
                throw ServiceError.invalid("name", "a price list named \"\(checked.name)\" already exists; "
                                           + "choose another name")
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
        try store.read { tx in try tx.summaries(try tx.accountIds(using: try existingList(tx, listName).id)) }
    }

    private func existingList(_ tx: StoreTx, _ name: String) throws -> PriceList {
        guard let list = try tx.priceList(named: name) else {
            throw ServiceError.notFound(field: "name", message: "no price list named \"\(name)\"")
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
