import ResellerCore
import TerminalKit

/// The price-list picker (modal): filter as you type, multi-select with Space, each row showing currency,
/// validity, active state and item count, a preview of the highlighted list's items; Enter assigns the
/// selection. The service's refusals and warnings are shown in the dialog.
public struct PriceListPicker: Sendable {
    public enum Effect: Sendable, Equatable {
        case loadItems(priceListId: Int64)
        case assign(accountId: Int64, names: [String])
        case cancel
    }

    public let accountId: Int64
    public let accountCode: String
    public let lists: [PriceList]
    public private(set) var filter = LineEditor(maxLength: 100)
    public private(set) var chosen: Set<Int64> = []
    public private(set) var highlighted = 0
    public private(set) var preview: (id: Int64, items: [PriceListItem])?
    public private(set) var messages: [String] = []
    private let assigned: Set<Int64>

    public init(accountId: Int64, accountCode: String, lists: [PriceList], assigned: [PriceList]) {
        self.accountId = accountId
        self.accountCode = accountCode
        self.lists = lists
        self.assigned = Set(assigned.map(\.id))
    }

    public var shown: [PriceList] {
        let words = filter.text.lowercased().split(separator: " ")
        return lists.filter { list in words.allSatisfy { list.name.lowercased().contains($0) || list.currency.lowercased() == $0 } }
    }

    public static let bindings: [Binding<Int>] = [
        Binding([.char(" ")], "Select", help: "select or unselect the highlighted list", 0),
        Binding([.enter], "Assign", help: "assign the selected lists (or the highlighted one)", 0),
        Binding([.escape], "Cancel", help: "close without assigning", 0),
        Binding([.up, .down], "", help: "move; typing filters by a word of the name or the currency", 0, footer: false),
    ]

    /// The first preview.
    public mutating func start() -> [Effect] { shown.first.map { [.loadItems(priceListId: $0.id)] } ?? [] }

    public mutating func update(_ key: Key) -> [Effect] {
        let before = shown.indices.contains(highlighted) ? shown[highlighted].id : nil
        switch key {
        case .escape: return [.cancel]
        case .up: highlighted = max(0, highlighted - 1)
        case .down: highlighted = min(max(0, shown.count - 1), highlighted + 1)
        case .char(" "):
            guard shown.indices.contains(highlighted) else { return [] }
            let id = shown[highlighted].id
            if chosen.contains(id) { chosen.remove(id) } else { chosen.insert(id) }
        case .enter:
            var names = lists.filter { chosen.contains($0.id) }.map(\.name)
            if names.isEmpty, shown.indices.contains(highlighted) { names = [shown[highlighted].name] }
            return names.isEmpty ? [] : [.assign(accountId: accountId, names: names)]
        default:
            guard filter.handle(key) else { return [] }
            highlighted = 0
        }
        let after = shown.indices.contains(highlighted) ? shown[highlighted].id : nil
        if let after, after != before { return [.loadItems(priceListId: after)] }
        return []
    }

    public mutating func showItems(_ items: [PriceListItem], of id: Int64) { preview = (id, items) }

    /// The service refused (currency, overlap): its messages stay in the dialog.
    public mutating func showRefusal(_ error: ServiceError) { messages = error.fieldErrors.map(\.message) }

    public func render(width: Int, height: Int, today: CalendarDay) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("Assign price lists to \(accountCode)", x: 1, y: 0, style: .title)
        g.put("Filter: ", x: 1, y: 1, style: .key)
        let f = filter.visible(width: width - 12)
        g.put(f.text, x: 9, y: 1)
        g.cursor = (9 + f.cursorColumn, 1)
        let header = "    " + DisplayWidth.pad("Name", to: 30) + " Cur Valid                  State     Items"
        g.put(header, x: 1, y: 2, style: .muted)
        let listRows = max(3, (height - 6) / 2)
        let top = max(0, highlighted - listRows + 1)
        for (i, list) in shown.dropFirst(top).prefix(listRows).enumerated() {
            let index = top + i, y = 3 + i
            let mark = assigned.contains(list.id) ? "[=]" : (chosen.contains(list.id) ? "[x]" : "[ ]")
            let state = !list.active ? "inactive" : (list.isExpired(on: today) ? "expired" : "active")
            let line = mark + " " + DisplayWidth.pad(list.name, to: 30) + " " + list.currency + " "
                + DisplayWidth.pad(list.validity, to: 22) + " " + DisplayWidth.pad(state, to: 9) + String(format: "%6d", list.itemCount)
            let style: CellStyle = index == highlighted ? .selected : (state == "active" ? .normal : .warning)
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
        for (i, m) in messages.enumerated() { g.put(m, x: 1, y: height - 2 - messages.count + 1 + i, style: .invalid, maxWidth: width - 2) }
        g.put(Binding.footer(Self.bindings, width: width - 2), x: 1, y: height - 1, style: .key)
        return g
    }
}
