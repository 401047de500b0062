import DeskTestSupport
import Foundation
import Testing
@testable import ResellerCore

/// The invoice PDF (issue #24) of real invoices and credit notes, issued by the service on a real SQLite desk, read
/// back the way a recipient's tools read it: poppler's pdftotext (the text, as laid out) and pdffonts (every font
/// embedded and subset). Each PDF is kept in .build/test-output/pdf to look at.
@Suite struct InvoicePDFTests {
    static let greekName = "Ελληνική Πληροφορική ΑΕ"

    /// The worked examples' desk (a Greek seller, its name with `&`) and a Greek reseller with a Greek name.
    static func desk(csv: String = WorkedExampleDesk.csv, country: String = "GR",
                     vat: String = "") throws -> (Fixture, Account) {
        var seller = TestSeller.greek
        seller.name = "Hellenic Cloud & Data Distribution S.A."
        return try WorkedExampleDesk.desk(seller: seller, csv: csv) { f in
            f.name = greekName; f.email = "logistirio@pliroforiki.example"; f.country = country
            f.registrationNumber = vat
            f.street = "Οδός Αθηνάς 12"; f.city = "Αθήνα"; f.postcode = "105 51"
        }
    }

    /// A typical invoice: five lines at two rates (24 % and 13 %).
    static func typical() throws -> (Fixture, Account, InvoiceDocument) {
        let (fx, a) = try desk()
        _ = try WorkedExampleDesk.order(fx, a, [("SVC", 10), ("RED", 5), ("P1", 1), ("P2", 2), ("P3", 3)])
        return (fx, a, try fx.service.invoiceDocument(number: "INV-000001", by: staff))
    }

    /// One invoice of 120 lines, their descriptions long enough to wrap.
    static func long() throws -> InvoiceDocument {
        let items = (1...120).map { n in
            let code = "BK" + String(1000 + n)
            return "\(code),\"Managed backup tier \(n), regional data centre, daily snapshots, 30 days kept\","
                + "monthly,\(n).50,\(n % 3 == 0 ? "reduced" : "standard")"
        }
        let (fx, a) = try desk(csv: "code,description,billing_period,price,tax_class\n" + items.joined(separator: "\n"))
        _ = try WorkedExampleDesk.order(fx, a, (1...120).map { ("BK" + String(1000 + $0), $0 % 4 + 1) })
        return try fx.service.invoiceDocument(number: "INV-000001", by: staff)
    }

    @Test func theTypicalInvoiceReadsBackWithItsFiguresAndEmbeddedFonts() throws {
        let (_, _, d) = try Self.typical()
        #expect(d.rows.count == 5 && d.taxes.count == 2 && d.paymentReference != nil)
        let pdf = try Self.render(d, as: "invoice-typical")
        let text = try Self.text(of: pdf)
        // The seller's name wraps in the heading: its `&` as it is (the whole name: the metadata, and the heading
        // of a page after the first in the 120-line test).
        for value in [d.number, d.net, d.total, try #require(d.paymentReference), Self.greekName,
                      "Hellenic Cloud & Data", "INVOICE", "\(d.date)", "\(try #require(d.dueDate))",
                      "BILL TO", "Page 1 of 1"] {
            #expect(text.contains(value), "the PDF's text lacks \(value)")
        }
        // Each tax row on one line: its label, its taxable amount and its tax.
        for t in d.taxes { #expect(Self.line(of: text, holds: ["\(t.label) on \(t.taxable)", t.tax]), "\(t.label)") }
        #expect(Self.line(of: text, holds: ["Total", d.total]) && Self.line(of: text, holds: ["Net", d.net]))
        // Every line of the table with its figures; the seller's bank in the payment box and the footer.
        for r in d.rows {
            #expect(Self.line(of: text, holds: [r.productCode, r.quantity, r.unitPrice, r.tax, r.amount]), "\(r)")
        }
        #expect(text.contains("\(Self.greekName) (ACC-") && text.contains("Οδός Αθηνάς 12"))
        #expect(text.components(separatedBy: "IBAN GR1601101250000000012300695").count == 3)
        #expect(!text.contains("Paid") || d.paid != nil)
        try Self.expectEmbeddedSubsetFonts(pdf)
    }

    /// What is paid and left shows only when the document says so; a credit note has no payment box.
    @Test func paidAndLeftToPayOnlyWhenSetAndACreditNoteNamesTheInvoiceItCredits() throws {
        let (fx, a, unpaid) = try Self.typical()
        var paid = unpaid
        paid.paid = "100.00 EUR"; paid.due = "89.90 EUR"; paid.status = .open
        let paidText = try Self.text(of: try Self.render(paid, as: "invoice-part-paid"))
        #expect(Self.line(of: paidText, holds: ["Paid", "100.00 EUR"]))
        #expect(Self.line(of: paidText, holds: ["Left to pay", "89.90 EUR"]))
        #expect(Self.line(of: paidText, holds: ["Status", "Open"]))
        var bare = unpaid
        bare.paid = nil; bare.due = nil; bare.status = nil
        let bareText = try Self.text(of: try Self.render(bare, as: "invoice-no-status"))
        #expect(!bareText.contains("Left to pay") && !bareText.contains("Status"))

        fx.clock.set("2027-01-20")
        let sub = try #require(try fx.service.subscriptions(of: a.id).first)
        let note = try #require(try fx.service.cancelSubscription(sub.id, now: true, by: staff).creditNote)
        let d = try fx.service.creditNoteDocument(number: note.number, by: staff)
        let pdf = try Self.render(d, as: "credit-note")
        let text = try Self.text(of: pdf)
        #expect(text.contains("CREDIT NOTE") && text.contains(d.number) && text.contains(d.total))
        #expect(Self.line(of: text, holds: ["Credits", "INV-000001"]))
        #expect(!text.contains("Payment reference") && !text.contains("Due date"))
        for t in d.taxes { #expect(Self.line(of: text, holds: ["\(t.label) on \(t.taxable)", t.tax])) }
        try Self.expectEmbeddedSubsetFonts(pdf)
    }

    @Test func aReverseChargeInvoicePrintsItsNoteAndBothVATIDs() throws {
        let (fx, a) = try Self.desk(country: "DE", vat: "DE136695976")
        _ = try WorkedExampleDesk.order(fx, a, [("SVC", 10)])
        let d = try fx.service.invoiceDocument(number: "INV-000001", by: staff)
        let text = try Self.text(of: try Self.render(d, as: "invoice-reverse-charge"))
        #expect(text.contains("NOTES") && text.contains(TaxRules.reverseChargeNote))
        #expect(text.contains("VAT ID EL094259216") && text.contains("VAT ID DE136695976"))
    }

    /// 120 lines: several pages, each with whose document it is, the table's heading and "Page n of m"; the
    /// totals once, at the end.
    @Test func a120LineInvoiceSpansPagesWithTheHeadingRepeated() throws {
        let d = try Self.long()
        #expect(d.rows.count == 120)
        let pdf = try Self.render(d, as: "invoice-120-lines")
        let pages = try Self.text(of: pdf).split(separator: "\u{0C}", omittingEmptySubsequences: true)
            .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(pages.count >= 4, "\(pages.count) pages")
        for (n, page) in pages.enumerated() {
            #expect(page.contains(d.number) && page.contains("Description") && page.contains("Net amount"),
                    "page \(n + 1) lacks the heading")
            #expect(n == 0 || page.contains("Hellenic Cloud & Data Distribution S.A."))
            #expect(page.contains("Page \(n + 1) of \(pages.count)"))
            #expect(page.contains("IBAN GR1601101250000000012300695"), "page \(n + 1) lacks the footer")
        }
        // Every line once, in order; the total on the last page only.
        let all = pages.joined()
        let codes = d.rows.map(\.productCode)
        #expect(codes.map { code in all.components(separatedBy: code + " ").count - 1 } == codes.map { _ in 1 })
        #expect(codes.compactMap { all.range(of: $0 + " ")?.lowerBound } == codes.compactMap { code in
            all.range(of: code + " ")?.lowerBound }.sorted())
        #expect(pages.filter { Self.line(of: String($0), holds: ["Total", d.total]) }.count == 1)
        #expect(try #require(all.range(of: "Total")).lowerBound > all.range(of: codes.last! + " ")!.lowerBound)
        try Self.expectEmbeddedSubsetFonts(pdf)
    }

    /// The PDF's dates are the document's, so a document renders to the same bytes each time (the PDF is kept
    /// with its SHA-256: what was sent is what is shown later).
    @Test func theSameDocumentRendersToTheSameBytes() throws {
        let (_, _, d) = try Self.typical()
        let first = try InvoicePDF.render(d), second = try InvoicePDF.render(d)
        #expect(first == second)
        let long = try Self.long()
        #expect(try InvoicePDF.render(long) == InvoicePDF.render(long))
        let info = try Self.run("pdfinfo", Self.write(first, as: "invoice-typical-info"))
        #expect(info.contains("CreationDate:    Sun Jan 10 00:00:00 2027 UTC") && info.contains("Page size:"))
        #expect(info.contains("Title:           Invoice INV-000001"))
        #expect(info.contains("Author:          Hellenic Cloud & Data Distribution S.A."))
    }

    /// A font fontconfig does not have is an error that says so, never a PDF in a look-alike.
    @Test func aMissingFontIsAnErrorNotAnotherFont() throws {
        let canvas = try PDFCanvas(width: 100, height: 100)
        do {
            _ = try canvas.font("No Such Family Bold 9")
            Issue.record("a font fontconfig lacks loaded")
        } catch {
            #expect(error.description.contains("no font \"No Such Family\" (for \"No Such Family Bold 9\")"))
        }
        _ = try canvas.font("DejaVu Sans 9")
    }

    /// CPDF declares the cairo and pango functions it calls itself (so building needs no -dev package): compiled
    /// against the official headers, every declaration must agree with theirs.
    @Test func cpdfsDeclarationsMatchTheOfficialHeaders() throws {
        let source = Self.root + "/Sources/CPDF/pdf_canvas.c"
        let flags = try Self.run("pkg-config", ["--cflags", "pangocairo", "cairo-pdf"], allowFailure: true)
        guard flags.contains("-I") else {
            Issue.record("the pango and cairo headers are missing: apt-get install libpango1.0-dev libcairo2-dev")
            return
        }
        let args = ["-std=c11", "-fsyntax-only", "-Werror", "-Wno-enum-compare", "-Wno-enum-conversion",
                    "-DRD_PDF_CHECK_HEADERS", "-I", Self.root + "/Sources/CPDF/include",
                    "-I", Self.root + "/Sources/CLoader/include"]
            + flags.split(whereSeparator: \.isWhitespace).map(String.init) + [source]
        _ = try Self.run("clang", args)
    }

    // MARK: - Reading a PDF back

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// `d` rendered, and written as .build/test-output/pdf/`name`.pdf.
    static func render(_ d: InvoiceDocument, as name: String) throws -> String {
        try write(try InvoicePDF.render(d), as: name)
    }

    static func write(_ pdf: [UInt8], as name: String) throws -> String {
        let folder = root + "/.build/test-output/pdf"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/\(name).pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func text(of path: String) throws -> String { try run("pdftotext", "-layout", "-enc", "UTF-8", path, "-") }

    /// Every font pdffonts lists is embedded (emb) and a subset (sub); there is at least one.
    static func expectEmbeddedSubsetFonts(_ path: String) throws {
        let rows = try run("pdffonts", path).split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for row in rows {
            // The name and type may hold spaces; emb, sub, uni and the object's number and generation end a row.
            let fields = row.split(separator: " ")
            #expect(fields.count >= 7 && fields[fields.count - 5] == "yes" && fields[fields.count - 4] == "yes",
                    "not embedded and subset: \(row)")
        }
    }

    /// Whether one line of `text` holds each of `parts`, in this order.
    static func line(of text: String, holds parts: [String]) -> Bool {
        text.split(separator: "\n").contains { line in
            var rest = Substring(line)
            for part in parts where !part.isEmpty {
                guard let r = rest.range(of: part) else { return false }
                rest = rest[r.upperBound...]
            }
            return true
        }
    }

    static func run(_ tool: String, _ args: String...) throws -> String { try run(tool, args) }

    /// `tool`'s output and errors (a failure is recorded unless allowed); a missing tool fails the test naming the
    /// Debian package to install.
    static func run(_ tool: String, _ args: [String], allowFailure: Bool = false) throws -> String {
        let packages = ["pdftotext": "poppler-utils", "pdffonts": "poppler-utils", "pdfinfo": "poppler-utils",
                        "pkg-config": "pkg-config", "clang": "clang (or put the Swift toolchain's on PATH)"]
        let found = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
        guard found else {
            throw ToolMissing(description: "\(tool) is missing: apt-get install \(packages[tool] ?? tool)")
        }
        return try shell([tool] + args, allowFailure: allowFailure)
    }

    struct ToolMissing: Error, CustomStringConvertible { var description: String }
}
