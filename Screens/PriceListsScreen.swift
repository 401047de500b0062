import Foundation
import ResellerCore
import TerminalKit

/// What the price-lists screen shows: every list, each list's items and the accounts it is assigned to
/// (read whole on opening: a distributor has tens of lists, not thousands), and the day validity is judged on.
public struct PriceListsContent: Sendable {
    public var lists: [PriceList]
    public var items: [Int64: [PriceListItem]]
    public var users: [Int64: [AccountSummary]]
    public var today: CalendarDay

    public init(lists: [PriceList], items: [Int64: [PriceListItem]], users: [Int64: [AccountSummary]],
                today: CalendarDay) {
        self.lists = lists; self.items = items; self.users = users; self.today = today
    }
}

/// Every price list with its currency, validity, state, item count and how many accounts use it; under the
/// table, the highlighted list's description, its accounts and its items. Staff activate or deactivate a
/// list (asked first when accounts use it), import a CSV that replaces its items (a path typed in a
/// prompt), and edit its name, validity and description (the Edit price list dialog, `PriceListDialog`).
public struct PriceListsScreen: Screen {
    public enum Action: Sendable, Hashable {
        case toggleActive, importItems, edit, back, reload, help, move(ListCursor.Move)
        /// In the CSV path prompt.
        case promptEnter, promptCancel
    }
    public enum Effect: Sendable, Equatable {
        case setActive(list: String, active: Bool)
        case importCSV(list: String, path: String)
        /// The Edit price list dialog over this list.
        case edit(PriceList)
        case back, reload, help
    }

    public let content: PriceListsContent
    private var cursor: ListCursor
    public var selected: Int { cursor.selected }
    /// What the last action did, or every problem the service found (each shown whole).
    public private(set) var messages: [String]
    public private(set) var messagesAreProblems = false
    public private(set) var confirming: (question: String, effect: Effect)?
    /// The CSV path being typed, while the import prompt is open.
    public private(set) var importPath: LineEditor?

    public static let keys: [Binding<Action>] = [
        Binding([.char("a")], "Active", help: "activate or deactivate the highlighted list (asks first when "
                + "accounts use it)", .toggleActive),
        Binding([.char("i")], "Import", help: "replace the highlighted list's items from a CSV file (orders "
                + "already placed keep their prices)", .importItems),
        Binding([.char("e")], "Edit", help: "edit the name, validity and description", .edit),
        Binding([.escape], "Back", help: "back to the accounts", .back),
        Binding([.ctrl("r")], "Reload", help: "read the price lists again", .reload),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "next list", .up: "previous list", .pageDown: "next page",
                             .pageUp: "previous page", .first: "first list", .last: "last list"], Action.move)

    /// The keys while a prompt is open; every other key edits its text.
    public static let promptKeys: [Binding<Action>] = [
        Binding([.enter], "OK", help: "import the file named", .promptEnter),
        Binding([.escape], "Cancel", help: "close the prompt; nothing is changed", .promptCancel),
    ]

    private var prompting: Bool { importPath != nil }

    public var bindings: [Binding<Action>] {
        if prompting { return Self.promptKeys }
        return Self.keys.map { b in
            switch b.action {
            case .toggleActive, .importItems, .edit:
                b.disabled(content.lists.isEmpty ? "There is no price list yet: import one with the CLI "
                           + "(resellerdesk pricelist import FILE.csv --name NAME --currency CUR)." : nil)
            default: b
            }
        }
    }

    public var help: HelpScreen {
        HelpScreen(title: "Price lists", groups: [
            HelpScreen.Group("", prompting ? Self.keys : bindings),
            HelpScreen.Group("In a prompt", Self.promptKeys), HelpScreen.Group("Editing a prompt", LineEditor.bindings),
        ], notes: ["Only an active list valid on the order day can be ordered from. The CSV has the header "
                   + "code,description,billing_period,price, in the list's currency."])
    }

    /// `selecting`: the list to highlight by name (kept when the lists are read again after an action).
    public init(_ content: PriceListsContent, notice: String? = nil, selecting name: String? = nil) {
        self.content = content
        messages = notice.map { [$0] } ?? []
        cursor = ListCursor(selected: name.flatMap { n in content.lists.firstIndex { $0.name == n } } ?? 0)
        var table = TextTable(Self.columns, gap: 1)
        content.lists.forEach { table.add(Self.cells($0, content)) }
        self.table = table
    }

    private let table: TextTable

    static let columns = [TextTable.Column("Name", flexible: true), TextTable.Column("Cur"),
                          TextTable.Column("Valid"), TextTable.Column("State"),
                          TextTable.Column("Items", alignRight: true), TextTable.Column("Used", alignRight: true)]

    static func cells(_ list: PriceList, _ content: PriceListsContent) -> [String] {
        [list.name, list.currency, list.validity, state(list, content.today), String(list.itemCount),
         String(content.users[list.id]?.count ?? 0)]
    }

    /// active, inactive, expired or "not yet" (valid only from a later day).
    static func state(_ list: PriceList, _ today: CalendarDay) -> String {
        if !list.active { return "inactive" }
        if list.isExpired(on: today) { return "expired" }
        return list.isNotYetValid(on: today) ? "not yet" : "active"
    }

    public var current: PriceList? { content.lists.indices.contains(selected) ? content.lists[selected] : nil }
    private var users: [AccountSummary] { current.flatMap { content.users[$0.id] } ?? [] }

    /// The service refused: its problems, each whole, take the lower half until the next key.
    public mutating func showProblems(_ problems: [String]) {
        messages = problems
        messagesAreProblems = true
    }

    /// Rows of the table: the rest of the screen shows the highlighted list.
    static func listRows(_ height: Int) -> Int { max(3, (height - 6) / 2) }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        if confirming == nil, Binding.binding(for: key, in: bindings) == nil {
            // In a prompt every other key is text; elsewhere it means nothing here.
            if var editor = importPath, editor.handle(key) { importPath = editor }
            return []
        }
        // The status line here holds several messages (every problem of an import): one is the notice.
        var notice: String?
        let pressed = Binding.press(key, in: bindings, asked: &confirming, declined: "Not done.", notice: &notice)
        messages = notice.map { [$0] } ?? []
        messagesAreProblems = false
        guard case .act(let action) = pressed else { return pressed.effects }
        switch action {
        case .back: return [.back]
        case .reload: return [.reload]
        case .help: return [.help]
        case .promptCancel:
            importPath = nil
            messages = ["Nothing changed."]
        case .promptEnter: return promptEnter()
        case .toggleActive:
            guard let list = current else { return [] }
            let effect = Effect.setActive(list: list.name, active: !list.active)
            guard !users.isEmpty else { return [effect] }
            let codes = users.prefix(3).map(\.account.code).joined(separator: ", ") + (users.count > 3 ? ", …" : "")
            let who = users.count == 1 ? "1 account uses it (\(codes))" : "\(users.count) accounts use it (\(codes))"
            confirming = list.active
                ? ("Deactivate \(list.name)? \(who); it can no longer order from this list. y/n", effect)
                : ("Activate \(list.name)? \(who); it can order from this list again while it is valid. y/n",
                   effect)
        case .importItems: importPath = LineEditor(maxLength: 1000)
        case .edit: return current.map { [.edit($0)] } ?? []
        case .move(let move): cursor.move(move, count: content.lists.count, page: Self.listRows(height))
        }
        return []
    }

    private mutating func promptEnter() -> [Effect] {
        guard let list = current else { return [] }
        if let path = importPath {
            let text = path.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                messages = ["Type the path of the CSV file, or Esc."]
                return []
            }
            importPath = nil
            return [.importCSV(list: list.name, path: text)]
        }
        return []
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let count = content.lists.isEmpty ? "no lists" : "\(selected + 1) of \(content.lists.count)"
        g.titleBar("ResellerDesk · Price lists", right: count)
        let rows = Self.listRows(height)
        g.listTable(table, y: 1, cursor: cursor, rows: rows) { i in
            content.lists[i].unavailability(on: content.today).isEmpty ? .normal : .warning
        }
        if content.lists.isEmpty { g.put("No price lists yet.", x: 1, y: 3, style: .muted) }
        var y = 2 + rows
        let statusY = height - 2
        if let list = current {
            let about = "── \(list.name): " + (list.description ?? "no description")
            y += g.putWrapped(about, x: 1, bottom: y + min(1, DisplayWidth.wrap(about, to: width - 2).count - 1),
                              width: width - 2, style: .key, maxLines: 2)
            let used = users.isEmpty ? "Used by no account."
                : "Used by " + users.map { "\($0.account.code) \($0.account.name)" }.joined(separator: ", ") + "."
            y += g.putWrapped(used, x: 1, bottom: y + min(1, DisplayWidth.wrap(used, to: width - 2).count - 1),
                              width: width - 2, style: .muted, maxLines: 2)
            // The items that fit; the last row counts the rest rather than cutting the list silently.
            let items = content.items[list.id] ?? [], room = max(0, statusY - y)
            let shown = items.count > room ? max(0, room - 1) : items.count
            if shown < items.count {
                g.put("… \(items.count - shown) more items: resellerdesk pricelist show \"\(list.name)\"", x: 2,
                      y: y + shown, style: .muted, maxWidth: width - 3)
            }
            for item in items.prefix(shown) {
                let cells = [DisplayWidth.pad(item.productCode, to: 14), DisplayWidth.pad(item.description, to: 38),
                             DisplayWidth.pad(item.billingPeriod.rawValue, to: 9),
                             DisplayWidth.pad(item.unitPrice.display, to: 12, alignRight: true)]
                g.put(cells.joined(separator: " "), x: 2, y: y, maxWidth: width - 3)
                y += 1
            }
        }
        renderBottom(&g, width: width, statusY: statusY, top: 2 + rows)
        g.footer(bindings, y: height - 1)
        return g
    }

    /// The prompt, the question, or the messages, from the status line up (problems up to the table).
    private func renderBottom(_ g: inout Grid, width: Int, statusY: Int, top: Int) {
        var bottom = statusY
        if let confirming {
            g.statusLine(.question(confirming.question), y: bottom)
            return
        }
        if let editor = importPath {
            let label = "CSV file: "
            g.fill(x: 0, y: bottom, width: width, style: .normal)
            let x = 1 + g.put(label, x: 1, y: bottom, style: .key)
            g.field(editor.visible(width: width - x - 2), x: x, y: bottom, width: width - x - 1, focused: true)
            bottom -= 1
            let heading = "Replace the items of \(current?.name ?? "") from a CSV file (Enter imports, Esc cancels):"
            bottom -= g.putWrapped(heading, x: 1, bottom: bottom, width: width - 2, style: .key, maxLines: 2)
        }
        let style: CellStyle = messagesAreProblems ? .invalid : .warning
        // Each message whole, the first at the top; those that do not fit are counted, never cut.
        let room = bottom - top + 1
        var lines: [[String]] = []
        for m in messages {
            let wrapped = DisplayWidth.wrap(m, to: width - 2)
            if lines.joined().count + wrapped.count > room - (m == messages.last ? 0 : 1) { break }
            lines.append(wrapped)
        }
        if lines.count < messages.count {
            lines.append(["(\(messages.count - lines.count) more: the CLI's pricelist import lists them all)"])
        }
        for text in lines.joined().reversed() {
            g.fill(x: 0, y: bottom, width: width, style: .normal)
            g.put(text, x: 1, y: bottom, style: style, maxWidth: width - 2)
            bottom -= 1
        }
    }
}
