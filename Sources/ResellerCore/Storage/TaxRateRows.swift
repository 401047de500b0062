import Foundation
import GRDB

extension StoreTx {
    /// The desk's rates, of one country or all, by country, class and day.
    func taxRates(country: String? = nil) throws -> [TaxRate] {
        try rows(sql: """
            SELECT country, tax_class, rate, valid_from FROM tax_rates WHERE CAST(? AS TEXT) IS NULL OR country = ?
            ORDER BY country, tax_class, valid_from
            """, arguments: [country, country]).map { r in
            TaxRate(country: r[0], taxClass: TaxClass(rawValue: r[1]) ?? .standard,
                    rate: TaxPercent(hundredths: r[2]), from: Self.day(r[3])!)
        }
    }

    /// Sets a rate from a day, replacing one set from the same day; returns the rate it replaced.
    func setTaxRate(_ r: TaxRate, by actor: Actor, at now: Date) throws -> TaxPercent? {
        let old = try value(Int.self, sql: """
            SELECT rate FROM tax_rates WHERE country = ? AND tax_class = ? AND valid_from = ?
            """, arguments: [r.country, r.taxClass.rawValue, r.from.description])
        try execute(sql: """
            INSERT INTO tax_rates (country, tax_class, rate, valid_from, created_at, created_by) VALUES (?,?,?,?,?,?)
            ON CONFLICT (country, tax_class, valid_from) DO UPDATE SET rate = excluded.rate,
              created_at = excluded.created_at, created_by = excluded.created_by
            """, arguments: [r.country, r.taxClass.rawValue, r.rate.hundredths, r.from.description, Self.stamp(now),
                             actor.description])
        return old.map(TaxPercent.init(hundredths:))
    }

    /// A VIES confirmation staff recorded.
    func insertVATConfirmation(_ c: VATConfirmation, accountId: Int64, by actor: Actor, at now: Date) throws -> Int64 {
        return try insert(sql: """
            INSERT INTO vat_confirmations (account_id, vat_id, confirmed_on, reference, created_at, created_by)
            VALUES (?,?,?,?,?,?)
            """, arguments: [accountId, c.vatId, c.confirmedOn.description, c.reference, Self.stamp(now),
                             actor.description])
    }

    /// The newest confirmation of the account's VAT ID `vatId` (one of an ID it no longer has does not count).
    func vatConfirmation(of accountId: Int64, vatId: String) throws -> VATConfirmation? {
        try row(sql: """
            SELECT vat_id, confirmed_on, reference, created_by FROM vat_confirmations
            WHERE account_id = ? AND vat_id = ? ORDER BY id DESC LIMIT 1
            """, arguments: [accountId, vatId]).map { r in
            VATConfirmation(vatId: r[0], confirmedOn: Self.day(r[1])!, reference: r[2], by: r[3])
        }
    }
}

extension StoreTx {
    /// The newest invoice line that charged `subscriptionId` for `day`, with its tax (nil when issued before tax).
    func invoicedTax(subscriptionId: Int64, on day: CalendarDay) throws
        -> (invoiceId: Int64, number: String, tax: TaxTreatment?)? {
        guard let r = try row(sql: """
            SELECT i.id, i.number, l.tax_category, l.tax_rate, i.taxes FROM invoice_lines l
            JOIN invoices i ON i.id = l.invoice_id
            WHERE l.subscription_id = ? AND l.period_start <= ? AND l.period_end >= ?
            ORDER BY i.id DESC LIMIT 1
            """, arguments: [subscriptionId, day.description, day.description]) else { return nil }
        return (r[0], r[1], TaxedAmountsJSON.lineTax(category: r[2], rate: r[3],
                                                     in: try TaxedAmountsJSON.taxes(from: r[4])))
    }
}
