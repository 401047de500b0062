import ResellerCore
import TerminalKit

/// The bank entries waiting for staff (domain.md#collections), oldest first: credits no payment reference,
/// invoice number or account code matched, and debits (a returned transfer, a charge), never booked silently.
/// Staff assign a credit to an account (the account picker, then it is booked as that account's payment) or
/// dismiss an entry with the reason; the highlighted entry's "why" shows under the table.
public struct UnmatchedPaymentsScreen: Screen {
    public enum Action: Sendable, Hashable { case assign, dismiss, back, reload, help, move(ListCursor.Move) }
    public enum Effect: Sendable, Equatable {
        /// The account picker for this entry.
        case assign(entryId: Int64)
        /// The dismiss dialog for this entry.
        case dismiss(entryId: Int64)
        case back, reload, help
    }

    public private(set) var entries: [BankEntryRecord]
    private var cursor: ListCursor
    public var selected: Int { cursor.selected }
    /// What the last action did, or why a key cannot act.
    public private(set) var notice: String?

    public static let keys: [Binding<Action>] = [
        Binding([.char("a")], "Assign", help: "assign the highlighted credit to an account (search, then asks): it "
                + "is booked as that account's payment", .assign),
        Binding([.char("d")], "Dismiss", help: "dismiss the highlighted entry with the reason (not ours, a debit "
                + "handled by hand): nothing is booked", .dismiss),
        Binding([.escape], "Back", help: "back to where it was opened from", .back),
        Binding([.ctrl("r")], "Reload", help: "read the waiting entries again", .reload),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "next entry", .up: "previous entry", .pageDown: "next page",
                             .pageUp: "previous page", .first: "oldest entry", .last: "newest entry"], Action.move)

    /// The keys in effect: both act on an entry; a debit cannot be assigned (the service refuses it too).
    public var bindings: [Binding<Action>] {
        Self.keys.map { b in
            switch b.action {
            case .assign: b.disabled(current.map(Self.assignRefusal) ?? Self.noneWaiting)
            case .dismiss: b.disabled(current == nil ? Self.noneWaiting : nil)
            default: b
            }
        }
    }

    static let noneWaiting = "No bank entry is waiting: each was booked, assigned or dismissed."

    /// Why an entry cannot be assigned, in the service's words for a debit.
    static func assignRefusal(_ entry: BankEntryRecord) -> String? {
        entry.direction == .debit ? "Entry \(entry.id) is a debit, not a payment: it cannot be assigned; dismiss it "
            + "with a reason." : nil
    }

    public var help: HelpScreen {
        HelpScreen(title: "Unmatched payments", bindings: bindings, notes: [
            "Bank statement entries waiting for staff, oldest first. A credit becomes a payment once assigned; a "
                + "debit (marked) is listed so it is never booked silently: reverse the payment it returns "
                + "(payment reverse), then dismiss it.",
        ])
    }

    /// `selected`: the row to highlight (kept when the list is read again after an action), clamped.
    public init(_ entries: [BankEntryRecord], notice: String? = nil, selected: Int = 0) {
        self.entries = entries
        self.notice = notice
        cursor = ListCursor(selected: max(0, min(selected, entries.count - 1)))
        var table = TextTable(Self.columns, gap: 1)
        entries.forEach { table.add(Self.cells($0)) }
        self.table = table
    }

    /// The entries as table cells, kept so each frame lays out the columns without measuring them again.
    private let table: TextTable

    static let columns = [TextTable.Column("Id", alignRight: true), TextTable.Column("Booked"),
                          TextTable.Column("Amount", alignRight: true), TextTable.Column(""),
                          TextTable.Column("Debtor", flexible: true), TextTable.Column("Remittance", flexible: true)]

    static func cells(_ e: BankEntryRecord) -> [String] {
        [String(e.id), e.bookingDate?.description ?? "-", e.amount.display, e.direction == .debit ? "debit" : "",
         e.debtorName ?? "-", e.remittance.isEmpty ? "-" : e.remittance]
    }

    /// "120.00 EUR from Debtor GmbH, booked 2027-03-01 («remittance»)": an entry in a sentence.
    public static func describe(_ e: BankEntryRecord) -> String {
        let kind = e.direction == .debit ? "a debit of " : ""
        let from = e.debtorName.map { e.direction == .debit ? " to \($0)" : " from \($0)" } ?? ""
        let booked = e.bookingDate.map { ", booked \($0)" } ?? ""
        let remittance = e.remittance.isEmpty ? "" : " «\(e.remittance)»"
        return kind + e.amount.display + from + booked + remittance
    }

    private var current: BankEntryRecord? { entries.indices.contains(selected) ? entries[selected] : nil }

    /// Rows of the table: title, column titles, two lines for the highlighted entry and the footer.
    static func visibleRows(_ height: Int) -> Int { max(1, height - 5) }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        var asked: (question: String, effect: Effect)?
        let pressed = Binding.press(key, in: bindings, asked: &asked, declined: "", notice: &notice)
        guard case .act(let action) = pressed else { return pressed.effects }
        switch action {
        case .back: return [.back]
        case .reload: return [.reload]
        case .help: return [.help]
        case .assign:
            guard let entry = current else { return [] }
            return [.assign(entryId: entry.id)]
        case .dismiss:
            guard let entry = current else { return [] }
            return [.dismiss(entryId: entry.id)]
        case .move(let move): cursor.move(move, count: entries.count, page: Self.visibleRows(height))
        }
        return []
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let count = entries.isEmpty ? "none waiting" : "\(selected + 1) of \(entries.count) waiting"
        g.titleBar("ResellerDesk · Unmatched payments", right: count)
        g.listTable(table, y: 1, cursor: cursor, rows: Self.visibleRows(height)) { i in
            entries[i].direction == .debit ? .warning : .normal
        }
        if entries.isEmpty { g.put("No unmatched payments: every bank entry is booked or decided.", x: 1, y: 3,
                                   style: .muted) }
        // Why the highlighted entry waits, uncut on two lines (a notice takes the second): the remittance
        // column gives way at 80 columns, and the why of a credit quotes it whole.
        let statusY = height - 2
        if let entry = current {
            let why = "Entry \(entry.id) from \(entry.file): " + (entry.why ?? "no reason recorded")
            let lines = DisplayWidth.wrap(why, to: width - 2, lines: notice == nil ? 2 : 1)
            for (k, line) in lines.enumerated() {
                g.put(line, x: 1, y: statusY - 1 + k, style: .muted, maxWidth: width - 2)
            }
        }
        if let notice { g.statusLine(.notice(notice), y: statusY) }
        g.footer(bindings, y: height - 1)
        return g
    }
}
