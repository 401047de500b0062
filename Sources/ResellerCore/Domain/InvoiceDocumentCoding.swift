import Foundation

/// An invoice or credit note as JSON text, so that an outbox row can carry the document as it was issued:
/// the email then shows what the printable page shows, rendered at delivery from the row alone, and a
/// retried delivery renders the same bytes. (Codable cannot be synthesized outside the type's own file.)
extension InvoiceDocument {
    private struct Coded: Codable {
        struct Row: Codable {
            var forAccount, productCode, description, period, days, quantity, unitPrice, amount: String
            var tax: String?
        }
        struct TaxRow: Codable { var label, taxable, tax: String }
        var kind, number: String
        var date: CalendarDay
        var dueDate: CalendarDay?
        var status: String?
        var seller: [String]?
        var billTo: [String]
        var creditedInvoice: String?
        var rows: [Row]
        var net: String?
        var taxes: [TaxRow]?
        var total: String
        var paid, due: String?
        var paymentReference: String?
        var notes, footer: [String]?
    }

    /// What Foundation's JSONEncoder with sorted keys writes for `Coded` (nil fields left out, a day as its
    /// day, month and year), written by hand: every invoice a billing run issues carries one, and the
    /// encoder cost more than the invoice's rows. `init(jsonText:)` reads it with the decoder.
    public var jsonText: String {
        var out = Array(#"{"billTo":"#.utf8)
        func add(_ text: String) { out += text.utf8 }
        func strings(_ list: [String]) {
            add("[")
            for (n, s) in list.enumerated() {
                if n > 0 { add(",") }
                CompactJSON.string(s, into: &out)
            }
            add("]")
        }
        func field(_ key: String, _ value: String) { add(#","\#(key)":"#); CompactJSON.string(value, into: &out) }
        strings(billTo)
        if let creditedInvoice { field("creditedInvoice", creditedInvoice) }
        add(#","date":"# + Self.json(date))
        if let due { field("due", due) }
        if let dueDate { add(#","dueDate":"# + Self.json(dueDate)) }
        add(#","footer":"#); strings(footer)
        field("kind", kind.rawValue)
        field("net", net)
        add(#","notes":"#); strings(notes)
        field("number", number)
        if let paid { field("paid", paid) }
        if let paymentReference { field("paymentReference", paymentReference) }
        add(#","rows":["#)
        for (n, r) in rows.enumerated() {
            add(n > 0 ? #",{"amount":"# : #"{"amount":"#); CompactJSON.string(r.amount, into: &out)
            field("days", r.days)
            field("description", r.description)
            field("forAccount", r.forAccount)
            field("period", r.period)
            field("productCode", r.productCode)
            field("quantity", r.quantity)
            field("tax", r.tax)
            field("unitPrice", r.unitPrice)
            add("}")
        }
        add(#"],"seller":"#); strings(seller)
        if let status { field("status", status.rawValue) }
        add(#","taxes":["#)
        for (n, t) in taxes.enumerated() {
            add(n > 0 ? #",{"label":"# : #"{"label":"#); CompactJSON.string(t.label, into: &out)
            field("tax", t.tax)
            field("taxable", t.taxable)
            add("}")
        }
        add("]")
        field("total", total)
        add("}")
        return String(decoding: out, as: UTF8.self)
    }

    private static func json(_ d: CalendarDay) -> String {
        "{\"day\":\(d.day),\"month\":\(d.month),\"year\":\(d.year)}"
    }

    /// The same document through Foundation's encoder, which `jsonText` replaces (kept for the tests).
    var foundationJSONText: String {
        let c = Coded(kind: kind.rawValue, number: number, date: date, dueDate: dueDate, status: status?.rawValue,
                      seller: seller, billTo: billTo, creditedInvoice: creditedInvoice,
                      rows: rows.map { r in
                          Coded.Row(forAccount: r.forAccount, productCode: r.productCode, description: r.description,
                                    period: r.period, days: r.days, quantity: r.quantity, unitPrice: r.unitPrice,
                                    amount: r.amount, tax: r.tax)
                      },
                      net: net, taxes: taxes.map { Coded.TaxRow(label: $0.label, taxable: $0.taxable, tax: $0.tax) },
                      total: total, paid: paid, due: due, paymentReference: paymentReference, notes: notes,
                      footer: footer)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(c)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// The document of `jsonText`; nil for anything else (a hand-edited row). A row queued before tax has no
    /// seller, net, taxes, notes or footer: it reads with its total as net and the note that it predates tax.
    public init?(jsonText: String) {
        guard let c = try? JSONDecoder().decode(Coded.self, from: Data(jsonText.utf8)),
              let kind = Kind(rawValue: c.kind) else { return nil }
        self.kind = kind
        number = c.number; date = c.date; dueDate = c.dueDate
        status = c.status.flatMap(InvoiceStatus.init(rawValue:))
        seller = c.seller ?? []
        billTo = c.billTo
        creditedInvoice = c.creditedInvoice
        rows = c.rows.map { r in
            Row(forAccount: r.forAccount, productCode: r.productCode, description: r.description, period: r.period,
                days: r.days, quantity: r.quantity, unitPrice: r.unitPrice, amount: r.amount, tax: r.tax ?? "")
        }
        net = c.net ?? c.total.split(separator: " ").first.map(String.init) ?? c.total
        taxes = (c.taxes ?? []).map { TaxRow(label: $0.label, taxable: $0.taxable, tax: $0.tax) }
        total = c.total; paid = c.paid; due = c.due; paymentReference = c.paymentReference
        notes = c.notes ?? TaxedAmounts(beforeTax: Money(minor: 0, currency: "EUR")).notes
        footer = c.footer ?? []
    }
}
