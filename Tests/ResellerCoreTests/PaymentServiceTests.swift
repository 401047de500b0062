import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

@Suite struct PaymentServiceTests {
    /// A payment recorded by mistake is reversed by a new debit that names it; the ledger keeps both, the
    /// statement shows the running balance, and a second reversal is impossible.
    @Test func aPaymentIsReversedOnceAndTheStatementKeepsEverything() throws {
        let fx = try Fixture()
        let a = try fx.reseller(credit: "100.00")
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        let order = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                              lines: [OrderRequestLine(productCode: "VM-2C4G", quantity: 1)], by: staff)
        _ = try fx.service.recordPayment(accountId: a.id, PaymentForm(amount: "250.50", note: "wire"), by: staff)
        _ = try fx.service.recordPayment(accountId: a.id, PaymentForm(amount: "10"), by: staff)
        let payments = try fx.service.payments(of: a.id)
        #expect(payments.map(\.amount.minor) == [1000, 25050])          // newest first
        let wire = payments[1]

        let reversal = try fx.service.reversePayment(wire.id, ReasonForm(reason: "transfer returned by the bank"),
                                                     by: staff)
        #expect(reversal.kind == .reversal)
        #expect(reversal.reverses == wire.id)
        #expect(reversal.amount.minor == 25050)
        #expect(reversal.balanceAfter.minor == 3100 - 1000)              // order 31.00, payment 10.00 stays
        #expect(try fx.service.availableCredit(a.id) == .amount(Money(minor: 10000 - 2100, currency: "EUR")))

        let statement = try fx.service.statement(of: a.id)
        #expect(statement.map(\.kind) == [.invoice, .payment, .payment, .reversal])
        #expect(statement.map(\.balanceAfter.minor) == [3100, -21950, -22950, 2100])
        #expect(statement[0].description == "Invoice INV-000001")   // the order's first invoice
        #expect(statement[1].description == "Payment (reversed by entry \(reversal.id))")
        #expect(statement[3].note == "transfer returned by the bank")

        // Once only; a reason is required; only payments; unknown ids named.
        #expect(fields { _ = try fx.service.reversePayment(wire.id, ReasonForm(reason: "again"),
                                                           by: staff) } == ["payment"])
        #expect(fields { _ = try fx.service.reversePayment(payments[0].id, ReasonForm(reason: " "),
                                                           by: staff) } == ["reason"])
        #expect(fields { _ = try fx.service.reversePayment(statement[0].id, ReasonForm(reason: "x"),
                                                           by: staff) } == ["payment"])
        #expect(fields { _ = try fx.service.reversePayment(reversal.id, ReasonForm(reason: "x"),
                                                           by: staff) } == ["payment"])
        #expect(fields { _ = try fx.service.reversePayment(9999, ReasonForm(reason: "x"), by: staff) } == ["payment"])
        #expect(try fx.count("SELECT COUNT(*) FROM ledger") == 4)
        let audit = try fx.service.accountDetail(a.id).audit.first!
        #expect(audit.action == "reversePayment")
        #expect(audit.changes["reason"] == [nil, "transfer returned by the bank"])
    }

    /// The unique index, not only the check: a second reversal row written behind the service is refused.
    @Test func theDatabaseRefusesASecondReversal() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.service.recordPayment(accountId: a.id, PaymentForm(amount: "5"), by: staff)
        let payment = try #require(try fx.service.payments(of: a.id).first)
        _ = try fx.service.reversePayment(payment.id, ReasonForm(reason: "wrong account"), by: staff)
        #expect(throws: (any Error).self) {
            try fx.service.store.write { tx in
                try tx.execute(sql: "INSERT INTO ledger (account_id, kind, amount_minor, reverses_id, created_at, "
                                    + "created_by) VALUES (?, 'debit', 500, ?, ?, 'test')",
                                  arguments: [a.id, payment.id, Date()])
            }
        }
    }
}
