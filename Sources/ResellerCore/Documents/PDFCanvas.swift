import CPDF

/// Why a PDF could not be made: cairo or pango missing, a font missing, or cairo failing to write.
public struct PDFError: Error, CustomStringConvertible {
    public var description: String
}

/// A PDF drawn into memory through cairo and pango (the C target CPDF, which loads them on first use): lengths in
/// points (1/72 in), y downwards from the page's top, text as plain UTF-8 wrapped to a width. One document, used
/// from one thread; `finish` hands back the file.
final class PDFCanvas {
    /// A font the document loaded, by its pango description.
    struct Font: Sendable { fileprivate let id: Int32 }

    enum Alignment { case left, center, right }

    private var pdf: OpaquePointer?

    init(width: Double, height: Double) throws(PDFError) {
        let (pdf, error) = Self.withError { rd_pdf_open(width, height, $0, $1) }
        guard let pdf else { throw PDFError(description: error) }
        self.pdf = pdf
    }

    deinit { rd_pdf_close(pdf) }

    /// The information dictionary. `created` ("2027-01-10T00:00:00Z") is written as both the creation and the
    /// modification date, in place of the clock's time, so one document always renders to the same bytes.
    func setMetadata(title: String, author: String?, creator: String, created: String) {
        rd_pdf_set_metadata(pdf, title, author, creator, created)
    }

    /// `description` ("DejaVu Sans Bold 16") loaded; fails when fontconfig has no font of that family rather than
    /// print in whichever it would take instead.
    func font(_ description: String) throws(PDFError) -> Font {
        let (id, error) = Self.withError { rd_pdf_font(pdf, description, $0, $1) }
        guard id >= 0 else { throw PDFError(description: error) }
        return Font(id: id)
    }

    /// A text laid out by pango: measured when made, drawn once its page is known without being shaped again.
    final class Text {
        fileprivate let layout: OpaquePointer?
        let height: Double

        fileprivate init(layout: OpaquePointer?, height: Double) { self.layout = layout; self.height = height }

        deinit { rd_pdf_free_text(layout) }
    }

    /// `text` in `font`, wrapped to `width` (at words, or inside a word longer than a line) and aligned in it.
    func layout(_ text: String, font: Font, width: Double, align: Alignment = .left) -> Text {
        let alignment: Int32 = switch align {
        case .left: Int32(RD_PDF_LEFT)
        case .center: Int32(RD_PDF_CENTER)
        case .right: Int32(RD_PDF_RIGHT)
        }
        var text = Self.printable(text)
        var height = 0.0
        let layout = text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                rd_pdf_layout_text(pdf, font.id, width, alignment, chars.baseAddress, chars.count, &height)
            }
        }
        return Text(layout: layout, height: height)
    }

    /// Draws `text` with its top left corner at `x`, `y`.
    func draw(_ text: Text, x: Double, y: Double, gray: Double = 0) { rd_pdf_draw_text(pdf, text.layout, x, y, gray) }

    func line(from: (x: Double, y: Double), to: (x: Double, y: Double), width: Double, gray: Double = 0) {
        rd_pdf_line(pdf, from.x, from.y, to.x, to.y, width, gray)
    }

    /// A rectangle filled in `fill` gray (none when nil), outlined `lineWidth` thick (none when 0) in `stroke`.
    func rect(x: Double, y: Double, width: Double, height: Double, fill: Double?, lineWidth: Double = 0,
              stroke: Double = 0) {
        rd_pdf_rect(pdf, x, y, width, height, fill ?? -1, lineWidth, stroke)
    }

    func newPage() { rd_pdf_new_page(pdf) }

    /// Ends the document and returns its bytes; the canvas draws nothing after.
    func finish() throws(PDFError) -> [UInt8] {
        guard let pdf else { throw PDFError(description: "the PDF is already finished") }
        self.pdf = nil   // rd_pdf_finish frees it, whatever it returns
        var bytes: UnsafeMutablePointer<UInt8>?
        var count = 0
        let (status, error) = Self.withError { rd_pdf_finish(pdf, &bytes, &count, $0, $1) }
        guard status == 0, let bytes else { throw PDFError(description: error) }
        defer { rd_pdf_free_bytes(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: count))
    }

    /// `text` with what stored text may not hold (TextRules) as spaces: pango draws a control character as a
    /// boxed code and warns on NUL, and a direction override would reorder the printed figures. Line breaks stay.
    private static func printable(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x0A }) { return text }
        let forbidden = { (s: Unicode.Scalar) in TextRules.isForbidden(s, allowNewlines: true) }
        guard text.unicodeScalars.contains(where: forbidden) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(forbidden(s) ? " " : s) }
        return String(out)
    }

    /// `body` given a buffer for CPDF's reason of failure, and that reason as text.
    private static func withError<T>(_ body: (UnsafeMutablePointer<CChar>, Int) -> T) -> (T, String) {
        var buffer = [CChar](repeating: 0, count: 512)
        let result = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
        return (result, String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
