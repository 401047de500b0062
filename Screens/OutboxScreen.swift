import ResellerCore
import TerminalKit

/// The outbox: every email with its status (queued, sending, retrying, sent, failed); the highlighted
/// one in full (address, subject, error) under the table; retry for a failed one.
public struct OutboxScreen: Screen {
    public enum Action: Sendable { case back, retry, reload, down, up, pageDown, pageUp, help }
    public enum Effect: Sendable, Equatable { case back, retry(messageId: Int64), reload, help }

    public private(set) var messages: [OutboxMessage]
    public private(set) var selected = 0
    private var top = 0
    public private(set) var notice: String?

    public static let bindings: [Binding<Action>] = [
        Binding([.escape], "Back", help: "back to the accounts", .back),
        Binding([.char("r")], "Retry", help: "queue the highlighted failed email again", .retry),
        Binding([.ctrl("r")], "Reload", help: "read the outbox again", .reload),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
        Binding([.down, .char("j")], "", help: "next email", .down, footer: false),
        Binding([.up, .char("k")], "", help: "previous email", .up, footer: false),
        Binding([.pageDown], "", help: "next page", .pageDown, footer: false),
        Binding([.pageUp], "", help: "previous page", .pageUp, footer: false),
    ]

    public var bindings: [Binding<Action>] { Self.bindings }
    public var help: HelpScreen { HelpScreen(title: "Outbox", bindings: Self.bindings) }

    public init(_ messages: [OutboxMessage], notice: String? = nil) {
        self.messages = messages
        self.notice = notice
        var table = TextTable(Self.columns, gap: 1)
        messages.forEach { table.add(Self.cells($0)) }
        self.table = table
    }

    /// The messages as table cells, kept so each frame lays out the columns without measuring them again.
    private let table: TextTable

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        guard let action = Binding.action(for: key, in: Self.bindings) else { return [] }
        let page = Self.visibleRows(height)
        switch action {
        case .back: return [.back]
        case .reload: return [.reload]
        case .help: return [.help]
        case .retry:
            guard messages.indices.contains(selected) else { return [] }
            let m = messages[selected]
            guard m.status == .failed else {
                notice = "Only a failed email can be retried; this one is \(m.status.rawValue)."
                return []
            }
            return [.retry(messageId: m.id)]
        case .down: selected = min(max(0, messages.count - 1), selected + 1)
        case .up: selected = max(0, selected - 1)
        case .pageDown: selected = min(max(0, messages.count - 1), selected + page)
        case .pageUp: selected = max(0, selected - page)
        }
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        return []
    }

    /// Address and subject share what the fixed columns leave, by how long they are.
    static let columns = [TextTable.Column("Id", alignRight: true), TextTable.Column("To", flexible: true),
                          TextTable.Column("Subject", flexible: true), TextTable.Column("Status"),
                          TextTable.Column("Tries", alignRight: true), TextTable.Column("Created")]

    static func cells(_ m: OutboxMessage) -> [String] {
        [String(m.id), m.toAddress, m.subject, m.status.rawValue, String(m.attempts),
         Format.timestamp(m.createdAt).replacingOccurrences(of: " UTC", with: "")]
    }

    /// Rows of the table: the title, the column titles, two lines for the highlighted email and the footer
    /// take the rest.
    static func visibleRows(_ height: Int) -> Int { max(1, height - 5) }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("ResellerDesk · Outbox", x: 1, y: 0, style: .title)
        let counts = Dictionary(grouping: messages, by: \.status).mapValues(\.count)
        let summary = [MailStatus.queued, .retrying, .failed, .sent].compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
        g.put(summary, x: width - DisplayWidth.of(summary) - 1, y: 0, style: .title)
        let widths = table.widths(maxWidth: width - 2)
        g.put(TextTable.line(Self.columns.map(\.title), columns: Self.columns, widths: widths), x: 1, y: 1, style: .muted)
        for (i, cells) in table.rows.enumerated().dropFirst(top).prefix(Self.visibleRows(height)) {
            let m = messages[i], y = 2 + i - top
            let style: CellStyle = i == selected ? .selected
                : (m.status == .failed ? .invalid : (m.status == .retrying ? .warning : .normal))
            if i == selected { g.fill(x: 0, y: y, width: width, style: .selected) }
            g.put(TextTable.line(cells, columns: Self.columns, widths: widths), x: 1, y: y, style: style)
        }
        if messages.isEmpty { g.put("The outbox is empty.", x: 1, y: 3, style: .muted) }
        // The highlighted email uncut, on two lines: the columns above may have shortened its address and
        // subject. A notice or the email's error takes the second line.
        let detail = notice ?? (messages.indices.contains(selected) ? messages[selected].lastError.map { "Error: \($0)" } : nil)
        if messages.indices.contains(selected) {
            let m = messages[selected]
            let lines = DisplayWidth.wrap("\(m.toAddress): \(m.subject)", to: width - 2, lines: detail == nil ? 2 : 1)
            for (k, line) in lines.enumerated() {
                g.put(line, x: 1, y: height - 3 + k, style: .key, maxWidth: width - 2)
            }
        }
        if let detail {
            g.putWrapped(detail, x: 1, bottom: height - 2, width: width - 2, style: notice != nil ? .warning : .invalid,
                         maxLines: 3)
        }
        g.footer(Self.bindings, y: height - 1)
        return g
    }
}
