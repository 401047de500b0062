import Foundation

/// The files of invoices and credit notes (domain.md#invoices-as-documents): the PDF and the UBL e-invoice,
/// each rendered once, when first needed (the email's delivery, a download, an export), and kept with its
/// SHA-256, so that every later request gets the same bytes. The billing run renders nothing.
extension ResellerService {
    /// A document's file as found kept, or made now and not kept yet (`keep` stores those, many at once).
    enum MadeFile {
        case kept(DocumentFile), fresh(DocumentFile)
    }

    /// One file of an invoice; a storefront user needs the billing right on its account (else: not found).
    public func invoiceFile(number: String, format: DocumentFormat, by actor: Actor) throws(ServiceError)
        -> DocumentFile {
        try kept(try made(number: number, format: format, by: actor, creditNote: false))
    }

    /// One file of a credit note; a storefront user needs the billing right on its account (else: not found).
    public func creditNoteFile(number: String, format: DocumentFormat, by actor: Actor) throws(ServiceError)
        -> DocumentFile {
        try kept(try made(number: number, format: format, by: actor, creditNote: true))
    }

    /// The file of an invoice (INV-…) or a credit note (CRN-…), by its number.
    public func documentFile(number: String, format: DocumentFormat, by actor: Actor) throws(ServiceError)
        -> DocumentFile {
        try kept(try made(number: number, format: format, by: actor))
    }

    /// The numbers of the invoices and credit notes dated from `from` to `to`, both included, oldest first.
    public func documentNumbers(from: CalendarDay, to: CalendarDay) throws(ServiceError)
        -> (invoices: [String], creditNotes: [String]) {
        try store.read { tx in try tx.documentNumbers(from: from, to: to) }
    }

    /// The kept file of a document, else one rendered now from the document as issued (not kept yet). One read
    /// finds the document, checks `actor` may see it and looks for the kept file; the render runs outside any
    /// transaction (a PDF takes milliseconds the writers should not wait for). `creditNote` keeps an invoice's
    /// number from naming a credit note, and back.
    func made(number: String, format: DocumentFormat, by actor: Actor, creditNote: Bool? = nil) throws(ServiceError)
        -> MadeFile {
        let key = number.trimmingCharacters(in: .whitespaces).uppercased()
        let isNote = creditNote ?? key.hasPrefix("CRN-")
        let missing: ServiceError = isNote ? .notFound(field: "creditNote", message: "no credit note \(number)")
            : .notFound(field: "invoice", message: "no invoice \(number)")
        enum Found { case kept(DocumentFile), invoice(Invoice, Account), note(CreditNote, Account, CalendarDay?) }
        let found = try store.read { tx throws -> Found in
            if isNote {
                guard let note = try tx.creditNote(number: key) else { throw missing }
                let account = try billedAccount(tx, note.draft.billedAccountId, by: actor, missing: missing)
                if let kept = try tx.storedDocument(number: key, format: format) { return .kept(kept) }
                let credited = try note.draft.creditedInvoiceNumber.flatMap { try tx.invoice(number: $0)?.draft.date }
                return .note(note, account, credited)
            }
            guard let invoice = try tx.invoice(number: key) else { throw missing }
            let account = try billedAccount(tx, invoice.draft.billedAccountId, by: actor, missing: missing)
            if let kept = try tx.storedDocument(number: key, format: format) { return .kept(kept) }
            return .invoice(invoice, account)
        }
        let bytes: [UInt8]
        switch (found, format) {
        case (.kept(let file), _): return .kept(file)
        case (.invoice(let i, let a), .pdf): bytes = try pdf(InvoiceDocument(invoice: i, account: a).asIssued)
        case (.invoice(let i, let a), .ubl): bytes = try ubl { () throws(UBLError) in try UBL.invoice(i, account: a) }
        case (.note(let n, let a, _), .pdf): bytes = try pdf(InvoiceDocument(creditNote: n, account: a))
        case (.note(let n, let a, let credited), .ubl):
            bytes = try ubl { () throws(UBLError) in try UBL.creditNote(n, account: a, creditedInvoiceDate: credited) }
        }
        return .fresh(DocumentFile(number: key, format: format, bytes: bytes,
                                   sha256: Sodium.sha256(bytes).map { String(format: "%02x", $0) }.joined()))
    }

    /// The file as kept: a fresh one is kept first.
    func kept(_ made: MadeFile) throws(ServiceError) -> DocumentFile {
        switch made {
        case .kept(let file): return file
        case .fresh(let file): return try keep([file])[0]
        }
    }

    /// Keeps fresh files in one transaction (an export keeps a batch per commit, not one per file) and returns
    /// each as kept: when two made the same file at once, the first kept wins and both return it.
    func keep(_ fresh: [DocumentFile]) throws(ServiceError) -> [DocumentFile] {
        let now = self.now
        return try store.write { tx in
            try fresh.map { f in
                try tx.insertDocument(f, at: now)
                return try tx.storedDocument(number: f.number, format: f.format)!
            }
        }
    }

    private func pdf(_ d: InvoiceDocument) throws(ServiceError) -> [UInt8] {
        do { return try InvoicePDF.render(d) } catch { throw .refused(field: "pdf", message: error.description) }
    }

    private func ubl(_ write: () throws(UBLError) -> [UInt8]) throws(ServiceError) -> [UInt8] {
        do { return try write() } catch { throw .refused(field: "ubl", message: error.description) }
    }
}
