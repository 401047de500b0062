/// The highlight and the scroll of a list, written once for every list screen (lazygit's ListCursor):
/// which row is highlighted, which is the first in view, and how keys move them.
public struct ListCursor: Sendable, Equatable {
    /// The highlighted row (0 in an empty list).
    public private(set) var selected: Int
    /// The first row in view.
    public private(set) var top: Int

    /// A move of the highlight, as the list keys name it.
    public enum Move: Sendable, Hashable {
        case down, up, pageDown, pageUp, first, last

        /// How many rows it moves with `page` rows in view (either end: more than any list holds).
        func step(page: Int) -> Int {
            switch self {
            case .down: 1
            case .up: -1
            case .pageDown: page
            case .pageUp: -page
            case .first: -Int.max / 2
            case .last: Int.max / 2
            }
        }
    }

    public init(selected: Int = 0, top: Int = 0) {
        self.selected = selected
        self.top = top
    }

    /// Moves the highlight over a list of `count` rows, `page` of them in view.
    public mutating func move(_ move: Move, count: Int, page: Int) {
        select(selected + move.step(page: page), count: count, page: page)
    }

    /// Moves the highlight over a list where only some rows can be highlighted (`selectable`, ascending: the
    /// others are headings or blank lines, stepped over); a list with none of them scrolls instead.
    public mutating func move(_ move: Move, selectable: [Int], count: Int, page: Int) {
        let step = move.step(page: page)
        guard !selectable.isEmpty else {
            top = min(max(0, count - page), max(0, top + step))
            return
        }
        let at = selectable.firstIndex(of: selected) ?? 0
        select(selectable[min(selectable.count - 1, max(0, at + step))], count: count, page: page)
    }

    /// Scrolls a text with nothing to highlight (a document, a report) by the move.
    public mutating func scroll(_ move: Move, count: Int, page: Int) {
        self.move(move, selectable: [], count: count, page: page)
    }

    /// Highlights row `index`, kept within the list, scrolling only as far as it takes to show it.
    public mutating func select(_ index: Int, count: Int, page: Int) {
        selected = min(max(0, index), max(0, count - 1))
        if selected < top { top = selected }
        if selected >= top + page { top = min(max(0, count - page), selected - page + 1) }
    }

    /// The same rows again after the list changed: the highlight and the scroll kept within `count`.
    public mutating func clamp(count: Int) {
        selected = min(selected, max(0, count - 1))
        top = min(top, selected)
    }
}

extension ListCursor {
    /// The keys that move a list, in the order the help lists them: ↓ (and j), ↑ (and k), PgDn (and Space
    /// where it is not text), PgUp, Home, End; each with its help, e.g. "next email". A move without a help
    /// has no key (a list under a text filter keeps Home and End for the text).
    public static func bindings<Action>(_ help: KeyValuePairs<Move, String>, letters: Bool = true,
                                        spacePages: Bool = false,
                                        _ action: (Move) -> Action) -> [Binding<Action>] {
        // A switch, not a dictionary keyed by Move: the first dictionary of a key type makes the Swift runtime
        // scan every protocol conformance in the binary, about 0.1 ms of the first frame (issue #27).
        func keys(_ move: Move) -> [Key] {
            switch move {
            case .down: [.down] + (letters ? [.char("j")] : [])
            case .up: [.up] + (letters ? [.char("k")] : [])
            case .pageDown: [.pageDown] + (spacePages ? [.char(" ")] : [])
            case .pageUp: [.pageUp]
            case .first: [.home]
            case .last: [.end]
            }
        }
        return help.map { move, text in Binding(keys(move), "", help: text, action(move), footer: false) }
    }
}
