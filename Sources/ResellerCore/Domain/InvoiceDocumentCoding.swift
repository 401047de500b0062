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

    /// What Foundation's JSONEncoder with sorted keys writes for `Coded` (nil fields left out, a day as its
    /// day, month and year), written by hand: every invoice a billing run issues carries one, and the
    /// encoder cost more than the invoice's rows. `init(jsonText:)` reads it with the decoder.
    public var jsonText: String {
        var out = Array(#"{"billTo":["#.utf8)
        func add(_ text: String) { out += text.utf8 }
        for (n, line) in billTo.enumerated() {
            if n > 0 { add(",") }
            CompactJSON.string(line, into: &out)
        }
        add(#"],"date":"# + Self.json(date))
        if let due { add(#","due":"#); CompactJSON.string(due, into: &out) }
        if let dueDate { add(#","dueDate":"# + Self.json(dueDate)) }
        add(#","kind":"#); CompactJSON.string(kind.rawValue, into: &out)
        add(#","number":"#); CompactJSON.string(number, into: &out)
        if let paid { add(#","paid":"#); CompactJSON.string(paid, into: &out) }
        add(#","rows":["#)
        for (n, r) in rows.enumerated() {
            add(n > 0 ? #",{"amount":"# : #"{"amount":"#); CompactJSON.string(r.amount, into: &out)
            add(#","days":"#); CompactJSON.string(r.days, into: &out)
            add(#","description":"#); CompactJSON.string(r.description, into: &out)
            add(#","forAccount":"#); CompactJSON.string(r.forAccount, into: &out)
            add(#","period":"#); CompactJSON.string(r.period, into: &out)
            add(#","productCode":"#); CompactJSON.string(r.productCode, into: &out)
            add(#","quantity":"#); CompactJSON.string(r.quantity, into: &out)
            add(#","unitPrice":"#); CompactJSON.string(r.unitPrice, into: &out)
            add("}")
        }
        add("]")
        if let status { add(#","status":"#); CompactJSON.string(status.rawValue, into: &out) }
        add(#","total":"#); CompactJSON.string(total, into: &out)
        add("}")
        return String(decoding: out, as: UTF8.self)
    }

    private static func json(_ d: CalendarDay) -> String {
        "{\"day\":\(d.day),\"month\":\(d.month),\"year\":\(d.year)}"
    }

    /// The same document through Foundation's encoder, which `jsonText` replaces (kept for the tests).
    var foundationJSONText: String {
        let c = Coded(kind: kind.rawValue, number: number, date: date, dueDate: dueDate, status: status?.rawValue,
                      billTo: billTo,
                      rows: rows.map { r in
                          Coded.Row(forAccount: r.forAccount, productCode: r.productCode, description: r.description,
                                    period: r.period, days: r.days, quantity: r.quantity, unitPrice: r.unitPrice,
                                    amount: r.amount)
                      },
                      total: total, paid: paid, due: due)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
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
