/// The one gate between stored text and the terminal. Whatever a database row holds (ESC sequences,
/// OSC 52, C1 controls, bidi overrides, NUL), what comes out can only print visible characters: controls
/// become U+FFFD, bidi and invisible format characters are dropped, and text is cut at a safe length.
public enum Sanitizer {
    /// The most characters ever drawn from one value; longer text ends with "…".
    public static let maxCharacters = 1000

    public static func clean(_ text: String, maxCharacters: Int = Sanitizer.maxCharacters) -> String {
        if text.utf8.count <= maxCharacters && DisplayWidth.isPrintableASCII(text) { return text }
        // Most other text has nothing to change either (a name in Greek, a table's line cut with "…"): one pass
        // says so. Copying it a scalar at a time was a fifth of the cost of drawing the accounts list (#27).
        var scalars = 0
        let unchanged = text.unicodeScalars.allSatisfy { s in
            scalars += 1
            return scalars <= maxCharacters && !isReplaced(s.value) && !isDroppedFormat(s.value)
        }
        if unchanged { return text }
        var out = String.UnicodeScalarView()
        var count = 0
        for s in text.unicodeScalars {
            if count >= maxCharacters {
                out.append("…")
                break
            }
            let v = s.value
            if isReplaced(v) {
                out.append("\u{FFFD}")       // control character: shown, never executed
            } else if isDroppedFormat(v) {
                continue
            } else {
                out.append(s)
            }
            count += 1
        }
        return String(out)
    }

    /// C0 and C1 controls and DEL.
    static func isReplaced(_ v: UInt32) -> Bool { v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) }

    /// Bidi embeddings, overrides and isolates, and line/paragraph separators.
    static func isDroppedFormat(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
            || v == 0x061C || v == 0x2028 || v == 0x2029 || v == 0xFEFF
    }
}
