import DeskTestSupport
import Foundation
import Testing
@testable import ResellerCore

/// One e-invoice the tests wrote: the document as the service issued it, its account, and the bytes.
struct WrittenUBL: Sendable {
    var name: String
    var number: String
    var date: CalendarDay
    var dueDate: CalendarDay?
    var lines: [InvoiceLine]
    var amounts: TaxedAmounts
    var account: Account
    var credited: String?
    var creditedDate: CalendarDay?
    var bytes: [UInt8]
    var path: String { EN16931Validator.outputFolder + "/\(name).xml" }
    var isInvoice: Bool { credited == nil && dueDate != nil }
}

/// The documents of issue #24's proof, issued on real desks (SQLite files) by the service and written once per
/// test process: every tax case of domain.md#the-seller-and-tax, a prorated, an annual and a one-time line,
/// separate invoices for an end customer, and a credit note. Then the official EN 16931 rules, once, on all.
enum UBLCorpus {
    /// The worked examples' items, and one of each other class and billing period.
    static let csv = WorkedExampleDesk.csv + """

        ZR,Zero-rated service,monthly,10.00,zero
        EX,Training & certification,monthly,10.00,exempt
        AN,Annual support <premium>,annual,120.00,standard
        SETUP,Setup & onboarding,one-time,150.00,standard
        """

    static let escapedName = "Alpha & <Omega> Ελληνική ΑΕ"

    /// Each document by name: its desk and what is ordered there.
    static let cases: [(String, @Sendable (String) throws -> WrittenUBL)] = [
        ("S-domestic", { n in try invoice(n, [("SVC", 10)]) { f in
            f.name = escapedName; f.tradingName = "Ωμέγα \"Cloud\" & Co"; f.registrationNumber = "EL123456783"
            f.street = "Οδός Ερμού 1 & Αιόλου"; f.city = "Αθήνα"; f.postcode = "105 63"
            f.phone = "+30 210 111 1111"
        } }),
        ("S-two-rates", { n in try invoice(n, [("SVC", 10), ("RED", 5)]) { _ in } }),
        ("S-three-small-lines", { n in try invoice(n, [("P1", 1), ("P2", 1), ("P3", 1)]) { _ in } }),
        ("S-EU-consumer-FR", { n in try invoice(n, [("SVC", 10)]) { $0.country = "FR" } }),
        ("AE-reverse-charge-DE", { n in try invoice(n, [("SVC", 10)]) { f in
            f.country = "DE"; f.registrationNumber = "DE 136.695.976"; f.city = "Berlin"
        } }),
        ("E-exempt-account", { n in try invoice(n, [("SVC", 10)], exempt: "Article 27 §1") { _ in } }),
        ("S-Z-E-classes", { n in try invoice(n, [("SVC", 1), ("ZR", 2), ("EX", 3)]) { _ in } }),
        ("O-buyer-outside-EU-US", { n in try invoice(n, [("SVC", 10)]) { f in
            f.country = "US"; f.state = "NY"; f.city = "New York"; f.registrationNumber = "12-3456789"
        } }),
        ("O-seller-outside-EU-CH", { n in try invoice(n, [("SVC", 10)], seller: TestSeller.outsideEU) { f in
            f.registrationNumber = "EL123456783"
        } }),
        ("prorated", { n in try invoice(n, [("SVC", 10)]) { f in
            f.prorateBilling = true; f.billingDay = "first"
        } }),
        ("annual", { n in try invoice(n, [("AN", 2)]) { _ in } }),
        ("one-time", { n in try invoice(n, [("SETUP", 1), ("SVC", 1)]) { _ in } }),
        ("separate-end-customer", separateInvoiceForAnEndCustomer),
        ("credit-note", creditNote),
    ]

    static let documents: Result<[String: WrittenUBL], any Error> = Result {
        let folder = EN16931Validator.outputFolder
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written: [String: WrittenUBL] = [:]
        for (name, make) in cases {
            let doc = try make(name)
            try Data(doc.bytes).write(to: URL(fileURLWithPath: doc.path))
            written[name] = doc
        }
        return written
    }

    /// The official rules' verdict on every document, from one run of the validator; "control" is the domestic
    /// invoice with its amount due off by a cent, which the rules must refuse (or they did not run at all).
    static let verdicts: Result<[String: EN16931Validator.Verdict], any Error> = Result {
        let docs = try documents.get()
        let control = EN16931Validator.outputFolder + "/control-payable-off-by-a-cent.xml"
        let domestic = String(decoding: try #require(docs["S-domestic"]).bytes, as: UTF8.self)
        let payable = #"<cbc:PayableAmount currencyID="EUR">124.00<"#
        try #require(domestic.contains(payable))
        try Data(domestic.replacingOccurrences(of: payable, with: #"<cbc:PayableAmount currencyID="EUR">124.01<"#).utf8)
            .write(to: URL(fileURLWithPath: control))
        let byPath = try EN16931Validator.validate(docs.values.map(\.path).sorted() + [control])
        return Dictionary(uniqueKeysWithValues: docs.map { ($0.key, byPath[$0.value.path]!) })
            .merging(["control": byPath[control]!]) { a, _ in a }
    }

    static func document(_ name: String) throws -> WrittenUBL {
        try #require(try documents.get()[name], "no document \(name)")
    }

    /// The first invoice of a reseller that `account` describes (Greek unless it says otherwise) after ordering
    /// `lines` on 2027-01-10 on the worked examples' desk.
    static func invoice(_ name: String, _ lines: [(String, Int)], exempt: String? = nil,
                        seller: Seller = TestSeller.greek,
                        _ account: (inout AccountForm) -> Void) throws -> WrittenUBL {
        let (fx, a) = try WorkedExampleDesk.desk(seller: seller, csv: csv, exempt: exempt) { f in
            f.name = "Reseller \(name)"; f.email = "accounts@reseller.example"; f.country = "GR"
            account(&f)
        }
        _ = try WorkedExampleDesk.order(fx, a, lines)
        return try written(name, fx, try #require(try fx.service.invoices(of: a.id).first))
    }

    static func written(_ name: String, _ fx: Fixture, _ i: Invoice) throws -> WrittenUBL {
        let account = try fx.service.account(i.draft.billedAccountId)
        return WrittenUBL(name: name, number: i.number, date: i.draft.date, dueDate: i.draft.dueDate,
                          lines: i.draft.lines, amounts: i.draft.amounts, account: account,
                          bytes: try UBL.invoice(i, account: account))
    }

    /// With Separate invoices, the reseller's end customer's charges on an invoice of their own, still billed to
    /// the reseller.
    @Sendable static func separateInvoiceForAnEndCustomer(_ name: String) throws -> WrittenUBL {
        let (fx, a) = try WorkedExampleDesk.desk(csv: csv) { f in
            f.name = "Aegean Cloud Partners"; f.email = "accounts@aegean.example"; f.country = "GR"
            f.separateInvoices = true
        }
        let customer = try fx.service.createEndCustomer(resellerId: a.id, name: "Taverna Nikos & Sons",
                                                        email: "nikos@taverna.example", country: "GR", by: staff)
        _ = try WorkedExampleDesk.order(fx, a, [("SVC", 1)])
        _ = try fx.service.placeOrder(accountId: a.id, customerAccountId: customer.id,
                                      lines: [OrderRequestLine(productCode: "SVC", quantity: 3)], by: staff)
        let theirs = try #require(try fx.service.invoices(of: a.id).first { $0.draft.forAccountId == customer.id })
        return try written(name, fx, theirs)
    }

    /// "Cancel now" ten days into a month invoiced on 2027-01-10: the unused days credited.
    @Sendable static func creditNote(_ name: String) throws -> WrittenUBL {
        let (fx, a) = try WorkedExampleDesk.desk(csv: csv) { f in
            f.name = "Reseller credit-note"; f.email = "accounts@reseller.example"; f.country = "GR"
        }
        _ = try WorkedExampleDesk.order(fx, a, [("SVC", 10)])
        fx.clock.set("2027-01-20")
        let sub = try #require(try fx.service.subscriptions(of: a.id).first)
        let note = try #require(try fx.service.cancelSubscription(sub.id, now: true, by: staff).creditNote)
        let credited = try fx.service.invoice(number: try #require(note.draft.creditedInvoiceNumber))
        let account = try fx.service.account(note.draft.billedAccountId)
        return WrittenUBL(name: name, number: note.number, date: note.draft.date, dueDate: nil,
                          lines: note.draft.lines, amounts: note.draft.amounts, account: account,
                          credited: credited.number, creditedDate: credited.draft.date,
                          bytes: try UBL.creditNote(note, account: account, creditedInvoiceDate: credited.draft.date))
    }
}

@Suite struct UBLDocumentTests {
    static let names = UBLCorpus.cases.map(\.0)

    /// Every document says what the issued document says: its number, dates, currency, buyer reference, totals,
    /// breakdown and lines, each line adding up (quantity × price − allowance + charge = net), every amount
    /// with its currency, both parties' names as typed; and the official rules find no fatal error in it.
    @Test(arguments: names)
    func theDocumentIsTheIssuedOne(_ name: String) throws {
        let d = try UBLCorpus.document(name)
        let x = try XMLTree.parse(d.bytes)
        let a = d.amounts, currency = a.total.currency
        #expect(x.name == (d.isInvoice ? "Invoice" : "CreditNote"))
        #expect(x["cbc:CustomizationID"]
                == "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0")
        #expect(x["cbc:ProfileID"] == "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")
        #expect(x["cbc:ID"] == d.number && x["cbc:IssueDate"] == d.date.description)
        #expect(x["cbc:DueDate"] == d.dueDate?.description)
        #expect(x[d.isInvoice ? "cbc:InvoiceTypeCode" : "cbc:CreditNoteTypeCode"] == (d.isInvoice ? "380" : "381"))
        #expect(x["cbc:DocumentCurrencyCode"] == currency && x["cbc:BuyerReference"] == d.account.code)
        #expect(x["cbc:Note"] == (a.notes.isEmpty ? nil : a.notes.joined(separator: "\n")))
        let totals = try #require(x.first("cac:LegalMonetaryTotal"))
        #expect(["cbc:LineExtensionAmount", "cbc:TaxExclusiveAmount", "cbc:TaxInclusiveAmount", "cbc:PayableAmount"]
                    .map { totals[$0] } == [a.net, a.net, a.total, a.total].map(\.decimalString))
        #expect(x["cac:TaxTotal/cbc:TaxAmount"] == a.tax.decimalString)
        #expect(x.all("cac:TaxTotal/cac:TaxSubtotal").map(Self.subtotal) == a.taxes.map(Self.subtotal))
        // Every amount in the document's currency.
        let amounts = x.descendants.filter { $0.name.hasSuffix("Amount") }
        #expect(!amounts.isEmpty && amounts.allSatisfy { $0.attributes["currencyID"] == currency })
        try checkLines(x, d)
        #expect(x["cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"]
                == a.seller?.name)
        #expect(x["cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"] == d.account.name)
        let verdict = try #require(try UBLCorpus.verdicts.get()[name])
        #expect(verdict.fatal.isEmpty, "EN 16931 fatal rules on \(d.path): \(verdict.fatal)")
        #expect(verdict.warnings.isEmpty, "EN 16931 warnings on \(d.path): \(verdict.warnings)")
    }

    static func subtotal(_ t: TaxSubtotal) -> String {
        "\(t.category.rawValue) \(t.category == .outOfScope ? "-" : t.rate.description) "
            + "\(t.taxable.decimalString) \(t.tax.decimalString)"
    }

    static func subtotal(_ s: XMLTree) -> String {
        "\(s["cac:TaxCategory/cbc:ID"] ?? "?") \(s["cac:TaxCategory/cbc:Percent"] ?? "-") "
            + "\(s["cbc:TaxableAmount"] ?? "?") \(s["cbc:TaxAmount"] ?? "?")"
    }

    /// Each line as issued, arithmetically whole (Peppol R120) and carrying its category and rate.
    func checkLines(_ x: XMLTree, _ d: WrittenUBL) throws {
        let written = x.all(d.isInvoice ? "cac:InvoiceLine" : "cac:CreditNoteLine")
        try #require(written.count == d.lines.count)
        let currency = try #require(Currency.named(d.amounts.total.currency))
        func minor(_ text: String?) throws -> Int64 {
            try Money.parse(try #require(text), currency: currency, field: "amount").minor
        }
        for (n, (w, l)) in zip(written, d.lines).enumerated() {
            #expect(w["cbc:ID"] == String(n + 1) && w["cbc:Note"] == "For \(l.forAccountName)")
            let quantity = try #require(w.first(d.isInvoice ? "cbc:InvoicedQuantity" : "cbc:CreditedQuantity"))
            #expect(quantity.text == String(l.quantity) && quantity.attributes["unitCode"] == "C62")
            #expect(w["cbc:LineExtensionAmount"] == l.amount.decimalString)
            #expect(w["cac:Price/cbc:PriceAmount"] == l.unitPrice.decimalString)
            var net = Int64(l.quantity) * (try minor(w["cac:Price/cbc:PriceAmount"]))
            for ac in w.all("cac:AllowanceCharge") {
                net += (ac["cbc:ChargeIndicator"] == "true" ? 1 : -1) * (try minor(ac["cbc:Amount"]))
            }
            #expect(net == (try minor(w["cbc:LineExtensionAmount"])), "line \(n + 1) does not add up")
            #expect(w["cac:InvoicePeriod/cbc:StartDate"] == l.periodStart?.description)
            #expect(w["cac:InvoicePeriod/cbc:EndDate"] == l.periodEnd?.description)
            #expect(w["cac:Item/cbc:Name"] == l.description)
            #expect(w["cac:Item/cac:SellersItemIdentification/cbc:ID"] == l.productCode)
            #expect(w["cac:Item/cac:ClassifiedTaxCategory/cbc:ID"] == l.tax?.category.rawValue)
        }
        #expect(try written.map { try minor($0["cbc:LineExtensionAmount"]) }.reduce(0, +) == d.amounts.net.minor)
    }

    /// The rules ran: a document whose amount due is not its total is refused (BR-CO-16).
    @Test func theRulesRefuseABrokenDocument() throws {
        let verdict = try #require(try UBLCorpus.verdicts.get()["control"])
        #expect(verdict.fatal.map { $0.prefix { $0 != ":" } } == ["BR-CO-16"])
    }

    /// `&`, `<`, `>`, `"` and Greek come back from the parser as they were typed, and the bytes hold them escaped.
    @Test func namesWithMarkupAndGreekRoundTrip() throws {
        let d = try UBLCorpus.document("S-domestic")
        let buyer = try #require(try XMLTree.parse(d.bytes).first("cac:AccountingCustomerParty/cac:Party"))
        #expect(buyer["cac:PartyLegalEntity/cbc:RegistrationName"] == UBLCorpus.escapedName)
        #expect(buyer["cac:PartyName/cbc:Name"] == "Ωμέγα \"Cloud\" & Co")
        #expect(buyer["cac:PostalAddress/cbc:StreetName"] == "Οδός Ερμού 1 & Αιόλου")
        let text = String(decoding: d.bytes, as: UTF8.self)
        #expect(text.contains("Alpha &amp; &lt;Omega&gt; Ελληνική ΑΕ"))
        #expect(text.contains("Ωμέγα &quot;Cloud&quot; &amp; Co"))
        #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
    }

    /// Each category as its EN 16931 rules want it: the exemption reason (and VATEX code) only where no VAT is
    /// charged, no rate and no VAT identifier at all when not subject to VAT, both VAT IDs for reverse charge.
    @Test(arguments: [
        ("S-domestic", ["S 24 - -"], "EL094259216", "EL123456783"),
        ("S-two-rates", ["S 24 - -", "S 13 - -"], "EL094259216", nil),
        ("S-EU-consumer-FR", ["S 20 - -"], "EL094259216", nil),
        ("AE-reverse-charge-DE", ["AE 0 VATEX-EU-AE \(TaxRules.reverseChargeNote)"], "EL094259216", "DE136695976"),
        ("E-exempt-account", ["E 0 - Article 27 §1"], "EL094259216", nil),
        ("S-Z-E-classes", ["S 24 - -", "Z 0 - -", "E 0 - \(TaxRules.exemptSupplyNote)"], "EL094259216", nil),
        ("O-buyer-outside-EU-US", ["O - VATEX-EU-O \(TaxRules.outsideEUNote)"], nil, nil),
        ("O-seller-outside-EU-CH", ["O - VATEX-EU-O \(TaxRules.outOfScopeNote)"], nil, nil),
    ] as [(String, [String], String?, String?)])
    func eachCategoryByItsRules(_ name: String, _ categories: [String], _ sellerVAT: String?,
                                _ buyerVAT: String?) throws {
        let d = try UBLCorpus.document(name)
        let x = try XMLTree.parse(d.bytes)
        #expect(x.all("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory").map { c in
            ["cbc:ID", "cbc:Percent", "cbc:TaxExemptionReasonCode", "cbc:TaxExemptionReason"]
                .map { c[$0] ?? "-" }.joined(separator: " ")
        } == categories)
        func vat(_ party: String) -> [String] {
            x.all("\(party)/cac:Party/cac:PartyTaxScheme").filter { $0["cac:TaxScheme/cbc:ID"] == "VAT" }
                .compactMap { $0["cbc:CompanyID"] }
        }
        #expect(vat("cac:AccountingSupplierParty") == (sellerVAT.map { [$0] } ?? []))
        #expect(vat("cac:AccountingCustomerParty") == (buyerVAT.map { [$0] } ?? []))
        let lines = x.all("cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory")
        #expect(lines.allSatisfy { $0["cbc:TaxExemptionReason"] == nil })
        if name.hasPrefix("O-") {
            #expect(lines.allSatisfy { $0["cbc:Percent"] == nil })
            // Still identified (BR-CO-26), by its VAT ID as its identifier.
            #expect(x["cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID"]
                    == d.amounts.seller?.vatId)
        }
    }

    /// 22 of 31 days of 10 × 10.00: the full unit price, less an allowance for the 9 days not charged.
    @Test func aProratedLineKeepsItsPriceAndTakesOffTheDaysNotCharged() throws {
        let d = try UBLCorpus.document("prorated")
        let line = try #require(try XMLTree.parse(d.bytes).first("cac:InvoiceLine"))
        #expect(d.lines.map { "\($0.daysCharged ?? 0)/\($0.daysInPeriod ?? 0)" } == ["22/31"])
        #expect(line["cbc:LineExtensionAmount"] == "70.97" && line["cac:Price/cbc:PriceAmount"] == "10.00")
        #expect(line["cac:InvoicePeriod/cbc:StartDate"] == "2027-01-10"
                && line["cac:InvoicePeriod/cbc:EndDate"] == "2027-01-31")
        let allowance = try #require(line.first("cac:AllowanceCharge"))
        #expect(allowance["cbc:ChargeIndicator"] == "false")
        #expect(allowance["cbc:AllowanceChargeReason"] == "Prorated: 22/31 days")
        #expect(allowance["cbc:Amount"] == "29.03" && allowance["cbc:BaseAmount"] == "100.00")
    }

    /// An annual line has its year as period; a one-time line has none; neither has an allowance.
    @Test func annualAndOneTimeLines() throws {
        let annual = try #require(try XMLTree.parse(try UBLCorpus.document("annual").bytes).first("cac:InvoiceLine"))
        #expect(annual["cac:InvoicePeriod/cbc:StartDate"] == "2027-01-10"
                && annual["cac:InvoicePeriod/cbc:EndDate"] == "2028-01-09")
        #expect(annual["cbc:LineExtensionAmount"] == "240.00" && annual.first("cac:AllowanceCharge") == nil)
        #expect(annual["cac:Item/cbc:Name"] == "Annual support <premium>")
        let lines = try XMLTree.parse(try UBLCorpus.document("one-time").bytes).all("cac:InvoiceLine")
        let setup = try #require(lines.first { $0["cac:Item/cac:SellersItemIdentification/cbc:ID"] == "SETUP" })
        #expect(setup.first("cac:InvoicePeriod") == nil && setup["cbc:LineExtensionAmount"] == "150.00")
        #expect(lines.count == 2)
    }

    /// The end customer's own invoice is billed to the reseller, its lines saying for whom.
    @Test func aSeparateInvoiceIsBilledToTheResellerForItsCustomer() throws {
        let d = try UBLCorpus.document("separate-end-customer")
        let x = try XMLTree.parse(d.bytes)
        #expect(x["cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"]
                == "Aegean Cloud Partners")
        #expect(x.all("cac:InvoiceLine").map { $0["cbc:Note"] } == ["For Taverna Nikos & Sons"])
        #expect(x["cac:LegalMonetaryTotal/cbc:PayableAmount"] == "37.20")
    }

    /// An invoice is paid by SEPA credit transfer to the seller's IBAN and BIC with its ISO 11649 reference;
    /// a seller without an IBAN names no instrument, yet the reference stays.
    @Test func paymentMeansCarryTheReferenceAndTheSellersAccount() throws {
        for name in UBLDocumentTests.names where name != "credit-note" {
            let d = try UBLCorpus.document(name)
            let means = try #require(try XMLTree.parse(d.bytes).first("cac:PaymentMeans"))
            #expect(means["cbc:PaymentID"] == PaymentReference(number: d.number)?.text)
            #expect(means["cbc:PaymentID"]?.hasPrefix("RF") == true)
            if name == "O-seller-outside-EU-CH" {
                #expect(means["cbc:PaymentMeansCode"] == "1" && means.first("cac:PayeeFinancialAccount") == nil)
            } else {
                #expect(means["cbc:PaymentMeansCode"] == "58")
                #expect(means["cac:PayeeFinancialAccount/cbc:ID"] == TestSeller.greek.iban)
                #expect(means["cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"]
                        == TestSeller.greek.bic)
            }
        }
        #expect(UBLDocument.paymentMeansCode(iban: "GR1601101250000000012300695", currency: "USD").code == "30")
        #expect(UBLDocument.paymentMeansCode(iban: "CH9300762011623852957", currency: "EUR").code == "58")
    }

    /// A credit note names the invoice it credits and its date, and is not paid but credited to the account.
    @Test func aCreditNoteReferencesTheInvoiceItCredits() throws {
        let d = try UBLCorpus.document("credit-note")
        let x = try XMLTree.parse(d.bytes)
        #expect(d.number == "CRN-000001" && d.credited == "INV-000001")
        #expect(x["cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"] == "INV-000001")
        #expect(x["cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate"] == "2027-01-10")
        #expect(x.first("cac:PaymentMeans") == nil && x["cbc:DueDate"] == nil)
        #expect(x["cac:PaymentTerms/cbc:Note"]?.contains(d.account.code) == true)
        #expect(x["cac:LegalMonetaryTotal/cbc:PayableAmount"] == "80.00")
        // 20 of 31 days (2027-01-21 – 2027-02-09) of 10 × 10.00 credited: the unit price, less 11 days.
        let line = try #require(x.first("cac:CreditNoteLine"))
        #expect(line["cbc:CreditedQuantity"] == "10" && line["cbc:LineExtensionAmount"] == "64.52")
        #expect(line["cac:AllowanceCharge/cbc:AllowanceChargeReason"] == "Prorated: 20/31 days")
        #expect(line["cac:AllowanceCharge/cbc:Amount"] == "35.48")
    }

    /// A document issued before tax names no seller, category or rate: it has no e-invoice, and says why.
    @Test func aDocumentFromBeforeTaxHasNoEInvoice() throws {
        let d = try UBLCorpus.document("S-domestic")
        var draft = InvoiceDraft(billedAccountId: d.account.id, date: d.date, dueDate: d.date, lines: d.lines,
                                 amounts: TaxedAmounts(beforeTax: d.amounts.net))
        draft.lines = draft.lines.map { var l = $0; l.tax = nil; return l }
        let old = Invoice(id: 1, number: "INV-000001", draft: draft, createdAt: Date())
        #expect(throws: UBLError.self) { try UBL.invoice(old, account: d.account) }
        do {
            _ = try UBL.invoice(old, account: d.account)
        } catch {
            #expect(error.description == "INV-000001 was issued before the seller was configured: it has no e-invoice")
        }
    }
}
