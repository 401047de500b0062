/// The two files every invoice and credit note leaves the desk as.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// The printable A4 document.
    case pdf
    /// The EN 16931 e-invoice, UBL 2.1.
    case ubl

    public var fileExtension: String { self == .pdf ? "pdf" : "xml" }
    public var mediaType: String { self == .pdf ? "application/pdf" : "application/xml" }
    /// What the fronts call it: "PDF", "E-invoice (XML)".
    public var label: String { self == .pdf ? "PDF" : "E-invoice (XML)" }
}

/// One file of an invoice or credit note, as first rendered and kept: its bytes and their SHA-256 (hex).
public struct DocumentFile: Sendable, Hashable {
    public var number: String
    public var format: DocumentFormat
    public var bytes: [UInt8]
    public var sha256: String

    public init(number: String, format: DocumentFormat, bytes: [UInt8], sha256: String) {
        self.number = number; self.format = format; self.bytes = bytes; self.sha256 = sha256
    }

    /// "INV-000123.pdf", "CRN-000004.xml": the name of a download, an attachment and an exported file.
    public var fileName: String { "\(number).\(format.fileExtension)" }
}
