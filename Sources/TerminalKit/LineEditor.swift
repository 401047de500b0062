/// A one-line text editor with readline keys, working on grapheme clusters (an accented letter or a
/// family emoji is one step for the cursor) and laid out by display width.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Cursor position in characters, 0…count.
    public private(set) var cursor: Int
    /// Keystrokes are accepted only if the result passes this (e.g. a money field's valid prefixes).
    public var accepts: @Sendable (String) -> Bool = { _ in true }
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 2000) {
        characters = Array(text)
        cursor = characters.count
        self.maxLength = maxLength
    }

    public static func == (a: LineEditor, b: LineEditor) -> Bool { a.characters == b.characters && a.cursor == b.cursor }

    public var text: String { String(characters) }

    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    public enum Edit: Sendable { case deleteBack, deleteForward, left, right, start, end, killEnd, killStart, killWord }

    /// The editing keys (readline's): they drive `handle` and the help of every text field.
    public static let bindings: [Binding<Edit>] = [
        Binding([.left, .ctrl("b")], "", help: "move the cursor left", .left, footer: false),
        Binding([.right, .ctrl("f")], "", help: "move the cursor right", .right, footer: false),
        Binding([.home, .ctrl("a")], "", help: "to the start of the text", .start, footer: false),
        Binding([.end, .ctrl("e")], "", help: "to the end of the text", .end, footer: false),
        Binding([.backspace, .ctrl("h")], "", help: "delete the character before the cursor", .deleteBack,
                footer: false),
        Binding([.delete, .ctrl("d")], "", help: "delete the character under the cursor", .deleteForward,
                footer: false),
        Binding([.ctrl("k")], "", help: "delete to the end of the text", .killEnd, footer: false),
        Binding([.ctrl("u")], "", help: "delete to the start of the text", .killStart, footer: false),
        Binding([.ctrl("w")], "", help: "delete the word before the cursor", .killWord, footer: false),
    ]

    /// Applies a key; returns whether it was an editing key (so the screen does not treat it otherwise).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        let at = cursor
        switch key {
        case .char(let c):
            insert(String(c))
            return true
        case .paste(let s):
            insert(s.filter { !$0.isNewline })
            return true
        default: break
        }
        guard let action = Binding.action(for: key, in: Self.bindings) else { return false }
        switch action {
        case .deleteBack:
            if at > 0 && edit({ $0.remove(at: at - 1) }) { cursor = at - 1 }
        case .deleteForward:
            if at < characters.count { edit { $0.remove(at: at) } }
        case .left: cursor = max(0, at - 1)
        case .right: cursor = min(characters.count, at + 1)
        case .start: cursor = 0
        case .end: cursor = characters.count
        case .killEnd: edit { $0.removeSubrange(at...) }
        case .killStart:
            if edit({ $0.removeSubrange(..<at) }) { cursor = 0 }
        case .killWord:
            var start = at
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            let from = start
            if edit({ $0.removeSubrange(from..<at) }) { cursor = from }
        }
        return true
    }

    private mutating func insert(_ s: String) {
        let new = Array(s)
        var candidate = characters
        candidate.insert(contentsOf: new, at: cursor)
        guard candidate.count <= maxLength, accepts(String(candidate)) else { return }
        characters = candidate
        cursor += new.count
    }

    /// Applies a deletion if the result is still acceptable (deleting may leave an invalid prefix in a
    /// restricted field: "1.5" → ".5"); returns whether it did.
    @discardableResult
    private mutating func edit(_ change: (inout [Character]) -> Void) -> Bool {
        var candidate = characters
        change(&candidate)
        guard accepts(String(candidate)) else { return false }
        characters = candidate
        return true
    }

    /// The visible part for a field `width` columns wide, scrolled so the cursor shows, and the cursor's
    /// column within it.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        var start = 0
        func columns(_ from: Int, _ to: Int) -> Int { characters[from..<to].reduce(0) { $0 + DisplayWidth.of($1) } }
        while columns(start, cursor) > width - 1 { start += 1 }
        var end = start, used = 0
        while end < characters.count, used + DisplayWidth.of(characters[end]) <= width {
            used += DisplayWidth.of(characters[end])
            end += 1
        }
        // Character by character: String's generic initializer from a sequence made the Swift runtime scan every
        // protocol conformance record of the binary on its first use, before the terminal's first frame (#27).
        var text = ""
        for character in characters[start..<end] { text.append(character) }
        return (text, columns(start, cursor))
    }
}
