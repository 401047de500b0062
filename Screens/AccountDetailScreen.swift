import ResellerCore
import TerminalKit

/// An account in sections the user switches between (Overview, Contacts, Price lists, Orders, History),
/// each a list with its own keys. ↑/↓ move a highlight over the rows; the highlighted row shows uncut
/// under the list with the keys that act on it. Orders and history are read a page at a time as the
/// highlight nears the end of what is read. Destructive actions ask first; a payment is typed in a prompt.
public struct AccountDetailScreen: Screen {
    public enum Action: Sendable, Hashable {
        case back, edit, priceLists, addContact, payment, status
        case unassign, resend, deactivate, resetPassword, execute, cancelOrder
        case editContact, removeContact, invite, access, reverse, openCustomer
        case quantity, cancelSubscription, openDocument
        case down, up, pageDown, pageUp, first, last, refresh, help, nextSection, previousSection, jump, nextStep
    }
    public enum Effect: Sendable, Equatable {
        case back, help
        case edit(accountId: Int64), pickPriceLists(accountId: Int64)
        /// `storefront`: the dialog opens with Storefront User ticked (the onboarding's next step).
        case addContact(accountId: Int64, storefront: Bool)
        case reload(accountId: Int64)
        case unassign(accountId: Int64, priceList: String)
        case resendActivation(accountId: Int64, email: String)
        case deactivate(accountId: Int64, email: String)
        case resetPassword(accountId: Int64, email: String)
        case execute(accountId: Int64, orderId: Int64)
        case cancelOrder(accountId: Int64, orderId: Int64)
        case recordPayment(accountId: Int64, amount: String)
        case editContact(Contact), removeContact(Contact), invite(Contact), access(Contact)
        case changeStatus(accountId: Int64)
        case reversePayment(accountId: Int64, paymentId: Int64)
        case open(accountId: Int64)
        /// The next page of orders (`before`: see `AccountOrderPage.next`) or of history.
        case moreOrders(accountId: Int64, before: Int64)
        case moreHistory(accountId: Int64, before: Int64)
        /// The quantity dialog over the subscription.
        case changeQuantity(Subscription)
        /// `now`: today with a credit note for the unused days; else at the period end.
        case cancelSubscription(accountId: Int64, subscriptionId: Int64, now: Bool)
        /// An invoice or a credit note as it prints, in a view of its own.
        case viewDocument(InvoiceDocument)
    }

    /// Where the highlight and the scroll of a section are, kept while staff look at the others.
    struct Place: Sendable {
        var selected: Int?
        var top = 0
    }

    public private(set) var content: AccountDetailContent
    public var detail: AccountDetail { content.detail }
    /// The section in view; the runtime keeps it for the next account opened in the session.
    public private(set) var section: AccountDetailSection.ID
    private var places: [AccountDetailSection.ID: Place] = [:]
    /// A page of orders or history was asked for and has not arrived: ask once.
    private var loadingMore = false
    /// What the last action did ("activation email queued to …", the service's answer).
    public private(set) var notice: String?
    /// A destructive action waiting for y.
    private var confirming: (question: String, effect: Effect)?
    /// The payment amount being typed, while the payment prompt is open.
    private var payment: LineEditor?
    /// The subscription being cancelled, while staff choose when (e at the period end, n now).
    private var cancelling: Subscription?

    public mutating func notify(_ text: String) { notice = text }

    /// The keys of every section, after the section's own.
    public static let common: [Binding<Action>] = [
        Binding([.tab, .right], "Section", help: "next section", .nextSection),
        Binding([.backTab, .left], "", help: "previous section", .previousSection, footer: false),
        Binding(AccountDetailSection.all.indices.map { .char(Character(String($0 + 1))) }, "",
                help: "a section by its number (" + AccountDetailSection.all.enumerated()
                    .map { "\($0.offset + 1) \($0.element.title)" }.joined(separator: ", ") + ")",
                .jump, footer: false),
        Binding([.escape], "Back", help: "back to the accounts", .back),
        Binding([.enter], "", help: "the onboarding's next step: the price-list picker, then Add Contact as a "
                + "storefront user, then the contact waiting for activation (r resends)", .nextStep, footer: false),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
        Binding([.down, .char("j")], "", help: "highlight the next row", .down, footer: false),
        Binding([.up, .char("k")], "", help: "highlight the previous row", .up, footer: false),
        Binding([.pageDown, .char(" ")], "", help: "next page", .pageDown, footer: false),
        Binding([.pageUp], "", help: "previous page", .pageUp, footer: false),
        Binding([.home], "", help: "first row", .first, footer: false),
        Binding([.end], "", help: "last row (reads the rest of the orders or history)", .last, footer: false),
        Binding([.ctrl("r")], "", help: "read the account again", .refresh, footer: false),
    ]

    /// The keys in effect: the section's, then those of every section, each with why it cannot act now if
    /// it cannot. They drive dispatch, footer and help.
    public var bindings: [Binding<Action>] { marked(AccountDetailSection.named(section).bindings + Self.common) }

    /// A table with each binding's reason not to act now.
    private func marked(_ table: [Binding<Action>]) -> [Binding<Action>] {
        table.map { $0.disabled(disabledReason($0.action)) }
    }

    /// Why an action cannot act now (nil: it can). The one check: the key says it, the footer greys the
    /// action and the help tells it.
    private func disabledReason(_ action: Action) -> String? {
        let item = selectedItem
        func highlight(_ what: String) -> String { "Highlight \(what) first (↑/↓)." }
        switch action {
        case .payment:
            return detail.account.fields.ordering == nil
                ? "Ordering is off for this account: there is no balance to pay." : nil
        case .unassign:
            if case .priceList? = item { return nil }
            return highlight("a price list")
        case .resend:
            if case .contact(_, .pending?)? = item { return nil }
            return highlight("a contact waiting for activation")
        case .deactivate:
            if case .contact(_, let status?)? = item, status != .inactive { return nil }
            return highlight("a contact with a storefront user")
        case .resetPassword:
            if case .contact(_, .active?)? = item { return nil }
            return highlight("a contact with an active storefront user")
        case .execute, .cancelOrder:
            return Self.waitsForStaff(item) ? nil : highlight("a Submitted order")
        case .editContact, .removeContact:
            return selectedContact == nil ? highlight("a contact") : nil
        case .invite:
            if case .contact(_, nil)? = item { return nil }
            if case .contact(_, .inactive?)? = item { return nil }
            return highlight("a contact without a storefront user, or an Inactive one")
        case .access:
            if case .contact(_, _?)? = item { return nil }
            return highlight("a contact with a storefront user")
        case .status:
            return detail.account.status == .closed ? "\(detail.account.code) is closed, and a closed account stays "
                + "closed." : nil
        case .reverse:
            if case .ledger(_, true)? = item { return nil }
            return highlight("a payment not yet reversed")
        case .openCustomer:
            if case .customer? = item { return nil }
            return highlight("an end customer")
        case .quantity:
            if case .subscription(_, .active)? = item { return nil }
            return highlight("an Active subscription")
        case .cancelSubscription:
            if case .subscription(_, let status)? = item, status != .canceled { return nil }
            return highlight("a subscription not yet canceled")
        case .openDocument:
            if case .document? = item { return nil }
            return highlight("an invoice or a credit note")
        case .nextStep:
            return detail.summary.onboarding.nextStep == nil ? "Onboarding is complete: nothing is waiting." : nil
        default: return nil
        }
    }

    /// The help for the section in view: its own keys, then those of every section.
    public var help: HelpScreen {
        let current = AccountDetailSection.named(section)
        let own = current.bindings.isEmpty ? [] : [(heading: current.title, bindings: marked(current.bindings))]
        return HelpScreen(title: "Account · " + current.title, groups: own + [("Every section", marked(Self.common))])
    }

    /// Each section's rows at 80 columns, laid out again only when the content changes: keys need the
    /// rows, and a key must not lay out hundreds of orders again.
    private var tables: [AccountDetailSection.ID: AccountDetailText.Table] = [:]

    public init(_ content: AccountDetailContent, section: AccountDetailSection.ID = .overview) {
        self.content = content
        self.section = section
        layOut()
    }

    private mutating func layOut() {
        tables = Dictionary(uniqueKeysWithValues: AccountDetailSection.all.map { s in
            (s.id, s.table(content, Self.width80))
        })
    }

    /// The width of a section's rows at 80 columns, less the margins.
    static let width80 = 78

    /// The same account read again: the section, highlights and scroll stay where they were, as far as
    /// those rows still exist.
    public init(_ content: AccountDetailContent, keepingPlaceOf previous: AccountDetailScreen) {
        self.init(content, section: previous.section)
        for (id, place) in previous.places {
            let lines = tables[id]?.lines ?? []
            let stays = place.selected.flatMap { lines.indices.contains($0) && lines[$0].item != nil ? $0 : nil }
            places[id] = Place(selected: stays ?? lines.firstIndex { $0.item != nil },
                               top: min(place.top, max(0, lines.count - 1)))
        }
    }

    private var table: AccountDetailText.Table { tables[section] ?? AccountDetailText.Table(header: nil, lines: []) }
    private var lines: [AccountDetailText.Line] { table.lines }

    private var place: Place {
        get { places[section] ?? Place(selected: lines.firstIndex { $0.item != nil }) }
        set { places[section] = newValue }
    }

    /// The highlighted contact, on the Contacts section.
    private var selectedContact: Contact? {
        guard case .contact(let email, _)? = selectedItem else { return nil }
        return detail.contacts.first { $0.email == email }
    }

    /// The highlighted subscription, on the Subscriptions section.
    private var selectedSubscription: Subscription? {
        guard case .subscription(let id, _)? = selectedItem else { return nil }
        return content.billing.subscriptions.first { $0.id == id }
    }

    private var selectedItem: AccountDetailText.Item? {
        let lines = self.lines
        return place.selected.flatMap { lines.indices.contains($0) ? lines[$0].item : nil }
    }

    /// How many rows of the section show at a terminal `height` lines high: title, tabs, the column
    /// titles (a plain section has none), the line under the list and the footer take the rest.
    private func bodyHeight(_ height: Int) -> Int {
        max(1, height - (table.header == nil ? 4 : 5))
    }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        let id = detail.account.id
        if let pending = confirming {
            confirming = nil
            if key == .char("y") || key == .char("Y") { return [pending.effect] }
            notice = "Not done."
            return []
        }
        if let sub = cancelling {
            cancelling = nil
            let what = "\(sub.productCode) for \(sub.forAccountName)"
            switch key {
            case .char("e") where sub.status == .active:
                confirming = ("Cancel \(what) at the end of its current period? It renews no more. y/n",
                              .cancelSubscription(accountId: id, subscriptionId: sub.id, now: false))
            case .char("n"):
                confirming = ("Cancel \(what) now? Its service ends today and a credit note for the unused days "
                              + "is issued. y/n", .cancelSubscription(accountId: id, subscriptionId: sub.id, now: true))
            default: notice = "Not canceled."
            }
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
        guard let binding = Binding.binding(for: key, in: bindings) else {
            if let other = AccountDetailSection.shown(content)
                .first(where: { Binding.action(for: key, in: $0.bindings) != nil }) {
                let number = AccountDetailSection.all.firstIndex { $0.id == other.id }! + 1
                notice = "\(key.label) works in \(other.title) (\(number) or Tab)."
            }
            return []
        }
        if let reason = binding.disabledReason {
            notice = reason
            return []
        }
        notice = nil
        let action = binding.action
        // The guards below only name the highlighted row's values: disabledReason has checked it.
        switch action {
        case .back: return [.back]
        case .edit: return [.edit(accountId: id)]
        case .priceLists: return [.pickPriceLists(accountId: id)]
        case .addContact: return [.addContact(accountId: id, storefront: false)]
        case .nextStep:
            switch detail.summary.onboarding.nextStep {
            case .priceList?: return [.pickPriceLists(accountId: id)]
            case .invited?: return [.addContact(accountId: id, storefront: true)]
            default:
                // Waiting for activation: the contact it waits for, where r resends its email.
                section = .contacts
                var p = place
                p.selected = lines.firstIndex { if case .contact(_, .pending?)? = $0.item { true } else { false } }
                    ?? p.selected
                place = p
                notice = "Waiting for the activation: r resends the email; the status changes once it is used."
            }
        case .refresh: return [.reload(accountId: id)]
        case .help: return [.help]
        case .payment:
            let currency = Currency.named(detail.account.fields.currency) ?? Currency.named("EUR")!
            payment = LineEditor(maxLength: 20)
            payment?.accepts = { Money.isValidPrefix($0, currency: currency) }
        case .unassign:
            guard case .priceList(let name)? = selectedItem else { return [] }
            confirming = ("Unassign \(name)? y/n", .unassign(accountId: id, priceList: name))
        case .resend:
            guard case .contact(let email, .pending?)? = selectedItem else { return [] }
            return [.resendActivation(accountId: id, email: email)]
        case .deactivate:
            guard case .contact(let email, _?)? = selectedItem else { return [] }
            confirming = ("Deactivate the storefront user \(email)? Their sessions end. y/n",
                          .deactivate(accountId: id, email: email))
        case .resetPassword:
            guard case .contact(let email, .active?)? = selectedItem else { return [] }
            return [.resetPassword(accountId: id, email: email)]
        case .execute:
            guard case .order(let orderId, let number, .submitted)? = selectedItem else { return [] }
            confirming = ("Execute \(number) above the credit limit? y/n", .execute(accountId: id, orderId: orderId))
        case .cancelOrder:
            guard case .order(let orderId, let number, .submitted)? = selectedItem else { return [] }
            confirming = ("Cancel \(number)? y/n", .cancelOrder(accountId: id, orderId: orderId))
        case .editContact: return selectedContact.map { [.editContact($0)] } ?? []
        case .access: return selectedContact.map { [.access($0)] } ?? []
        case .invite: return selectedContact.map { [.invite($0)] } ?? []
        case .removeContact:
            guard let contact = selectedContact else { return [] }
            let user = contact.storefrontUser == nil ? "" : " Its storefront user's links and sessions end."
            confirming = ("Remove \(contact.fullName) <\(contact.email)>?\(user) y/n", .removeContact(contact))
        case .status: return [.changeStatus(accountId: id)]
        case .reverse:
            guard case .ledger(let paymentId, true)? = selectedItem else { return [] }
            return [.reversePayment(accountId: id, paymentId: paymentId)]
        case .openCustomer:
            guard case .customer(let customerId)? = selectedItem else { return [] }
            return [.open(accountId: customerId)]
        case .quantity:
            guard let sub = selectedSubscription else { return [] }
            return [.changeQuantity(sub)]
        case .cancelSubscription:
            cancelling = selectedSubscription
        case .openDocument:
            guard case .document(let number)? = selectedItem,
                  let doc = content.billing.documents.first(where: { $0.number == number }) else { return [] }
            return [.viewDocument(doc.document(for: detail.account))]
        case .nextSection, .previousSection, .jump:
            let shown = AccountDetailSection.shown(content), at = shown.firstIndex { $0.id == section } ?? 0
            switch action {
            case .nextSection: section = shown[(at + 1) % shown.count].id
            case .previousSection: section = shown[(at + shown.count - 1) % shown.count].id
            default:
                // The numbers are those of every section: the same digit is the same section on every account.
                let all = AccountDetailSection.all
                if case .char(let c) = key, let n = c.wholeNumberValue, all.indices.contains(n - 1),
                   all[n - 1].shown(content) {
                    section = all[n - 1].id
                }
            }
            return moreIfNearTheEnd(page: bodyHeight(height))
        case .down, .up, .pageDown, .pageUp, .first, .last:
            let page = bodyHeight(height), far = Int.max / 2
            let steps: [Action: Int] = [.down: 1, .up: -1, .pageDown: page, .pageUp: -page, .first: -far, .last: far]
            move(steps[action] ?? 0, page: page)
            return moreIfNearTheEnd(page: page)
        }
        return []
    }

    /// Asks for the next page of a section read a page at a time (orders, history) once the highlight
    /// (or the scroll) is within a page of the end of what is read.
    private mutating func moreIfNearTheEnd(page: Int) -> [Effect] {
        let near = max(place.selected ?? 0, place.top + page) >= lines.count - page
        guard near, !loadingMore, let more = AccountDetailSection.named(section).more(content) else { return [] }
        loadingMore = true
        return [more]
    }

    /// The next page of orders arrived.
    public mutating func appendOrders(_ page: AccountOrderPage) {
        content.detail.orders += page.orders
        content.nextOrders = page.next
        loadingMore = false
        layOut()
    }

    /// The next page of history arrived.
    public mutating func appendHistory(_ events: [AuditEvent]) {
        content.detail.audit += events
        // Fewer events than the count says (some went since it was counted): nothing more to ask for.
        if events.isEmpty { content.counts.history = content.detail.audit.count }
        loadingMore = false
        layOut()
    }

    /// A payment the service refused: the prompt stays open with the amount, and the reason shows.
    public mutating func paymentFailed(_ message: String) { notice = message }

    /// The payment prompt closes once the payment is recorded.
    public mutating func paymentRecorded(_ message: String) {
        payment = nil
        notice = message
    }

    /// Moves the highlight `step` rows (a page, or to either end, when large), or scrolls a section whose
    /// rows carry nothing to highlight.
    private mutating func move(_ step: Int, page: Int) {
        let lines = self.lines
        let items = lines.indices.filter { lines[$0].item != nil }
        let maxTop = max(0, lines.count - page)
        var p = place
        if items.isEmpty {
            p.top = min(maxTop, max(0, p.top + max(-page, min(page, step))))
        } else {
            let at = p.selected.flatMap { items.firstIndex(of: $0) } ?? 0
            let next = items[min(items.count - 1, max(0, at + max(-items.count, min(items.count, step))))]
            p.selected = next
            if next < p.top { p.top = next }
            if next >= p.top + page { p.top = min(maxTop, next - page + 1) }
        }
        place = p
    }

    /// A Submitted order: it went over the credit limit and waits for staff to execute or cancel it.
    private static func waitsForStaff(_ item: AccountDetailText.Item?) -> Bool {
        if case .order(_, _, .submitted)? = item { return true }
        return false
    }

    /// What Enter does next on the onboarding checklist, said under the Overview.
    private var nextStepOffer: String? {
        switch detail.summary.onboarding.nextStep {
        case .priceList?: "Next step: Enter assigns a price list."
        case .invited?: "Next step: Enter adds a storefront contact (an activation email is sent)."
        case .activated?: "Next step: Enter shows the contact waiting for activation (r resends)."
        default: nil
        }
    }

    /// The keys that apply to the highlighted row.
    private var rowKeys: String? {
        switch selectedItem {
        case .priceList?: "u unassign"
        case .contact(_, .pending?)?: "r resend · a access · d deactivate"
        case .contact(_, .active?)?: "w reset password · a access · d deactivate"
        case .order(_, _, .submitted)?: "x execute · X cancel"
        case .contact(_, nil)?, .contact(_, .inactive?)?: "e edit · i invite · Del remove"
        case .ledger(_, true)?: "v reverse"
        case .customer?: "o open"
        case .subscription(_, .active)?: "q quantity · X cancel"
        case .subscription(_, .ending)?: "X cancel now"
        case .document?: "Enter open"
        default: nil
        }
    }

    /// The tabs as they fit `width`: every tab with its count; else only the section in view keeps its
    /// count; else the short names ("Lists", "Subs") two columns apart; else one column apart.
    static func tabs(_ sections: [AccountDetailSection], content: AccountDetailContent, section: ID,
                     width: Int) -> [(text: String, current: Bool, gap: Int)] {
        func layout(short: Bool, gap: Int, counts: Bool) -> [(text: String, current: Bool, gap: Int)] {
            sections.map { s in
                let name = short ? s.shortTitle : s.title, current = s.id == section
                let text = counts || current ? " " + (s.count(content).map { "\(name) \($0)" } ?? name) + " " : name
                return (text, current, gap)
            }
        }
        let tiers = [layout(short: false, gap: 1, counts: true), layout(short: false, gap: 2, counts: false),
                     layout(short: true, gap: 2, counts: false), layout(short: true, gap: 1, counts: false)]
        return tiers.first { tier in
            tier.reduce(0) { $0 + DisplayWidth.of($1.text) + $1.gap } - tier.last!.gap <= width - 2
        } ?? tiers.last!
    }
    public typealias ID = AccountDetailSection.ID

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        let current = AccountDetailSection.named(section)
        let table = width - 2 == Self.width80 ? self.table : current.table(content, width - 2)
        let place = self.place, page = bodyHeight(height)
        // Where the list is: the row highlighted of how many, or that a plain section goes on below.
        let position: String = if let i = place.selected, let count = current.count(content) {
            "\(table.lines[..<min(i + 1, table.lines.count)].filter { $0.item != nil }.count) of \(count)"
        } else {
            place.top + page < table.lines.count ? "↓ more" : ""
        }
        g.put(position, x: width - DisplayWidth.of(position) - 1, y: 0, style: .title)
        g.put("ResellerDesk · \(detail.account.code) \(detail.account.name)", x: 1, y: 0, style: .title,
              maxWidth: width - 4 - DisplayWidth.of(position))
        var x = 1
        for tab in Self.tabs(AccountDetailSection.shown(content), content: content, section: section, width: width) {
            x += g.put(tab.text, x: x, y: 1, style: tab.current ? .selected : .key) + tab.gap
        }

        var y = 2
        if let header = table.header, !table.lines.isEmpty {
            g.put(header, x: 1, y: y, style: .muted, maxWidth: width - 2)
            y += 1
        }
        for (i, line) in table.lines.enumerated().dropFirst(place.top).prefix(page) {
            let row = y + i - place.top
            if i == place.selected {
                g.fill(x: 0, y: row, width: width, style: .selected)
                g.put(line.text, x: 1, y: row, style: .selected, maxWidth: width - 2)
            } else {
                let waiting = line.text.hasSuffix("← next step") || Self.waitsForStaff(line.item)
                let style: CellStyle = line.heading ? .key : (waiting ? .warning : .normal)
                g.put(line.text, x: 1, y: row, style: style, maxWidth: width - 2)
            }
        }
        if table.lines.isEmpty {
            let first = current.bindings.first.map { "  \($0.keys[0].label): \($0.help)." } ?? ""
            g.put("None yet." + first, x: 1, y: y, style: .muted, maxWidth: width - 2)
        }
        let statusY = height - 2
        if let confirming {
            if DisplayWidth.of(confirming.question) <= width - 2 {
                g.fill(x: 0, y: statusY, width: width, style: .warning)
                g.put(confirming.question, x: 1, y: statusY, style: .warning, maxWidth: width - 2)
            } else {
                g.putWrapped(confirming.question, x: 1, bottom: statusY, width: width - 2, style: .warning,
                             maxLines: 3)
            }
        } else if let sub = cancelling {
            let end = sub.status == .active ? "e at the end of its current period · " : ""
            g.putWrapped("Cancel \(sub.productCode) for \(sub.forAccountName): \(end)n now (credits the unused "
                         + "days) · any other key keeps it", x: 1, bottom: statusY, width: width - 2,
                         style: .warning, maxLines: 3)
        } else if let payment {
            let label = "Payment received (\(detail.account.fields.currency)): "
            let x = 1 + DisplayWidth.of(label)
            g.put(label, x: 1, y: statusY, style: .key)
            g.field(payment.visible(width: 20), x: x, y: statusY, width: 21, focused: true)
            if let notice {
                // The refusal whole on the lines above the prompt.
                g.putWrapped(notice, x: 1, bottom: statusY - 1, width: width - 2, style: .invalid, maxLines: 3)
            } else {
                g.put("Enter records · Esc cancels", x: x + 23, y: statusY, style: .muted,
                      maxWidth: max(0, width - x - 24))
            }
        } else if let notice {
            g.putWrapped(notice, x: 1, bottom: statusY, width: width - 2, style: .warning, maxLines: 3)
        } else if section == .overview, let offer = nextStepOffer {
            g.put(offer, x: 1, y: statusY, style: .key, maxWidth: width - 2)
        } else if let i = place.selected, table.lines.indices.contains(i) {
            // The highlighted row uncut (the columns may have shortened it), and the keys that act on it
            // where there is room.
            let full = table.lines[i].full ?? table.lines[i].text
            let used = g.put(full, x: 1, y: statusY, style: .muted, maxWidth: width - 2)
            if let rowKeys, used + DisplayWidth.of(rowKeys) + 4 <= width - 2 {
                g.put(rowKeys, x: width - 1 - DisplayWidth.of(rowKeys), y: statusY, style: .key)
            }
        }
        g.footer(bindings, y: height - 1)
        return g
    }
}
