import Foundation
import GRDB

/// An issued credit note as stored: its number and what the draft said.
public struct CreditNote: Sendable, Hashable {
    public let id: Int64
    public var number: String
    public var draft: CreditNoteDraft
    public var createdAt: Date
}

extension StoreTx {
    func insertCreditNote(_ d: CreditNoteDraft, number: String, by actor: Actor, at now: Date) throws -> Int64 {
        let id = try insert(sql: """
            INSERT INTO credit_notes (number, billed_account_id, for_account_id, note_date, total_minor, currency,
              created_at, created_by, credited_invoice_id, net_minor, tax_minor, taxes, seller, buyer_vat_id)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: SQLArguments([number, d.billedAccountId, d.forAccountId, d.date.description,
                                                d.total.minor, d.total.currency, now, actor.description,
                                                d.creditedInvoiceId] + Self.amountColumns(d.amounts)))
        for l in d.lines {
            try execute(sql: """
                INSERT INTO credit_note_lines (credit_note_id, subscription_id, for_account_id, for_account_name,
                  product_code, description, period_start, period_end, quantity, unit_price_minor, days_charged,
                  days_in_period, amount_minor, tax_category, tax_rate) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """, arguments: [id, l.subscriptionId, l.forAccountId, l.forAccountName, l.productCode,
                                 l.description, l.periodStart?.description, l.periodEnd?.description, l.quantity,
                                 l.unitPrice.minor, l.daysCharged, l.daysInPeriod, l.amount.minor,
                                 l.tax?.category.rawValue, l.tax?.rate.hundredths])
        }
        return id
    }

    func creditNote(number: String) throws -> CreditNote? {
        try row(sql: "SELECT * FROM credit_notes WHERE number = ?", arguments: [number])
            .map(creditNote)
    }

    /// The credit notes of one account, or of every account with nil, oldest first.
    func creditNotes(of accountId: Int64?) throws -> [CreditNote] {
        try rows(sql: "SELECT * FROM credit_notes WHERE CAST(? AS BIGINT) IS NULL OR billed_account_id = ? ORDER BY id",
                         arguments: [accountId, accountId]).map(creditNote)
    }

    private func creditNote(_ r: SQLRow) throws -> CreditNote {
        let currency: String = r["currency"]
        let id: Int64 = r["id"]
        let amounts = try Self.amounts(r, currency: currency)
        let lines = try rows(sql: "SELECT * FROM credit_note_lines WHERE credit_note_id = ? ORDER BY id",
                                     arguments: [id]).map { Self.line($0, currency: currency, taxes: amounts.taxes) }
        let credited = r["credited_invoice_id"] as Int64?
        let draft = CreditNoteDraft(billedAccountId: r["billed_account_id"], forAccountId: r["for_account_id"],
                                    date: Self.day(r["note_date"])!, lines: lines, amounts: amounts,
                                    creditedInvoiceId: credited,
                                    creditedInvoiceNumber: try credited.flatMap {
                                        try value(String.self, sql: "SELECT number FROM invoices WHERE id = ?",
                                                            arguments: [$0])
                                    })
        return CreditNote(id: id, number: r["number"], draft: draft, createdAt: r["created_at"])
    }
}
