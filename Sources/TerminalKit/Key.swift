/// A key press or terminal event, decoded by the backend. Screens see only these, never curses codes.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)        // Ctrl-A … Ctrl-Z as lowercase letters
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Text that arrived as a bracketed paste: inserted, never interpreted as keys.
    case paste(String)
    case resize

    /// The answer yes to a y/n question (y or Y); any other key answers no.
    public var isYes: Bool { self == .char("y") || self == .char("Y") }

    /// How the footer and help name the key.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        case .paste: "paste"
        case .resize: "resize"
        }
    }
}

/// One key binding: the keys, a short label for the footer, and a line for the help overlay. A screen's
/// table of bindings drives its key dispatch, its footer and its `?` help, so the three never disagree.
/// A binding that cannot act now carries the reason (lazygit's GetDisabledReason): its key then says
/// why instead of acting, the footer greys it and the help tells it.
public struct Binding<Action: Sendable>: Sendable {
    public var keys: [Key]
    public var label: String
    public var help: String
    public var action: Action
    public var inFooter: Bool
    public var disabledReason: String?

    public init(_ keys: [Key], _ label: String, help: String, _ action: Action, footer: Bool = true) {
        self.keys = keys; self.label = label; self.help = help; self.action = action; self.inFooter = footer
    }

    /// This binding, unable to act for `reason` (nil: able).
    public func disabled(_ reason: String?) -> Binding {
        var b = self
        b.disabledReason = reason
        return b
    }

    public static func action(for key: Key, in table: [Binding]) -> Action? {
        binding(for: key, in: table)?.action
    }

    /// The binding a key presses, with its disabled reason if it has one.
    public static func binding(for key: Key, in table: [Binding]) -> Binding? {
        table.first { $0.keys.contains(key) }
    }

    /// What a key does on a list screen that may have asked a y/n question: the question takes the key
    /// first (`y` answers with its effect, any other key declines and `notice` says `declined`); else the
    /// key's binding acts, or, greyed, leaves its reason in `notice`.
    public static func press<Effect>(_ key: Key, in table: [Binding], asked: inout (question: String, effect: Effect)?,
                                     declined: String, notice: inout String?) -> Press<Action, Effect> {
        if let pending = asked {
            asked = nil
            if key.isYes { return .answered([pending.effect]) }
            notice = declined
            return .answered([])
        }
        guard let binding = binding(for: key, in: table) else { return .answered([]) }
        if let reason = binding.disabledReason {
            notice = reason
            return .answered([])
        }
        notice = nil
        return .act(binding.action)
    }

    /// The footer's entries, "Enter Open", and whether each can act now.
    public static func footerEntries(_ table: [Binding]) -> [(text: String, enabled: Bool)] {
        table.filter(\.inFooter).map { ("\($0.keys[0].label) \($0.label)", $0.disabledReason == nil) }
    }

    /// The key the footer names for `action`, for sentences that tell what to press ("Press Ctrl-N to …").
    public static func label(of action: Action, in table: [Binding]) -> String where Action: Equatable {
        table.first { $0.action == action }?.keys.first?.label ?? ""
    }

    /// "Enter Open  Ctrl-N New  F1 Help  Ctrl-Q Quit", cut to `width`.
    public static func footer(_ table: [Binding], width: Int) -> String {
        DisplayWidth.truncate(footerEntries(table).map(\.text).joined(separator: "  "), to: width)
    }

    /// Each binding's keys and what it does (and why it cannot now), for the help overlay.
    public static func helpEntries(_ table: [Binding]) -> [(keys: String, help: String)] {
        table.map { b in
            (b.keys.map(\.label).joined(separator: " "), b.help + (b.disabledReason.map { " (not now: \($0))" } ?? ""))
        }
    }

    /// The help as lines, the keys in a column wide enough for the longest (at least 14).
    public static func helpLines(_ table: [Binding]) -> [String] {
        let entries = helpEntries(table)
        let column = max(14, (entries.map { DisplayWidth.of($0.keys) }.max() ?? 0) + 2)
        return entries.map { DisplayWidth.pad($0.keys, to: column) + $0.help }
    }
}

/// What `Binding.press` decided: the effects of an answered (or ignored) key, or the action to perform.
public enum Press<Action: Sendable, Effect> {
    case answered([Effect])
    case act(Action)

    /// The effects of an answered key; none for a key that acts.
    public var effects: [Effect] {
        if case .answered(let effects) = self { return effects }
        return []
    }
}
