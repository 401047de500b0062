import ResellerCore
import TerminalKit

/// An invoice or a credit note as it prints (`InvoiceDocument.text`, the one printed form the storefront's
/// page and the emails show too), read-only, scrolled a line or a page at a time; `w` writes its two files
/// (`WriteFilesDialog`), and the notice line then says where.
public struct DocumentScreen: Screen {
    public enum Action: Sendable, Hashable { case back, write, help, move(ListCursor.Move) }
    public enum Effect: Sendable, Equatable { case back, writeFiles, help }

    public let document: InvoiceDocument
    /// The account it is billed to, for the title.
    public let accountCode: String
    /// The first line shown.
    private var scroll = ListCursor()
    /// The first line in view.
    public var top: Int { scroll.top }
    /// What the last action did (where the files went), until the next key.
    public private(set) var notice: String?

    public init(_ document: InvoiceDocument, accountCode: String) {
        self.document = document
        self.accountCode = accountCode
    }

    public static let keys: [Binding<Action>] = [
        Binding([.escape, .char("q")], "Back", help: "back to the account", .back),
        Binding([.char("w")], "Write files", help: "write its PDF and e-invoice (XML) to a folder", .write),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "scroll down a line", .up: "scroll up a line", .pageDown: "a page down",
                             .pageUp: "a page up", .first: "the top", .last: "the end (the totals)"],
                            spacePages: true, Action.move)

    public var bindings: [Binding<Action>] { Self.keys }

    public var help: HelpScreen {
        HelpScreen(title: document.title, bindings: bindings,
                   notes: ["The \(document.kind.rawValue.lowercased()) as it prints and as its email shows it."])
    }

    /// The printed lines at a terminal `width` columns wide (a column of margin each side). A line longer than
    /// that (an exemption reason printed whole, a long name) wraps, its rest two columns further in, rather than
    /// lose its end at the edge of the screen.
    func lines(width: Int) -> [String] {
        let room = width - 2
        return document.text(width: room).flatMap { line -> [String] in
            guard DisplayWidth.of(line) > room else { return [line] }
            let indent = line.prefix { $0 == " " }.count
            let words = DisplayWidth.wrap(String(line.dropFirst(indent)), to: room - indent)
            let first = String(repeating: " ", count: indent) + (words.first ?? "")
            guard words.count > 1 else { return [first] }
            let rest = DisplayWidth.wrap(words.dropFirst().joined(separator: " "), to: room - indent - 2)
            return [first] + rest.map { String(repeating: " ", count: indent + 2) + $0 }
        }
    }

    /// Rows for the text: all but the title and the footer.
    static func rows(_ height: Int) -> Int { max(1, height - 2) }

    public mutating func notify(_ text: String) { notice = text }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        var asked: (question: String, effect: Effect)?
        guard case .act(let action) = Binding.press(key, in: bindings, asked: &asked, declined: "",
                                                    notice: &notice) else { return [] }
        // The text is as long at any width but for lines too long for 80 columns, which wrap there: counted
        // at 80, a wider terminal can at worst scroll a few blank rows past the end.
        switch action {
        case .back: return [.back]
        case .write: return [.writeFiles]
        case .help: return [.help]
        case .move(let move): scroll.scroll(move, count: lines(width: 80).count, page: Self.rows(height))
        }
        return []
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let lines = self.lines(width: width), page = Self.rows(height)
        let shown = min(lines.count, top + page)
        let position = lines.count > page ? "lines \(top + 1)–\(shown) of \(lines.count)" : ""
        g.titleBar("ResellerDesk · \(accountCode) · \(document.title)", right: position)
        for (i, line) in lines.dropFirst(top).prefix(page).enumerated() {
            g.put(line, x: 1, y: 1 + i, style: i + top == 0 ? .key : .normal, maxWidth: width - 2)
        }
        if let notice { g.statusLine(.notice(notice), y: height - 2) }
        g.footer(bindings, y: height - 1)
        return g
    }
}
