import ResellerCore
import TerminalKit

/// The home screen: the accounts table with search as you type. A value: `update` turns events into
/// effects (search, open, quit) that the runtime carries out against the service and feeds back as events.
public struct AccountsScreen: Sendable {
    public enum Action: Sendable { case open, search, add, outbox, next, previous, pageDown, pageUp, first, last, help, refresh, quit }

    public enum Event: Sendable {
        case key(Key)
        /// A page of results for request `request`; answers to older requests are dropped.
        case results(request: Int, page: AccountPage, append: Bool)
        case failed(String)
    }

    public enum Effect: Sendable, Equatable {
        case search(query: String, after: Int64, request: Int)
        case open(accountId: Int64)
        case add
        case outbox
        case help
        case quit
    }

    public private(set) var query = LineEditor(maxLength: 100)
    public private(set) var searching = false
    public private(set) var rows: [AccountSummary] = []
    public private(set) var selected = 0
    public private(set) var top = 0
    public private(set) var nextAfter: Int64?
    public private(set) var message: String?
    private var request = 0
    private var loading = false

    public static let bindings: [Binding<Action>] = [
        Binding([.enter], "Open", help: "open the highlighted account", .open),
        Binding([.char("/")], "Search", help: "search by name, code, email, VAT number or contact", .search),
        Binding([.char("a")], "Add", help: "new account", .add),
        Binding([.char("o")], "Outbox", help: "the emails and their delivery", .outbox),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
        Binding([.char("q"), .ctrl("c")], "Quit", help: "leave ResellerDesk", .quit),
        Binding([.down, .char("j")], "", help: "next account", .next, footer: false),
        Binding([.up, .char("k")], "", help: "previous account", .previous, footer: false),
        Binding([.pageDown], "", help: "next page", .pageDown, footer: false),
        Binding([.pageUp], "", help: "previous page", .pageUp, footer: false),
        Binding([.home, .char("g")], "", help: "first account", .first, footer: false),
        Binding([.end, .char("G")], "", help: "last loaded account", .last, footer: false),
        Binding([.ctrl("r")], "", help: "reload", .refresh, footer: false),
    ]

    public init() {}

    /// The first load.
    public mutating func start() -> [Effect] { [requestSearch(after: 0)] }

    /// A new request number, for a search the runtime starts itself (after a save).
    public mutating func nextRequest() -> Int {
        request += 1
        loading = true
        return request
    }

    private mutating func requestSearch(after: Int64) -> Effect {
        .search(query: query.text, after: after, request: nextRequest())
    }

    /// Rows of the table for a terminal `height` lines high (title, search, header, message, footer).
    static func visibleRows(_ height: Int) -> Int { max(1, height - 5) }

    public mutating func update(_ event: Event, height: Int = 24) -> [Effect] {
        switch event {
        case .results(let id, let page, let append):
            guard id == request else { return [] }   // a newer search is on its way
            loading = false
            message = nil
            rows = append ? rows + page.rows : page.rows
            nextAfter = page.nextAfter
            if !append { selected = 0; top = 0 }
            return []
        case .failed(let text):
            loading = false
            message = text
            return []
        case .key(let key):
            if searching {
                switch key {
                case .enter, .down:
                    searching = false
                    return []
                case .escape:
                    searching = false
                    if query.text.isEmpty { return [] }
                    query.set("")
                    return [requestSearch(after: 0)]
                default:
                    let before = query.text
                    guard query.handle(key) else { return [] }
                    return query.text == before ? [] : [requestSearch(after: 0)]
                }
            }
            guard let action = Binding.action(for: key, in: Self.bindings) else {
                // Typing a letter or digit starts a search with it.
                if case .char(let c) = key, c.isLetter || c.isNumber {
                    searching = true
                    query.handle(key)
                    return [requestSearch(after: 0)]
                }
                return []
            }
            return perform(action, height: height)
        }
    }

    private mutating func perform(_ action: Action, height: Int) -> [Effect] {
        let page = Self.visibleRows(height)
        switch action {
        case .open: return rows.indices.contains(selected) ? [.open(accountId: rows[selected].account.id)] : []
        case .search: searching = true; return []
        case .add: return [.add]
        case .outbox: return [.outbox]
        case .help: return [.help]
        case .quit: return [.quit]
        case .refresh: return [requestSearch(after: 0)]
        case .next: return move(to: selected + 1, page: page)
        case .previous: return move(to: selected - 1, page: page)
        case .pageDown: return move(to: selected + page, page: page)
        case .pageUp: return move(to: selected - page, page: page)
        case .first: return move(to: 0, page: page)
        case .last: return move(to: rows.count - 1, page: page)
        }
    }

    /// Moves the highlight, scrolling; near the end of what is loaded, asks for the next page.
    private mutating func move(to index: Int, page: Int) -> [Effect] {
        guard !rows.isEmpty else { return [] }
        selected = min(max(0, index), rows.count - 1)
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        if selected >= rows.count - page, let after = nextAfter, !loading { return [requestSearch(after: after)] }
        return []
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("ResellerDesk · Accounts", x: 1, y: 0, style: .title)
        let count = rows.isEmpty ? "no accounts" : "\(rows.count)\(nextAfter != nil ? "+" : "") shown"
        g.put(count, x: width - DisplayWidth.of(count) - 1, y: 0, style: .title)

        let label = "Search: "
        g.put(label, x: 1, y: 1, style: searching ? .key : .muted)
        let field = query.visible(width: width - DisplayWidth.of(label) - 2)
        g.put(field.text.isEmpty && !searching ? "(type to search; / to focus)" : field.text,
              x: 1 + DisplayWidth.of(label), y: 1, style: field.text.isEmpty && !searching ? .muted : .normal)
        if searching { g.cursor = (1 + DisplayWidth.of(label) + field.cursorColumn, 1) }

        let widths = AccountsTable.widths(for: width - 2)
        g.put(AccountsTable.line(AccountsTable.columns.map(\.title), widths: widths), x: 1, y: 2, style: .muted)
        let page = Self.visibleRows(height)
        for (i, summary) in rows.dropFirst(top).prefix(page).enumerated() {
            let index = top + i, y = 3 + i
            let style: CellStyle = index == selected ? (searching ? .focused : .selected) : .normal
            if style != .normal { g.fill(x: 0, y: y, width: width, style: style) }
            g.put(AccountsTable.line(AccountsTable.cells(summary), widths: widths), x: 1, y: y, style: style)
        }
        if rows.isEmpty && !loading {
            g.put(query.text.isEmpty ? "No accounts yet. Press a to add the first one." : "No account matches \"\(query.text)\".",
                  x: 1, y: 4, style: .muted)
        }
        if let message { g.put(message, x: 1, y: height - 2, style: .warning) }
        g.put(Binding.footer(Self.bindings, width: width - 2), x: 1, y: height - 1, style: .key)
        return g
    }
}
