extension Grid {
    /// A list screen's table: the column titles on row `y`, then the `rows` rows in view from the cursor's top,
    /// one a line, the highlighted one filled across the width; `style` gives every other row its style.
    public mutating func listTable(_ table: TextTable, y: Int, cursor: ListCursor, rows: Int,
                                   style: (Int) -> CellStyle = { _ in .normal }) {
        let widths = table.widths(maxWidth: width - 2)
        put(TextTable.line(table.columns.map(\.title), columns: table.columns, widths: widths, gap: table.gap),
            x: 1, y: y, style: .muted)
        for (i, cells) in table.rows.enumerated().dropFirst(cursor.top).prefix(rows) {
            let line = y + 1 + i - cursor.top, highlighted = i == cursor.selected
            if highlighted { fill(x: 0, y: line, width: width, style: .selected) }
            put(TextTable.line(cells, columns: table.columns, widths: widths, gap: table.gap), x: 1, y: line,
                style: highlighted ? .selected : style(i))
        }
    }
}
