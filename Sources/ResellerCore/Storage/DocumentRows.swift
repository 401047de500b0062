import Foundation
import GRDB

extension StoreTx {
    /// The stored file of an invoice or credit note in one format, as first rendered.
    func storedDocument(number: String, format: DocumentFormat) throws -> DocumentFile? {
        try row(sql: "SELECT bytes, sha256 FROM documents WHERE number = ? AND format = ?",
                         arguments: [number, format.rawValue]).map { r in
            DocumentFile(number: number, format: format, bytes: [UInt8](r[0] as Data), sha256: r[1])
        }
    }

    /// Keeps a rendered file unless one is stored already (two renders at once: the first stays, and both
    /// callers then serve it).
    func insertDocument(_ f: DocumentFile, at now: Date) throws {
        try execute(sql: """
            INSERT INTO documents (number, format, bytes, sha256, rendered_at) VALUES (?,?,?,?,?)
            ON CONFLICT (number, format) DO NOTHING
            """, arguments: [f.number, f.format.rawValue, Data(f.bytes), f.sha256, Self.stamp(now)])
    }

    /// The numbers of the invoices, then the credit notes, dated from `from` to `to` (both included), in order.
    func documentNumbers(from: CalendarDay, to: CalendarDay) throws -> (invoices: [String], creditNotes: [String]) {
        let range: SQLArguments = [from.description, to.description]
        let invoices = "SELECT number FROM invoices WHERE invoice_date BETWEEN ? AND ? ORDER BY id"
        let notes = "SELECT number FROM credit_notes WHERE note_date BETWEEN ? AND ? ORDER BY id"
        return (try values(String.self, sql: invoices, arguments: range),
                try values(String.self, sql: notes, arguments: range))
    }
}
