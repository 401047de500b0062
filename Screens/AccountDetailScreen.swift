import ResellerCore
import TerminalKit

/// An account's fields, onboarding checklist, price lists, contacts, orders and history. ↑/↓ move a
/// highlight over the rows staff can act on (a price list, a contact, an order); the keys for the
/// highlighted row are named under it. Destructive actions ask first; a payment is typed in a prompt.
public struct AccountDetailScreen: Sendable {
    public enum Action: Sendable {
        case back, edit, priceLists, addContact, payment, unassign, resend, deactivate, resetPassword, execute, cancelOrder
        case down, up, pageDown, pageUp, refresh, help
    }
    public enum Effect: Sendable, Equatable {
        case back, edit(accountId: Int64), pickPriceLists(accountId: Int64), addContact(accountId: Int64), reload(accountId: Int64), help
        case unassign(accountId: Int64, priceList: String)
        case resendActivation(accountId: Int64, email: String)
        case deactivate(accountId: Int64, email: String)
        case resetPassword(accountId: Int64, email: String)
        case execute(accountId: Int64, orderId: Int64)
        case cancelOrder(accountId: Int64, orderId: Int64)
        case recordPayment(accountId: Int64, amount: String)
    }

    public private(set) var detail: AccountDetail
    private var lines: [AccountDetailText.Line]
    private var top = 0
    /// Index into `lines` of the highlighted row, if the account has any row to act on.
    public private(set) var selected: Int?
    /// What the last action did ("activation email queued to …", the service's answer).
    public private(set) var notice: String?
    /// A destructive action waiting for y.
    private var confirming: (question: String, effect: Effect)?
    /// The payment amount being typed, while the payment prompt is open.
    private var payment: LineEditor?

    public mutating func notify(_ text: String) { notice = text }

    public static let bindings: [Binding<Action>] = [
        Binding([.escape, .char("q")], "Back", help: "back to the accounts", .back),
        Binding([.char("e")], "Edit", help: "edit the account", .edit),
        Binding([.char("p")], "Price lists", help: "assign price lists", .priceLists),
        Binding([.char("c")], "Add contact", help: "add a contact (and make it a storefront user)", .addContact),
        Binding([.char("$")], "Payment", help: "record a payment received (lowers the balance)", .payment),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
        Binding([.char("u")], "", help: "unassign the highlighted price list", .unassign, footer: false),
        Binding([.char("r")], "", help: "resend the activation email to the highlighted contact", .resend, footer: false),
        Binding([.char("d")], "", help: "deactivate the highlighted contact's storefront user", .deactivate, footer: false),
        Binding([.char("w")], "", help: "send the highlighted contact a password reset link", .resetPassword, footer: false),
        Binding([.char("x")], "", help: "execute the highlighted Submitted order (over the credit limit)", .execute, footer: false),
        Binding([.char("X")], "", help: "cancel the highlighted Submitted order", .cancelOrder, footer: false),
        Binding([.ctrl("r")], "", help: "read the account again", .refresh, footer: false),
        Binding([.down, .char("j")], "", help: "highlight the next row", .down, footer: false),
        Binding([.up, .char("k")], "", help: "highlight the previous row", .up, footer: false),
        Binding([.pageDown, .char(" ")], "", help: "next page", .pageDown, footer: false),
        Binding([.pageUp], "", help: "previous page", .pageUp, footer: false),
    ]

    public init(_ detail: AccountDetail) {
        self.detail = detail
        lines = AccountDetailText.lines(detail, width: 80)
        selected = lines.firstIndex { $0.item != nil }
    }

    /// The same account read again: the highlight and scroll stay where they were if that row still exists.
    public init(_ detail: AccountDetail, keepingPlaceOf previous: AccountDetailScreen) {
        self.init(detail)
        top = min(previous.top, max(0, lines.count - 1))
        if let i = previous.selected, lines.indices.contains(i), lines[i].item != nil { selected = i }
    }

    private var selectedItem: AccountDetailText.Item? { selected.flatMap { lines[$0].item } }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        let id = detail.account.id
        if let pending = confirming {
            confirming = nil
            if key == .char("y") || key == .char("Y") { return [pending.effect] }
            notice = "Not done."
            return []
        }
        if var editor = payment {
            switch key {
            case .escape: payment = nil
            case .enter: return [.recordPayment(accountId: id, amount: editor.text)]
            default:
                if editor.handle(key) { payment = editor }
            }
            return []
        }
        guard let action = Binding.action(for: key, in: Self.bindings) else { return [] }
        let page = max(1, bodyHeight(height))
        let maxTop = max(0, lines.count - page)
        notice = nil
        switch action {
        case .back: return [.back]
        case .edit: return [.edit(accountId: id)]
        case .priceLists: return [.pickPriceLists(accountId: id)]
        case .addContact: return [.addContact(accountId: id)]
        case .refresh: return [.reload(accountId: id)]
        case .help: return [.help]
        case .payment:
            guard detail.account.fields.ordering != nil else {
                notice = "Ordering is off for this account: there is no balance to pay."
                return []
            }
            let currency = Currency.named(detail.account.fields.currency) ?? Currency.named("EUR")!
            payment = LineEditor(maxLength: 20)
            payment?.accepts = { Money.isValidPrefix($0, currency: currency) }
        case .unassign:
            guard case .priceList(let name)? = selectedItem else { return hint("a price list") }
            confirming = ("Unassign \(name)? y/n", .unassign(accountId: id, priceList: name))
        case .resend:
            guard case .contact(let email, .pending?)? = selectedItem else { return hint("a contact waiting for activation") }
            return [.resendActivation(accountId: id, email: email)]
        case .deactivate:
            guard case .contact(let email, let status?)? = selectedItem, status != .inactive else { return hint("a contact with a storefront user") }
            confirming = ("Deactivate the storefront user \(email)? Their sessions end. y/n", .deactivate(accountId: id, email: email))
        case .resetPassword:
            guard case .contact(let email, .active?)? = selectedItem else { return hint("a contact with an active storefront user") }
            return [.resetPassword(accountId: id, email: email)]
        case .execute:
            guard case .order(let orderId, let number, .submitted)? = selectedItem else { return hint("a Submitted order") }
            confirming = ("Execute \(number) above the credit limit? y/n", .execute(accountId: id, orderId: orderId))
        case .cancelOrder:
            guard case .order(let orderId, let number, .submitted)? = selectedItem else { return hint("a Submitted order") }
            confirming = ("Cancel \(number)? y/n", .cancelOrder(accountId: id, orderId: orderId))
        case .down: move(1, page: page)
        case .up: move(-1, page: page)
        case .pageDown: top = min(maxTop, top + page)
        case .pageUp: top = max(0, top - page)
        }
        return []
    }

    /// A payment the service refused: the prompt stays open with the amount, and the reason shows.
    public mutating func paymentFailed(_ message: String) { notice = message }

    /// The payment prompt closes once the payment is recorded.
    public mutating func paymentRecorded(_ message: String) {
        payment = nil
        notice = message
    }

    private mutating func hint(_ what: String) -> [Effect] {
        notice = "Highlight \(what) first (↑/↓)."
        return []
    }

    /// Moves the highlight to the next row with an item, or scrolls when there is none that way.
    private mutating func move(_ step: Int, page: Int) {
        var i = (selected ?? (step > 0 ? -1 : lines.count)) + step
        while lines.indices.contains(i) && lines[i].item == nil { i += step }
        if lines.indices.contains(i) {
            selected = i
            if i < top { top = max(0, i - 2) }
            if i >= top + page { top = min(max(0, lines.count - page), i - page + 2) }
        } else {
            top = max(0, min(max(0, lines.count - page), top + step))
        }
    }

    private func bodyHeight(_ height: Int) -> Int { height - 3 }

    /// The keys that apply to the highlighted row, named where staff look.
    private var rowKeys: String? {
        switch selectedItem {
        case .priceList?: "u unassign"
        case .contact(_, .pending?)?: "r resend activation · d deactivate"
        case .contact(_, .active?)?: "w reset password · d deactivate"
        case .order(_, _, .submitted)?: "x execute · X cancel"
        default: nil
        }
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("ResellerDesk · \(detail.account.code) \(detail.account.name)", x: 1, y: 0, style: .title, maxWidth: width - 2)
        for (i, line) in lines.enumerated().dropFirst(top).prefix(bodyHeight(height)) {
            let y = 1 + i - top
            if i == selected {
                g.fill(x: 0, y: y, width: width, style: .selected)
                g.put(line.text, x: 1, y: y, style: .selected, maxWidth: width - 2)
            } else {
                let style: CellStyle = line.heading ? .key : (line.text.hasSuffix("← next step") ? .warning : .normal)
                g.put(line.text, x: 1, y: y, style: style, maxWidth: width - 2)
            }
        }
        let statusY = height - 2
        if let confirming {
            g.fill(x: 0, y: statusY, width: width, style: .warning)
            g.put(confirming.question, x: 1, y: statusY, style: .warning, maxWidth: width - 2)
        } else if let payment {
            let label = "Payment received (\(detail.account.fields.currency)): "
            let x = 1 + DisplayWidth.of(label)
            g.put(label, x: 1, y: statusY, style: .key)
            g.field(payment.visible(width: 20), x: x, y: statusY, width: 21, focused: true)
            g.put(notice ?? "Enter records · Esc cancels", x: x + 23, y: statusY, style: notice == nil ? .muted : .invalid,
                  maxWidth: max(0, width - x - 24))
        } else if let notice {
            g.put(notice, x: 1, y: statusY, style: .warning, maxWidth: width - 2)
        } else if let rowKeys {
            g.put("Highlighted: " + rowKeys, x: 1, y: statusY, style: .muted, maxWidth: width - 2)
        }
        g.put(Binding.footer(Self.bindings, width: width - 2), x: 1, y: height - 1, style: .key)
        return g
    }
}
