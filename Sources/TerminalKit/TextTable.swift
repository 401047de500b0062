/// A plain-text table laid out by display width: the CLI's readable output and the terminal's tables.
/// Every cell passes the Sanitizer; the widest column (`flexible`) shrinks first to fit `maxWidth`.
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

    public func render(maxWidth: Int = 160) -> String {
        var widths = columns.indices.map { i in
            max(DisplayWidth.of(columns[i].title), rows.map { DisplayWidth.of($0.indices.contains(i) ? $0[i] : "") }.max() ?? 0)
        }
        let total = widths.reduce(0, +) + gap * max(0, widths.count - 1)
        if total > maxWidth, let flex = columns.firstIndex(where: \.flexible) {
            widths[flex] = max(DisplayWidth.of(columns[flex].title), widths[flex] - (total - maxWidth))
        }
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
}

import Foundation
