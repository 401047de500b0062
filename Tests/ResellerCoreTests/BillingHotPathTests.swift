import Foundation
import Testing
@testable import ResellerCore

/// The hand-written pieces of the billing run's hot path give what the general code they replace gave
/// (issue #12, benchmark).
@Suite struct BillingHotPathTests {
    @Test func daysPrintAndParseAsBefore() throws {
        for text in ["2027-02-01", "1900-01-01", "9999-12-31", "2028-02-29", "2026-11-30"] {
            let day = try CalendarDay.parse(text, field: "d", label: "day")
            #expect(day.description == text)
            #expect(day.description == String(format: "%04d-%02d-%02d", day.year, day.month, day.day))
        }
        #expect(try CalendarDay.parse(" 2027-02-01 ", field: "d", label: "day").description == "2027-02-01")
        for bad in ["2027-02-30", "2027-13-01", "2027-2-01", "2027/02/01", "２027-02-01", "", "20270-2-01",
                    "1899-12-31"] {
            #expect(throws: FieldError.self) { try CalendarDay.parse(bad, field: "d", label: "day") }
        }
    }

    @Test func theDocumentJSONIsWhatFoundationWritesAndReadsBack() throws {
        let row = InvoiceDocument.Row(forAccount: "Ålesund \"North\" / AS", productCode: "SKU\\1",
                                      description: "line\nbreak\ttab", period: "2027-01-10 – 2027-01-31",
                                      days: "22/31 days", quantity: "3", unitPrice: "7.50", amount: "15.97",
                                      tax: "S 24 %")
        let minimal = #"{"billTo":[],"date":{"day":1,"month":2,"year":2027},"kind":"Invoice","number":"N","#
            + #""rows":[],"total":"0"}"#
        // An email queued before tax still reads: its total is its net, with the note that it predates tax.
        var doc = try #require(InvoiceDocument(jsonText: minimal))
        #expect(doc.net == "0" && doc.taxes.isEmpty && doc.notes.first?.hasPrefix("Issued before tax") == true)
        #expect(doc.jsonText == doc.foundationJSONText)
        doc.number = "INV-000042"; doc.dueDate = CalendarDay(year: 2027, month: 3, day: 3); doc.status = .open
        doc.billTo = ["Bench Reseller (ACC-000001)", "Odos 1", "accounts1@bench.example"]
        doc.rows = [row, row]; doc.total = "€ 39.61"; doc.paid = "€ 0.00"; doc.due = "€ 39.61"
        doc.seller = ["Hellenic \"Cloud\" & Co", "VAT ID EL094259216"]; doc.net = "31.94"
        doc.taxes = [InvoiceDocument.TaxRow(label: "VAT S 24 %", taxable: "31.94", tax: "7.67")]
        doc.notes = ["Reverse charge: VAT to be accounted for by the recipient"]; doc.footer = ["IBAN GR16 …"]
        doc.creditedInvoice = "INV-000001"
        #expect(doc.jsonText == doc.foundationJSONText)
        #expect(InvoiceDocument(jsonText: doc.jsonText) == doc)
        doc.dueDate = nil; doc.status = nil; doc.paid = nil; doc.due = nil; doc.rows = []
        doc.kind = .creditNote; doc.billTo = ["a\u{1}b"]
        #expect(InvoiceDocument(jsonText: doc.jsonText) == doc)
        doc.billTo = []
        #expect(doc.jsonText == doc.foundationJSONText)
    }

    @Test func compactJSONEscapesAsBefore() {
        var out: [UInt8] = []
        CompactJSON.string("plain \"q\" \\ \n\r\t\u{1}\u{1f} é €", into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"plain \\\"q\\\" \\\\ \\n\\r\\t\\u0001\\u001f é €\"")
        #expect(CompactJSON.encode(["b": "\u{7f}/", "a": ""]) == #"{"a":"","b":"\#u{7f}/"}"#)
        #expect(CompactJSON.encode(["x": [nil, "y"]]) == #"{"x":[null,"y"]}"#)
    }

    @Test func theNewestDebitIsPaidAsTheFullSettlementSays() {
        for credits: Int64 in [-100, 0, 500, 4258, 10_000, 16_258, 30_000] {
            for amount: Int64 in [0, 6000] {
                var debits = [InvoiceSettlement.Debit(invoiceId: nil, amount: 4258),
                              InvoiceSettlement.Debit(invoiceId: 1, amount: 6000)]
                if amount > 0 { debits.append(InvoiceSettlement.Debit(invoiceId: 2, amount: amount)) }
                let full = InvoiceSettlement.paid(debits: debits, credits: credits)[2] ?? 0
                #expect(InvoiceSettlement.paidOfNewest(amount: amount, earlierDebits: 10_258, credits: credits)
                        == full)
            }
        }
    }
}
