import Foundation
import DeskTestSupport
import Testing
@testable import ResellerCore

/// A desk with rows in nearly every table, made through the service on whichever store it is given: two
/// resellers (one unlimited, one with a 100.00 limit), an end customer, a storefront user signed in, orders,
/// two months of billing, payments (one reversed), a credit note, a bank statement, a collections hold, a tax
/// rate, a kept e-invoice, mail sent, and a contact removed (so an id was given that no row has any more).
struct CopyDesk {
    let clock = TestClock()
    let service: ResellerService

    init(_ store: Store) {
        let clock = self.clock
        service = ResellerService(store: store, settings: .test, clock: { clock.now })
    }

    /// The ids a test reads the copy by.
    struct Made {
        let aegean: Int64
        let nefos: Int64
        let removedContact: Int64
    }

    @discardableResult
    func fill() throws -> Made {
        clock.set("2027-01-10")
        _ = try service.importPriceList(csv: BillingDesk.csv, name: "Backup EUR", currency: "EUR", validTo: "",
                                        active: true, by: staff)
        let aegean = try reseller("Aegean Cloud Partners", "accounts@aegean.example") { $0.unlimitedCredit = true }
        let nefos = try reseller("Νέφος Λιανικής Ι.Κ.Ε.", "office@nefos.example") { $0.creditLimit = "100.00" }
        let customer = try service.createEndCustomer(resellerId: aegean.id, name: "Θάλασσα Ταβέρνα",
                                                     email: "info@thalassa.example", country: "GR", by: staff)
        try signIn(aegean)
        var gone = ContactForm()
        gone.lastName = "Former"
        gone.email = "former@nefos.example"
        let removed = try service.addContact(to: nefos.id, gone, by: staff)
        try service.removeContact(removed.id, by: staff)

        _ = try order(aegean, for: customer.id, "BK", 2)
        _ = try order(aegean, "SETUP", 1)
        _ = try order(nefos, "BK", 1)
        clock.set("2027-03-01")
        _ = try service.billingRun(through: CalendarDay.parsed("2027-03-01"), by: staff)
        _ = try service.recordPayment(accountId: aegean.id, PaymentForm(amount: "100.00", note: "wire"), by: staff)
        _ = try service.recordPayment(accountId: nefos.id, PaymentForm(amount: "5"), by: staff)
        let mistaken = try #require(try service.payments(of: nefos.id).first)
        _ = try service.reversePayment(mistaken.id, ReasonForm(reason: "booked twice"), by: staff)
        let subscription = try #require(try service.subscriptions(of: aegean.id).first)
        _ = try service.cancelSubscription(subscription.id, now: true, by: staff)
        let first = try #require(try service.invoices(of: aegean.id).first)
        _ = try service.importStatement([
            statementItem("B1", 1000, text: ["paying \(first.number)"]),
            statementItem("B2", 777, text: ["thank you"]),
        ], files: ["march.xml"], by: staff)
        var hold = CollectionsHoldForm()
        hold.suspension = CollectionsHoldForm.never
        hold.reason = "pays late, always pays"
        _ = try service.setCollectionsHold(accountId: nefos.id, hold, by: staff)
        _ = try service.setTaxRate(country: "GR", taxClass: "standard", rate: "24", from: "2027-01-01", by: staff)
        _ = try service.invoiceFile(number: first.number, format: .ubl, by: staff)
        _ = try service.storefrontKey()
        try service.recordHeartbeat("backup", owner: "alice", detail: "nightly")
        try deliverDue()
        return Made(aegean: aegean.id, nefos: nefos.id, removedContact: removed.id)
    }

    func reseller(_ name: String, _ email: String, _ credit: (inout AccountForm) -> Void) throws -> Account {
        var f = AccountForm()
        f.name = name; f.email = email; f.country = "GR"; f.type = "Reseller"
        f.enableOrdering = true; f.enableReselling = true
        f.prorateBilling = true; f.billingDay = "first"
        credit(&f)
        let account = try service.createAccount(f, by: staff)
        _ = try service.assignPriceLists(account.id, names: ["Backup EUR"], by: staff)
        return account
    }

    func order(_ account: Account, for customer: Int64? = nil, _ code: String, _ quantity: Int) throws -> Order {
        try service.placeOrder(accountId: account.id, customerAccountId: customer,
                               lines: [OrderRequestLine(productCode: code, quantity: quantity)], by: staff)
    }

    /// A storefront user invited, activated through the link of its email, and signed in.
    private func signIn(_ account: Account) throws {
        var c = ContactForm()
        c.firstName = "Μαρία"; c.lastName = "Οικονόμου"; c.email = "maria@aegean.example"; c.storefrontUser = true
        _ = try service.addContact(to: account.id, c, by: staff)
        let token = try #require(try deliverDue().compactMap(\.linkToken).first)
        _ = try service.activate(token: token.text, password: "correct horse battery",
                                 confirmation: "correct horse battery")
        _ = try service.startSession(for: try service.authenticate(email: c.email, password: "correct horse battery"))
    }

    @discardableResult
    func deliverDue() throws -> [OutboxMessage] {
        let claimed = try service.claimDueMail(owner: "test:1", lease: 600, limit: 1000)
        for m in claimed { _ = try service.recordDelivery(m, owner: "test:1", .sent) }
        return claimed
    }

    private func statementItem(_ key: String, _ minor: Int64, text: [String]) -> StatementItem {
        StatementItem(key: key, file: "march.xml", statementId: "STMT-3", line: 10,
                      bookingDate: CalendarDay.parsed("2027-03-01"), amount: Money(minor: minor, currency: "EUR"),
                      direction: .credit, booked: true, debtorName: "Aegean Cloud Partners", bankReference: key,
                      structured: [], unstructured: text)
    }

    /// What must be the same on every copy: each account's balance, the documents' numbers, the counters.
    func books() throws -> Books {
        try service.store.read { tx in
            Books(balances: try tx.values(Int64.self, sql: "SELECT id FROM accounts ORDER BY id")
                    .map { "\(AccountCode.format($0)) \(try tx.balance(of: $0))" },
                  invoices: try tx.values(String.self, sql: "SELECT number FROM invoices ORDER BY id"),
                  creditNotes: try tx.values(String.self, sql: "SELECT number FROM credit_notes ORDER BY id"),
                  counts: Dictionary(uniqueKeysWithValues: try Store.copyTables.map { table in
                      (table.name, try tx.value(Int.self, sql: "SELECT COUNT(*) FROM \(table.name)") ?? 0)
                  }))
        }
    }

    struct Books: Equatable {
        let balances: [String]
        let invoices: [String]
        let creditNotes: [String]
        var counts: [String: Int]

        /// The same books with `events` more audit events: each copy records itself in its target.
        func audited(_ events: Int) -> Books {
            var books = self
            books.counts["audit_events", default: 0] += events
            return books
        }
    }
}
