/// How many terminal columns text takes: 0 for combining marks and joiners, 2 for East Asian wide and
/// fullwidth characters and emoji, 1 otherwise. Measured per grapheme cluster, so "é" written as e + U+0301,
/// a flag, or a family emoji joined with ZWJ each count once.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        isPrintableASCII(text) ? text.utf8.count : text.reduce(0) { $0 + of($1) }
    }

    /// Printable ASCII only: one column per byte, nothing to sanitize. Most codes, emails and amounts
    /// are, and this check spares them grapheme breaking, which costs far more (each frame has hundreds).
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 {
            // VS16 asks for emoji presentation; ZWJ sequences and flags draw as one wide glyph.
            if scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D }) { return 2 }
            if scalars.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0.value) }) { return 2 }
        }
        return scalarWidth(first)
    }

    public static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 { return 0 }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        // Printable ASCII and Latin-1 (but the soft hyphen, a format character) are one column each: no mark,
        // no wide or emoji character among them. The property lookups below cost about 0.5 ms of a 1M desk's
        // first frame, nearly all for these: one non-ASCII "…" sends the whole line here, character by character.
        if v < 0x100 && v != 0xAD { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if isWide(v) { return 2 }
        if s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, per Unicode's EastAsianWidth.txt.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Cuts text to at most `width` columns, ending with "…" when it had to cut; never splits a grapheme.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if isPrintableASCII(text) { return text.utf8.count <= width ? text : String(text.utf8.prefix(width - 1))! + "…" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Pads (or truncates) to exactly `width` columns.
    /// `text` in lines at most `width` columns wide, broken at spaces (a word longer than a line is cut).
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            if line.isEmpty {
                line = truncate(word, to: width)
            } else if of(line) + 1 + of(word) <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = truncate(word, to: width)
            }
        }
        return lines + (line.isEmpty && !lines.isEmpty ? [] : [line])
    }

    /// `wrap`, at most `lines` lines: what does not fit goes on the last one, cut with "…" by whoever draws it.
    public static func wrap(_ text: String, to width: Int, lines: Int) -> [String] {
        let all = wrap(text, to: width)
        guard all.count > lines, lines > 0 else { return all }
        return Array(all.prefix(lines - 1)) + [all[(lines - 1)...].joined(separator: " ")]
    }

    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let t = truncate(text, to: width)
        let fill = String(repeating: " ", count: max(0, width - of(t)))
        return alignRight ? fill + t : t + fill
    }
}
