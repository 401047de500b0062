import Foundation
import ResellerCore
import TerminalKit

/// What the account detail shows: the account read once, with the pages of its long lists read so far.
public struct AccountDetailContent: Sendable {
    /// `orders` holds the pages of orders read so far (Submitted first), `audit` the history read so far.
    public var detail: AccountDetail
    public var counts: AccountCounts
    /// The `before` of the next page of orders; nil once every order is read.
    public var nextOrders: Int64?
    /// The ledger, oldest first.
    public var statement: [LedgerEntry]
    /// The subscriptions billed to the account, their invoices and credit notes, and the desk's today
    /// (the quantity in effect, a lowering still waiting).
    public var billing: AccountBilling

    public init(_ detail: AccountDetail, counts: AccountCounts, orders: AccountOrderPage,
                statement: [LedgerEntry] = [], billing: AccountBilling = AccountBilling()) {
        self.detail = detail
        self.counts = counts
        self.statement = statement
        self.billing = billing
        self.detail.orders = orders.orders
        nextOrders = orders.next
    }

    /// The `before` of the next page of history; nil once every event is read.
    public var nextHistory: Int64? { detail.audit.count < counts.history ? detail.audit.last?.id : nil }
}

extension AccountBilling {
    /// Invoices and credit notes together, newest first (the latest is what staff are asked about).
    public var documents: [BillingDocument] {
        let all = invoices.map(BillingDocument.invoice) + creditNotes.map(BillingDocument.creditNote)
        return all.sorted { ($0.date, $0.createdAt, $0.number) > ($1.date, $1.createdAt, $1.number) }
    }

    /// The invoice or credit note with this number, found without sorting them all (`documents`).
    public func document(numbered number: String) -> BillingDocument? {
        invoices.first { $0.number == number }.map(BillingDocument.invoice)
            ?? creditNotes.first { $0.number == number }.map(BillingDocument.creditNote)
    }
}

/// An invoice or a credit note, as the Invoices section lists them together.
public enum BillingDocument: Sendable {
    case invoice(Invoice), creditNote(CreditNote)

    public var number: String {
        switch self { case .invoice(let i): i.number; case .creditNote(let c): c.number }
    }
    public var date: CalendarDay {
        switch self { case .invoice(let i): i.draft.date; case .creditNote(let c): c.draft.date }
    }
    var createdAt: Date {
        switch self { case .invoice(let i): i.createdAt; case .creditNote(let c): c.createdAt }
    }

    /// As it prints (`InvoiceDocument`), for the account it is billed to.
    public func document(for account: Account) -> InvoiceDocument {
        switch self {
        case .invoice(let i): InvoiceDocument(invoice: i, account: account)
        case .creditNote(let c): InvoiceDocument(creditNote: c, account: account)
        }
    }
}

/// One section of the account detail: its tab, its rows and its own keys. The sections are a table, so
/// adding one (Subscriptions, Invoices, Statement) is one entry in `all` with its rows and keys.
public struct AccountDetailSection: Sendable {
    public enum ID: String, Sendable, CaseIterable {
        case overview, contacts, priceLists, orders, subscriptions, invoices, ledger, history, customers
    }
    public typealias Action = AccountDetailScreen.Action

    public let id: ID
    public let title: String
    /// The tab's name when every tab must fit 80 columns ("Lists" for Price lists).
    public var short: String? = nil
    /// The number on the tab; nil for a section that is not a list.
    public let count: @Sendable (AccountDetailContent) -> Int?
    /// The rows at `width` columns.
    public let table: @Sendable (AccountDetailContent, Int) -> AccountDetailText.Table
    /// The keys that act in this section, named first in the footer.
    public let actions: [RowAction]
    /// For a list read a page at a time: what reads the next page, nil once all is read.
    public var more: @Sendable (AccountDetailContent) -> AccountDetailScreen.Effect? = { _ in nil }
    /// Whether the account has this section at all (end customers only for a reseller).
    public var shown: @Sendable (AccountDetailContent) -> Bool = { _ in true }

    public static let all: [AccountDetailSection] = [
        AccountDetailSection(id: .overview, title: "Overview", count: { _ in nil }, table: { c, width in
            let lines = AccountDetailText.fields(c.detail, compact: true, width: width)
                + [AccountDetailText.Line(text: "")]
                + AccountDetailText.onboarding(c.detail)
            return AccountDetailText.Table(header: nil, lines: lines)
        }, actions: [.edit, .payment(), .status]),
        AccountDetailSection(id: .contacts, title: "Contacts", count: { $0.detail.contacts.count }, table: { c, width in
            AccountDetailText.contacts(c.detail.contacts, width: width)
        }, actions: [.addContact, .editContact, .access, .invite, .resend, .resetPassword, .deactivate,
                      .removeContact]),
        AccountDetailSection(id: .priceLists, title: "Price lists", short: "Lists",
                             count: { $0.detail.priceLists.count },
                             table: { c, width in
            AccountDetailText.priceLists(c.detail.priceLists, width: width)
        }, actions: [.assignPriceLists, .unassign]),
        AccountDetailSection(id: .orders, title: "Orders", count: { $0.counts.orders }, table: { c, width in
            AccountDetailText.orders(c.detail.orders, width: width)
        }, actions: [.execute, .cancelOrder, .payment()],
           more: { c in c.nextOrders.map { .moreOrders(accountId: c.detail.account.id, before: $0) } }),
        AccountDetailSection(id: .subscriptions, title: "Subscriptions", short: "Subs",
                             count: { $0.billing.subscriptions.count }, table: { c, width in
            AccountDetailText.subscriptions(c.billing.subscriptions, today: c.billing.today, width: width)
        }, actions: [.quantity, .cancelSubscription]),
        AccountDetailSection(id: .invoices, title: "Invoices", count: { c in
            c.billing.invoices.count + c.billing.creditNotes.count
        }, table: { c, width in
            AccountDetailText.documents(c.billing.documents, width: width)
        }, actions: [.openDocument,
                      .payment(help: "record a payment received (settles the oldest open invoices first)")]),
        AccountDetailSection(id: .ledger, title: "Ledger", count: { $0.statement.count }, table: { c, width in
            AccountDetailText.statement(c.statement, width: width)
        }, actions: [.payment(), .reverse]),
        AccountDetailSection(id: .history, title: "History", count: { $0.counts.history }, table: { c, width in
            AccountDetailText.history(c.detail.audit, width: width)
        }, actions: [], more: { c in c.nextHistory.map { .moreHistory(accountId: c.detail.account.id, before: $0) } }),
        AccountDetailSection(id: .customers, title: "Customers", count: { $0.detail.endCustomers.count },
                             table: { c, width in
            AccountDetailText.customers(c.detail.endCustomers, width: width)
        }, actions: [.openCustomer],
           shown: { c in c.detail.account.fields.ordering?.enableReselling == true || !c.detail.endCustomers.isEmpty }),
    ]

    public static func named(_ id: ID) -> AccountDetailSection { all.first { $0.id == id } ?? all[0] }

    /// The sections this account has, in order.
    public static func shown(_ content: AccountDetailContent) -> [AccountDetailSection] {
        all.filter { $0.shown(content) }
    }

    /// The name on a tab that must be short.
    public var shortTitle: String { short ?? title }

    /// The section's keys as a binding table (the screen marks those that cannot act now).
    public var bindings: [Binding<Action>] { actions.map(\.binding) }
}
