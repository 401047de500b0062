import Foundation

/// The desk's tax (domain.md#the-seller-and-tax): the rates table, the tax an account gets, and VIES
/// confirmations. Invoicing reads the seller and the rates once per transaction (`invoiceTax`).
extension ResellerService {
    /// What taxing needs besides the account: the configured seller and the desk's rates as of this transaction.
    func invoiceTax(_ tx: StoreTx) throws -> Invoicer.Tax {
        Invoicer.Tax(seller: settings.seller, rates: TaxRateTable(try tx.taxRates()))
    }

    /// Charges with the tax they will bear on their invoice days, added up as one invoice would: what an order's
    /// preview shows and what the credit check counts (domain.md#the-seller-and-tax: gross amounts).
    func taxed(_ tx: StoreTx, _ account: Account, _ charges: [(net: Money, taxClass: TaxClass, day: CalendarDay)],
               tax: Invoicer.Tax? = nil) throws -> TaxedAmounts {
        let tax = try tax ?? invoiceTax(tx), buyer = Self.taxBuyer(account)
        do {
            let lines = try charges.map { c throws(FieldError) in
                (c.net, try tax.treatment(buyer, c.taxClass, on: c.day))
            }
            return TaxedAmounts(try InvoiceTotals(lines: lines, currency: account.fields.currency), seller: tax.seller,
                                buyerVATId: buyer.validVATId)
        } catch {
            throw ServiceError.refused(field: error.field, message: error.message)
        }
    }

    /// The account's tax standing: its country, its VAT ID when that passes its country's check, and its
    /// exemption reason when tax exempt.
    static func taxBuyer(_ account: Account) -> TaxRules.Buyer {
        let f = account.fields
        let vat = f.registrationNumber.flatMap { id in
            VATNumber.isValid(id, country: f.address.country) ? id : nil
        }
        return TaxRules.Buyer(country: f.address.country, validVATId: vat,
                              exemptionReason: f.taxExempt ? (f.taxExemptionReason ?? "Tax exempt") : nil)
    }

    /// The tax the account's standard-class items get today, so staff see it before anything is invoiced.
    /// A refusal says what is missing (the seller's configuration, a rate).
    public func taxTreatment(of accountId: Int64) throws(ServiceError) -> TaxTreatment {
        let today = self.today
        return try store.read { tx in
            let account = try existingAccount(tx, accountId)
            switch try treatmentToday(tx, account, on: today) {
            case .success(let t): return t
            case .failure(let error): throw ServiceError.refused(field: error.field, message: error.message)
            }
        }
    }

    /// The tax the account's standard items get on `day`, or why none can be told (the seller or a rate is
    /// missing): `taxTreatment(of:)` refuses with it, the account detail shows it.
    func treatmentToday(_ tx: StoreTx, _ account: Account,
                        on day: CalendarDay) throws -> Result<TaxTreatment, FieldError> {
        let tax = try invoiceTax(tx)
        return Result { () throws(FieldError) in try tax.treatment(Self.taxBuyer(account), .standard, on: day) }
    }

    public func taxRates(country: String? = nil) throws(ServiceError) -> [TaxRate] {
        let code: String?
        do { code = try country.map { raw throws(FieldError) in try Country.parse(raw).code } } catch {
            throw ServiceError.invalid([error])
        }
        return try store.read { tx in try tx.taxRates(country: code) }
    }

    /// Sets `country`'s rate for `taxClass` from `from` on (a rate from the same day is replaced), audited.
    /// Invoices already issued keep the rate they were issued with.
    @discardableResult
    public func setTaxRate(country: String, taxClass: String, rate: String, from: String,
                           by actor: Actor) throws(ServiceError) -> TaxRate {
        var e = ErrorList()
        let c = e.check { () throws(FieldError) in try Country.parse(country) }
        let k = e.check { () throws(FieldError) -> TaxClass in
            let k = try TaxClass.parse(taxClass.isEmpty ? "?" : taxClass, field: "class")
            guard k == .standard || k == .reduced else {
                throw FieldError("class", "\(k.rawValue) items have no rate to set (zero is always 0 %, exempt "
                                 + "bears no tax); expected standard or reduced")
            }
            return k
        }
        let r = e.check { () throws(FieldError) in try TaxPercent.parse(rate) }
        let day = e.check { () throws(FieldError) in try CalendarDay.parse(from, field: "from", label: "from") }
        try e.throwIfAny()
        let entry = TaxRate(country: c!.code, taxClass: k!, rate: r!, from: day!)
        let now = self.now
        try store.write { tx in
            let old = try tx.setTaxRate(entry, by: actor, at: now)
            guard old != entry.rate else { return }   // the same rate again changes nothing
            try tx.audit(actor, "taxRate", 0, old == nil ? "create" : "update",
                         ["country": [nil, entry.country], "class": [nil, entry.taxClass.rawValue],
                          "from": [nil, entry.from.description], "rate": [old?.description, entry.rate.description]],
                         at: now)
        }
        return entry
    }

    /// Records that staff confirmed the account's current VAT ID with VIES on `date` (consultation `reference`).
    @discardableResult
    public func confirmVAT(accountId: Int64, date: String, reference: String,
                           by actor: Actor) throws(ServiceError) -> VATConfirmation {
        var e = ErrorList()
        let day = e.check { () throws(FieldError) in try CalendarDay.parse(date, field: "date", label: "date") }
        let ref = e.check { () throws(FieldError) in
            try TextRules.clean(reference, field: "reference", label: "reference (the consultation number VIES gave)",
                                required: true, max: 100)
        } ?? nil
        try e.throwIfAny()
        if let day, day > today {
            throw ServiceError.invalid("date", "date \(day) is in the future; give the day VIES confirmed the ID")
        }
        let now = self.now
        return try store.write { tx in
            let account = try existingAccount(tx, accountId)
            guard let vat = Self.taxBuyer(account).validVATId else {
                throw ServiceError.refused(field: "registrationNumber", message: "\(account.code) has no valid VAT "
                                           + "ID to confirm; set its VAT number first")
            }
            let c = VATConfirmation(vatId: vat, confirmedOn: day!, reference: ref!, by: actor.description)
            let id = try tx.insertVATConfirmation(c, accountId: accountId, by: actor, at: now)
            try tx.audit(actor, "account", accountId, "confirmVAT",
                         ["vatId": [nil, vat], "confirmedOn": [nil, c.confirmedOn.description],
                          "reference": [nil, c.reference], "confirmation": [nil, String(id)]], at: now)
            return c
        }
    }

    /// The newest VIES confirmation of the account's current VAT ID, if any.
    public func vatConfirmation(of accountId: Int64) throws(ServiceError) -> VATConfirmation? {
        try store.read { tx in
            let account = try existingAccount(tx, accountId)
            guard let vat = account.fields.registrationNumber else { return nil }
            return try tx.vatConfirmation(of: accountId, vatId: vat)
        }
    }
}

extension ResellerService {
    /// A "cancel now"'s credit note: each line carries the category and rate of the invoice that charged its days
    /// (domain.md#the-seller-and-tax), and the note names the newest such invoice. Days charged by an invoice from
    /// before tax are credited without tax; days no invoice charged yet (added units still waiting) get today's.
    func creditNoteDraft(_ tx: StoreTx, _ account: Account, _ sub: Subscription,
                         _ credited: SubscriptionCancellation.CreditedDays,
                         on day: CalendarDay) throws -> CreditNoteDraft {
        var lines = credited.lines
        var invoice: (id: Int64, number: String)?
        var beforeTax = 0
        let tax = try invoiceTax(tx), buyer = Self.taxBuyer(account)
        for i in lines.indices {
            if let start = lines[i].periodStart, let found = try tx.invoicedTax(subscriptionId: sub.id, on: start) {
                if invoice.map({ found.invoiceId > $0.id }) ?? true { invoice = (found.invoiceId, found.number) }
                lines[i].tax = found.tax
                if found.tax == nil { beforeTax += 1 }
            } else {
                do { lines[i].tax = try tax.treatment(buyer, lines[i].taxClass, on: day) } catch {
                    throw ServiceError.refused(field: error.field, message: error.message)
                }
            }
        }
        let currency = credited.total.currency
        let amounts: TaxedAmounts
        if beforeTax == lines.count {
            amounts = TaxedAmounts(beforeTax: credited.total)
        } else {
            do {
                let taxedLines = lines.map { ($0.amount, $0.tax ?? TaxTreatment(category: .outOfScope, rate: .zero,
                                                                                  reason: TaxRules.outOfScopeNote)) }
                amounts = TaxedAmounts(try InvoiceTotals(lines: taxedLines, currency: currency), seller: tax.seller,
                                       buyerVATId: buyer.validVATId)
            } catch {
                throw ServiceError.refused(field: error.field, message: error.message)
            }
        }
        return CreditNoteDraft(billedAccountId: sub.billedAccountId, forAccountId: sub.forAccountId, date: day,
                               lines: lines, amounts: amounts, creditedInvoiceId: invoice?.id,
                               creditedInvoiceNumber: invoice?.number)
    }
}
