import ResellerCore
import TerminalKit

/// The price-list picker (modal): filter as you type, multi-select with Space, each row showing currency,
/// validity, active state and item count, a preview of the highlighted list's items; Enter assigns the
/// selection. A list the service would refuse (another currency, a product priced twice) is marked `[-]`
/// before anyone picks it and cannot be selected; the highlighted list's reason, or its warning (inactive,
/// out of validity), shows whole under the list.
public struct PriceListPicker: Screen {
    public enum Effect: Sendable, Equatable {
        case loadItems(priceListId: Int64)
        case assign(accountId: Int64, names: [String])
        case cancel, help
    }

    public let accountId: Int64
    public let accountCode: String
    public let lists: [PriceList]
    public private(set) var filter = LineEditor(maxLength: 100)
    public private(set) var chosen: Set<Int64> = []
    private var cursor = ListCursor()
    public var highlighted: Int { cursor.selected }
    public private(set) var preview: (id: Int64, items: [PriceListItem])?
    public private(set) var messages: [String] = []
    private let assigned: Set<Int64>
    /// Why the service would refuse a list, by id (`ResellerService.priceListRefusals`).
    public let refusals: [Int64: [String]]
    /// The day validity is judged on (the service's clock).
    public let today: CalendarDay

    public init(accountId: Int64, accountCode: String, lists: [PriceList], assigned: [PriceList],
                refusals: [Int64: [String]] = [:], today: CalendarDay) {
        self.today = today
        self.accountId = accountId
        self.accountCode = accountCode
        self.lists = lists
        self.assigned = Set(assigned.map(\.id))
        self.refusals = refusals
    }

    private var highlightedList: PriceList? { shown.indices.contains(highlighted) ? shown[highlighted] : nil }

    public var shown: [PriceList] {
        let words = filter.text.lowercased().split(separator: " ")
        return lists.filter { list in words.allSatisfy { list.name.lowercased().contains($0) || list.currency.lowercased() == $0 } }
    }

    public enum Action: Sendable { case select, assign, cancel, move(ListCursor.Move), help }

    /// The picker's keys; every other key edits the filter (so help is F1: `?` is text here).
    public static let keys: [Binding<Action>] = [
        Binding([.char(" ")], "Select", help: "select or unselect the highlighted list ([-]: it would be refused)",
                .select),
        Binding([.enter], "Assign", help: "assign the selected lists (or the highlighted one)", .assign),
        Binding([.escape], "Cancel", help: "close without assigning", .cancel),
        Binding([.function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "highlight the list below", .up: "highlight the list above",
                             .pageDown: "a page down", .pageUp: "a page up"], letters: false, Action.move)

    /// Why the highlighted list cannot be selected or assigned now, if it cannot.
    private var highlightedRefusal: String? {
        guard let list = highlightedList else { return "No list matches the filter." }
        if assigned.contains(list.id) { return "\(list.name) is assigned already." }
        return refusal(of: list.id)
    }

    /// The service's reasons to refuse a list, as one line.
    private func refusal(of id: Int64) -> String? {
        refusals[id].map { "Cannot be assigned: " + $0.joined(separator: "; ") }
    }

    /// The keys in effect: Space and Enter say why when the highlighted list would be refused.
    public var bindings: [Binding<Action>] {
        Self.keys.map { b in
            switch b.action {
            case .select where !chosen.contains(highlightedList?.id ?? -1): b.disabled(highlightedRefusal)
            case .assign where chosen.isEmpty: b.disabled(highlightedRefusal)
            default: b
            }
        }
    }

    public var help: HelpScreen {
        HelpScreen(title: "Assign price lists", groups: [
            HelpScreen.Group("", bindings), HelpScreen.Group("The filter", LineEditor.bindings),
        ], notes: ["Typing filters by a word of the name or the currency.",
                   "[=] assigned already · [x] selected · [-] the service would refuse it (the reason shows below)"])
    }

    /// The first preview.
    public mutating func start() -> [Effect] { shown.first.map { [.loadItems(priceListId: $0.id)] } ?? [] }

    public mutating func update(_ key: Key, height: Int = 24) -> [Effect] {
        let before = highlightedList?.id
        if let binding = Binding.binding(for: key, in: bindings) {
            if let reason = binding.disabledReason {
                messages = [reason]
                return []
            }
            messages = []
            switch binding.action {
            case .cancel: return [.cancel]
            case .help: return [.help]
            case .move(let move): cursor.move(move, count: shown.count, page: Self.listRows(height))
            case .select:
                guard let id = highlightedList?.id else { return [] }
                if chosen.contains(id) { chosen.remove(id) } else { chosen.insert(id) }
            case .assign:
                var names = lists.filter { chosen.contains($0.id) }.map(\.name)
                if names.isEmpty, let list = highlightedList { names = [list.name] }
                return [.assign(accountId: accountId, names: names)]
            }
        } else {
            guard filter.handle(key) else { return [] }
            cursor = ListCursor()
        }
        let after = highlightedList?.id
        if let after, after != before { return [.loadItems(priceListId: after)] }
        return []
    }

    /// Rows of the list: the preview of the highlighted list takes the rest.
    static func listRows(_ height: Int) -> Int { max(3, (height - 6) / 2) }

    public mutating func showItems(_ items: [PriceListItem], of id: Int64) { preview = (id, items) }

    /// The service refused (currency, overlap): its messages stay in the dialog.
    public mutating func showRefusal(_ error: ServiceError) { messages = error.fieldErrors.map(\.message) }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.titleBar("Assign price lists to \(accountCode)")
        g.put("Filter: ", x: 1, y: 1, style: .key)
        let f = filter.visible(width: width - 12)
        g.put(f.text, x: 9, y: 1)
        g.cursor = (9 + f.cursorColumn, 1)
        let header = "    " + DisplayWidth.pad("Name", to: 30) + " Cur Valid                  State     Items"
        g.put(header, x: 1, y: 2, style: .muted)
        let listRows = Self.listRows(height), top = cursor.top
        for (i, list) in shown.dropFirst(top).prefix(listRows).enumerated() {
            let index = top + i, y = 3 + i
            let mark = assigned.contains(list.id) ? "[=]" : chosen.contains(list.id) ? "[x]"
                : refusals[list.id] != nil ? "[-]" : "[ ]"
            let state = !list.active ? "inactive" : (list.isExpired(on: today) ? "expired" : "active")
            let line = mark + " " + DisplayWidth.pad(list.name, to: 30) + " " + list.currency + " "
                + DisplayWidth.pad(list.validity, to: 22) + " " + DisplayWidth.pad(state, to: 9) + String(format: "%6d", list.itemCount)
            let style: CellStyle = index == highlighted ? .selected
                : refusals[list.id] != nil ? .muted : (state == "active" ? .normal : .warning)
            if style == .selected { g.fill(x: 0, y: y, width: width, style: .selected) }
            g.put(line, x: 1, y: y, style: style, maxWidth: width - 2)
        }
        var y = 3 + listRows
        g.put("── Items of the highlighted list", x: 1, y: y, style: .key)
        y += 1
        if let preview, shown.indices.contains(highlighted), preview.id == shown[highlighted].id {
            for item in preview.items.prefix(max(0, height - 3 - y - messages.count)) {
                g.put(DisplayWidth.pad(item.productCode, to: 14) + " " + DisplayWidth.pad(item.description, to: 40) + " "
                      + DisplayWidth.pad(item.billingPeriod.rawValue, to: 9) + " " + item.unitPrice.display,
                      x: 2, y: y, maxWidth: width - 3)
                y += 1
            }
        }
        var bottom = height - 2
        // The highlighted list's refusal or warning, unless a message (a key's answer) says more now.
        if messages.isEmpty, let list = highlightedList, !assigned.contains(list.id) {
            if let refusal = refusal(of: list.id) {
                bottom -= g.putWrapped(refusal, x: 1, bottom: bottom, width: width - 2, style: .invalid, maxLines: 3)
            } else if case let warnings = ResellerService.warnings(of: list, on: today), !warnings.isEmpty {
                bottom -= g.putWrapped("Assigned with a warning: " + warnings.joined(separator: "; "), x: 1,
                                       bottom: bottom, width: width - 2, style: .warning, maxLines: 2)
            }
        }
        for m in messages.reversed() {
            bottom -= g.putWrapped(m, x: 1, bottom: bottom, width: width - 2, style: .invalid, maxLines: 3)
        }
        g.footer(bindings, y: height - 1)
        return g
    }
}
