/// The line above a screen's footer, where the screen speaks: one type for every screen, so a question,
/// a notice and a hint look the same everywhere.
public enum StatusLine: Sendable, Equatable {
    /// A y/n question waiting for its answer.
    case question(String)
    /// What the last action did, or why a key cannot act.
    case notice(String)
    /// What staff can do next.
    case hint(String)
}

extension Grid {
    /// Writes the status line ending at row `y`: a question in the warning colours across the whole row
    /// (wrapped onto the rows above when it is long), a notice wrapped the same way, a hint on one row.
    /// Returns the rows used.
    @discardableResult
    public mutating func statusLine(_ line: StatusLine, y: Int) -> Int {
        switch line {
        case .question(let text) where DisplayWidth.of(text) <= width - 2:
            fill(x: 0, y: y, width: width, style: .warning)
            put(text, x: 1, y: y, style: .warning, maxWidth: width - 2)
            return 1
        case .question(let text), .notice(let text):
            return putWrapped(text, x: 1, bottom: y, width: width - 2, style: .warning, maxLines: 3)
        case .hint(let text):
            put(text, x: 1, y: y, style: .key, maxWidth: width - 2)
            return 1
        }
    }

    /// The title bar on the top row: the title on the left, cut before `right` (a count, a position, a day),
    /// which keeps its place at the right edge.
    public mutating func titleBar(_ title: String, right: String = "") {
        fill(x: 0, y: 0, width: width, style: .title)
        let room = right.isEmpty ? width - 2 : width - 4 - DisplayWidth.of(right)
        put(right, x: width - DisplayWidth.of(right) - 1, y: 0, style: .title)
        put(title, x: 1, y: 0, style: .title, maxWidth: room)
    }
}
