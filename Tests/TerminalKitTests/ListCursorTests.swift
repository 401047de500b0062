import Testing
@testable import TerminalKit

/// The highlight and scroll every list screen shares.
@Suite struct ListCursorTests {
    @Test func movesWithinTheListAndKeepsTheHighlightInView() {
        var c = ListCursor()
        c.move(.up, count: 10, page: 4)
        #expect(c.selected == 0 && c.top == 0)
        for _ in 0..<4 { c.move(.down, count: 10, page: 4) }
        #expect(c.selected == 4 && c.top == 1)
        c.move(.pageDown, count: 10, page: 4)
        #expect(c.selected == 8 && c.top == 5)
        c.move(.pageDown, count: 10, page: 4)
        #expect(c.selected == 9 && c.top == 6)
        c.move(.first, count: 10, page: 4)
        #expect(c.selected == 0 && c.top == 0)
        c.move(.last, count: 10, page: 4)
        #expect(c.selected == 9 && c.top == 6)
        c.move(.pageUp, count: 10, page: 4)
        #expect(c.selected == 5 && c.top == 5)
    }

    @Test func anEmptyListStaysAtTheTop() {
        var c = ListCursor()
        for move in [ListCursor.Move.down, .last, .pageDown] { c.move(move, count: 0, page: 5) }
        #expect(c == ListCursor())
    }

    @Test func stepsOverRowsThatCannotBeHighlighted() {
        // Rows 0 and 3 are headings.
        var c = ListCursor(selected: 1)
        c.move(.down, selectable: [1, 2, 4, 5], count: 6, page: 3)
        #expect(c.selected == 2)
        c.move(.down, selectable: [1, 2, 4, 5], count: 6, page: 3)
        #expect(c.selected == 4 && c.top == 2)
        c.move(.first, selectable: [1, 2, 4, 5], count: 6, page: 3)
        #expect(c.selected == 1 && c.top == 1)
    }

    @Test func aTextWithNothingToHighlightScrollsToEitherEnd() {
        var c = ListCursor()
        c.scroll(.down, count: 30, page: 10)
        #expect(c.top == 1)
        c.scroll(.last, count: 30, page: 10)
        #expect(c.top == 20)
        c.scroll(.pageDown, count: 30, page: 10)
        #expect(c.top == 20)
        c.scroll(.first, count: 30, page: 10)
        #expect(c.top == 0)
    }

    @Test func aShorterListKeepsTheHighlightOnIt() {
        var c = ListCursor()
        c.select(8, count: 10, page: 3)
        c.clamp(count: 5)
        #expect(c.selected == 4 && c.top <= 4)
    }
}

/// The one status line and title bar of every screen.
@Suite struct StatusLineTests {
    @Test func aQuestionThatFitsFillsItsRowALongOneWraps() {
        var g = Grid(width: 40, height: 6)
        #expect(g.statusLine(.question("Remove it? y/n"), y: 4) == 1)
        #expect(g.roles.split(separator: "\n")[4].allSatisfy { $0 == "W" })
        var long = Grid(width: 40, height: 6)
        let used = long.statusLine(.question(String(repeating: "word ", count: 12) + "y/n"), y: 4)
        #expect(used == 2 && long.text.split(separator: "\n")[4].contains("y/n"))
    }

    @Test func theTitleKeepsItsRightSideAndIsCutBeforeIt() {
        var g = Grid(width: 30, height: 2)
        g.titleBar("ResellerDesk · a very long account name", right: "3 of 9")
        let top = String(g.text.split(separator: "\n")[0])
        #expect(top.hasSuffix("3 of 9 ") && top.hasPrefix(" ResellerDesk · a") && !top.contains("name"))
    }
}
