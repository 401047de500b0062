import Foundation

/// A plain-text table laid out by display width: the CLI's readable output and the terminal's tables.
/// Every cell passes the Sanitizer. When the table is too wide, its `flexible` columns give up the width
/// (all columns, if none is flexible), shared by what they carry: see `share`.
public struct TextTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var alignRight: Bool
        public var flexible: Bool
        public init(_ title: String, alignRight: Bool = false, flexible: Bool = false) {
            self.title = title; self.alignRight = alignRight; self.flexible = flexible
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []
    /// Spaces between columns; tight tables for 80 columns use 1.
    public var gap: Int

    public init(_ columns: [Column], gap: Int = 2) {
        self.columns = columns
        self.gap = gap
    }

    public mutating func add(_ cells: [String]) { rows.append(cells.map { Sanitizer.clean($0, maxCharacters: 200) }) }

    /// The width of each column for a table at most `maxWidth` wide: what its widest cell needs when all
    /// fit, else `share` of what there is. Computed over every row, so columns stay put as rows scroll.
    public func widths(maxWidth: Int) -> [Int] {
        let wanted = columns.indices.map { i in
            max(DisplayWidth.of(columns[i].title), rows.map { DisplayWidth.of($0.indices.contains(i) ? $0[i] : "") }.max() ?? 0)
        }
        return Self.share(maxWidth - gap * max(0, columns.count - 1), wanted: wanted, columns: columns)
    }

    /// Widths for `available` columns of cells. If everything fits, each column gets what it `wanted`.
    /// Otherwise only the flexible columns (all, if none is) shrink: those that want no more than an equal
    /// share of the room left keep their width, and the others split the rest in proportion to what they
    /// want, never below their title. So a short subject beside a long address both stay readable, where
    /// cutting one column alone would leave "Activate your …" on every row.
    public static func share(_ available: Int, wanted: [Int], columns: [Column]) -> [Int] {
        guard wanted.reduce(0, +) > available else { return wanted }
        let anyFlexible = columns.contains(where: \.flexible)
        var shrinking = Set(wanted.indices.filter { !anyFlexible || columns[$0].flexible })
        var widths = wanted
        var room = available - wanted.indices.filter { !shrinking.contains($0) }.reduce(0) { $0 + wanted[$1] }
        // Columns that want less than an equal share keep what they want, until none does.
        while let i = shrinking.first(where: { wanted[$0] * shrinking.count <= room }) {
            shrinking.remove(i)
            room -= wanted[i]
        }
        let total = shrinking.reduce(0) { $0 + wanted[$1] }
        var left = room
        for i in shrinking.sorted() {
            widths[i] = max(DisplayWidth.of(columns[i].title), total > 0 ? room * wanted[i] / total : 0)
            left -= widths[i]
        }
        // What rounding left over goes to the widest shrunk column.
        if left > 0, let widest = shrinking.max(by: { wanted[$0] < wanted[$1] }) { widths[widest] += left }
        return widths
    }

    public func render(maxWidth: Int = 160) -> String {
        let widths = widths(maxWidth: maxWidth)
        func line(_ cells: [String]) -> String {
            TextTable.line(cells, columns: columns, widths: widths, gap: gap)
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n")
    }

    /// One line with fixed column widths (numbers right-aligned): the screens' tables, whose columns must
    /// not move as rows scroll in, and each line of `render`.
    public static func line(_ cells: [String], columns: [Column], widths: [Int], gap: Int = 1) -> String {
        columns.indices.map { i in
            DisplayWidth.pad(cells.indices.contains(i) ? cells[i] : "", to: widths[i], alignRight: columns[i].alignRight)
        }.joined(separator: String(repeating: " ", count: gap))
    }

    /// A row's cells in full, for the line under a table that shows the highlighted row uncut.
    public static func full(_ cells: [String]) -> String {
        cells.filter { !$0.isEmpty && $0 != "-" }.joined(separator: " · ")
    }
}
