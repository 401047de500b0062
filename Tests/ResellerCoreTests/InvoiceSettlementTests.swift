import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// Payments settle the oldest open invoices first; an invoice is Open, Paid or Overdue (issue #12).
@Suite struct InvoiceSettlementTests {
    let billing = BillingDesk()

    @Test func creditsPayTheOldestDebitsFirstIncludingTheOrdersOwn() throws {
        let debits = [InvoiceSettlement.Debit(invoiceId: nil, amount: 4258),
                      InvoiceSettlement.Debit(invoiceId: 1, amount: 6000),
                      InvoiceSettlement.Debit(invoiceId: 2, amount: 6000)]
        #expect(InvoiceSettlement.paid(debits: debits, credits: 5000) == [1: 742, 2: 0])
        #expect(InvoiceSettlement.paid(debits: debits, credits: 20_000) == [1: 6000, 2: 6000])
        #expect(InvoiceSettlement.paid(debits: debits, credits: -100) == [1: 0, 2: 0])
        let due = billing.day("2027-03-03")
        #expect(InvoiceSettlement.status(total: 0, paid: 0, dueDate: due, today: due) == .paid)
        #expect(InvoiceSettlement.status(total: 6000, paid: 742, dueDate: due, today: due) == .open)
        #expect(InvoiceSettlement.status(total: 6000, paid: 742, dueDate: due, today: due.adding(days: 1))
                == .overdue)
        #expect(throws: FieldError.self) { try InvoiceStatus.parse("late") }
        #expect(try InvoiceStatus.parse("OVERDUE") == .overdue)
    }

    /// A debit no form can write (negative, as low as Int64 goes) pays nothing and gives no credit back,
    /// rather than overflowing what is left (review S2).
    @Test func aHostileNegativeDebitNeitherPaysNorOverflows() {
        let debits = [InvoiceSettlement.Debit(invoiceId: 1, amount: .min),
                      InvoiceSettlement.Debit(invoiceId: 2, amount: 600)]
        #expect(InvoiceSettlement.paid(debits: debits, credits: 500) == [1: 0, 2: 500])
    }

    @Test func aPaymentSettlesOldestFirstAndItsReversalReopens() throws {
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2)])   // 42.58
        _ = try fx.service.billingRun(through: billing.day("2027-03-01"), by: staff)
        func statuses() throws -> [String] {
            try fx.service.invoices(of: a.id).map { "\($0.number) \($0.status!.rawValue) \($0.paid!.decimalString)" }
        }
        try billing.on(fx, "2027-03-02")
        // The order's own invoice (42.58, due 9 February) is overdue; February's and March's are open.
        #expect(try statuses() == ["INV-000001 Overdue 0.00", "INV-000002 Open 0.00", "INV-000003 Open 0.00"])
        // The order's 42.58 first, then February in full, then 10.00 of March.
        _ = try fx.service.recordPayment(accountId: a.id, PaymentForm(amount: "112.58", note: ""), by: staff)
        #expect(try statuses() == ["INV-000001 Paid 42.58", "INV-000002 Paid 60.00", "INV-000003 Open 10.00"])
        try billing.on(fx, "2027-04-01")   // March's invoice was due 2027-03-31
        #expect(try statuses() == ["INV-000001 Paid 42.58", "INV-000002 Paid 60.00", "INV-000003 Overdue 10.00"])
        #expect(try fx.service.invoices(of: a.id, status: .paid).map(\.number) == ["INV-000001", "INV-000002"])
        #expect(try fx.service.allInvoices(status: .overdue).map(\.number) == ["INV-000003"])
        let standing = try fx.service.billingStanding(accountId: a.id)
        #expect(standing.overdue.decimalString == "50.00")
        #expect(standing.nextInvoice?.date == billing.day("2027-04-01"))
        #expect(standing.nextInvoice?.total.decimalString == "60.00")
        #expect(try fx.service.invoice(number: "INV-000001").status == .paid)

        let payment = try #require(try fx.service.payments(of: a.id).first)
        _ = try fx.service.reversePayment(payment.id, ReasonForm(reason: "returned transfer"), by: staff)
        #expect(try statuses() == ["INV-000001 Overdue 0.00", "INV-000002 Overdue 0.00", "INV-000003 Overdue 0.00"])
        #expect(try fx.service.invoices(of: a.id, status: .open).isEmpty)
        #expect(try fx.service.billingStanding(accountId: a.id).overdue.decimalString == "162.58")
    }
}
