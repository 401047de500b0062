import Foundation
import GRDB

/// What `storage copy` did: every table with its rows, what was checked before it committed, and where.
public struct CopyReport: Sendable {
    /// The two desks as named in messages and the audit (a PostgreSQL URL without its password).
    public let source: String
    public let target: String
    /// Every table of the desk in the order written, with the rows copied (as many as the source holds).
    public let tables: [(table: String, rows: Int)]
    /// The accounts whose ledger balances were compared, one by one: every account.
    public let accounts: Int
    public let invoices: NumberRun
    public let creditNotes: NumberRun
    public let counters: [(name: String, value: Int64)]
    public let seconds: Double

    public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// `storage copy`: a whole desk from one engine to another (SQLite → PostgreSQL, PostgreSQL → SQLite, or
/// between two of either), with the desk offline. The source is read in one read transaction (one instant of
/// it); the target is written in one transaction, checked against the source inside it, and committed only if
/// everything is equal: a copy is whole or not at all. Ids are kept, so codes, numbers and every reference
/// stay as they were.
extension Store {
    public static func copy(from source: String, to target: String, by actor: Actor, now: Date = Date(),
                            journal: Journal = .system) throws(ServiceError) -> CopyReport {
        try copy(from: source, to: target, by: actor, now: now, journal: journal, beforeCheck: { _ in })
    }

    /// `beforeCheck` runs on the target's transaction once every row is written (tests spoil the copy there).
    static func copy(from source: String, to target: String, by actor: Actor, now: Date, journal: Journal,
                     beforeCheck: (StoreTx) throws -> Void) throws(ServiceError) -> CopyReport {
        let started = Date()
        let names = (from: DatabaseLocation.named(source), to: DatabaseLocation.named(target))
        try CopyEnds.refuseSame(source, target, named: names.to)
        try CopyEnds.refuseMissing(source)
        for (location, flag) in [(source, "from"), (target, "to")] {
            try CopyEnds.refuseSQLiteInUse(location, flag: flag)
        }
        let from = try CopyEnds.open(source, journal: journal)
        let to = try CopyEnds.open(target, journal: journal)
        let (tables, checked) = try to.write(isolation: .lockedRows) { t in
            try from.read { s in
                try CopyEnds.prepare(source: (s, names.from), target: (t, names.to))
                do {
                    var tables: [(table: String, rows: Int)] = []
                    for table in copyTables {
                        do {
                            tables.append((table.name, try CopyRows.copy(table, from: s, to: t)))
                        } catch {
                            throw ServiceError.storage("table \(table.name): " + explain(error, source, target))
                        }
                    }
                    try beforeCheck(t)
                    let checked = try CopyCheck(source: s, target: t, sourceName: names.from).run(copied: tables)
                    // Last: PostgreSQL does not roll a sequence back.
                    for table in copyTables where table.hasIdentity {
                        try CopyIdentities.continueAfter(try CopyIdentities.highWater(of: table, on: s), table: table,
                                                         on: t)
                    }
                    let rows = tables.reduce(0) { $0 + $1.rows }
                    try t.audit(actor, "desk", 0, "copy", ["from": [nil, names.from], "rows": [nil, "\(rows)"]],
                                at: now)
                    return (tables, checked)
                } catch {
                    throw ServiceError.storage(explain(error, source, target) + "; nothing was copied, \(names.to) "
                                               + "is as it was")
                }
            }
        }
        to.settleAfterCopy()
        return CopyReport(source: names.from, target: names.to, tables: tables, accounts: checked.accounts,
                          invoices: checked.invoices, creditNotes: checked.creditNotes, counters: checked.counters,
                          seconds: Date().timeIntervalSince(started))
    }

    /// An engine's error as a sentence, whichever engine raised it (a copy reads one and writes the other): named
    /// after the target, which is written, unless only the source is on that engine.
    private static func explain(_ error: Error, _ source: String, _ target: String) -> String {
        let pick = { (isPostgres: Bool) in DatabaseLocation.named(
            DatabaseLocation.isPostgres(target) == isPostgres ? target : source) }
        let described = (error as? ServiceError)
            ?? (error is PGError ? describePostgres(error, url: pick(true)) : describe(error, path: pick(false)))
        return described.fieldErrors.map(\.message).joined(separator: "; ")
    }

    /// A bulk load leaves the planner without statistics (PostgreSQL) and the search index in many segments
    /// with a WAL as large as the desk (SQLite): tidied after the commit. The copy is made whether or not this
    /// succeeds, and each engine does it later by itself, so a failure here is not reported.
    private func settleAfterCopy() {
        switch engine {
        case .sqlite: try? optimize()
        case .postgresql(let pool): _ = try? pool.connection { c in try c.execute(script: "ANALYZE") }
        }
    }
}
