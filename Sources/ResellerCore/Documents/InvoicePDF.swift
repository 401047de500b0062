/// An invoice or a credit note (`InvoiceDocument`, the content every front prints) as the A4 PDF a distributor
/// sends: the seller's header, the buyer, the lines as a table that breaks across pages with its heading repeated,
/// the tax breakdown and totals, the payment details, the notes, and the seller's footer with "Page n of m" at the
/// foot of every page. Drawn by cairo and pango (`PDFCanvas`), the field's standard for text layout, so Greek and
/// other scripts shape and wrap right and cairo embeds just the glyphs used; DejaVu Sans (Debian's
/// fonts-dejavu-core) covers Latin, Greek and Cyrillic.
public enum InvoicePDF {
    /// The document as an A4 PDF: fonts embedded and subset, text selectable. The same document gives the same
    /// bytes: the PDF's dates are the document's date, never the clock's.
    public static func render(_ d: InvoiceDocument) throws(PDFError) -> [UInt8] {
        let canvas = try PDFCanvas(width: Page.width, height: Page.height)
        canvas.setMetadata(title: d.title, author: d.seller.first, creator: "ResellerDesk",
                           created: "\(d.date)T00:00:00Z")
        let parts = Parts(canvas: canvas, fonts: try Fonts(canvas), d: d)
        let foot = parts.footer()
        var sheet = Sheet(bottom: Page.bottom - foot.height - 14)
        sheet.place(parts.heading())
        sheet.place(parts.billTo(), gap: 20)
        // A page that continues the table starts with a short heading (whose document it is) and the table's.
        let pageHeading = parts.pageHeading(), tableHeading = parts.tableHeading()
        for (n, row) in d.rows.enumerated() {
            // The table's heading stays with the first line, never alone at a page's foot.
            sheet.place(n == 0 ? tableHeading.above(parts.row(row)) : parts.row(row), gap: n == 0 ? 20 : 0,
                        continuation: [pageHeading, tableHeading])
        }
        if d.rows.isEmpty { sheet.place(tableHeading, gap: 20) }
        sheet.place(parts.totals(), gap: 12, continuation: [pageHeading])
        if let payment = parts.payment() { sheet.place(payment, gap: 18, continuation: [pageHeading]) }
        for (n, note) in d.notes.enumerated() {
            sheet.place(parts.note(note, first: n == 0), gap: n == 0 ? 16 : 3, continuation: [pageHeading])
        }
        for (n, page) in sheet.pages.enumerated() {
            if n > 0 { canvas.newPage() }
            for (block, top) in page { block.draw(on: canvas, top: top) }
            foot.draw(on: canvas, top: Page.bottom - foot.height)
            let number = canvas.layout("Page \(n + 1) of \(sheet.pages.count)", font: parts.fonts.small, width: 90,
                                       align: .right)
            canvas.draw(number, x: Page.right - 90, y: Page.bottom - foot.height + 5, gray: 0.35)
        }
        return try canvas.finish()
    }
}

/// A4 in points (210 × 297 mm, 72 points to the inch), with 18 mm margins.
private enum Page {
    static let width = 595.276, height = 841.890
    static let margin = 51.02
    static let left = margin, right = width - margin, top = margin, bottom = height - margin
    static let content = right - left
}

/// The table's columns: the description takes what the figures leave.
private enum Column {
    static let gap = 8.0
    static let amount = (x: Page.right - 70, width: 70.0)
    static let tax = (x: amount.x - gap - 46, width: 46.0)
    static let unitPrice = (x: tax.x - gap - 60, width: 60.0)
    static let quantity = (x: unitPrice.x - gap - 34, width: 34.0)
    static let description = (x: Page.left, width: quantity.x - gap - Page.left)
}

private struct Fonts {
    let body, bold, small, smallBold, seller, title, number, total: PDFCanvas.Font

    init(_ canvas: PDFCanvas) throws(PDFError) {
        func font(_ style: String) throws(PDFError) -> PDFCanvas.Font {
            do { return try canvas.font("DejaVu Sans " + style) } catch {
                throw PDFError(description: "\(error.description) (Debian: fonts-dejavu-core)")
            }
        }
        body = try font("9"); bold = try font("Bold 9"); small = try font("7.5"); smallBold = try font("Bold 7.5")
        seller = try font("Bold 16"); title = try font("Bold 18"); number = try font("Bold 11")
        total = try font("Bold 10.5")
    }
}

/// One thing drawn, its y from the top of its block.
private enum Mark {
    case text(PDFCanvas.Text, x: Double, y: Double, gray: Double)
    case rule(y: Double, from: Double, to: Double, width: Double, gray: Double)
    case box(y: Double, height: Double, fill: Double, lineWidth: Double)
}

/// What is kept together on one page (a heading, a line of the table, the totals), measured as it is built.
private struct Block {
    let canvas: PDFCanvas
    private(set) var marks: [Mark] = []
    var height = 0.0

    init(_ canvas: PDFCanvas) { self.canvas = canvas }

    /// `text` with its top at `y`, wrapped to `width`; its height (0 for none).
    @discardableResult
    mutating func text(_ text: String, _ font: PDFCanvas.Font, x: Double, y: Double, width: Double,
                       align: PDFCanvas.Alignment = .left, gray: Double = 0) -> Double {
        guard !text.isEmpty else { return 0 }
        let laidOut = canvas.layout(text, font: font, width: width, align: align)
        marks.append(.text(laidOut, x: x, y: y, gray: gray))
        height = max(height, y + laidOut.height)
        return laidOut.height
    }

    /// A label and its value on one row (the value right-aligned where `valueWidth` ends at `x + width`).
    @discardableResult
    mutating func pair(_ label: String, _ value: String, x: Double, y: Double, width: Double, valueWidth: Double,
                       labelFont: PDFCanvas.Font, valueFont: PDFCanvas.Font, labelGray: Double = 0,
                       align: PDFCanvas.Alignment = .right) -> Double {
        max(text(label, labelFont, x: x, y: y, width: width - valueWidth - Column.gap, gray: labelGray),
            text(value, valueFont, x: x + width - valueWidth, y: y, width: valueWidth, align: align))
    }

    mutating func rule(y: Double, from: Double = Page.left, to: Double = Page.right, width: Double = 0.4,
                       gray: Double = 0.6) {
        marks.append(.rule(y: y, from: from, to: to, width: width, gray: gray))
        height = max(height, y + width / 2)
    }

    /// A shaded box under the whole block, as wide as the page's text, outlined when `lineWidth` > 0.
    mutating func underlay(fill: Double, lineWidth: Double = 0) {
        marks.insert(.box(y: 0, height: height, fill: fill, lineWidth: lineWidth), at: 0)
    }

    /// This block with `next` below it, kept together.
    func above(_ next: Block) -> Block {
        var b = self
        let top = height
        b.marks += next.marks.map { m in
            switch m {
            case let .text(t, x, y, g): .text(t, x: x, y: top + y, gray: g)
            case let .rule(y, from, to, w, g): .rule(y: top + y, from: from, to: to, width: w, gray: g)
            case let .box(y, h, f, l): .box(y: top + y, height: h, fill: f, lineWidth: l)
            }
        }
        b.height += next.height
        return b
    }

    func draw(on canvas: PDFCanvas, top: Double) {
        for m in marks {
            switch m {
            case let .text(t, x, y, g): canvas.draw(t, x: x, y: top + y, gray: g)
            case let .rule(y, from, to, w, g): canvas.line(from: (from, top + y), to: (to, top + y), width: w, gray: g)
            case let .box(y, h, f, l):
                canvas.rect(x: Page.left, y: top + y, width: Page.content, height: h, fill: f, lineWidth: l,
                            stroke: 0.55)
            }
        }
    }
}

/// The pages as blocks and their tops, filled from the top down.
private struct Sheet {
    var pages: [[(Block, Double)]] = [[]]
    var y = Page.top
    /// The lowest a block may reach: the footer is below.
    let bottom: Double

    init(bottom: Double) { self.bottom = bottom }

    /// `block` `gap` below what the page holds; when it does not fit, on a new page below `continuation`. A
    /// block taller than a page is placed all the same.
    mutating func place(_ block: Block, gap: Double = 0, continuation: [Block] = []) {
        if y + gap + block.height > bottom && !pages[pages.count - 1].isEmpty {
            pages.append([])
            y = Page.top
            for c in continuation { put(c) }
        } else {
            y += gap
        }
        put(block)
    }

    private mutating func put(_ block: Block) {
        pages[pages.count - 1].append((block, y))
        y += block.height
    }
}

/// The document's parts as blocks.
private struct Parts {
    let canvas: PDFCanvas
    let fonts: Fonts
    let d: InvoiceDocument

    /// The first page's top: the seller on the left (its name large), the title, number and dates on the right.
    func heading() -> Block {
        var b = Block(canvas)
        let metaWidth = 200.0, metaX = Page.right - metaWidth
        let sellerWidth = metaX - Column.gap * 2 - Page.left
        if let name = d.seller.first {
            let h = b.text(name, fonts.seller, x: Page.left, y: 0, width: sellerWidth)
            b.text(d.seller.dropFirst().joined(separator: "\n"), fonts.small, x: Page.left, y: h + 4,
                   width: sellerWidth, gray: 0.3)
        }
        var y = b.text(d.kind.rawValue.uppercased(), fonts.title, x: metaX, y: 0, width: metaWidth, align: .right)
        y += b.text(d.number, fonts.number, x: metaX, y: y, width: metaWidth, align: .right) + 8
        let meta: [(String, String)?] = [("Date", "\(d.date)"), d.dueDate.map { ("Due date", "\($0)") },
                                         d.creditedInvoice.map { ("Credits", $0) },
                                         d.status.map { ("Status", $0.rawValue) }]
        for case let (label, value)? in meta {
            y += b.pair(label, value, x: metaX, y: y, width: metaWidth, valueWidth: 110, labelFont: fonts.body,
                        valueFont: fonts.body, labelGray: 0.35) + 1.5
        }
        return b
    }

    func billTo() -> Block {
        var b = Block(canvas)
        let width = Page.content / 2
        var y = b.text("BILL TO", fonts.smallBold, x: Page.left, y: 0, width: width, gray: 0.35) + 3
        if let name = d.billTo.first {
            y += b.text(name, fonts.bold, x: Page.left, y: y, width: width) + 1
            b.text(d.billTo.dropFirst().joined(separator: "\n"), fonts.body, x: Page.left, y: y, width: width)
        }
        return b
    }

    /// The top of a page after the first: whose document it is.
    func pageHeading() -> Block {
        var b = Block(canvas)
        let half = Page.content / 2
        let h = max(b.text(d.seller.first ?? "", fonts.bold, x: Page.left, y: 0, width: half),
                    b.text("\(d.title) · \(d.date)", fonts.bold, x: Page.left + half, y: 0, width: half,
                           align: .right))
        b.rule(y: h + 5)
        b.height += 12
        return b
    }

    func tableHeading() -> Block {
        var b = Block(canvas)
        let f = fonts.smallBold, y = 5.0
        b.text("Description", f, x: Column.description.x + 4, y: y, width: Column.description.width - 4)
        b.text("Qty", f, x: Column.quantity.x, y: y, width: Column.quantity.width, align: .right)
        b.text("Unit price", f, x: Column.unitPrice.x, y: y, width: Column.unitPrice.width, align: .right)
        b.text("Tax", f, x: Column.tax.x, y: y, width: Column.tax.width, align: .center)
        b.text("Net amount", f, x: Column.amount.x, y: y, width: Column.amount.width - 4, align: .right)
        b.height += 5
        b.underlay(fill: 0.92)
        return b
    }

    /// A line of the table: for whom and what (wrapped), its period and days below; the figures on the right.
    func row(_ r: InvoiceDocument.Row) -> Block {
        var b = Block(canvas)
        let pad = 4.0, c = Column.self
        let what = [r.forAccount, "\(r.productCode) \(r.description)"].filter { !$0.isEmpty }.joined(separator: " · ")
        let h = b.text(what, fonts.body, x: c.description.x + 4, y: pad, width: c.description.width - 4)
        b.text(r.period + (r.days.isEmpty ? "" : " (\(r.days))"), fonts.small, x: c.description.x + 4, y: pad + h + 1,
               width: c.description.width - 4, gray: 0.35)
        b.text(r.quantity, fonts.body, x: c.quantity.x, y: pad, width: c.quantity.width, align: .right)
        b.text(r.unitPrice, fonts.body, x: c.unitPrice.x, y: pad, width: c.unitPrice.width, align: .right)
        b.text(r.tax, fonts.body, x: c.tax.x, y: pad, width: c.tax.width, align: .center)
        b.text(r.amount, fonts.body, x: c.amount.x, y: pad, width: c.amount.width - 4, align: .right)
        b.rule(y: b.height + pad, width: 0.3, gray: 0.8)
        return b
    }

    /// Net, the tax of each category and rate, the total in bold; what is paid and left when known.
    func totals() -> Block {
        var b = Block(canvas)
        let width = 260.0, x = Page.right - width - 4, valueWidth = 100.0
        func pair(_ label: String, _ value: String, y: Double, _ font: PDFCanvas.Font) -> Double {
            b.pair(label, value, x: x, y: y, width: width, valueWidth: valueWidth, labelFont: font, valueFont: font)
        }
        var y = pair("Net", d.net, y: 0, fonts.body) + 2
        for t in d.taxes { y += pair("\(t.label) on \(t.taxable)", t.tax, y: y, fonts.body) + 2 }
        b.rule(y: y + 2, from: x, to: Page.right, width: 0.8, gray: 0)
        y += 7
        y += pair("Total", d.total, y: y, fonts.total) + 2
        if let paid = d.paid, let due = d.due {
            y += pair("Paid", paid, y: y + 2, fonts.body) + 4
            _ = pair("Left to pay", due, y: y, fonts.bold)
        }
        return b
    }

    /// How to pay an invoice: the amount, by when, the seller's bank and the payment reference. None for a credit
    /// note, or an invoice with neither a bank nor a reference.
    func payment() -> Block? {
        // The document carries the seller's bank line (Seller.bankLine) first among its footer lines.
        let bank = d.footer.first { $0.hasPrefix("IBAN ") }
        guard d.kind == .invoice, bank != nil || d.paymentReference != nil else { return nil }
        var b = Block(canvas)
        let x = Page.left + 10, width = Page.content - 20
        var y = b.text("Payment", fonts.bold, x: x, y: 8, width: width) + 12
        let rows: [(String, String, PDFCanvas.Font)?] = [
            ("Amount", d.due ?? d.total, fonts.body), d.dueDate.map { ("Due date", "\($0)", fonts.body) },
            bank.map { ("Bank transfer to", $0, fonts.body) },
            d.paymentReference.map { ("Payment reference", $0, fonts.bold) },
        ]
        for case let (label, value, font)? in rows {
            y += b.pair(label, value, x: x, y: y, width: width, valueWidth: width - 110, labelFont: fonts.body,
                        valueFont: font, labelGray: 0.35, align: .left) + 2
        }
        b.height += 8
        b.underlay(fill: 0.96, lineWidth: 0.6)
        return b
    }

    /// A note (the exemption reason, reverse charge), the first under the heading "Notes".
    func note(_ text: String, first: Bool) -> Block {
        var b = Block(canvas)
        let y = first ? b.text("NOTES", fonts.smallBold, x: Page.left, y: 0, width: Page.content, gray: 0.35) + 3 : 0
        b.text(text, fonts.body, x: Page.left, y: y, width: Page.content)
        return b
    }

    /// The foot of every page: a rule, then the seller's bank and footer lines (the page number on the right).
    func footer() -> Block {
        var b = Block(canvas)
        b.rule(y: 0)
        let number = canvas.layout("Page 1 of 1", font: fonts.small, width: 90).height
        b.text(d.footer.joined(separator: "\n"), fonts.small, x: Page.left, y: 5, width: Page.content - 100,
               gray: 0.35)
        b.height = max(b.height, 5 + number)
        return b
    }
}
