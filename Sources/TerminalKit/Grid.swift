/// How a cell looks, by role, not colour: the backend maps roles to colours, or to bold/reverse/underline
/// under NO_COLOR or --mono.
public enum CellStyle: UInt8, Sendable, Hashable {
    case normal, title, muted, focused, selected, invalid, key, warning
}

/// The screen as text cells. Screens draw into a Grid; the backend copies it to the terminal (and ncurses
/// sends only the cells that changed); tests compare its text with golden files. Every string written
/// passes the Sanitizer, and wide characters take two cells.
public struct Grid: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var text: Character
        public var style: CellStyle
        /// The right half of a wide character: drawn by the cell before it.
        public var continuation: Bool
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be, when a field is being edited.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(text: " ", style: .normal, continuation: false), count: self.width * self.height)
    }

    public static func == (a: Grid, b: Grid) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns and the grid; returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width - max(0, x), maxWidth ?? Int.max)
        var col = x
        if DisplayWidth.isPrintableASCII(text) {
            for byte in text.utf8.prefix(max(0, limit)) {
                if col >= 0 { cells[y * width + col] = Cell(text: Character(Unicode.Scalar(byte)), style: style, continuation: false) }
                col += 1
            }
            return col - x
        }
        for c in Sanitizer.clean(text) {
            let w = DisplayWidth.of(c)
            if w == 0 { continue }
            if col - x + w > limit { break }
            if col >= 0 {
                cells[y * width + col] = Cell(text: c, style: style, continuation: false)
                if w == 2 { cells[y * width + col + 1] = Cell(text: " ", style: style, continuation: true) }
            }
            col += w
        }
        return col - x
    }

    /// Writes a message word-wrapped to `width` columns on the rows that end at row `bottom`, at most
    /// `maxLines` of them (the last then holds the rest, clipped); the rows are cleared first, as they may
    /// cover the end of a list. Returns the rows used. Messages wrap, so none is cut at the right edge.
    @discardableResult
    public mutating func putWrapped(_ text: String, x: Int, bottom: Int, width w: Int, style: CellStyle = .normal,
                                    maxLines: Int = 4) -> Int {
        let lines = DisplayWidth.wrap(text, to: w, lines: maxLines)
        for (i, line) in lines.enumerated() {
            let y = bottom - lines.count + 1 + i
            fill(x: 0, y: y, width: width, style: .normal)
            put(line, x: x, y: y, style: style, maxWidth: w)
        }
        return lines.count
    }

    /// The footer of a screen on row `y`: each binding's key and label, those that cannot act now greyed;
    /// the entries that do not fit whole are left out (the help lists them).
    public mutating func footer<Action>(_ table: [Binding<Action>], y: Int) {
        var x = 1
        for entry in Binding.footerEntries(table) {
            let at = x > 1 ? x + 2 : x
            guard at + DisplayWidth.of(entry.text) <= width - 1 else { break }
            x = at + put(entry.text, x: at, y: y, style: entry.enabled ? .key : .muted)
        }
    }

    /// Fills a run of cells with a style (and spaces), e.g. a highlighted row.
    public mutating func fill(x: Int, y: Int, width w: Int, style: CellStyle) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) { cells[y * width + col] = Cell(text: " ", style: style, continuation: false) }
    }

    /// A text field: its visible text, and when focused the empty rest as underscores and the cursor.
    /// The text is drawn in plain attributes on purpose: ncurses resets attributes after every update, so
    /// a typed character in a highlighted field costs the terminal a dozen bytes; a plain one costs one.
    public mutating func field(_ visible: (text: String, cursorColumn: Int), x: Int, y: Int, width w: Int, focused: Bool) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) {
            cells[y * width + col] = Cell(text: focused ? "_" : " ", style: focused ? .normal : .muted, continuation: false)
        }
        put(visible.text, x: x, y: y, maxWidth: w)
        if focused { cursor = (x + visible.cursorColumn, y) }
    }

    public func cell(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// The roles that carry meaning, one character a cell (a wide character's two cells included), one line
    /// a row: F focused, S selected, E invalid, W warning; a space for the rest (plain, muted, titles, keys).
    /// The backend gives each role its attributes (reverse, bold, underline under --mono), so goldens of
    /// this layer catch a lost focus or an error drawn as plain text.
    public var roles: String {
        let letters: [CellStyle: Character] = [.focused: "F", .selected: "S", .invalid: "E", .warning: "W"]
        return (0..<height).map { row in
            String((0..<width).map { letters[cells[row * width + $0].style] ?? " " })
        }.joined(separator: "\n")
    }

    /// The grid as plain text, one line a row, trailing spaces kept: the golden-file form.
    public var text: String {
        (0..<height).map { row in
            String((0..<width).compactMap { col -> Character? in
                let c = cells[row * width + col]
                return c.continuation ? nil : c.text
            })
        }.joined(separator: "\n")
    }
}
