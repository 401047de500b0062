import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// `account_search_ids` on PostgreSQL walks the primary key in steps sized from the matches it has found, and
/// hands over to the GIN index when the rest lie far (PostgresSearch). A desk of a few accounts never leaves
/// the first walk of 10,000 ids: here 60,000 accounts, written by SQL in seconds, take every path, and each
/// answer is held to the plain query it stands for (every match after the id, in id order, the first n).
@Suite(.postgresOnly) struct PostgresSearchWalkTests {
    /// Every account has "common"; "sparse" 1 in 700 (14 in the first walk: a second walk, sized from them),
    /// "rare" 1 in 9,000 (1 in the first walk: too far to walk, the index), "late" only past id 30,000 (none
    /// in the first walk: the index at once). Every 1,400th account is suspended.
    static func desk() throws -> Fixture {
        let fx = try Fixture()
        try fx.service.store.write { tx in
            try tx.script("""
                INSERT INTO accounts (id, name, type, email, country, currency, account_manager, created_at,
                                      updated_at, updated_by, status)
                SELECT i, 'Walk ' || i, 'Reseller', 'a' || i || '@walk.example', 'GR', 'EUR', 'test',
                       '2027-01-01 00:00:00.000', '2027-01-01 00:00:00.000', 'test',
                       CASE WHEN i % 1400 = 0 THEN 'suspended' ELSE 'active' END
                  FROM generate_series(1, 60000) AS i;
                INSERT INTO account_search (account_id, name, code, email, contacts)
                SELECT i, 'Walk ' || i || ' common'
                          || CASE WHEN i % 700 = 0 THEN ' sparse' ELSE '' END
                          || CASE WHEN i % 9000 = 0 THEN ' rare' ELSE '' END
                          || CASE WHEN i > 30000 AND i % 50 = 0 THEN ' late' ELSE '' END,
                       'ACC-' || i, 'a' || i || '@walk.example', ''
                  FROM generate_series(1, 60000) AS i;
                ANALYZE accounts, account_search;
                """)
        }
        return fx
    }

    /// What the function answers, and what the plain query over every row answers.
    static func both(_ fx: Fixture, _ words: String, after: Int64 = 0, n: Int = 51,
                     statuses: String? = nil) throws -> (walked: [Int64], plain: [Int64]) {
        try fx.service.store.read { tx in
            let walked = try tx.values(Int64.self, sql: PostgresSchema.searchAccountIds,
                                       arguments: [words, "", after, n, statuses])
            let plain = try tx.values(Int64.self, sql: """
                SELECT s.account_id FROM account_search s JOIN accounts a ON a.id = s.account_id
                 WHERE s.document @@ account_search_query(?, '') AND s.account_id > ?
                   AND (CAST(? AS TEXT) IS NULL OR a.status = ANY (string_to_array(?, ',')))
                 ORDER BY s.account_id LIMIT ?
                """, arguments: [words, after, statuses, statuses, n])
            return (walked, plain)
        }
    }

    @Test func everyPathAnswersAsThePlainQuery() throws {
        let fx = try Self.desk()
        for (words, after, statuses) in [("common", Int64(0), String?.none), ("spars", 0, nil), ("rare", 0, nil),
                                         ("late", 0, nil), ("spars comm", 0, nil), ("spars", 20_000, nil),
                                         ("spars", 0, "active"), ("rare", 0, "active,suspended"),
                                         ("spars", 59_000, nil), ("nothing", 0, nil)] {
            let (walked, plain) = try Self.both(fx, words, after: after, statuses: statuses)
            #expect(walked == plain, "\(words) after \(after), statuses \(statuses ?? "all")")
        }
        // The figures the paths stand for, so the desk above really takes each of them.
        #expect(try Self.both(fx, "spars").plain.count == 51)   // 14 in the first walk, the rest walked to
        #expect(try Self.both(fx, "rare").plain == [9000, 18000, 27000, 36000, 45000, 54000])
        #expect(try Self.both(fx, "late").plain.first == 30050)
        #expect(try Self.both(fx, "spars", statuses: "active").plain.allSatisfy { $0 % 1400 != 0 })
    }

    @Test func theServicePagesThroughAWalk() throws {
        let fx = try Self.desk()
        let first = try fx.service.searchAccounts("sparse", limit: 50)
        #expect(first.rows.map(\.account.id) == (1...50).map { Int64($0 * 700) })
        let next = try fx.service.searchAccounts("sparse", after: first.rows.last!.account.id, limit: 50)
        #expect(next.rows.map(\.account.id) == (51...85).map { Int64($0 * 700) })
    }
}
