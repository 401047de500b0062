import Foundation

/// The files of invoices and credit notes (domain.md#invoices-as-documents): the PDF and the UBL e-invoice,
/// each rendered once, when first needed (the email's delivery, a download, an export), and kept with its
/// SHA-256, so that every later request gets the same bytes. The billing run renders nothing.
extension ResellerService {
    /// One file of an invoice; a storefront user needs the billing right on its account (else: not found).
    public func invoiceFile(number: String, format: DocumentFormat, by actor: Actor) throws(ServiceError)
        -> DocumentFile {
        let invoice = try invoice(number: number)
        let account = try billedAccount(invoice.draft.billedAccountId, by: actor,
                                        missing: .notFound(field: "invoice", message: "no invoice \(number)"))
        return try keptFile(invoice.number, format) { () throws(ServiceError) in
            switch format {
            case .pdf: try pdf(InvoiceDocument(invoice: invoice, account: account).asIssued)
            case .ubl: try ubl { () throws(UBLError) in try UBL.invoice(invoice, account: account) }
            }
        }
    }

    /// One file of a credit note; a storefront user needs the billing right on its account (else: not found).
    public func creditNoteFile(number: String, format: DocumentFormat, by actor: Actor) throws(ServiceError)
        -> DocumentFile {
        let note = try creditNote(number: number)
        let account = try billedAccount(note.draft.billedAccountId, by: actor,
                                        missing: .notFound(field: "creditNote", message: "no credit note \(number)"))
        return try keptFile(note.number, format) { () throws(ServiceError) in
            switch format {
            case .pdf: return try pdf(InvoiceDocument(creditNote: note, account: account))
            case .ubl:
                let credited = try note.draft.creditedInvoiceNumber.map { n throws(ServiceError) in
                    try invoice(number: n).draft.date
                }
                return try ubl { () throws(UBLError) in
                    try UBL.creditNote(note, account: account, creditedInvoiceDate: credited)
                }
            }
        }
    }

    /// The file of an invoice (INV-…) or a credit note (CRN-…), by its number.
    public func documentFile(number: String, format: DocumentFormat, by actor: Actor) throws(ServiceError)
        -> DocumentFile {
        let key = number.trimmingCharacters(in: .whitespaces).uppercased()
        return key.hasPrefix("CRN-") ? try creditNoteFile(number: key, format: format, by: actor)
            : try invoiceFile(number: key, format: format, by: actor)
    }

    /// The numbers of the invoices and credit notes dated from `from` to `to`, both included, oldest first.
    public func documentNumbers(from: CalendarDay, to: CalendarDay) throws(ServiceError)
        -> (invoices: [String], creditNotes: [String]) {
        try store.read { tx in try tx.documentNumbers(from: from, to: to) }
    }

    /// The stored file, else `render`'s bytes stored now. The render runs outside any transaction (a PDF
    /// takes milliseconds the writers should not wait for); when two render at once, the first kept wins
    /// and both return it.
    private func keptFile(_ number: String, _ format: DocumentFormat,
                          render: () throws(ServiceError) -> [UInt8]) throws(ServiceError) -> DocumentFile {
        if let kept = try store.read({ tx in try tx.storedDocument(number: number, format: format) }) { return kept }
        let bytes = try render()
        let file = DocumentFile(number: number, format: format, bytes: bytes,
                                sha256: Sodium.sha256(bytes).map { String(format: "%02x", $0) }.joined())
        let now = self.now
        return try store.write { tx in
            try tx.insertDocument(file, at: now)
            return try tx.storedDocument(number: number, format: format)!
        }
    }

    private func pdf(_ d: InvoiceDocument) throws(ServiceError) -> [UInt8] {
        do { return try InvoicePDF.render(d) } catch { throw .refused(field: "pdf", message: error.description) }
    }

    private func ubl(_ write: () throws(UBLError) -> [UInt8]) throws(ServiceError) -> [UInt8] {
        do { return try write() } catch { throw .refused(field: "ubl", message: error.description) }
    }
}
