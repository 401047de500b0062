import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// Booking a statement's transactions (domain.md#collections: bank statements) on a real desk file:
/// INV-000001, 42.58 EUR due 2027-02-09, unpaid, of ACC-000001.
@Suite struct BankStatementServiceTests {
    let desk = BillingDesk()

    func item(_ key: String, _ amount: Int64, currency: String = "EUR", debit: Bool = false, booked: Bool = true,
              structured: [String] = [], text: [String] = [], debtor: String? = "Aegean Cloud Partners")
        -> StatementItem {
        StatementItem(key: key, file: "statement.xml", statementId: "STMT-1", line: 10,
                      bookingDate: CalendarDay(year: 2027, month: 3, day: 12),
                      amount: Money(minor: amount, currency: currency),
                      direction: debit ? .debit : .credit, booked: booked, debtorName: debtor, bankReference: key,
                      structured: structured, unstructured: text)
    }

    func setUp() throws -> (Fixture, Account) {
        let (fx, a, _) = try desk.ordered()
        try desk.on(fx, "2027-03-12")
        return (fx, a)
    }

    var reference: String { PaymentReference(number: "INV-000001")!.text }

    @Test func matchedByReferenceThenInvoiceNumberThenAccountCodeAndNeverBookedTwice() throws {
        let (fx, a) = try setUp()
        let items = [item("B1", 2000, structured: [reference]),
                     item("B2", 1000, text: ["invoice inv-000001 thanks"]),
                     item("B3", 500, text: ["ACC-000001 March"]),
                     item("B1", 2000, structured: [reference])]             // the same entry again
        let report = try fx.service.importStatement(items, files: ["statement.xml"], by: staff)
        #expect(report.items.map(\.outcome.label) == ["booked", "booked", "booked", "already imported"])
        let payments = try fx.service.payments(of: a.id)
        #expect(payments.map(\.amount.minor) == [500, 1000, 2000])
        #expect(payments.last?.note == "Bank transfer · B1 · Aegean Cloud Partners")
        // A second import of the same file books nothing.
        let again = try fx.service.importStatement(items, files: ["statement.xml"], by: staff)
        #expect(again.items.allSatisfy { $0.outcome.label == "already imported" })
        #expect(try fx.service.payments(of: a.id).count == 3)
        #expect(try fx.service.invoice(number: "INV-000001").paid?.minor == 3500)
    }

    @Test func pendingIsNotBookedDebitsAndOtherCurrenciesWaitForStaff() throws {
        let (fx, _) = try setUp()
        let report = try fx.service.importStatement([
            item("P1", 4258, booked: false, structured: [reference]),
            item("D1", 4258, debit: true, text: ["RETURN"]),
            item("U1", 4258, currency: "USD", structured: [reference]),
            item("N1", 999, text: ["thank you"]),
        ], files: ["s.xml"], by: staff)
        #expect(report.items.map(\.outcome.label) == ["pending", "unmatched", "unmatched", "unmatched"])
        let waiting = try fx.service.unmatchedEntries()
        #expect(waiting.map(\.key) == ["D1", "U1", "N1"])
        #expect(waiting[0].why?.hasPrefix("a debit of 42.58 EUR") == true)
        #expect(waiting[1].why == "in USD, but ACC-000001 (matched by payment reference \(reference) of INV-000001) "
                + "is billed in EUR")
        #expect(waiting[2].why == "no payment reference, invoice number or account code of this desk in «thank you»")
        // The pending one, booked later, is booked then.
        let later = try fx.service.importStatement([item("P1", 4258, structured: [reference])], files: ["t.xml"],
                                                   by: staff)
        #expect(later.items.map(\.outcome.label) == ["booked"])
    }

    /// A credit of 0.00 names its invoice but pays nothing: it waits for staff, and the rest of the file is booked.
    @Test func aZeroCreditWaitsAndTheImportGoesOn() throws {
        let (fx, _) = try setUp()
        let report = try fx.service.importStatement([item("Z1", 0, structured: [reference]),
                                                     item("B1", 4258, structured: [reference])],
                                                    files: ["s.xml"], by: staff)
        #expect(report.items.map(\.outcome.label) == ["unmatched", "booked"])
        let zero = try #require(try fx.service.unmatchedEntries().first)
        #expect(zero.why == "an amount of 0.00 EUR: nothing to book")
        #expect(messages { _ = try fx.service.assignEntry(zero.id, toAccount: 1, by: staff) }
                == ["entry \(zero.id) is 0.00 EUR: nothing to book; dismiss it with a reason"])
    }

    @Test func staffAssignOrDismissAWaitingEntryOnce() throws {
        let (fx, a) = try setUp()
        _ = try fx.service.importStatement([item("N1", 4258, text: ["from Aegean"]), item("D1", 100, debit: true)],
                                           files: ["s.xml"], by: staff)
        let waiting = try fx.service.unmatchedEntries()
        #expect(messages { _ = try fx.service.assignEntry(waiting[1].id, toAccount: a.id, by: staff) }
                == ["entry \(waiting[1].id) is a debit, not a payment: it cannot be assigned; dismiss it with a "
                    + "reason"])
        let assigned = try fx.service.assignEntry(waiting[0].id, toAccount: a.id, by: staff)
        #expect(assigned.state == .assigned && assigned.accountId == a.id && assigned.decidedBy == "alice")
        #expect(try fx.service.invoice(number: "INV-000001").status == .paid)
        #expect(messages { _ = try fx.service.assignEntry(waiting[0].id, toAccount: a.id, by: staff) }
                == ["entry \(waiting[0].id) was already assigned by alice"])
        #expect(fields { _ = try fx.service.dismissEntry(waiting[1].id, ReasonForm(reason: " "), by: staff) }
                == ["reason"])
        let dismissed = try fx.service.dismissEntry(waiting[1].id, ReasonForm(reason: "bank fee"), by: staff)
        #expect(dismissed.state == .dismissed && dismissed.why == "bank fee")
        #expect(try fx.service.unmatchedEntries().isEmpty)
    }

    @Test func anImportedPaymentResumesASuspensionTheRunMadeInItsTransaction() throws {
        let (fx, a) = try setUp()
        _ = try fx.service.collectionsRun()
        #expect(try fx.service.account(a.id).suspendedByCollections)
        _ = try fx.service.importStatement([item("B9", 4258, structured: [reference])], files: ["s.xml"], by: staff)
        #expect(try fx.service.account(a.id).status == .active)
    }
}
