import ArgumentParser
import Foundation
import ResellerCore
import TerminalKit

extension PaymentCommand {
    /// `payment import FILE…`: camt.053 statements and camt.054 notifications booked as payments.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Book bank statements (camt.053, camt.054): matched credits become payments.",
            discussion: """
                ISO 20022 camt.053 and camt.054, versions 001.02 to 001.08. Each booked credit is matched by a \
                payment reference (RF…), then an invoice number, then an account code in its remittance \
                information, and booked as that account's payment; each is keyed by the bank's reference, so a \
                file imported again books nothing twice. Pending entries are not booked; debits, other \
                currencies and credits nothing matched wait in `payment unmatched list`. Every file is read \
                before anything is booked: one that is not camt XML is refused whole, naming the line.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The statement files.") var files: [String]
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                var items: [StatementItem] = []
                for path in files { items += try StatementFile.items(try Self.read(path), file: path) }
                let report = try ctx.service.importStatement(items, files: files, by: ctx.actor)
                if ctx.json {
                    JSON.print(["files": files, "booked": report.count("booked"),
                                "alreadyImported": report.count("already imported"),
                                "unmatched": report.count("unmatched"), "pending": report.count("pending"),
                                "entries": report.items.map { BankEntryJSON.outcome($0.item, $0.outcome) }])
                    return
                }
                Self.print(report)
            }
        }

        static func read(_ path: String) throws(ServiceError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                let why = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
                throw .invalid("file", "\(path) \(why)")
            }
            return Array(data)
        }

        static func print(_ report: StatementImportReport) {
            var booked = TextTable([.init("Account"), .init("Amount", alignRight: true), .init("Bank reference"),
                                    .init("Debtor", flexible: true)])
            var waiting = TextTable([.init("Entry", alignRight: true), .init("Amount", alignRight: true),
                                     .init("Why", flexible: true)])
            var pending = 0
            for (item, outcome) in report.items {
                let amount = (item.direction == .debit ? "−" : "") + item.amount.display
                switch outcome {
                case .booked(let account, _, _):
                    booked.add([AccountCode.format(account), amount, item.bankReference ?? item.key,
                                item.debtorName ?? ""])
                case .unmatched(let entry, let why): waiting.add([String(entry), amount, why])
                case .pending: pending += 1
                case .repeated: break
                }
            }
            if report.count("booked") > 0 { Swift.print("Booked as payments:\n" + booked.render()) }
            if report.count("unmatched") > 0 {
                Swift.print("Waiting for staff (payment unmatched list):\n" + waiting.render())
            }
            Swift.print("\(report.items.count) transaction(s): \(report.count("booked")) booked, "
                        + "\(report.count("already imported")) already imported, \(report.count("unmatched")) "
                        + "waiting, \(pending) pending (booked once the bank books them).")
        }
    }
}
