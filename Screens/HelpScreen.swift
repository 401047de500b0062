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

    public let title: String
    let entries: [Entry]

    /// `notes`: lines after the keys, for what no binding names (on Accounts, that typing searches).
    public init<Action>(title: String, bindings: [Binding<Action>], notes: [String] = []) {
        self.init(title: title, groups: [("", bindings)], notes: notes)
    }

    /// `groups`: a heading (none if empty) and its bindings.
    public init<Action>(title: String, groups: [(heading: String, bindings: [Binding<Action>])], notes: [String] = []) {
        self.title = title
        var entries: [Entry] = []
        for group in groups {
            if !group.heading.isEmpty {
                if !entries.isEmpty { entries.append(Entry(text: "")) }
                entries.append(Entry(text: group.heading, heading: true))
            }
            entries += Binding.helpEntries(group.bindings).map { Entry(keys: $0.keys, text: $0.help) }
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

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("Help · \(title)", x: 1, y: 0, style: .title)
        for (i, line) in lines(width: width).prefix(max(0, height - 3)).enumerated() {
            g.put(line.text, x: 2, y: 2 + i, style: line.heading ? .key : .normal, maxWidth: width - 4)
        }
        g.put("Any key closes this help", x: 1, y: height - 1, style: .key)
        return g
    }
}
