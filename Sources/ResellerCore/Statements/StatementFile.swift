/// A statement file as the desk books it: read whole by `CamtReader` (a file that is not camt XML is refused,
/// naming the file and the line, before anything is booked), then one `StatementItem` per transaction.
public enum StatementFile {
    public static func items(_ bytes: [UInt8], file: String) throws(ServiceError) -> [StatementItem] {
        let read: BankStatementFile
        do {
            read = try CamtReader.read(bytes)
        } catch {
            throw .invalid("file", "\(file) \(error.description); nothing was booked")
        }
        return items(read, file: file)
    }

    static func items(_ read: BankStatementFile, file: String) -> [StatementItem] {
        read.statements.flatMap { statement in
            statement.entries.flatMap { entry in
                entry.transactions.map { t in
                    StatementItem(key: t.key, file: file, statementId: statement.id, line: entry.line,
                                  bookingDate: entry.bookingDate ?? entry.valueDate,
                                  amount: Money(minor: t.amount, currency: t.currency),
                                  direction: entry.direction == .credit ? .credit : .debit,
                                  booked: entry.status == .booked, reversal: entry.reversal,
                                  debtorName: t.debtorName, bankReference: t.reference ?? entry.reference,
                                  structured: t.structuredReferences, unstructured: t.unstructured)
                }
            }
        }
    }
}
