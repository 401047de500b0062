import ResellerCore
import TerminalKit

/// What the account detail shows: the account read once, with the pages of its long lists read so far.
public struct AccountDetailContent: Sendable {
    /// `orders` holds the pages of orders read so far (Submitted first), `audit` the history read so far.
    public var detail: AccountDetail
    public var counts: AccountCounts
    /// The `before` of the next page of orders; nil once every order is read.
    public var nextOrders: Int64?

    public init(_ detail: AccountDetail, counts: AccountCounts, orders: AccountOrderPage) {
        self.detail = detail
        self.counts = counts
        self.detail.orders = orders.orders
        nextOrders = orders.next
    }

    /// The `before` of the next page of history; nil once every event is read.
    public var nextHistory: Int64? { detail.audit.count < counts.history ? detail.audit.last?.id : nil }
}

/// One section of the account detail: its tab, its rows and its own keys. The sections are a table, so
/// adding one (Subscriptions, Invoices, Statement) is one entry in `all` with its rows and keys.
public struct AccountDetailSection: Sendable {
    public enum ID: String, Sendable, CaseIterable { case overview, contacts, priceLists, orders, history }
    public typealias Action = AccountDetailScreen.Action

    public let id: ID
    public let title: String
    /// The number on the tab; nil for a section that is not a list.
    public let count: @Sendable (AccountDetailContent) -> Int?
    /// The rows at `width` columns.
    public let table: @Sendable (AccountDetailContent, Int) -> AccountDetailText.Table
    /// The keys that act in this section, named first in the footer.
    public let bindings: [Binding<Action>]
    /// For a list read a page at a time: what reads the next page, nil once all is read.
    public var more: @Sendable (AccountDetailContent) -> AccountDetailScreen.Effect? = { _ in nil }

    public static let all: [AccountDetailSection] = [
        AccountDetailSection(id: .overview, title: "Overview", count: { _ in nil }, table: { c, _ in
            let lines = AccountDetailText.fields(c.detail, compact: true) + [AccountDetailText.Line(text: "")]
                + AccountDetailText.onboarding(c.detail)
            return AccountDetailText.Table(header: nil, lines: lines)
        }, bindings: [
            Binding([.char("e")], "Edit", help: "edit the account", .edit),
            Binding([.char("$")], "Payment", help: "record a payment received (lowers the balance)", .payment),
        ]),
        AccountDetailSection(id: .contacts, title: "Contacts", count: { $0.detail.contacts.count }, table: { c, width in
            AccountDetailText.contacts(c.detail.contacts, width: width)
        }, bindings: [
            Binding([.char("c")], "Add", help: "add a contact (and make it a storefront user)", .addContact),
            Binding([.char("r")], "Resend", help: "resend the activation email to the highlighted contact", .resend),
            Binding([.char("w")], "Reset password", help: "send the highlighted contact a password reset link",
                    .resetPassword),
            Binding([.char("d")], "Deactivate", help: "deactivate the highlighted contact's storefront user",
                    .deactivate),
        ]),
        AccountDetailSection(id: .priceLists, title: "Price lists", count: { $0.detail.priceLists.count },
                             table: { c, width in
            AccountDetailText.priceLists(c.detail.priceLists, width: width)
        }, bindings: [
            Binding([.char("p")], "Assign", help: "assign price lists (the picker)", .priceLists),
            Binding([.char("u")], "Unassign", help: "unassign the highlighted price list", .unassign),
        ]),
        AccountDetailSection(id: .orders, title: "Orders", count: { $0.counts.orders }, table: { c, width in
            AccountDetailText.orders(c.detail.orders, width: width)
        }, bindings: [
            Binding([.char("x")], "Execute", help: "execute the highlighted Submitted order (over the credit limit)",
                    .execute),
            Binding([.char("X")], "Cancel", help: "cancel the highlighted Submitted order", .cancelOrder),
            Binding([.char("$")], "Payment", help: "record a payment received (lowers the balance)", .payment),
        ], more: { c in c.nextOrders.map { .moreOrders(accountId: c.detail.account.id, before: $0) } }),
        AccountDetailSection(id: .history, title: "History", count: { $0.counts.history }, table: { c, width in
            AccountDetailText.history(c.detail.audit, width: width)
        }, bindings: [], more: { c in c.nextHistory.map { .moreHistory(accountId: c.detail.account.id, before: $0) } }),
    ]

    public static func named(_ id: ID) -> AccountDetailSection { all.first { $0.id == id } ?? all[0] }

    /// "Contacts 3", or "Overview".
    public func tab(_ content: AccountDetailContent) -> String { count(content).map { "\(title) \($0)" } ?? title }
}
