import FieldSchema
import Foundation

/// A page of the accounts table; pass `nextAfter` back to get the following page.
public struct AccountPage: Sendable {
    public var rows: [AccountSummary]
    public var nextAfter: Int64?
}

/// Everything the Account detail screen and `account show` display.
public struct ResellerOverview: Sendable {
    public var summary: AccountSummary
    public var priceLists: [PriceList]
    public var recentOrders: [Order]
    public var account: Account { summary.account }
}

public struct AccountDetail: Sendable {
    public var summary: AccountSummary
    public var contacts: [Contact]
    public var priceLists: [PriceList]
    public var orders: [Order]
    public var endCustomers: [Account]
    public var audit: [AuditEvent]
    /// The tax its standard items get today, or why none can be told (the seller or a rate is missing).
    public var taxTreatment: TaxTreatment? = nil
    public var taxProblem: String? = nil
    /// The newest VIES confirmation of its current VAT ID.
    public var vatConfirmation: VATConfirmation? = nil
    public var account: Account { summary.account }
}

/// The account detail's long lists, a page at a time. The terminal shows an account's orders and history
/// in sections that read more as staff scroll, so an account with thousands of orders opens as fast as
/// one with none, and every order can still be reached.
public struct AccountOrderPage: Sendable {
    /// Every Submitted order first on the first page (they wait for staff), then the others newest first.
    public var orders: [Order]
    /// What to pass as `before` for the next page; nil on the last page.
    public var next: Int64?
}

/// How many rows an account's long lists hold in all: the counts on the detail's section tabs.
public struct AccountCounts: Sendable, Equatable {
    public var orders: Int
    public var history: Int

    public init(orders: Int, history: Int) {
        self.orders = orders
        self.history = history
    }
}

/// Accounts: creating, importing, editing and finding them, an account's detail and its long lists a page at a
/// time, and end customers.
extension ResellerService {
    public func validate(_ form: AccountForm, by actor: Actor) throws(ServiceError) -> AccountFields {
        try AccountValidator.validate(form, defaultCurrency: settings.defaultCurrency, defaultManager: actor.login,
                                      defaultPaymentTerms: settings.paymentTermsDays)
    }

    public func createAccount(_ form: AccountForm, by actor: Actor) throws(ServiceError) -> Account {
        let fields = try validate(form, by: actor)
        let now = self.now
        return try store.write { tx in
            let id = try tx.insertAccount(fields, parent: nil, by: actor, at: now)
            try tx.audit(actor, "account", id, "create", diff([:], fields.auditValues), at: now)
            return try tx.account(id)!
        }
    }

    /// Creates many accounts with their contacts in one transaction: all or none. For bulk loads (and the
    /// benchmark); each row passes the same validation and writes the same audit event as `createAccount`.
    public func importAccounts(_ batch: [(AccountForm, [ContactForm])],
                               by actor: Actor) throws(ServiceError) -> [Int64] {
        var valid: [(AccountFields, [ContactFields])] = []
        valid.reserveCapacity(batch.count)
        for (index, (form, contacts)) in batch.enumerated() {
            do throws(ServiceError) {
                let fields = try validate(form, by: actor)
                let people = try contacts.map { (c) throws(ServiceError) in try ContactValidator.validate(c) }
                valid.append((fields, people))
            } catch {
                throw .invalid(error.fieldErrors.map { FieldError($0.field, "row \(index + 1): \($0.message)") })
            }
        }
        let now = self.now
        return try store.write { tx in
            var ids: [Int64] = []
            ids.reserveCapacity(valid.count)
            for (fields, contacts) in valid {
                let id = try tx.insertAccount(fields, parent: nil, by: actor, at: now,
                                              contactsText: StoreTx.searchText(contacts))
                try tx.audit(actor, "account", id, "create", diff([:], fields.auditValues), at: now)
                for c in contacts {
                    if try tx.contactId(email: c.email) != nil {
                        throw ServiceError.invalid(ContactSchema.email.id,
                                                   "a contact with the email \(c.email) already exists")
                    }
                    let cid = try tx.insertContact(c, accountId: id, at: now)
                    try tx.audit(actor, "contact", cid, "create", diff([:], c.auditValues), at: now)
                }
                ids.append(id)
            }
            return ids
        }
    }

    /// Saves an edited account if nobody saved it since `expectedVersion` was read; otherwise a conflict
    /// that names who saved it and when, with nothing written.
    public func updateAccount(_ id: Int64, _ form: AccountForm, expectedVersion: Int,
                              by actor: Actor) throws(ServiceError) -> Account {
        let fields = try validate(form, by: actor)
        let now = self.now
        return try store.write { tx in
            let old = try existingAccount(tx, id)
            // The currency is fixed once money is kept in it (domain.md#accounts): a EUR balance must never read as
            // USD.
            if fields.currency != old.fields.currency {
                let lists = try tx.priceLists(of: id).count, entries = try tx.ledgerEntryCount(of: id)
                if lists > 0 || entries > 0 {
                    throw ServiceError.refused(field: AccountSchema.currency.id, message: "the currency of "
                        + "\(old.code) stays \(old.fields.currency): it has \(lists) price list(s) and \(entries) "
                        + "ledger entries in it")
                }
            }
            guard try tx.updateAccount(id, fields, expectedVersion: expectedVersion, by: actor, at: now) else {
                throw ServiceError.conflict(field: "version", message: """
                    \(old.code) was changed by \(old.updatedBy) at \(Format.timestamp(old.updatedAt)) \
                    (version \(old.version), you edited version \(expectedVersion)); reload to see their change
                    """)
            }
            try tx.audit(actor, "account", id, "update", diff(old.fields.auditValues, fields.auditValues), at: now)
            return try tx.account(id)!
        }
    }

    /// Accounts matching `query` (prefix words over name, trading name, code, email, VAT number and
    /// contact names and emails), in code order, a page at a time.
    public func searchAccounts(_ query: String, statuses: Set<AccountStatus> = [.active, .suspended],
                               after: Int64 = 0, limit: Int = 50) throws(ServiceError) -> AccountPage {
        let limit = max(1, min(limit, 1000))
        return try store.read { tx in
            let ids = try tx.searchAccountIds(query, statuses: statuses, after: after, limit: limit + 1)
            let page = Array(ids.prefix(limit))
            return AccountPage(rows: try summaries(tx, page), nextAfter: ids.count > limit ? page.last : nil)
        }
    }

    public func accountDetail(_ id: Int64, auditLimit: Int = 50) throws(ServiceError) -> AccountDetail {
        let today = self.today
        let detail: AccountDetail? = try store.read { tx in
            guard let summary = try summaries(tx, [id]).first else { return nil }
            var d = AccountDetail(summary: summary, contacts: try tx.contacts(of: id),
                                  priceLists: try tx.priceLists(of: id),
                                  orders: try tx.orders(of: id, limit: 50),
                                  endCustomers: try tx.endCustomerIds(of: id).compactMap { try tx.account($0) },
                                  audit: try tx.accountTrail(id, limit: auditLimit))
            // Staff see the tax the account gets before anything is invoiced (domain.md#the-seller-and-tax).
            switch try treatmentToday(tx, summary.account, on: today) {
            case .success(let t): d.taxTreatment = t
            case .failure(let error): d.taxProblem = error.message
            }
            if let vat = summary.account.fields.registrationNumber {
                d.vatConfirmation = try tx.vatConfirmation(of: id, vatId: vat)
            }
            return d
        }
        guard let detail else { throw .notFound(field: "account", message: "no account \(AccountCode.format(id))") }
        return detail
    }

    /// What a reseller's storefront dashboard shows: the account with its credit, price lists and recent
    /// orders. Lighter than `accountDetail`, which also reads every contact and the history for staff.
    /// The storefront's dashboard. For a storefront user, the recent orders only with the Buyer right.
    public func resellerOverview(_ id: Int64, recentOrders: Int = 10,
                                 by actor: Actor = .system) throws(ServiceError) -> ResellerOverview {
        let overview: ResellerOverview? = try store.read { tx in
            try checkStorefrontRights(tx, actor, accountId: id, needs: nil)
            let user = try storefrontUser(tx, actor)
            let recentOrders = user.map { $0.may(.order) } == false ? 0 : recentOrders
            guard let summary = try summaries(tx, [id]).first else { return nil }
            return ResellerOverview(summary: summary, priceLists: try tx.priceLists(of: id),
                                    recentOrders: try tx.orders(of: id, limit: recentOrders))
        }
        guard let overview else { throw .notFound(field: "account", message: "no account \(AccountCode.format(id))") }
        return overview
    }

    public func orderPage(of accountId: Int64, before: Int64? = nil,
                          limit: Int = 50) throws(ServiceError) -> AccountOrderPage {
        let page = try store.read { try $0.orderPage(of: accountId, before: before, limit: limit) }
        return AccountOrderPage(orders: page.orders, next: page.next)
    }

    /// The account's history older than event `before`, newest first.
    public func accountHistory(_ accountId: Int64, before: Int64,
                               limit: Int = 50) throws(ServiceError) -> [AuditEvent] {
        try store.read { try $0.accountTrail(accountId, before: before, limit: limit) }
    }

    public func accountCounts(_ accountId: Int64) throws(ServiceError) -> AccountCounts {
        try store.read { tx in
            AccountCounts(orders: try tx.orderCount(of: accountId), history: try tx.accountTrailCount(accountId))
        }
    }

    /// An end customer created by a reseller's storefront user, linked to the reseller; at most
    /// `storefront.end_customers_per_day` a day from the storefront.
    public func createEndCustomer(resellerId: Int64, name: String, email: String, country: String,
                                  by actor: Actor) throws(ServiceError) -> Account {
        var form = AccountForm()
        form.name = name
        form.email = email
        form.country = country
        let reseller = try account(resellerId)
        guard reseller.fields.ordering?.enableReselling == true else {
            throw .refused(field: "account", message: "\(reseller.name) does not have reselling enabled")
        }
        form.currency = reseller.fields.currency
        form.accountManager = reseller.fields.accountManager
        let fields = try validate(form, by: actor)
        let now = self.now
        return try store.write { tx in
            try checkStorefrontRights(tx, actor, accountId: resellerId, needs: .order)
            try checkQuota(tx, .endCustomers, accountId: resellerId, by: actor, at: now)
            let id = try tx.insertAccount(fields, parent: resellerId, by: actor, at: now)
            try tx.audit(actor, "account", id, "create", diff([:], fields.auditValues), at: now)
            try tx.audit(actor, "account", resellerId, "addEndCustomer", ["endCustomer": [nil, AccountCode.format(id)]],
                         at: now)
            return try tx.account(id)!
        }
    }

    public func endCustomers(of resellerId: Int64, by actor: Actor = .system) throws(ServiceError) -> [Account] {
        try store.read { tx in
            try checkStorefrontRights(tx, actor, accountId: resellerId, needs: .order)
            return try tx.endCustomerIds(of: resellerId).compactMap { try tx.account($0) }
        }
    }
}

extension AccountFields {
    /// The fields as text under their schema ids, for audit events; the credit limit as the CLI takes it.
    var auditValues: [String: String?] {
        var values = AccountSchema.fields.texts(of: AccountForm(self))
        values["creditLimit"] = ordering?.creditLimit.text
        return values
    }
}
