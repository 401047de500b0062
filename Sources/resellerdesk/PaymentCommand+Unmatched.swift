import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

extension PaymentCommand {
    /// The bank entries no reference matched, and debits listed for staff: list, assign, dismiss.
    struct Unmatched: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unmatched", abstract: "The imported bank entries waiting for staff: assign or dismiss.",
            subcommands: [List.self, Assign.self, Dismiss.self])
    }
}

extension PaymentCommand.Unmatched {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The entries waiting, oldest first, each with why.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let entries = try ctx.service.unmatchedEntries()
                if ctx.json { JSON.print(entries.map(BankEntryJSON.entry)); return }
                if entries.isEmpty { print("No bank entry is waiting."); return }
                var t = TextTable([.init("Entry", alignRight: true), .init("Booked"), .init("Amount", alignRight: true),
                                   .init("Debtor"), .init("Why", flexible: true)])
                for e in entries {
                    let amount = (e.direction == .debit ? "−" : "") + e.amount.display
                    t.add([String(e.id), e.bookingDate?.description ?? "", amount, e.debtorName ?? "", e.why ?? ""])
                }
                print(t.render())
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Book a waiting credit as a payment of an account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The entry's number, as `payment unmatched list` shows it.") var entry: String
        @Argument(help: "Account id or code.") var account: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let id = try BankEntryJSON.entryId(entry)
                let a = try ctx.service.findAccount(account)
                let done = try ctx.service.assignEntry(id, toAccount: a.id, by: ctx.actor)
                if ctx.json { JSON.print(BankEntryJSON.entry(done)); return }
                print("Entry \(id): \(done.amount.display) booked as a payment of \(a.code).")
            }
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dismiss", abstract: "Dismiss a waiting entry (not ours, a debit handled), with why.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The entry's number, as `payment unmatched list` shows it.") var entry: String
        @Option(help: "Why (kept with the entry and in the audit).") var reason: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let id = try BankEntryJSON.entryId(entry)
                let done = try ctx.service.dismissEntry(id, ReasonForm(reason: reason), by: ctx.actor)
                if ctx.json { JSON.print(BankEntryJSON.entry(done)); return }
                print("Entry \(id) dismissed.")
            }
        }
    }
}

/// Bank entries and imports as `--json` prints them.
enum BankEntryJSON {
    static func entryId(_ text: String) throws(ServiceError) -> Int64 {
        guard let id = Int64(text), id > 0 else {
            throw .invalid("entry", "\"\(text)\" is not an entry number (as `payment unmatched list` shows)")
        }
        return id
    }

    static func entry(_ e: BankEntryRecord) -> [String: Any] {
        ["entry": e.id, "key": e.key, "file": e.file, "statement": e.statementId,
         "bookingDate": e.bookingDate?.description ?? NSNull(), "amount": e.amount.decimalString,
         "currency": e.amount.currency, "direction": e.direction.rawValue, "debtor": e.debtorName ?? NSNull(),
         "remittance": e.remittance, "state": e.state.rawValue, "why": e.why ?? NSNull(),
         "account": e.accountId.map(AccountCode.format) ?? NSNull(), "ledgerEntry": e.ledgerId ?? NSNull(),
         "importedBy": e.importedBy, "decidedBy": e.decidedBy ?? NSNull()]
    }

    static func outcome(_ item: StatementItem, _ o: StatementOutcome) -> [String: Any] {
        var out: [String: Any] = ["key": item.key, "file": item.file, "line": item.line,
                                  "amount": item.amount.decimalString, "currency": item.amount.currency,
                                  "direction": item.direction.rawValue, "debtor": item.debtorName ?? NSNull(),
                                  "remittance": item.remittance, "outcome": o.label]
        switch o {
        case .booked(let account, let ledger, let entry):
            out["account"] = AccountCode.format(account); out["ledgerEntry"] = ledger; out["entry"] = entry
        case .repeated(let entry): out["entry"] = entry
        case .unmatched(let entry, let why): out["entry"] = entry; out["why"] = why
        case .pending: break
        }
        return out
    }
}
