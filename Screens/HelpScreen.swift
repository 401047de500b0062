import TerminalKit

/// The help overlay (F1, and `?` where `?` is not text): every key of the screen it was opened from,
/// from that screen's binding tables, in groups with headings where the screen has several (a section's
/// own keys, then those of every section); long lines wrap to the window.
public struct HelpScreen: Sendable {
    struct Entry: Sendable {
        var keys: String?
        var text: String
        var heading = false
    }

    /// A heading (none if empty) and its keys with what they do.
    public struct Group: Sendable {
        public var heading: String
        public var entries: [(keys: String, help: String)]

        public init<Action>(_ heading: String, _ bindings: [Binding<Action>]) {
            self.heading = heading
            entries = Binding.helpEntries(bindings)
        }
    }

    public let title: String
    /// What the overlay lists, kept as data so docs/keys.md is written from the same groups.
    public let groups: [Group]
    public let notes: [String]
    let entries: [Entry]

    /// `notes`: lines after the keys, for what no binding names (on Accounts, that typing searches).
    public init<Action>(title: String, bindings: [Binding<Action>], notes: [String] = []) {
        self.init(title: title, groups: [Group("", bindings)], notes: notes)
    }

    /// `groups`: a heading (none if empty) and its bindings.
    public init<Action>(title: String, groups: [(heading: String, bindings: [Binding<Action>])], notes: [String] = []) {
        self.init(title: title, groups: groups.map { Group($0.heading, $0.bindings) }, notes: notes)
    }

    public init(title: String, groups: [Group], notes: [String] = []) {
        self.title = title
        self.groups = groups
        self.notes = notes
        var entries: [Entry] = []
        for group in groups {
            if !group.heading.isEmpty {
                if !entries.isEmpty { entries.append(Entry(text: "")) }
                entries.append(Entry(text: group.heading, heading: true))
            }
            entries += group.entries.map { Entry(keys: $0.keys, text: $0.help) }
        }
        if !notes.isEmpty { entries += [Entry(text: "")] + notes.map { Entry(text: $0) } }
        self.entries = entries
    }

    /// The overlay's lines at `width` columns: keys in a column as wide as the widest, text wrapped beside.
    func lines(width: Int) -> [(text: String, heading: Bool)] {
        let column = max(14, min(22, (entries.compactMap { $0.keys.map(DisplayWidth.of) }.max() ?? 0) + 2))
        var lines: [(String, Bool)] = []
        for entry in entries {
            guard let keys = entry.keys else {
                lines += DisplayWidth.wrap(entry.text, to: width - 4).map { ($0, entry.heading) }
                continue
            }
            for (i, part) in DisplayWidth.wrap(entry.text, to: width - 4 - column).enumerated() {
                let left = i == 0 ? DisplayWidth.pad(keys, to: column) : String(repeating: " ", count: column)
                lines.append((left + part, false))
            }
        }
        return lines
    }

    public enum Action: Sendable { case down, up, pageDown, pageUp }

    /// The keys that scroll a help longer than the window; every other key closes it.
    public static let bindings: [Binding<Action>] = [
        Binding([.down, .char("j")], "", help: "scroll down", .down, footer: false),
        Binding([.up, .char("k")], "", help: "scroll up", .up, footer: false),
        Binding([.pageDown, .char(" ")], "", help: "a page down", .pageDown, footer: false),
        Binding([.pageUp], "", help: "a page up", .pageUp, footer: false),
    ]

    /// The first line shown.
    public private(set) var top = 0

    /// Rows for the lines: all but the title, the blank line under it and the footer.
    static func rows(_ height: Int) -> Int { max(1, height - 3) }

    /// Scrolls on its keys when the help is longer than the window; returns false when the key closes it.
    public mutating func update(_ key: Key, width: Int, height: Int) -> Bool {
        let count = lines(width: width).count, page = Self.rows(height)
        guard count > page, let action = Binding.action(for: key, in: Self.bindings) else { return false }
        let steps: [Action: Int] = [.down: 1, .up: -1, .pageDown: page, .pageUp: -page]
        top = max(0, min(count - page, top + (steps[action] ?? 0)))
        return true
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.titleBar("Help · \(title)")
        let lines = self.lines(width: width), page = Self.rows(height)
        for (i, line) in lines.dropFirst(top).prefix(page).enumerated() {
            g.put(line.text, x: 2, y: 2 + i, style: line.heading ? .key : .normal, maxWidth: width - 4)
        }
        let shown = min(lines.count, top + page)
        let footer = lines.count <= page ? "Any key closes this help"
            : "↓ ↑ PgDn PgUp scroll (\(shown) of \(lines.count) lines) · any other key closes"
        g.put(footer, x: 1, y: height - 1, style: .key, maxWidth: width - 2)
        return g
    }
}
