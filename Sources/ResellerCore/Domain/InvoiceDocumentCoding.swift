import Foundation

/// An invoice or credit note as JSON text, so that an outbox row can carry the document as it was issued:
/// the email then shows what the printable page shows, rendered at delivery from the row alone, and a
/// retried delivery renders the same bytes. (Codable cannot be synthesized outside the type's own file.)
extension InvoiceDocument {
    private struct Coded: Codable {
        struct Row: Codable {
            var forAccount, productCode, description, period, days, quantity, unitPrice, amount: String
        }
        var kind, number: String
        var date: CalendarDay
        var dueDate: CalendarDay?
        var status: String?
        var billTo: [String]
        var rows: [Row]
        var total: String
        var paid, due: String?
    }

    public var jsonText: String {
        let c = Coded(kind: kind.rawValue, number: number, date: date, dueDate: dueDate, status: status?.rawValue,
                      billTo: billTo,
                      rows: rows.map { r in
                          Coded.Row(forAccount: r.forAccount, productCode: r.productCode, description: r.description,
                                    period: r.period, days: r.days, quantity: r.quantity, unitPrice: r.unitPrice,
                                    amount: r.amount)
                      },
                      total: total, paid: paid, due: due)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings and days cannot fail.
        return (try? encoder.encode(c)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// The document of `jsonText`; nil for anything else (an old row, a hand-edited one).
    public init?(jsonText: String) {
        guard let c = try? JSONDecoder().decode(Coded.self, from: Data(jsonText.utf8)),
              let kind = Kind(rawValue: c.kind) else { return nil }
        self.kind = kind
        number = c.number; date = c.date; dueDate = c.dueDate
        status = c.status.flatMap(InvoiceStatus.init(rawValue:))
        billTo = c.billTo
        rows = c.rows.map { r in
            Row(forAccount: r.forAccount, productCode: r.productCode, description: r.description, period: r.period,
                days: r.days, quantity: r.quantity, unitPrice: r.unitPrice, amount: r.amount)
        }
        total = c.total; paid = c.paid; due = c.due
    }
}
