import ResellerCore
import TerminalKit

/// The outbox: every email with its status (queued, sending, retrying, sent, failed); the highlighted
/// one in full (address, subject, error) under the table; retry for a failed one.
public struct OutboxScreen: Screen {
    public enum Action: Sendable { case back, retry, reload, move(ListCursor.Move), help }
    public enum Effect: Sendable, Equatable { case back, retry(messageId: Int64), reload, help }

    public private(set) var messages: [OutboxMessage]
    private var cursor = ListCursor()
    public var selected: Int { cursor.selected }
    public private(set) var notice: String?

    static let keys: [Binding<Action>] = [
        Binding([.escape], "Back", help: "back to the accounts", .back),
        Binding([.char("r")], "Retry", help: "queue the highlighted failed email again", .retry),
        Binding([.ctrl("r")], "Reload", help: "read the outbox again", .reload),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "next email", .up: "previous email", .pageDown: "next page",
                             .pageUp: "previous page", .first: "first email", .last: "last email"], Action.move)

    /// The keys as docs/keys.md lists them (Retry able).
    public static var bindings: [Binding<Action>] { keys }

    /// The keys now: Retry greyed, with the reason, unless the highlighted email failed.
    public var bindings: [Binding<Action>] {
        Self.keys.map { binding in
            guard case .retry = binding.action else { return binding }
            return binding.disabled(retryRefusal)
        }
    }

    /// Why the highlighted email cannot be retried (nil: it can).
    private var retryRefusal: String? {
        guard messages.indices.contains(selected) else { return "The outbox is empty: nothing to retry." }
        let status = messages[selected].status
        return status == .failed ? nil : "Only a failed email can be retried; this one is \(status.rawValue)."
    }

    public var help: HelpScreen { HelpScreen(title: "Outbox", bindings: bindings) }

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
        var asked: (question: String, effect: Effect)?
        guard case .act(let action) = Binding.press(key, in: bindings, asked: &asked, declined: "",
                                                    notice: &notice) else { return [] }
        switch action {
        case .back: return [.back]
        case .reload: return [.reload]
        case .help: return [.help]
        case .retry: return [.retry(messageId: messages[selected].id)]
        case .move(let move): cursor.move(move, count: messages.count, page: Self.visibleRows(height))
        }
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
        let counts = Dictionary(grouping: messages, by: \.status).mapValues(\.count)
        let summary = [MailStatus.queued, .retrying, .failed, .sent]
            .compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
        g.titleBar("ResellerDesk · Outbox", right: summary)
        g.listTable(table, y: 1, cursor: cursor, rows: Self.visibleRows(height)) { i in
            messages[i].status == .failed ? .invalid : (messages[i].status == .retrying ? .warning : .normal)
        }
        if messages.isEmpty { g.put("The outbox is empty.", x: 1, y: 3, style: .muted) }
        // The highlighted email uncut, on two lines: the columns above may have shortened its address and
        // subject. A notice or the email's error takes the second line.
        let error = messages.indices.contains(selected) ? messages[selected].lastError.map { "Error: \($0)" } : nil
        let detail = notice ?? error
        if messages.indices.contains(selected) {
            let m = messages[selected]
            let lines = DisplayWidth.wrap("\(m.toAddress): \(m.subject)", to: width - 2, lines: detail == nil ? 2 : 1)
            for (k, line) in lines.enumerated() {
                g.put(line, x: 1, y: height - 3 + k, style: .key, maxWidth: width - 2)
            }
        }
        if let detail {
            if notice != nil {
                g.statusLine(.notice(detail), y: height - 2)
            } else {
                g.putWrapped(detail, x: 1, bottom: height - 2, width: width - 2, style: .invalid, maxLines: 3)
            }
        }
        g.footer(bindings, y: height - 1)
        return g
    }
}
