import Foundation
import GRDB

extension StoreTx {
    /// Inserts the account and its search row. `contactsText` is the contacts' names and emails when they
    /// are inserted together (bulk import): an FTS5 update is a delete plus an insert, so write it once.
    func insertAccount(_ f: AccountFields, parent: Int64?, by actor: Actor, at now: Date, contactsText: String = "") throws -> Int64 {
        let args = Self.arguments(f) + [parent, now, now, actor.description]
        let id = try insert(sql: """
            INSERT INTO accounts (\(Self.accountFieldNames.joined(separator: ", ")), parent_account_id, created_at,
                                  updated_at, updated_by)
            VALUES \(SQLMarks.tuple(args.count))
            """, arguments: SQLArguments(args))
        let name = SearchQuery.fold(f.name), trading = f.tradingName.map(SearchQuery.fold)
        let email = SearchQuery.fold(f.email), contacts = SearchQuery.fold(contactsText)
        try execute(sql: """
            INSERT INTO account_search (\(dialect.searchKey), name, trading_name, code, email, vat, contacts)
            VALUES (?,?,?,?,?,?,?)
            """, arguments: Self.searchWords([id, name, trading, SearchQuery.codeText(id), email,
                                              f.registrationNumber.map(SearchQuery.vatText), contacts]))
        try indexTerms(name, trading, email, contacts)
        return id
    }

    /// Writes new fields if the stored version is still `expectedVersion`; returns false when it is not.
    func updateAccount(_ id: Int64, _ f: AccountFields, expectedVersion: Int, by actor: Actor, at now: Date) throws -> Bool {
        let sets = Self.accountFieldNames.map { "\($0) = ?" }
        let args = Self.arguments(f) + [now, actor.description, id, expectedVersion]
        let changed = try execute(sql: """
            UPDATE accounts SET \(sets.joined(separator: ", ")), updated_at = ?, updated_by = ?, version = version + 1
            WHERE id = ? AND version = ?
            """, arguments: SQLArguments(args))
        guard changed == 1 else { return false }
        let name = SearchQuery.fold(f.name), trading = f.tradingName.map(SearchQuery.fold), email = SearchQuery.fold(f.email)
        try execute(sql: """
            UPDATE account_search SET name = ?, trading_name = ?, email = ?, vat = ? WHERE \(dialect.searchKey) = ?
            """, arguments: Self.searchWords([name, trading, email, f.registrationNumber.map(SearchQuery.vatText), id]))
        try indexTerms(name, trading, email)
        return true
    }

    /// Rebuilds the contacts part of an account's search row from its contacts.
    func reindexContacts(of accountId: Int64) throws {
        let contacts = try rows(sql: "SELECT first_name, last_name, email FROM contacts WHERE account_id = ?",
                                        arguments: [accountId])
        let text = SearchQuery.fold(contacts.map { SearchQuery.contactText(firstName: $0[0], lastName: $0[1], email: $0[2]) }
            .joined(separator: " "))
        try execute(sql: "UPDATE account_search SET contacts = ? WHERE \(dialect.searchKey) = ?",
                    arguments: Self.searchWords([text, accountId]))
        try indexTerms(text)
    }

    /// Adds the alphabetic words of already folded `texts` to the search vocabulary. Words are never
    /// removed: a stale one only adds an OR branch that matches nothing.
    private func indexTerms(_ texts: String?...) throws {
        guard dialect == .sqlite else { return }   // PostgreSQL's GIN index answers prefixes itself
        var seen = Set<Substring>()
        for text in texts.compactMap({ $0 }) {
            for word in SearchQuery.split(text) where word.allSatisfy(\.isLetter) && seen.insert(word).inserted {
                try execute(sql: "INSERT INTO search_terms (term) VALUES (?) ON CONFLICT DO NOTHING",
                            arguments: [String(word)])
            }
        }
    }

    /// The FTS5 query for what was typed, or nil when some word can match nothing.
    func matchExpression(_ query: SearchQuery.Parsed) throws -> String? {
        // A VAT number ("PT736…") is one prefix of the compact VAT token: as two words, "pt" would be
        // every Portuguese account and "736" thousands of numbers.
        var parts = query.vats.map { "vat : " + SearchQuery.prefixTerm($0) }
        for word in SearchQuery.selectiveFirst(query.words) {
            // Up to 3 characters the prefix index answers directly; digits stay prefix terms (numbers are
            // split from letters and rarely shared, so their doclists are short).
            guard word.count > 3, SearchQuery.isAlphabetic(word) else {
                parts.append(SearchQuery.prefixTerm(word))
                continue
            }
            let terms = try values(String.self, sql: """
                SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT 17
                """, arguments: [word, word + "\u{10FFFF}"])
            if terms.isEmpty { return nil }
            parts.append(terms.count > 16 ? SearchQuery.prefixTerm(word) : "(" + terms.map(SearchQuery.exactTerm).joined(separator: " OR ") + ")")
        }
        return parts.joined(separator: " AND ")
    }

    /// The search row's texts as words of letters and digits with one space between: the tokens both engines
    /// index (FTS5 splits the folded text the same way; PostgreSQL takes each word as a lexeme as it is, whatever
    /// the database's locale, so Greek is indexed in a "C" database too).
    static func searchWords(_ values: [(any DatabaseValueConvertible)?]) -> SQLArguments {
        SQLArguments(values.map { value in
            (value as? String).map { SearchQuery.split($0).joined(separator: " ") } ?? value
        })
    }

    /// The text of contacts as the search index holds it.
    static func searchText(_ contacts: [ContactFields]) -> String {
        contacts.map { SearchQuery.contactText(firstName: $0.firstName, lastName: $0.lastName, email: $0.email) }.joined(separator: " ")
    }

    func account(_ id: Int64) throws -> Account? {
        try row(sql: "SELECT \(Self.accountSelect) FROM accounts a WHERE a.id = ?",
                         arguments: [id]).map(Self.account)
    }

    /// The account columns in a fixed order (`accountFieldColumns`, then the record's own), read back by
    /// position: reading ~30 columns by name costs a case-insensitive scan each, which dominated a page of
    /// search results.
    static let accountSelect = (["id"] + accountFieldNames + accountRecordNames).map { "a." + $0 }
        .joined(separator: ", ")
    /// Where the columns that follow `accountSelect` start.
    static let accountColumnCount = 1 + accountFieldNames.count + accountRecordNames.count

    static func account(_ row: SQLRow) -> Account {
        let record = 1 + accountFieldNames.count
        return Account(id: row[0], fields: accountFields(row), parentAccountId: row[record], version: row[record + 1],
                       createdAt: row[record + 2], updatedAt: row[record + 3], updatedBy: row[record + 4],
                       status: AccountStatus(rawValue: row[record + 5]) ?? .active, statusReason: row[record + 6],
                       statusBy: row[record + 7])
    }

    /// Locks the account's row until the transaction ends, so what is checked against it (its credit, what a
    /// billing run owes) cannot change underneath (on PostgreSQL; SQLite's one writer holds every row).
    /// `skipLocked`: returns false at once when another transaction holds it (another host's billing run).
    @discardableResult
    func lockAccount(_ id: Int64, skipLocked: Bool = false) throws -> Bool {
        try value(Int64.self, sql: "SELECT id FROM accounts WHERE id = ?"
                  + (skipLocked ? dialect.forUpdateSkipLocked : dialect.forUpdate), arguments: [id]) != nil
    }

    /// The accounts among `ids`, each locked as `lockAccount(skipLocked: true)` locks one, in one statement:
    /// a billing run's batch. One that does not exist, or that another host's run holds, is not returned.
    func lockedAccounts(_ ids: [Int64]) throws -> [Int64: Account] {
        var found: [Int64: Account] = [:]
        for r in try rows(forIds: ids, { marks in
            "SELECT \(Self.accountSelect) FROM accounts a WHERE a.id IN (\(marks))" + dialect.forUpdateSkipLocked
        }) {
            let account = Self.account(r)
            found[account.id] = account
        }
        return found
    }

    /// Balance = debits − credits, in minor units.
    func balance(of accountId: Int64) throws -> Int64 {
        try value(Int64.self, sql: """
            SELECT COALESCE(SUM(CASE kind WHEN 'debit' THEN amount_minor ELSE -amount_minor END), 0)
            FROM ledger WHERE account_id = ?
            """, arguments: [accountId]) ?? 0
    }

    /// The rows of the accounts table for the given ids, in the order given.
    func summaries(_ ids: [Int64]) throws -> [AccountSummary] {
        guard !ids.isEmpty else { return [] }
        let rows = try rows(sql: """
            SELECT \(Self.accountSelect),
              EXISTS (SELECT 1 FROM account_price_lists p WHERE p.account_id = a.id) AS has_price_list,
              EXISTS (SELECT 1 FROM contacts c JOIN storefront_users u ON u.contact_id = c.id WHERE c.account_id = a.id) AS invited,
              EXISTS (SELECT 1 FROM contacts c JOIN storefront_users u ON u.contact_id = c.id
                      WHERE c.account_id = a.id AND u.status = 'Active') AS activated,
              (SELECT COALESCE(SUM(CASE kind WHEN 'debit' THEN amount_minor ELSE -amount_minor END), 0)
               FROM ledger l WHERE l.account_id = a.id) AS balance,
              (SELECT COALESCE(SUM(amount_minor), 0) FROM pending_charges pc
               WHERE pc.billed_account_id = a.id AND pc.invoice_id IS NULL) AS uninvoiced
            FROM accounts a WHERE a.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
            """, arguments: SQLArguments(values: ids.map { $0.databaseValue }))   // no cast per id to an existential
        var byId: [Int64: AccountSummary] = [:]
        let n = Self.accountColumnCount
        for r in rows {
            let account = Self.account(r)
            byId[account.id] = AccountSummary(
                account: account, balance: Money(minor: r[n + 3], currency: account.fields.currency),
                onboarding: Onboarding(priceListAssigned: r[n], contactInvited: r[n + 1], activated: r[n + 2]),
                uninvoicedMinor: r[n + 4])
        }
        return ids.compactMap { byId[$0] }
    }

    /// Account ids in code order after `after`; with `query`, only those whose searchable text has words
    /// starting with every word of the query. FTS5 walks its index in rowid order, so LIMIT stops early and
    /// a query costs the same at a thousand accounts or a million.
    /// Ids of the accounts in `statuses` matching `query`, in code order. Every status is the unfiltered
    /// query; the fronts' default leaves Closed accounts out.
    func searchAccountIds(_ query: String, statuses: Set<AccountStatus>, after: Int64, limit: Int) throws -> [Int64] {
        let parsed = SearchQuery.parse(query)
        let all = statuses.count == AccountStatus.allCases.count
        // The statuses are enum raw values, never user text: safe to write into the SQL.
        let filter = all ? "" : " AND a.status IN (" + statuses.map { "'\($0.rawValue)'" }.sorted()
            .joined(separator: ",") + ")"
        if parsed.words.isEmpty && parsed.vats.isEmpty {
            return try values(Int64.self, sql: """
                SELECT a.id FROM accounts a WHERE a.id > ?\(filter) ORDER BY a.id LIMIT ?
                """, arguments: [after, limit])
        }
        if dialect == .postgresql {
            // The server splits, folds and quotes the words itself (PostgresSchema's account_search_ids).
            return try values(Int64.self, sql: PostgresSchema.searchAccountIds, arguments: [
                SearchQuery.selectiveFirst(parsed.words).joined(separator: " "), parsed.vats.joined(separator: " "),
                after, limit,
                all ? nil : statuses.map(\.rawValue).sorted().joined(separator: ",")])
        }
        guard let match = try matchExpression(parsed) else { return [] }
        let key = dialect.searchKey
        if all {
            return try values(Int64.self, sql: """
                SELECT s.\(key) FROM account_search s WHERE account_search MATCH ? AND s.\(key) > ?
                ORDER BY s.\(key) LIMIT ?
                """, arguments: [match, after, limit])
        }
        return try values(Int64.self, sql: """
            SELECT s.\(key) FROM account_search s JOIN accounts a ON a.id = s.\(key)
            WHERE account_search MATCH ? AND s.\(key) > ?\(filter) ORDER BY s.\(key) LIMIT ?
            """, arguments: [match, after, limit])
    }

    func setAccountStatus(_ id: Int64, _ status: AccountStatus, reason: String, by actor: Actor, at now: Date) throws {
        try execute(sql: """
            UPDATE accounts SET status = ?, status_reason = ?, status_by = ?, version = version + 1, updated_at = ?,
              updated_by = ? WHERE id = ?
            """, arguments: [status.rawValue, reason, actor.description, now, actor.description, id])
    }
}

/// Turns what a person types into an FTS5 query: each word becomes a quoted prefix term, all required.
public enum SearchQuery {
    public static func words(_ text: String) -> [String] {
        split(fold(text)).prefix(8).map(String.init)
    }

    /// Words as the FTS5 unicode61 tokenizer sees them: runs of letters and digits.
    static func split(_ folded: String) -> [Substring] {
        folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// Indexed text and queries pass through the same fold:
    /// - lowercase without accents, final sigma as σ, for every script: SQLite's own folding knows only Latin accents, so
    ///   "γιωργ" would not find "Γιώργος";
    /// - a space between letters and digits ("accounts123" → "accounts 123", "GR094512345" → "gr 094512345"):
    ///   otherwise every numbered mailbox or VAT number is a term of its own, and a prefix such as "account"
    ///   must merge a million of them (10 ms at 50,000 accounts, growing with the table).
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousIsDigit: Bool?
        for var s in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where s.properties.generalCategory != .nonspacingMark {
            if s == "ς" { s = "σ" }   // lowercased() gives σ for a final capital Σ: fold both to σ
            let isDigit = ("0"..."9").contains(s)
            let isLetter = !isDigit && s.properties.isAlphabetic
            if let previous = previousIsDigit, (isDigit || isLetter), previous != isDigit { out.append(" ") }
            previousIsDigit = isDigit || isLetter ? isDigit : nil
            out.append(s)
        }
        return String(out)
    }

    /// What of a contact the search index holds: one definition for contacts added one by one and in bulk.
    static func contactText(firstName: String?, lastName: String, email: String) -> String {
        "\(firstName ?? "") \(lastName) \(email)"
    }

    /// The VAT number as the index holds it: its folded words and the compact form ("pt 736123456
    /// pt736123456"), so both "736123" and "PT7361" find it.
    static func vatText(_ vat: String) -> String {
        let folded = fold(vat)
        let compact = String(vat.lowercased().filter { $0.isLetter || $0.isNumber })
        return folded + " " + compact
    }

    /// What was typed, split once: tokens that look like a VAT number (two letters and at least three
    /// digits) and the folded words of the rest.
    struct Parsed {
        var vats: [String]
        var words: [String]
    }

    static func parse(_ query: String) -> Parsed {
        // The list every terminal opens on: nothing to fold (Foundation's first decomposition took 0.1 ms of it).
        guard !query.isEmpty else { return Parsed(vats: [], words: []) }
        let tokens = query.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return Parsed(vats: tokens.filter(isVATPrefix).map(String.init),
                      words: words(tokens.filter { !isVATPrefix($0) }.joined(separator: " ")))
    }

    private static func isVATPrefix(_ token: Substring) -> Bool {
        let letters = token.prefix { $0.isASCII && $0.isLetter }
        let digits = token.dropFirst(letters.count)
        return letters.count == 2 && digits.count >= 3 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The code as the index holds it: its digits only ("000123"). "ACC" is in every code, so as a word
    /// it would make every account match and a typed "ACC-0001" walk a million rows.
    static func codeText(_ id: Int64) -> String { String(AccountCode.format(id).dropFirst(4)) }

    /// Drops an "acc" that only prefixes a code ("ACC-000123", "acc 12") and puts the most selective
    /// words first: FTS5 walks the first term of an AND and seeks the others, so a long or numeric word
    /// in front keeps a query with a common short word ("se" in "SE991") cheap.
    static func selectiveFirst(_ words: [String]) -> [String] {
        var kept: [String] = []
        for (i, w) in words.enumerated() {
            let next: String? = i + 1 < words.count ? words[i + 1] : nil
            if w == "acc", let next, next.allSatisfy(\.isNumber) { continue }
            kept.append(w)
        }
        func weight(_ w: String) -> Int { w.count + (w.allSatisfy(\.isNumber) ? 2 : 0) }
        return kept.enumerated().sorted { (weight($0.element), -$0.offset) > (weight($1.element), -$1.offset) }.map(\.element)
    }

    static func prefixTerm(_ word: String) -> String { "\"\(word)\"*" }
    static func exactTerm(_ word: String) -> String { "\"\(word)\"" }
    static func isAlphabetic(_ word: String) -> Bool { word.allSatisfy(\.isLetter) }
}
