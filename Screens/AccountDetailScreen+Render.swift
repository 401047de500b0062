import ResellerCore
import TerminalKit

/// How the account detail draws: the title with where the list is, the tabs, the section's rows with the
/// highlight, and the status line (a question, the cancel choice, the payment prompt, a notice, the next step
/// of the onboarding, or the highlighted row uncut with the keys that act on it).
extension AccountDetailScreen {
    /// A Submitted order: it went over the credit limit and waits for staff to execute or cancel it.
    static func waitsForStaff(_ item: AccountDetailText.Item?) -> Bool {
        if case .order(_, _, .submitted)? = item { return true }
        return false
    }

    /// What Enter does next on the onboarding checklist, said under the Overview.
    var nextStepOffer: String? {
        switch detail.summary.onboarding.nextStep {
        case .priceList?: "Next step: Enter assigns a price list."
        case .invited?: "Next step: Enter adds a storefront contact (an activation email is sent)."
        case .activated?: "Next step: Enter shows the contact waiting for activation (r resends)."
        default: nil
        }
    }

    /// The keys that act on the highlighted row ("r resend · d deactivate"): read from the section's keys,
    /// so the hint names every key that acts on it and no other.
    var rowKeys: String? {
        let row = self.row
        let keys = AccountDetailSection.named(section).actions.filter { key in
            guard key.needs != nil, row.item != nil else { return false }
            if case .cannot = key.outcome(row) { return false }
            return true
        }
        return keys.isEmpty ? nil : keys.map(\.hint).joined(separator: " · ")
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

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        let current = AccountDetailSection.named(section)
        let table = width - 2 == Self.width80 ? self.table : current.table(content, width - 2)
        let place = self.place, page = bodyHeight(height), highlighted = self.highlighted
        // Where the list is: the row highlighted of how many, or that a plain section goes on below.
        let position: String = if let i = highlighted, let count = current.count(content) {
            "\(table.lines[..<min(i + 1, table.lines.count)].filter { $0.item != nil }.count) of \(count)"
        } else {
            place.top + page < table.lines.count ? "↓ more" : ""
        }
        g.titleBar("ResellerDesk · \(detail.account.code) \(detail.account.name)", right: position)
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
            if i == highlighted {
                g.fill(x: 0, y: row, width: width, style: .selected)
                g.put(line.text, x: 1, y: row, style: .selected, maxWidth: width - 2)
            } else {
                let waiting = line.text.hasSuffix("← next step") || Self.waitsForStaff(line.item)
                let style: CellStyle = line.heading ? .key : (waiting || line.warning ? .warning : .normal)
                g.put(line.text, x: 1, y: row, style: style, maxWidth: width - 2)
            }
        }
        if table.lines.isEmpty {
            let first = current.bindings.first.map { "  \($0.keys[0].label): \($0.help)." } ?? ""
            g.put("None yet." + first, x: 1, y: y, style: .muted, maxWidth: width - 2)
        }
        let statusY = height - 2
        if let confirming {
            g.statusLine(.question(confirming.question), y: statusY)
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
            g.statusLine(.notice(notice), y: statusY)
        } else if section == .overview, let offer = nextStepOffer {
            g.statusLine(.hint(offer), y: statusY)
        } else if let i = highlighted {
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
