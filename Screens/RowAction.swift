import ResellerCore
import TerminalKit

/// One key of an account-detail section, declared once: its keys, footer label and help, and one closure
/// that answers both "can it act now?" and "what does it do?" (lazygit's Binding{Handler, GetDisabledReason,
/// Tooltip}). The footer, the help, docs/keys.md, the greyed key's reason and the hint beside a highlighted
/// row are all read from it, so a new key is one literal here plus its runner in DetailEffects.
public struct RowAction: Sendable {
    public let keys: [Key]
    public let label: String
    public let help: String
    /// What must be highlighted for the key to act ("a price list"); nil for a key that acts on the account.
    /// A key that needs a row is named in the hint beside the highlighted row when it can act on it.
    public let needs: String?
    public let footer: Bool
    let act: @Sendable (DetailRow) -> Outcome?

    /// `act` answers nil when the highlighted row is not one it acts on: the key then says
    /// "Highlight `needs` first (↑/↓)." An account-wide key answers `.cannot(reason)` instead.
    public init(_ keys: [Key], _ label: String, help: String, needs: String? = nil, footer: Bool = true,
                act: @escaping @Sendable (DetailRow) -> Outcome?) {
        self.keys = keys; self.label = label; self.help = help; self.needs = needs; self.footer = footer
        self.act = act
    }

    /// What a key does now.
    public enum Outcome: Sendable {
        /// Carried out at once. The effect is built only when the key is pressed: every frame asks each key
        /// whether it can act, and an effect may be costly to build (an invoice laid out as it prints).
        case run(@autoclosure @Sendable () -> AccountDetailScreen.Effect)
        /// Carried out once staff answer y to the question (a destructive action asks first).
        case ask(String, AccountDetailScreen.Effect)
        /// Something the screen does itself: a prompt on its status line, or a move of the highlight.
        case local(AccountDetailScreen.Local)
        /// It cannot act now, for this reason (the footer greys it, the help tells it).
        case cannot(String)
    }

    /// What the key would do for this account and highlighted row.
    public func outcome(_ row: DetailRow) -> Outcome {
        act(row) ?? .cannot("Highlight \(needs ?? "a row") first (↑/↓).")
    }

    /// The key as a binding table holds it; the screen marks it with its reason not to act now.
    public var binding: Binding<AccountDetailScreen.Action> {
        Binding(keys, label, help: help, .key(self), footer: footer)
    }

    /// "r resend": how the hint beside a highlighted row names the key.
    var hint: String { "\(keys[0].label) \(label.lowercased())" }
}

/// The account and its highlighted row, as a key of the detail sees them.
public struct DetailRow: Sendable {
    public let content: AccountDetailContent
    /// The highlighted row's item; nil when nothing is highlighted.
    public let item: AccountDetailText.Item?

    public var account: Account { content.detail.account }
    public var id: Int64 { content.detail.account.id }

    /// The highlighted contact, on the Contacts section.
    public var contact: Contact? {
        guard case .contact(let email, _)? = item else { return nil }
        return content.detail.contacts.first { $0.email == email }
    }

    /// The highlighted subscription, on the Subscriptions section.
    public var subscription: Subscription? {
        guard case .subscription(let id, _)? = item else { return nil }
        return content.billing.subscriptions.first { $0.id == id }
    }
}
