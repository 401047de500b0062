/// The pure part of reading keys: one character code to a key, and bracketed-paste text collected until
/// its end marker. The backend does the waiting and reading; this decides what the characters mean.
public enum KeyDecoder {
    /// A character as ncurses returns it (not a KEY_ code) to a key; nil for codes that mean nothing.
    public static func key(_ value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        case 0, 28...31, 0x80...0x9F: return nil
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }

    /// What follows an Esc when a bracketed paste starts.
    public static let pasteStart: [UInt32] = Array("[200~".unicodeScalars.map(\.value))
}

/// The text of a bracketed paste (ESC[200~ … ESC[201~), fed one character at a time: it ends at the end
/// marker, which never becomes text, or once it passes `limit` characters (larger than any field).
public struct PasteReader: Sendable {
    private static let end = Array("\u{1B}[201~".unicodeScalars)
    private var text = String.UnicodeScalarView()
    private var tail: [Unicode.Scalar] = []
    public let limit: Int
    public private(set) var finished = false

    public init(limit: Int = 100_000) { self.limit = limit }

    /// Adds one character; false once the paste is over (end marker or limit).
    public mutating func feed(_ value: UInt32) -> Bool {
        guard !finished else { return false }
        guard let scalar = Unicode.Scalar(value) else { return true }   // not a character: skipped
        tail.append(scalar)
        if tail.count > Self.end.count { text.append(tail.removeFirst()) }
        if tail == Self.end {
            tail = []
            finished = true
        } else if text.count >= limit {
            finished = true
        }
        return !finished
    }

    /// The pasted text (what arrived, if the end marker never came).
    public var key: Key {
        var all = text
        all.append(contentsOf: tail)
        return .paste(String(all))
    }
}
