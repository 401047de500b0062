import ResellerCore
import TerminalKit

/// The accounts with overdue invoices (domain.md#collections), the largest amount first: what each owes, how
/// old its oldest overdue invoice is, the reminder step it reached, what the run does next and on which day,
/// and staff's hold. Staff pause an account or stop its automatic suspension (the hold dialog), send its next
/// step now, open it, or go to the bank entries no reference matched.
public struct CollectionsScreen: Screen {
    public enum Action: Sendable, Hashable {
        case sendNext, pause, open, unmatched, back, reload, help, move(ListCursor.Move)
    }
    public enum Effect: Sendable, Equatable {
        case sendNext(accountId: Int64)
        /// The hold dialog over this account.
        case pause(accountId: Int64)
        case open(accountId: Int64)
        case unmatched, back, reload, help
    }

    public private(set) var rows: [CollectionsRow]
    /// The desk's policy: the steps' names, and which step `n` sends.
    public let policy: DunningPolicy
    /// The desk's day, that ages and pauses are counted on.
    public let today: CalendarDay
    private var cursor: ListCursor
    public var selected: Int { cursor.selected }
    /// What the last action did, or the service's refusal.
    public private(set) var notice: String?
    /// A question waiting for y (any other key answers no).
    public private(set) var confirming: (question: String, effect: Effect)?

    public static let keys: [Binding<Action>] = [
        Binding([.char("n")], "Send next", help: "send the highlighted account's next reminder step now, whatever "
                + "the days and any pause (asks first)", .sendNext),
        Binding([.char("p")], "Pause", help: "pause the reminders until a day, or stop the automatic suspension, "
                + "with the reason", .pause),
        Binding([.enter], "Open", help: "open the highlighted account", .open),
        Binding([.char("u")], "Unmatched", help: "the bank entries no reference matched: assign or dismiss each",
                .unmatched),
        Binding([.escape], "Back", help: "back to the accounts", .back),
        Binding([.ctrl("r")], "Reload", help: "read the overdue accounts again", .reload),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "next account", .up: "previous account", .pageDown: "next page",
                             .pageUp: "previous page", .first: "largest amount", .last: "smallest amount"],
                            Action.move)

    /// The keys in effect: those acting on an account say why not when there is none, and `n` when every
    /// step was sent already.
    public var bindings: [Binding<Action>] {
        Self.keys.map { b in
            switch b.action {
            case .pause, .open: b.disabled(current == nil ? Self.noneOverdue : nil)
            case .sendNext: b.disabled(current.map(sendNextRefusal) ?? Self.noneOverdue)
            default: b
            }
        }
    }

    static let noneOverdue = "No account has an overdue invoice."

    public var help: HelpScreen {
        HelpScreen(title: "Collections", bindings: bindings, notes: [
            "Accounts with an invoice unpaid past its due date, the largest amount first, on two lines each. "
                + "Days: how long the oldest is overdue. Step sent: the last reminder sent. Under it: what the "
                + "daily run does next and on which day, then the hold.",
            "Hold: Paused to DATE (no reminder and no suspension through that day, a promise to pay), No "
                + "auto-suspend (reminders still go), Suspended.",
        ])
    }

    /// `selected`: the row to highlight (kept when the list is read again after an action), clamped.
    public init(_ rows: [CollectionsRow], policy: DunningPolicy, today: CalendarDay, notice: String? = nil,
                selected: Int = 0) {
        self.rows = rows
        self.policy = policy
        self.today = today
        self.notice = notice
        cursor = ListCursor(selected: max(0, min(selected, rows.count - 1)))
        var table = TextTable(Self.columns, gap: 1)
        rows.forEach { table.add(Self.cells($0, policy: policy, today: today)) }
        self.table = table
    }

    /// The rows' first lines as table cells, kept so each frame lays out the columns without measuring them
    /// again.
    private let table: TextTable

    /// Each account takes two lines: what it owes on the first, what comes next and its hold on the second.
    /// One line cannot hold both at 80 columns without cutting the next step, its day and the hold to a
    /// few letters each.
    static let columns = [TextTable.Column("Code"), TextTable.Column("Name", flexible: true),
                          TextTable.Column("Overdue", alignRight: true), TextTable.Column("Days", alignRight: true),
                          TextTable.Column("Step sent")]

    static func cells(_ r: CollectionsRow, policy: DunningPolicy, today: CalendarDay) -> [String] {
        let oldest = r.invoices.map { $0.age(on: today) }.max() ?? 0
        return [r.account.code, r.account.name, r.totalOverdue.display, String(oldest),
                r.stepReached == 0 ? "none" : policy.mail(ofStep: r.stepReached).stepLabel]
    }

    /// The second line: the next action and its day, then the marks. Through a pause the action is named as
    /// it will come once the pause ends (the service's "Paused, then …"), the pause being a mark of its own.
    static func nextLine(_ r: CollectionsRow, policy: DunningPolicy, today: CalendarDay) -> String {
        var next = "Nothing left for the run to do"
        if let coming = r.next {
            var unpaused = r.hold
            unpaused.pausedUntil = nil
            let action = r.hold.isPaused(on: today)
                ? DunningDecision.next(r.invoices, policy: policy, hold: unpaused, today: today,
                                       active: r.account.status == .active)?.what ?? coming.what
                : coming.what
            next = "\(action) on \(coming.on)"
        }
        return ([next] + marks(r, today: today)).joined(separator: " · ")
    }

    /// What holds the account, as its second line ends.
    static func marks(_ r: CollectionsRow, today: CalendarDay) -> [String] {
        var marks: [String] = []
        if r.account.status == .suspended { marks.append("Suspended") }
        if r.hold.isPaused(on: today), let until = r.hold.pausedUntil { marks.append("Paused to \(until)") }
        if r.hold.noAutoSuspend { marks.append("No auto-suspend") }
        return marks
    }

    private var current: CollectionsRow? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// The step `n` sends: the one the service's forced decision takes (the next after the highest sent, or
    /// the one the days reached), nil when every step was sent.
    func nextStep(_ row: CollectionsRow) -> Int? {
        DunningDecision.decide(row.invoices, policy: policy, hold: row.hold, today: today,
                               active: row.account.status == .active, force: true).step
    }

    private func sendNextRefusal(_ row: CollectionsRow) -> String? {
        nextStep(row) == nil ? "Every step, the final notice too, was already sent for each overdue invoice of "
            + "\(row.account.code)." : nil
    }

    /// Accounts in view, two lines each: the title, the column titles, two lines for the highlighted account
    /// and the footer take the rest.
    static func visibleRows(_ height: Int) -> Int { max(1, (height - 6) / 2) }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        let pressed = Binding.press(key, in: bindings, asked: &confirming, declined: "Not sent.", notice: &notice)
        guard case .act(let action) = pressed else { return pressed.effects }
        switch action {
        case .back: return [.back]
        case .reload: return [.reload]
        case .help: return [.help]
        case .unmatched: return [.unmatched]
        case .open:
            guard let row = current else { return [] }
            return [.open(accountId: row.account.id)]
        case .pause:
            guard let row = current else { return [] }
            return [.pause(accountId: row.account.id)]
        case .sendNext:
            guard let row = current, let step = nextStep(row) else { return [] }
            confirming = (sendQuestion(row, step: step), .sendNext(accountId: row.account.id))
        case .move(let move): cursor.move(move, count: rows.count, page: Self.visibleRows(height))
        }
        return []
    }

    /// "Send the reminder (step 1 of 3) to ACC-000001 Aegean now: 1 invoice, 150.00 EUR overdue? y/n", saying
    /// so when a pause is passed over.
    private func sendQuestion(_ row: CollectionsRow, step: Int) -> String {
        let label = policy.mail(ofStep: step).stepLabel.lowercased()
        let count = row.invoices.count
        let paused = row.hold.pausedUntil.flatMap {
            row.hold.isPaused(on: today) ? " It is paused until \($0): this sends anyway." : nil
        } ?? ""
        return "Send the \(label) (step \(step) of \(policy.reminderDays.count)) to \(row.account.code) "
            + "\(row.account.name) now: \(count) invoice\(count == 1 ? "" : "s"), \(row.totalOverdue.display) "
            + "overdue?\(paused) y/n"
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let count = rows.isEmpty ? "none overdue" : "\(selected + 1) of \(rows.count) overdue"
        g.titleBar("ResellerDesk · Collections", right: "\(count) · \(today)")
        let widths = table.widths(maxWidth: width - 2)
        g.put(TextTable.line(Self.columns.map(\.title), columns: Self.columns, widths: widths), x: 1, y: 1,
              style: .muted)
        // Under the code rather than the name: the next step, its day and every mark of the hold fit in 76.
        let indent = 3
        g.put("Next, on, and the hold", x: indent, y: 2, style: .muted)
        for (i, cells) in table.rows.enumerated().dropFirst(cursor.top).prefix(Self.visibleRows(height)) {
            let y = 3 + 2 * (i - cursor.top)
            let style: CellStyle = i == selected ? .selected
                : (rows[i].account.status == .suspended ? .warning : .normal)
            if i == selected {
                g.fill(x: 0, y: y, width: width, style: .selected)
                g.fill(x: 0, y: y + 1, width: width, style: .selected)
            }
            g.put(TextTable.line(cells, columns: Self.columns, widths: widths), x: 1, y: y, style: style)
            g.put(Self.nextLine(rows[i], policy: policy, today: today), x: indent, y: y + 1, style: style,
                  maxWidth: width - indent - 1)
        }
        if rows.isEmpty { g.put("No overdue invoices.", x: 1, y: 4, style: .muted) }
        // The highlighted account uncut (its name gives way at 80 columns), with each overdue invoice and the
        // reason of the hold; a question or a notice takes the lines instead.
        let statusY = height - 2
        if let confirming {
            g.statusLine(.question(confirming.question), y: statusY)
        } else if let notice {
            g.statusLine(.notice(notice), y: statusY)
        } else if let row = current {
            for (k, line) in DisplayWidth.wrap(detail(row), to: width - 2, lines: 2).enumerated() {
                g.put(line, x: 1, y: statusY - 1 + k, style: .muted, maxWidth: width - 2)
            }
        }
        g.footer(bindings, y: height - 1)
        return g
    }

    /// The highlighted account in words, what its two lines leave out: its whole name, why it is suspended,
    /// why it is held, and each overdue invoice with the step it reached.
    func detail(_ row: CollectionsRow) -> String {
        let invoices = row.invoices.map { i in
            let sent = i.stepSent == 0 ? "no reminder yet" : policy.mail(ofStep: i.stepSent).stepLabel.lowercased()
                + " sent"
            return "\(i.number) due \(i.dueDate), \(i.left.display) left, \(sent)"
        }
        let held = row.hold.isPaused(on: today) || row.hold.noAutoSuspend
        let why = held ? row.hold.reason.map { "Held: \($0)" } ?? "" : ""
        let suspended = row.account.status == .suspended
            ? "Suspended" + (row.account.statusReason.map { ": \($0)" } ?? "") : ""
        return TextTable.full([row.account.name, suspended, why] + invoices)
    }
}
