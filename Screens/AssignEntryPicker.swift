import ResellerCore
import TerminalKit

/// Assign a waiting bank entry to an account: the account picker, with the entry's currency checked before
/// anyone picks (the service refuses another currency too).
public typealias AssignEntryPicker = AccountPicker<BankEntryRecord>

extension AccountPicker where Context == BankEntryRecord {
    /// Enter's label and help, also for docs/keys.md.
    public static var pick: (label: String, help: String) {
        ("Assign", "book the entry as a payment of the highlighted account")
    }

    public static func assign(_ entry: BankEntryRecord) -> AssignEntryPicker {
        AssignEntryPicker("Assign to an account", title: "Assign bank entry \(entry.id) to an account",
                          subtitle: "Entry \(entry.id): " + UnmatchedPaymentsScreen.describe(entry), context: entry,
                          pick: pick, declined: "Not assigned.",
                          question: { a in "Book \(entry.amount.display) as a payment of \(a.code) \(a.name)? y/n" },
                          refusal: { a in
            a.fields.currency == entry.amount.currency ? nil
                : "\(a.code) is billed in \(a.fields.currency), but entry \(entry.id) is in \(entry.amount.currency)."
        })
    }
}
