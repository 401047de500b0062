import ResellerCore
import TerminalKit

/// An account's fields, onboarding checklist, price lists, contacts and orders, scrollable.
public struct AccountDetailScreen: Sendable {
    public enum Action: Sendable { case back, edit, priceLists, addContact, down, up, pageDown, pageUp, refresh, help }
    public enum Effect: Sendable, Equatable {
        case back, edit(accountId: Int64), pickPriceLists(accountId: Int64), addContact(accountId: Int64), reload(accountId: Int64), help
    }

    public private(set) var detail: AccountDetail
    private var lines: [String]
    private var top = 0
    /// What the last action did ("activation email queued to …", the service's warnings).
    public private(set) var notice: String?

    public mutating func notify(_ text: String) { notice = text }

    public static let bindings: [Binding<Action>] = [
        Binding([.escape, .char("q")], "Back", help: "back to the accounts", .back),
        Binding([.char("e")], "Edit", help: "edit the account", .edit),
        Binding([.char("p")], "Price lists", help: "assign price lists", .priceLists),
        Binding([.char("c")], "Add contact", help: "add a contact (and make it a storefront user)", .addContact),
        Binding([.ctrl("r")], "Reload", help: "read the account again", .refresh),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
        Binding([.down, .char("j")], "", help: "scroll down", .down, footer: false),
        Binding([.up, .char("k")], "", help: "scroll up", .up, footer: false),
        Binding([.pageDown, .char(" ")], "", help: "next page", .pageDown, footer: false),
        Binding([.pageUp], "", help: "previous page", .pageUp, footer: false),
    ]

    public init(_ detail: AccountDetail) {
        self.detail = detail
        lines = AccountDetailText.render(detail, headline: nil).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        guard let action = Binding.action(for: key, in: Self.bindings) else { return [] }
        let page = max(1, height - 3)
        let maxTop = max(0, lines.count - page)
        switch action {
        case .back: return [.back]
        case .edit: return [.edit(accountId: detail.account.id)]
        case .priceLists: return [.pickPriceLists(accountId: detail.account.id)]
        case .addContact: return [.addContact(accountId: detail.account.id)]
        case .refresh: return [.reload(accountId: detail.account.id)]
        case .help: return [.help]
        case .down: top = min(maxTop, top + 1)
        case .up: top = max(0, top - 1)
        case .pageDown: top = min(maxTop, top + page)
        case .pageUp: top = max(0, top - page)
        }
        return []
    }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, style: .title)
        g.put("ResellerDesk · \(detail.account.code) \(detail.account.name)", x: 1, y: 0, style: .title, maxWidth: width - 2)
        for (i, line) in lines.dropFirst(top).prefix(max(0, height - (notice == nil ? 3 : 4))).enumerated() {
            let style: CellStyle = line.hasPrefix("Onboarding:") || line.hasSuffix(":") ? .key
                : (line.hasPrefix("  next step:") ? .warning : .normal)
            g.put(line, x: 1, y: 1 + i, style: style, maxWidth: width - 2)
        }
        if let notice { g.put(notice, x: 1, y: height - 2, style: .warning, maxWidth: width - 2) }
        g.put(Binding.footer(Self.bindings, width: width - 2), x: 1, y: height - 1, style: .key)
        return g
    }
}
