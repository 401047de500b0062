import ResellerCore
import TerminalKit

/// One Submitted order as the list shows it: the order, the name of the account it is billed to (the order
/// carries only the name of the account it is for) and that account's available credit (nil: Ordering off).
public struct SubmittedOrderRow: Sendable, Equatable {
    public var order: Order
    public var accountName: String
    public var available: CreditLimit?

    public init(order: Order, accountName: String, available: CreditLimit?) {
        self.order = order; self.accountName = accountName; self.available = available
    }
}

/// Every account's Submitted orders (held above the credit), oldest first, for staff to execute or cancel
/// without opening each account. Executing asks nothing first: the service checks the credit, and only when
/// it refuses for credit does the screen ask, naming the amount, whether to execute above it.
public struct SubmittedOrdersScreen: Screen {
    public enum Action: Sendable, Hashable {
        case execute, cancel, open, back, reload, help, move(ListCursor.Move)
    }
    public enum Effect: Sendable, Equatable {
        case execute(orderId: Int64, aboveCredit: Bool)
        case cancel(orderId: Int64)
        case open(accountId: Int64)
        case back, reload, help
    }

    public private(set) var rows: [SubmittedOrderRow]
    private var cursor: ListCursor
    public var selected: Int { cursor.selected }
    /// What the last action did, or the service's refusal.
    public private(set) var notice: String?
    /// A question waiting for y (any other key answers no).
    public private(set) var confirming: (question: String, effect: Effect)?

    public static let keys: [Binding<Action>] = [
        Binding([.char("x")], "Execute", help: "execute the highlighted order (asks first if it is above the credit)",
                .execute),
        Binding([.char("X")], "Cancel", help: "cancel the highlighted order (asks first)", .cancel),
        Binding([.enter], "Account", help: "open the account the highlighted order is billed to", .open),
        Binding([.escape], "Back", help: "back to the accounts", .back),
        Binding([.ctrl("r")], "Reload", help: "read the Submitted orders again", .reload),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "next order", .up: "previous order", .pageDown: "next page",
                             .pageUp: "previous page", .first: "oldest order", .last: "newest order"], Action.move)

    /// The keys in effect: those acting on an order say why not when there is none.
    public var bindings: [Binding<Action>] {
        Self.keys.map { b in
            switch b.action {
            case .execute, .cancel, .open:
                b.disabled(rows.isEmpty ? "No order is waiting: every order is executed or canceled." : nil)
            default: b
            }
        }
    }

    public var help: HelpScreen {
        HelpScreen(title: "Submitted orders", bindings: bindings,
                   notes: ["Orders placed above the account's available credit wait here, oldest first, until "
                           + "staff execute or cancel them; the reseller is emailed either way."])
    }

    /// `selected`: the row to highlight (kept when the list is read again after an action), clamped.
    public init(_ rows: [SubmittedOrderRow], notice: String? = nil, selected: Int = 0) {
        self.rows = rows
        self.notice = notice
        cursor = ListCursor(selected: max(0, min(selected, rows.count - 1)))
        var table = TextTable(Self.columns, gap: 1)
        rows.forEach { table.add(Self.cells($0)) }
        self.table = table
    }

    /// The rows as table cells, kept so each frame lays out the columns without measuring them again.
    private let table: TextTable

    static let columns = [TextTable.Column("Order"), TextTable.Column("Account"),
                          TextTable.Column("Name", flexible: true), TextTable.Column("Ordered"),
                          TextTable.Column(TaxedTotal.column, alignRight: true),
                          TextTable.Column("Available", alignRight: true)]

    static func cells(_ r: SubmittedOrderRow) -> [String] {
        [r.order.number, AccountCode.format(r.order.accountId), r.accountName, r.order.orderDay.description,
         r.order.total.display, r.available?.display ?? "Ordering off"]
    }

    private var current: SubmittedOrderRow? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// The service refused to execute for credit: ask whether to execute above it, naming both amounts. The
    /// credit check counts the gross total (domain.md#the-seller-and-tax), so the question says so.
    public mutating func askAboveCredit(orderId: Int64, available: Money) {
        guard let row = rows.first(where: { $0.order.id == orderId }) else { return }
        let total = row.order.total
        let over = Money(minor: total.minor - available.minor, currency: total.currency)
        notice = nil
        confirming = ("\(row.order.number) totals \(total.display) incl. VAT but \(row.accountName) has only "
                      + "\(available.display) available. Execute it \(over.display) above the credit? y/n",
                      .execute(orderId: orderId, aboveCredit: true))
    }

    /// Rows of the table: title, column titles, two lines for the highlighted order and the footer.
    static func visibleRows(_ height: Int) -> Int { max(1, height - 5) }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        let pressed = Binding.press(key, in: bindings, asked: &confirming, declined: "Not done.", notice: &notice)
        guard case .act(let action) = pressed else { return pressed.effects }
        switch action {
        case .back: return [.back]
        case .reload: return [.reload]
        case .help: return [.help]
        case .execute:
            guard let row = current else { return [] }
            return [.execute(orderId: row.order.id, aboveCredit: false)]
        case .cancel:
            guard let row = current else { return [] }
            confirming = ("Cancel \(row.order.number) of \(row.accountName) (\(row.order.total.display) incl. "
                          + "VAT)? The reseller is emailed. y/n", .cancel(orderId: row.order.id))
        case .open:
            guard let row = current else { return [] }
            return [.open(accountId: row.order.accountId)]
        case .move(let move): cursor.move(move, count: rows.count, page: Self.visibleRows(height))
        }
        return []
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let count = rows.isEmpty ? "none waiting" : "\(selected + 1) of \(rows.count) waiting"
        g.titleBar("ResellerDesk · Submitted orders", right: count)
        g.listTable(table, y: 1, cursor: cursor, rows: Self.visibleRows(height))
        if rows.isEmpty {
            g.put("No Submitted orders: nothing waits for the credit.", x: 1, y: 3, style: .muted)
        }
        // The highlighted order uncut (the name column gives way at 80 columns), with who it is for, who
        // placed it and what its gross total is made of; a question or a notice takes the lines instead.
        let statusY = height - 2
        if let confirming {
            g.statusLine(.question(confirming.question), y: statusY)
        } else if let notice {
            g.statusLine(.notice(notice), y: statusY)
        } else if let row = current {
            let o = row.order
            let forWhom = o.customerAccountId == o.accountId ? "" : "for \(o.customerName)"
            let full = TextTable.full([o.number, AccountCode.format(o.accountId) + " " + row.accountName, forWhom,
                                       "placed by \(o.placedBy)", TaxedTotal.of(o),
                                       "available " + (row.available?.display ?? "none (Ordering off)")])
            for (k, line) in DisplayWidth.wrap(full, to: width - 2, lines: 2).enumerated() {
                g.put(line, x: 1, y: statusY - 1 + k, style: .muted, maxWidth: width - 2)
            }
        }
        g.footer(bindings, y: height - 1)
        return g
    }
}
