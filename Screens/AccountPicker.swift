import ResellerCore
import TerminalKit

/// Picks one account for something (`Context`: what the pick is for, e.g. a bank entry to assign): search as
/// you type, the Accounts screen's search, each match with its currency and balance; an account the service
/// would refuse is marked before anyone picks it; Enter asks y/n naming the account, and y is the pick.
public struct AccountPicker<Context: Sendable>: Screen {
    public enum Action: Sendable, Equatable { case pick, cancel, help, move(ListCursor.Move) }
    public enum Effect: Sendable, Equatable {
        /// The accounts matching `query`; the answer comes back by `showResults` with its `request`.
        case search(query: String, request: Int)
        case picked(accountId: Int64)
        case cancel, help
    }

    /// The picker's name in its help ("Assign to an account").
    public let name: String
    public let title: String
    /// What the pick is for, in a line under the search.
    public let subtitle: String
    public let context: Context
    /// The y/n before the pick acts, naming the account.
    private let question: @Sendable (Account) -> String
    /// Why the service would refuse an account (another currency), if it would.
    private let refusal: @Sendable (Account) -> String?
    /// What the notice says when the question is answered no ("Not assigned.").
    private let declined: String
    private let common: [Binding<Action>]

    public private(set) var query = LineEditor(maxLength: 100)
    public private(set) var rows: [AccountSummary] = []
    /// More accounts match than were read: the search should be narrowed.
    public private(set) var more = false
    private var cursor = ListCursor()
    public var selected: Int { cursor.selected }
    private var request = 0
    /// The service's refusal, or a key's reason.
    public private(set) var notice: String?
    public private(set) var confirming: (question: String, effect: Effect)?

    /// `pick`: the footer's label and help of Enter ("Assign", "assign the entry to …").
    public init(_ name: String, title: String, subtitle: String, context: Context, pick: (label: String, help: String),
                declined: String, question: @escaping @Sendable (Account) -> String,
                refusal: @escaping @Sendable (Account) -> String? = { _ in nil }) {
        self.name = name; self.title = title; self.subtitle = subtitle; self.context = context
        self.question = question; self.refusal = refusal; self.declined = declined
        common = Self.keys(pick: pick)
    }

    /// The picker's keys; every other key edits the search (so help is F1: `?` is text here).
    public static func keys(pick: (label: String, help: String)) -> [Binding<Action>] {
        [
            Binding([.enter], pick.label, help: pick.help + " (asks first)", .pick),
            Binding([.escape], "Cancel", help: "close without choosing", .cancel),
            Binding([.function(1)], "Help", help: "this help", .help),
        ] + ListCursor.bindings([.down: "highlight the account below", .up: "highlight the account above",
                                 .pageDown: "a page down", .pageUp: "a page up"], letters: false, Action.move)
    }

    private var current: AccountSummary? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// The keys in effect: Enter says why when no account is highlighted or the service would refuse it.
    public var bindings: [Binding<Action>] {
        common.map { b in
            guard case .pick = b.action else { return b }
            guard let row = current else {
                return b.disabled(query.text.isEmpty ? "No account to choose."
                                                     : "No account matches \"\(query.text)\".")
            }
            return b.disabled(refusal(row.account))
        }
    }

    public var help: HelpScreen {
        HelpScreen(title: name, groups: [HelpScreen.Group("", bindings),
                                         HelpScreen.Group("The search", LineEditor.bindings)],
                   notes: ["Typing searches as on the Accounts screen: name, trading name, code, email, VAT number, "
                           + "contact names and emails.",
                           "[-]: the service would refuse the account (the reason shows below)."])
    }

    /// The first search: every account, in code order.
    public mutating func start() -> [Effect] { [nextSearch()] }

    private mutating func nextSearch() -> Effect {
        request += 1
        return .search(query: query.text, request: request)
    }

    /// The accounts found for `request`; an answer to an older search is dropped.
    public mutating func showResults(request: Int, rows: [AccountSummary], more: Bool) {
        guard request == self.request else { return }
        self.rows = rows
        self.more = more
        cursor = ListCursor()
    }

    /// The service refused (the search, or the pick): its words in the status line.
    public mutating func showRefusal(_ message: String) { notice = message }

    /// Rows of the list: title, search, subtitle, column titles, the status line and the footer take the rest.
    static func listRows(_ height: Int) -> Int { max(1, height - 6) }

    public mutating func update(_ key: Key, height: Int = 24) -> [Effect] {
        if confirming == nil, Binding.binding(for: key, in: bindings) == nil {
            let before = query.text
            guard query.handle(key), query.text != before else { return [] }
            notice = nil
            return [nextSearch()]
        }
        let pressed = Binding.press(key, in: bindings, asked: &confirming, declined: declined, notice: &notice)
        guard case .act(let action) = pressed else { return pressed.effects }
        switch action {
        case .cancel: return [.cancel]
        case .help: return [.help]
        case .move(let move): cursor.move(move, count: rows.count, page: Self.listRows(height))
        case .pick:
            guard let row = current else { return [] }
            confirming = (question(row.account), .picked(accountId: row.account.id))
        }
        return []
    }

    static var columns: [TextTable.Column] {
        [TextTable.Column(""), TextTable.Column("Code"), TextTable.Column("Name", flexible: true),
         TextTable.Column("Cur"), TextTable.Column("Balance", alignRight: true), TextTable.Column("Status")]
    }

    func cells(_ s: AccountSummary) -> [String] {
        [refusal(s.account) == nil ? "   " : "[-]", s.account.code, s.account.name, s.account.fields.currency,
         s.balance.display, s.account.status.label]
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let found = rows.isEmpty ? "none found" : "\(rows.count)\(more ? "+" : "") found"
        g.titleBar(title, right: found)
        g.put("Search: ", x: 1, y: 1, style: .key)
        let field = query.visible(width: width - 11)
        g.put(field.text, x: 9, y: 1)
        g.cursor = (9 + field.cursorColumn, 1)
        g.put(subtitle, x: 1, y: 2, style: .muted, maxWidth: width - 2)
        var table = TextTable(Self.columns, gap: 1)
        rows.forEach { table.add(cells($0)) }
        g.listTable(table, y: 3, cursor: cursor, rows: Self.listRows(height)) { i in
            table.rows[i][0] == "[-]" ? .muted : .normal
        }
        if rows.isEmpty {
            g.put(query.text.isEmpty ? "No accounts." : "No account matches \"\(query.text)\".", x: 1, y: 5,
                  style: .muted)
        }
        let statusY = height - 2
        if let confirming {
            g.statusLine(.question(confirming.question), y: statusY)
        } else if let notice {
            g.statusLine(.notice(notice), y: statusY)
        } else if let row = current, let reason = refusal(row.account) {
            g.putWrapped(reason, x: 1, bottom: statusY, width: width - 2, style: .invalid, maxLines: 2)
        } else if more {
            g.statusLine(.hint("More accounts match: type more of the name or the code."), y: statusY)
        }
        g.footer(bindings, y: height - 1)
        return g
    }
}
