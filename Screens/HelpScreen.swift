import TerminalKit

/// The help overlay (F1, and `?` where `?` is not text): every key of the screen it was opened from,
/// from that screen's binding table.
public struct HelpScreen: Sendable {
    public let title: String
    public let lines: [String]

    /// `notes`: lines after the keys, for what no binding names (on Accounts, that typing searches).
    public init<Action>(title: String, bindings: [Binding<Action>], notes: [String] = []) {
        self.title = title
        lines = Binding.helpLines(bindings) + (notes.isEmpty ? [] : [""] + notes)
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("Help · \(title)", x: 1, y: 0, style: .title)
        for (i, line) in lines.prefix(max(0, height - 3)).enumerated() { g.put(line, x: 2, y: 2 + i) }
        g.put("Any key closes this help", x: 1, y: height - 1, style: .key)
        return g
    }
}
