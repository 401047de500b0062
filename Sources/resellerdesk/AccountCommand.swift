import ArgumentParser
import Foundation
import ResellerCore
import Screens
import TerminalKit

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Create, edit, find and show accounts; assign price lists.",
        subcommands: [Add.self, Update.self, List.self, Show.self,
                      AssignPriceList.self, UnassignPriceList.self,
                      Suspend.self, Resume.self, Close.self, ConfirmVAT.self, Collections.self])
}

extension AccountCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Create an account (New Account).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var flags: AccountFlags
        @Flag(help: "Print the account as JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                var form = AccountForm()
                flags.apply(to: &form)
                let account = try ctx.service.createAccount(form, by: ctx.actor)
                Show.output(try ctx.service.accountDetail(account.id), ctx: ctx, headline: "Created")
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Edit an account; refused if someone saved it after the version you read.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code (ACC-000123).") var account: String
        @Option(name: .customLong("expect-version"),
                help: "The version you read (account show); a newer one is a conflict.")
        var expectVersion: Int
        @OptionGroup var flags: AccountFlags
        @Flag(help: "Print the account as JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let current = try ctx.service.findAccount(account)
                var form = AccountForm(current.fields)
                flags.apply(to: &form)
                let saved = try ctx.service.updateAccount(current.id, form, expectedVersion: expectVersion,
                                                          by: ctx.actor)
                Show.output(try ctx.service.accountDetail(saved.id), ctx: ctx, headline: "Updated")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List or search accounts.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Words to find (prefixes of name, trading name, code, email, VAT, contact names and emails).")
        var search: String?
        @Option(help: "At most this many rows (1-1000).") var limit = 50
        @Option(help: "Show accounts after this id (paging).") var after: Int64 = 0
        @Option(help: "active, suspended, closed or all; without it, every account not closed.") var status: String?
        @Flag(help: "Print a JSON array.") var json = false

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
        }

        func run() throws {
            var statuses: Set<AccountStatus> = [.active, .suspended]
            if let status {
                let wanted = status.trimmingCharacters(in: .whitespaces).lowercased()
                if wanted == "all" {
                    statuses = Set(AccountStatus.allCases)
                } else if let one = AccountStatus(rawValue: wanted) {
                    statuses = [one]
                } else {
                    throw ValidationError("--status must be active, suspended, closed or all, not \"\(status)\"")
                }
            }
            try Self.printPage(global: global, search: search, statuses: statuses, limit: limit, after: after,
                               json: json)
        }

        /// The accounts table, shared by `account list` and the bare command.
        static func printPage(global: GlobalOptions, search: String?,
                              statuses: Set<AccountStatus> = [.active, .suspended], limit: Int, after: Int64,
                              json: Bool) throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let page = try ctx.service.searchAccounts(search ?? "", statuses: statuses, after: after, limit: limit)
                if json {
                    JSON.print(page.rows.map(JSONValues.account))
                    return
                }
                if page.rows.isEmpty {
                    print(search == nil
                          ? "No accounts yet. Add one with: resellerdesk account add --name … --email … --country …"
                          : "No account matches \"\(TerminalSafe.line(search!))\".")
                    return
                }
                print(AccountsTable.render(page.rows, width: 160))
                if let next = page.nextAfter { print("… more: add --after \(next)") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show an account with its contacts, price lists and orders.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code (ACC-000123).") var account: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                let standing = try ctx.service.billingStanding(accountId: a.id)
                Show.output(try ctx.service.accountDetail(a.id), ctx: ctx, headline: nil, standing: standing)
            }
        }

        /// `standing` (overdue, the next invoice) only where it is asked for: `account show`.
        static func output(_ d: AccountDetail, ctx: CLIContext, headline: String?, standing: BillingStanding? = nil) {
            if ctx.json {
                var out = JSONValues.detail(d)
                if let standing { out.merge(JSONValues.standing(standing)) { _, new in new } }
                JSON.print(out)
                return
            }
            print(TerminalSafe.line(AccountDetailText.render(d, headline: headline)))
            if let standing {
                let next = standing.nextInvoice.map { "next invoice \($0.date), about \($0.total.display)" }
                    ?? standing.nextInvoiceProblem.map { "next invoice not estimated: " + $0 }
                print("Billing: overdue \(standing.overdue.display)" + (next.map { " · " + $0 } ?? ""))
            }
        }
    }

    struct AssignPriceList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign-pricelist", abstract: "Assign price lists to an account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code.") var account: String
        @Argument(help: "Price list names.") var names: [String]
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                let result = try ctx.service.assignPriceLists(a.id, names: names, by: ctx.actor)
                if ctx.json {
                    JSON.print(["assigned": result.assigned, "warnings": result.warnings])
                    return
                }
                for w in result.warnings { Console.error("warning: \(w)") }
                let assigned = result.assigned.joined(separator: ", ")
                print(result.assigned.isEmpty ? "Already assigned; nothing changed."
                                              : TerminalSafe.line("Assigned to \(a.code): \(assigned)"))
            }
        }
    }

    struct UnassignPriceList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unassign-pricelist", abstract: "Remove price lists from an account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code.") var account: String
        @Argument(help: "Price list names.") var names: [String]

        func run() throws {
            try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                try ctx.service.unassignPriceLists(a.id, names: names, by: ctx.actor)
                print(TerminalSafe.line("Unassigned from \(a.code): \(names.joined(separator: ", "))"))
            }
        }
    }

    /// `account suspend|resume|close ID --reason TEXT`: one command shape for the three status changes.
    typealias Suspend = StatusCommand<SuspendChange>
    typealias Resume = StatusCommand<ResumeChange>
    typealias Close = StatusCommand<CloseChange>

    protocol StatusChange { static var change: AccountStatus.Change { get } ; static var abstract: String { get } }
    enum SuspendChange: StatusChange {
        static let change = AccountStatus.Change.suspend
        static let abstract = "Suspend an account: no new orders until it is resumed; its users still sign in."
    }
    enum ResumeChange: StatusChange {
        static let change = AccountStatus.Change.resume
        static let abstract = "Resume a suspended account."
    }
    enum CloseChange: StatusChange {
        static let change = AccountStatus.Change.close
        static let abstract = "Close an account: no new orders, users Inactive, subscriptions ending; the record stays."
    }

    struct StatusCommand<C: StatusChange>: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: C.change.rawValue, abstract: C.abstract)
        }
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code (ACC-000123).") var account: String
        @Option(help: "Why; kept in the audit.") var reason: String
        @Flag(help: "Print the account as JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                let changed = try ctx.service.changeStatus(a.id, StatusForm(C.change, reason: reason),
                                                           by: ctx.actor)
                Show.output(try ctx.service.accountDetail(changed.id), ctx: ctx,
                            headline: changed.status.label)
            }
        }
    }
}
