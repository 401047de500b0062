import ResellerCore
import TerminalKit

/// An account in sections the user switches between (Overview, Contacts, Price lists, Orders, History),
/// each a list with its own keys. ↑/↓ move a highlight over the rows; the highlighted row shows uncut
/// under the list with the keys that act on it. Orders and history are read a page at a time as the
/// highlight nears the end of what is read. Destructive actions ask first; a payment is typed in a prompt.
public struct AccountDetailScreen: Screen {
    /// What a key does: move about the screen, or one of the keys that act (`RowAction`, declared once in
    /// AccountDetailKeys.swift).
    public enum Action: Sendable {
        case back, refresh, help, nextSection, previousSection, jump
        case move(ListCursor.Move)
        case key(RowAction)
    }
    /// What the screen does itself when a key asks it to.
    public enum Local: Sendable {
        /// The payment prompt opens on the status line.
        case paymentPrompt
        /// Staff choose when to cancel the subscription (e at the period end, n now).
        case cancelChoice(Subscription)
        /// The onboarding waits for an activation: the Contacts section, on the contact it waits for.
        case showWaitingContact
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

    public private(set) var content: AccountDetailContent
    public var detail: AccountDetail { content.detail }
    /// The section in view; the runtime keeps it for the next account opened in the session.
    public private(set) var section: AccountDetailSection.ID
    public typealias ID = AccountDetailSection.ID
    /// Where the highlight and the scroll of each section are, kept while staff look at the others.
    private var places: [AccountDetailSection.ID: ListCursor] = [:]
    /// A page of orders or history was asked for and has not arrived: ask once.
    private var loadingMore = false
    /// What the last action did ("activation email queued to …", the service's answer).
    public private(set) var notice: String?
    /// A destructive action waiting for y.
    var confirming: (question: String, effect: Effect)?
    /// The payment amount being typed, while the payment prompt is open.
    var payment: LineEditor?
    /// The subscription being cancelled, while staff choose when (e at the period end, n now).
    var cancelling: Subscription?

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
        RowAction.nextStep.binding,
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "highlight the next row", .up: "highlight the previous row",
                             .pageDown: "next page", .pageUp: "previous page", .first: "first row",
                             .last: "last row (reads the rest of the orders or history)"],
                            spacePages: true, Action.move) + [
        Binding([.ctrl("r")], "", help: "read the account again", .refresh, footer: false),
    ]

    /// The keys in effect: the section's, then those of every section, each with why it cannot act now if
    /// it cannot. They drive dispatch, footer and help.
    public var bindings: [Binding<Action>] { marked(AccountDetailSection.named(section).bindings + Self.common) }

    /// A table with each key's reason not to act now: its `RowAction` answers for the highlighted row.
    private func marked(_ table: [Binding<Action>]) -> [Binding<Action>] {
        let row = self.row
        return table.map { binding in
            guard case .key(let key) = binding.action, case .cannot(let reason) = key.outcome(row) else {
                return binding
            }
            return binding.disabled(reason)
        }
    }

    /// The account and the highlighted row, as the keys see them.
    var row: DetailRow { DetailRow(content: content, item: selectedItem) }

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
            let stays = lines.indices.contains(place.selected) && lines[place.selected].item != nil
            places[id] = ListCursor(selected: stays ? place.selected : lines.firstIndex { $0.item != nil } ?? 0,
                                    top: min(place.top, max(0, lines.count - 1)))
        }
    }

    var table: AccountDetailText.Table { tables[section] ?? AccountDetailText.Table(header: nil, lines: []) }
    private var lines: [AccountDetailText.Line] { table.lines }

    var place: ListCursor {
        get { places[section] ?? ListCursor(selected: lines.firstIndex { $0.item != nil } ?? 0) }
        set { places[section] = newValue }
    }

    /// The highlighted row's index, if the section has rows to highlight.
    var highlighted: Int? {
        lines.indices.contains(place.selected) && lines[place.selected].item != nil ? place.selected : nil
    }

    private var selectedItem: AccountDetailText.Item? { highlighted.flatMap { lines[$0].item } }

    /// How many rows of the section show at a terminal `height` lines high: title, tabs, the column
    /// titles (a plain section has none), the line under the list and the footer take the rest.
    func bodyHeight(_ height: Int) -> Int {
        max(1, height - (table.header == nil ? 4 : 5))
    }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        if let sub = cancelling {
            cancelling = nil
            chooseCancel(sub, key)
            return []
        }
        if var editor = payment {
            switch key {
            case .escape: payment = nil
            case .enter: return [.recordPayment(accountId: detail.account.id, amount: editor.text)]
            default:
                if editor.handle(key) { payment = editor }
            }
            return []
        }
        let bindings = self.bindings   // each key's reason, worked out once for this key
        if confirming == nil, Binding.binding(for: key, in: bindings) == nil {
            if let other = AccountDetailSection.shown(content)
                .first(where: { Binding.action(for: key, in: $0.bindings) != nil }) {
                let number = AccountDetailSection.all.firstIndex { $0.id == other.id }! + 1
                notice = "\(key.label) works in \(other.title) (\(number) or Tab)."
            }
            return []
        }
        let pressed = Binding.press(key, in: bindings, asked: &confirming, declined: "Not done.", notice: &notice)
        guard case .act(let action) = pressed else { return pressed.effects }
        switch action {
        case .back: return [.back]
        case .refresh: return [.reload(accountId: detail.account.id)]
        case .help: return [.help]
        case .key(let key):
            switch key.outcome(row) {
            case .run(let effect): return [effect()]
            case .ask(let question, let effect): confirming = (question, effect)
            case .local(let local): act(local)
            case .cannot(let reason): notice = reason
            }
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
        case .move(let move):
            let page = bodyHeight(height), lines = self.lines
            place.move(move, selectable: lines.indices.filter { lines[$0].item != nil }, count: lines.count,
                       page: page)
            return moreIfNearTheEnd(page: page)
        }
        return []
    }

    /// What the screen does itself for a key.
    private mutating func act(_ local: Local) {
        switch local {
        case .paymentPrompt:
            let currency = Currency.named(detail.account.fields.currency) ?? Currency.named("EUR")!
            payment = LineEditor(maxLength: 20)
            payment?.accepts = { Money.isValidPrefix($0, currency: currency) }
        case .cancelChoice(let sub): cancelling = sub
        case .showWaitingContact:
            section = .contacts
            let waiting = lines.firstIndex { if case .contact(_, .pending?)? = $0.item { true } else { false } }
            if let waiting { place.select(waiting, count: lines.count, page: Int.max / 2) }
            notice = "Waiting for the activation: r resends the email; the status changes once it is used."
        }
    }

    /// The answer to "cancel the subscription when?": e at the end of its period, n now; each asks y/n.
    private mutating func chooseCancel(_ sub: Subscription, _ key: Key) {
        let what = "\(sub.productCode) for \(sub.forAccountName)", id = detail.account.id
        switch key {
        case .char("e") where sub.status == .active:
            confirming = ("Cancel \(what) at the end of its current period? It renews no more. y/n",
                          .cancelSubscription(accountId: id, subscriptionId: sub.id, now: false))
        case .char("n"):
            confirming = ("Cancel \(what) now? Its service ends today and a credit note for the unused days "
                          + "is issued. y/n", .cancelSubscription(accountId: id, subscriptionId: sub.id, now: true))
        default: notice = "Not canceled."
        }
    }

    /// Asks for the next page of a section read a page at a time (orders, history) once the highlight
    /// (or the scroll) is within a page of the end of what is read.
    private mutating func moreIfNearTheEnd(page: Int) -> [Effect] {
        let near = max(place.selected, place.top + page) >= lines.count - page
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
}
