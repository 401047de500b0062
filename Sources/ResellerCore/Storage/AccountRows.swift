import Foundation
import GRDB

extension StoreTx {
    private static let accountColumns = """
        name, trading_name, type, email, phone, website, registration_number, tax_authority, description,
        street, city, postcode, state, country, currency, account_manager, enable_ordering, credit_limit_minor,
        credit_unlimited, billing_day, partial_charges, enable_reselling, separate_invoices, tax_exempt
        """

    private static func arguments(_ f: AccountFields) -> [(any DatabaseValueConvertible)?] {
        let o = f.ordering
        var limit: Int64?
        if case .amount(let m)? = o?.creditLimit { limit = m.minor }
        return [f.name, f.tradingName, f.type.rawValue, f.email, f.phone, f.website, f.registrationNumber,
                f.taxAuthority, f.description, f.address.street, f.address.city, f.address.postcode,
                f.address.state, f.address.country, f.currency, f.accountManager, o != nil, limit,
                o?.creditLimit == .unlimited, o?.prorateBillingDay?.text, o?.partialChargesInvoicing.rawValue,
                o?.enableReselling ?? false, f.separateInvoices, f.taxExempt]
    }

    func insertAccount(_ f: AccountFields, parent: Int64?, by actor: Actor, at now: Date) throws -> Int64 {
        let args = Self.arguments(f) + [parent, now, now, actor.description]
        try db.execute(sql: """
            INSERT INTO accounts (\(Self.accountColumns), parent_account_id, created_at, updated_at, updated_by)
            VALUES (\(Array(repeating: "?", count: args.count).joined(separator: ",")))
            """, arguments: StatementArguments(args))
        let id = db.lastInsertedRowID
        try db.execute(sql: "INSERT INTO account_search (rowid, name, trading_name, code, email, vat, contacts) VALUES (?,?,?,?,?,?,'')",
                       arguments: [id, SearchQuery.fold(f.name), f.tradingName.map(SearchQuery.fold), AccountCode.format(id),
                                   SearchQuery.fold(f.email), f.registrationNumber.map(SearchQuery.fold)])
        return id
    }

    /// Writes new fields if the stored version is still `expectedVersion`; returns false when it is not.
    func updateAccount(_ id: Int64, _ f: AccountFields, expectedVersion: Int, by actor: Actor, at now: Date) throws -> Bool {
        let sets = Self.accountColumns.split(separator: ",").map { "\($0.trimmingCharacters(in: .whitespacesAndNewlines)) = ?" }
        let args = Self.arguments(f) + [now, actor.description, id, expectedVersion]
        try db.execute(sql: """
            UPDATE accounts SET \(sets.joined(separator: ", ")), updated_at = ?, updated_by = ?, version = version + 1
            WHERE id = ? AND version = ?
            """, arguments: StatementArguments(args))
        guard db.changesCount == 1 else { return false }
        try db.execute(sql: "UPDATE account_search SET name = ?, trading_name = ?, email = ?, vat = ? WHERE rowid = ?",
                       arguments: [SearchQuery.fold(f.name), f.tradingName.map(SearchQuery.fold), SearchQuery.fold(f.email),
                                   f.registrationNumber.map(SearchQuery.fold), id])
        return true
    }

    /// Rebuilds the contacts part of an account's search row from its contacts.
    func reindexContacts(of accountId: Int64) throws {
        let parts = try String.fetchAll(db, sql: """
            SELECT COALESCE(first_name, '') || ' ' || last_name || ' ' || email FROM contacts WHERE account_id = ?
            """, arguments: [accountId])
        try db.execute(sql: "UPDATE account_search SET contacts = ? WHERE rowid = ?",
                       arguments: [SearchQuery.fold(parts.joined(separator: " ")), accountId])
    }

    func account(_ id: Int64) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id]).map(Self.account)
    }

    static func account(_ r: Row) -> Account {
        let currency: String = r["currency"]
        var ordering: Ordering?
        if r["enable_ordering"] as Bool {
            let limit: CreditLimit = (r["credit_unlimited"] as Bool)
                ? .unlimited : .amount(Money(minor: r["credit_limit_minor"] ?? 0, currency: currency))
            let day: BillingDay? = (r["billing_day"] as String?).flatMap { try? BillingDay.parse($0) }
            ordering = Ordering(creditLimit: limit, prorateBillingDay: day,
                                partialChargesInvoicing: PartialChargesInvoicing(rawValue: r["partial_charges"] ?? "") ?? .onOrderDay,
                                enableReselling: r["enable_reselling"])
        }
        let fields = AccountFields(
            name: r["name"], tradingName: r["trading_name"], type: AccountType(rawValue: r["type"]) ?? .customer,
            email: r["email"], phone: r["phone"], website: r["website"], registrationNumber: r["registration_number"],
            taxAuthority: r["tax_authority"], description: r["description"],
            address: Address(street: r["street"], city: r["city"], postcode: r["postcode"], state: r["state"], country: r["country"]),
            currency: currency, accountManager: r["account_manager"], ordering: ordering,
            separateInvoices: r["separate_invoices"], taxExempt: r["tax_exempt"])
        return Account(id: r["id"], fields: fields, parentAccountId: r["parent_account_id"], version: r["version"],
                       createdAt: r["created_at"], updatedAt: r["updated_at"], updatedBy: r["updated_by"])
    }

    /// Balance = debits − credits, in minor units.
    func balance(of accountId: Int64) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(CASE kind WHEN 'debit' THEN amount_minor ELSE -amount_minor END), 0)
            FROM ledger WHERE account_id = ?
            """, arguments: [accountId]) ?? 0
    }

    /// The rows of the accounts table for the given ids, in the order given.
    func summaries(_ ids: [Int64]) throws -> [AccountSummary] {
        guard !ids.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.*,
              EXISTS (SELECT 1 FROM account_price_lists p WHERE p.account_id = a.id) AS has_price_list,
              EXISTS (SELECT 1 FROM contacts c JOIN storefront_users u ON u.contact_id = c.id WHERE c.account_id = a.id) AS invited,
              EXISTS (SELECT 1 FROM contacts c JOIN storefront_users u ON u.contact_id = c.id
                      WHERE c.account_id = a.id AND u.status = 'Active') AS activated,
              (SELECT COALESCE(SUM(CASE kind WHEN 'debit' THEN amount_minor ELSE -amount_minor END), 0)
               FROM ledger l WHERE l.account_id = a.id) AS balance
            FROM accounts a WHERE a.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
            """, arguments: StatementArguments(ids))
        var byId: [Int64: AccountSummary] = [:]
        for r in rows {
            let account = Self.account(r)
            byId[account.id] = AccountSummary(
                account: account, balance: Money(minor: r["balance"], currency: account.fields.currency),
                onboarding: Onboarding(priceListAssigned: r["has_price_list"], contactInvited: r["invited"], activated: r["activated"]))
        }
        return ids.compactMap { byId[$0] }
    }

    /// Account ids in code order after `after`; with `query`, only those whose searchable text has words
    /// starting with every word of the query. FTS5 walks its index in rowid order, so LIMIT stops early and
    /// a query costs the same at a thousand accounts or a million.
    func searchAccountIds(_ query: String, after: Int64, limit: Int) throws -> [Int64] {
        let words = SearchQuery.words(query)
        if words.isEmpty {
            return try Int64.fetchAll(db, sql: "SELECT id FROM accounts WHERE id > ? ORDER BY id LIMIT ?",
                                      arguments: [after, limit])
        }
        return try Int64.fetchAll(db, sql: """
            SELECT rowid FROM account_search WHERE account_search MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?
            """, arguments: [SearchQuery.match(words), after, limit])
    }
}

/// Turns what a person types into an FTS5 query: each word becomes a quoted prefix term, all required.
public enum SearchQuery {
    public static func words(_ text: String) -> [String] {
        fold(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init).prefix(8).map { $0 }
    }

    /// Lowercase without accents, for every script: SQLite's own folding knows only Latin accents, so
    /// "γιωργ" would not find "Γιώργος". Indexed text and queries pass through the same fold.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where s.properties.generalCategory != .nonspacingMark {
            out.append(s)
        }
        return String(out)
    }

    static func match(_ words: [String]) -> String {
        words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
