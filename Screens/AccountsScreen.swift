import ResellerCore
import TerminalKit

/// The home screen: the accounts table with search as you type. A value: `update` turns events into
/// effects (search, open, quit) that the runtime carries out against the service and feeds back as events.
public struct AccountsScreen: Screen {
    public enum Action: Sendable, Equatable {
        case open, clear, add, outbox, submittedOrders, priceLists, billing, collections
        case move(ListCursor.Move), help, refresh, quit
    }

    public enum Event: Sendable {
        case key(Key)
        /// A page of results for request `request`; answers to older requests are dropped.
        case results(request: Int, page: AccountPage, append: Bool)
        case failed(String)
        /// The terminal changed size: a taller list may need the next page.
        case resized
    }

    public enum Effect: Sendable, Equatable {
        case search(query: String, after: Int64, request: Int)
        case open(accountId: Int64)
        case add
        case outbox
        case submittedOrders
        case priceLists
        case billing
        case collections
        case help
        case quit
    }

    /// The search: every printable character of any script lands here, so it is always being edited.
    public private(set) var query = LineEditor(maxLength: 100)
    public private(set) var rows: [AccountSummary] = []
    private var cursor = ListCursor()
    public var selected: Int { cursor.selected }
    public private(set) var nextAfter: Int64?
    /// Why a search failed, or the terminal's warning at start.
    public private(set) var notice: String?
    private var request = 0
    private var loading = false
    /// The rows shown are not yet those of the query typed: a new search is on its way.
    private var stale = false
    /// Enter came while the search was on its way: the first match opens when it arrives, so one Enter
    /// after typing always opens what the query finds, never the row the previous query left highlighted.
    private var openWhenLoaded = false

    /// Commands sit on keys no name can start with (Ctrl- chords, F-keys, Enter, Esc, arrows): a letter,
    /// a digit, `?` or `q` is always text for the search. Keys the editor also knows (Home, End) are
    /// taken here first, on purpose: Ctrl-A and Ctrl-E still move in the search.
    public static let bindings: [Binding<Action>] = [
        // Out of the footer to make room for F8: Enter opening the account found is what everyone expects.
        Binding([.enter], "Open", help: "open the highlighted account (first match unless moved)", .open,
                footer: false),
        Binding([.ctrl("n"), .function(2)], "New", help: "new account", .add),
        // F-keys first: the footer names the first key, and with them every entry fits in 80 columns.
        Binding([.function(5), .ctrl("o")], "Outbox", help: "the emails and their delivery", .outbox),
        Binding([.function(6), .ctrl("t")], "Orders", help: "the Submitted orders (held for credit) of every account",
                .submittedOrders),
        Binding([.function(7), .ctrl("p")], "Lists", help: "the price lists: state, edit, import, who uses each",
                .priceLists),
        Binding([.function(8), .ctrl("g")], "Billing", help: "the billing run: its forecast through a day, then "
                + "running it with its progress and report", .billing),
        // Out of the footer: it is full at 80 columns (Help and Quit last), and each of the others opens more
        // often; F1 and docs/keys.md list it. Its help and Enter's fit one line each, so that the first page
        // of the help still says that typing searches.
        Binding([.function(9), .ctrl("x")], "Collections", help: "collections: overdue accounts and unmatched bank "
                + "payments", .collections, footer: false),
        // Out of the footer to make room: Esc clearing a search is what everyone expects.
        Binding([.escape], "Clear", help: "clear the search", .clear, footer: false),
        Binding([.function(1)], "Help", help: "this help", .help),
        Binding([.ctrl("q"), .function(10), .ctrl("c")], "Quit", help: "leave ResellerDesk", .quit),
    ] + ListCursor.bindings([.down: "next account", .up: "previous account", .pageDown: "next page",
                             .pageUp: "previous page", .first: "first account", .last: "last loaded account"],
                            letters: false, Action.move) + [
        Binding([.ctrl("r")], "", help: "search again (the list as stored now)", .refresh, footer: false),
    ]

    /// Every key, and what every other key does here.
    public static var help: HelpScreen {
        HelpScreen(title: "Accounts", bindings: bindings,
                   notes: ["Anything else you type searches, in any script: name, trading name, code, email, "
                           + "VAT number, contact names and emails.",
                           "Ctrl-A, Ctrl-E, Ctrl-U, Ctrl-W, ← and → edit the search."])
    }

    public init() {}

    public var bindings: [Binding<Action>] { Self.bindings }
    public var help: HelpScreen { Self.help }
    public mutating func update(_ key: Key, height: Int) -> [Effect] { update(.key(key), height: height) }

    /// The first load.
    public mutating func start() -> [Effect] { [requestSearch(after: 0)] }

    /// A new request number, for a search the runtime starts itself (after a save).
    public mutating func nextRequest() -> Int {
        request += 1
        loading = true
        return request
    }

    private mutating func requestSearch(after: Int64) -> Effect {
        if after == 0 { stale = true }
        return .search(query: query.text, after: after, request: nextRequest())
    }

    /// Rows of the table for a terminal `height` lines high: the title, the search, the column titles, two
    /// lines for the highlighted account uncut, and the footer take the rest.
    static func visibleRows(_ height: Int) -> Int { max(1, height - 6) }

    public mutating func update(_ event: Event, height: Int = 24) -> [Effect] {
        switch event {
        case .results(let id, let page, let append):
            guard id == request else { return [] }   // a newer search is on its way
            loading = false
            stale = false
            notice = nil
            rows = append ? rows + page.rows : page.rows
            nextAfter = page.nextAfter
            if !append { cursor = ListCursor() }
            guard openWhenLoaded else { return fill(height: height) }
            openWhenLoaded = false
            return perform(.open, height: height)
        case .resized:
            return fill(height: height)
        case .failed(let text):
            loading = false
            stale = false
            openWhenLoaded = false
            notice = text
            return []
        case .key(let key):
            // Any other key after the Enter (moving, typing on) says the user is not done choosing.
            if key != .enter { openWhenLoaded = false }
            if let action = Binding.action(for: key, in: Self.bindings) { return perform(action, height: height) }
            let before = query.text
            guard query.handle(key), query.text != before else { return [] }
            return [requestSearch(after: 0)]
        }
    }

    /// The next page when the rows loaded do not fill the list (a page is a screenful when asked for; the
    /// terminal may have grown since), so the list never stands half empty while more accounts match.
    private mutating func fill(height: Int) -> [Effect] {
        guard rows.count < Self.visibleRows(height), let after = nextAfter, !loading, !stale else { return [] }
        return [requestSearch(after: after)]
    }

    private mutating func perform(_ action: Action, height: Int) -> [Effect] {
        let page = Self.visibleRows(height)
        switch action {
        case .open:
            if stale {
                openWhenLoaded = true
                return []
            }
            return rows.indices.contains(selected) ? [.open(accountId: rows[selected].account.id)] : []
        case .clear:
            guard !query.text.isEmpty else { return [] }
            query.set("")
            return [requestSearch(after: 0)]
        case .add: return [.add]
        case .outbox: return [.outbox]
        case .submittedOrders: return [.submittedOrders]
        case .priceLists: return [.priceLists]
        case .billing: return [.billing]
        case .collections: return [.collections]
        case .help: return [.help]
        case .quit: return [.quit]
        case .refresh: return [requestSearch(after: 0)]
        case .move(let move):
            // Near the end of what is loaded, the next page is asked for.
            guard !rows.isEmpty else { return [] }
            cursor.move(move, count: rows.count, page: page)
            if selected >= rows.count - page, let after = nextAfter, !loading { return [requestSearch(after: after)] }
            return []
        }
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let count = rows.isEmpty ? "no accounts" : "\(rows.count)\(nextAfter != nil ? "+" : "") shown"
        g.titleBar("ResellerDesk · Accounts", right: count)

        let label = "Search: "
        g.put(label, x: 1, y: 1, style: .key)
        let field = query.visible(width: width - DisplayWidth.of(label) - 2)
        if field.text.isEmpty {
            g.put("type a name, code, email, VAT number or contact", x: 1 + DisplayWidth.of(label), y: 1, style: .muted)
        } else {
            g.put(field.text, x: 1 + DisplayWidth.of(label), y: 1)
        }
        g.cursor = (1 + DisplayWidth.of(label) + field.cursorColumn, 1)

        let widths = AccountsTable.widths(for: width - 2)
        g.put(AccountsTable.line(AccountsTable.columns.map(\.title), widths: widths), x: 1, y: 2, style: .muted)
        let page = Self.visibleRows(height)
        for (i, summary) in rows.dropFirst(cursor.top).prefix(page).enumerated() {
            let index = cursor.top + i, y = 3 + i
            let style: CellStyle = index == selected ? .selected : .normal
            if style != .normal { g.fill(x: 0, y: y, width: width, style: style) }
            g.put(AccountsTable.line(AccountsTable.cells(summary), widths: widths), x: 1, y: y, style: style)
        }
        if rows.isEmpty && !loading {
            let add = Binding.label(of: .add, in: Self.bindings)
            let empty = query.text.isEmpty ? "No accounts yet. Press \(add) to add the first one."
                : "No account matches \"\(query.text)\"."
            g.put(empty, x: 1, y: 4, style: .muted)
        }
        if rows.indices.contains(selected) {
            // The highlighted account uncut, on two lines (a notice takes the second): the name column gives
            // way at 80 columns.
            let f = rows[selected].account.fields
            let full = TextTable.full([f.name, f.tradingName.map { "trading as \($0)" } ?? "", f.email])
            for (k, line) in DisplayWidth.wrap(full, to: width - 2, lines: notice == nil ? 2 : 1).enumerated() {
                g.put(line, x: 1, y: height - 3 + k, style: .muted, maxWidth: width - 2)
            }
        }
        if let notice { g.statusLine(.notice(notice), y: height - 2) }
        g.footer(Self.bindings, y: height - 1)
        return g
    }
}
