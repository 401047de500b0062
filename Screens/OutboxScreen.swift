import ResellerCore
import TerminalKit

/// The outbox: every email with its status (queued, sending, retrying, sent, failed), the error of the
/// highlighted one, and retry for a failed one.
public struct OutboxScreen: Sendable {
    public enum Action: Sendable { case back, retry, reload, down, up, help }
    public enum Effect: Sendable, Equatable { case back, retry(messageId: Int64), reload, help }

    public private(set) var messages: [OutboxMessage]
    public private(set) var selected = 0
    private var top = 0
    public private(set) var notice: String?

    public static let bindings: [Binding<Action>] = [
        Binding([.escape, .char("q")], "Back", help: "back to the accounts", .back),
        Binding([.char("r")], "Retry", help: "queue the highlighted failed email again", .retry),
        Binding([.ctrl("r")], "Reload", help: "read the outbox again", .reload),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
        Binding([.down, .char("j")], "", help: "next email", .down, footer: false),
        Binding([.up, .char("k")], "", help: "previous email", .up, footer: false),
    ]

    public init(_ messages: [OutboxMessage], notice: String? = nil) {
        self.messages = messages
        self.notice = notice
    }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        guard let action = Binding.action(for: key, in: Self.bindings) else { return [] }
        let page = max(1, height - 5)
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
        }
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        return []
    }

    static let columns = [TextTable.Column("Id", alignRight: true), TextTable.Column("To"), TextTable.Column("Subject", flexible: true),
                          TextTable.Column("Status"), TextTable.Column("Tries", alignRight: true), TextTable.Column("Created")]

    static func widths(_ width: Int) -> [Int] {
        let fixed = [5, 24, 0, 8, 5, 16]
        return fixed.enumerated().map { $0.offset == 2 ? max(10, width - fixed.reduce(0, +) - 5) : $0.element }
    }


    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("ResellerDesk · Outbox", x: 1, y: 0, style: .title)
        let counts = Dictionary(grouping: messages, by: \.status).mapValues(\.count)
        let summary = [MailStatus.queued, .retrying, .failed, .sent].compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
        g.put(summary, x: width - DisplayWidth.of(summary) - 1, y: 0, style: .title)
        let widths = Self.widths(width - 2)
        g.put(TextTable.line(Self.columns.map(\.title), columns: Self.columns, widths: widths), x: 1, y: 1, style: .muted)
        let page = max(1, height - 5)
        for (i, m) in messages.dropFirst(top).prefix(page).enumerated() {
            let index = top + i, y = 2 + i
            let style: CellStyle = index == selected ? .selected : (m.status == .failed ? .invalid : (m.status == .retrying ? .warning : .normal))
            if index == selected { g.fill(x: 0, y: y, width: width, style: .selected) }
            g.put(TextTable.line([String(m.id), m.toAddress, m.subject, m.status.rawValue, String(m.attempts),
                                  Format.timestamp(m.createdAt).replacingOccurrences(of: " UTC", with: "")],
                                 columns: Self.columns, widths: widths), x: 1, y: y, style: style)
        }
        if messages.isEmpty { g.put("The outbox is empty.", x: 1, y: 3, style: .muted) }
        let detail = notice ?? (messages.indices.contains(selected) ? messages[selected].lastError.map { "Error: \($0)" } : nil)
        if let detail { g.put(detail, x: 1, y: height - 2, style: notice != nil ? .warning : .invalid, maxWidth: width - 2) }
        g.put(Binding.footer(Self.bindings, width: width - 2), x: 1, y: height - 1, style: .key)
        return g
    }
}
