import ArgumentParser
import Foundation
import NcursesBackend
import ResellerCore

struct ResellerDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resellerdesk",
        abstract: "Onboard basic resellers: accounts, price lists, storefront contacts, orders and credit.",
        discussion: """
            Exit codes: 0 success; 1 a validation or business error (each problem on stderr as `field: message`, \
            or {"errors":[…]} on stdout with --json); 2 a usage error; 3 a database that cannot be opened or written.
            The database is --db PATH, else $RESELLERDESK_DB, else storage.url or storage.path of the \
            configuration (/etc/resellerdesk/config.toml, then ~/.config/resellerdesk/config.toml), \
            else $XDG_DATA_HOME/resellerdesk/resellerdesk.sqlite. A postgresql://… URL is a PostgreSQL desk.
            """,
        subcommands: [DemoCommand.self, PriceListCommand.self, AccountCommand.self, ContactCommand.self,
                      PaymentCommand.self, OrderCommand.self, BillingCommand.self, SubscriptionCommand.self,
                      InvoiceCommand.self, CreditNoteCommand.self, MailCommand.self, StorefrontCommand.self,
                      ConfigCommand.self, TaxCommand.self, CollectionsCommand.self,
                      BackupCommand.self, RestoreCommand.self, StorageCommand.self, DoctorCommand.self])

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Monochrome: bold, reverse and underline instead of colours (also with NO_COLOR).") var mono = false

    func run() throws {
        // On a terminal, the full-screen front; piped or scripted, the accounts table.
        guard isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 else {
            try AccountCommand.List.printPage(global: global, search: nil, limit: 50, after: 0, json: false)
            return
        }
        try Self.openTerminal(db: global.db, mono: mono)
    }

    /// An unknown $TERM is a usage problem (exit 2), told in one sentence with a value to try.
    static func openTerminal(db: String?, mono: Bool) throws {
        // The desk as every command opens it, but without the login's name (CLIContext.actor): the terminal
        // looks it up when it writes, and at the start it was a read of /etc/passwd for nothing.
        let service: ResellerService
        do throws(ServiceError) {
            service = try CLIContext.openDesk(db: db).0
        } catch {
            try CLIContext.fail(error, json: false)
        }
        do throws(Terminal.Unusable) {
            try TerminalApp(service: service, mono: mono).run()
        } catch {
            Console.error(error.message)
            throw ExitCode(2)
        }
    }
}

/// Options every command takes, before or after the subcommand name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The desk: a SQLite file, or a PostgreSQL database (postgresql://…).")
    var db: String?
}
