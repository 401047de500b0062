import ArgumentParser
import Foundation
import ResellerCore

/// `resellerdesk restore FILE`: only while nobody has the desk open.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup back as the desk; refused while any process has the desk open.",
        discussion: "The desk it replaces is kept beside it as PATH.replaced-YYYYMMDD-HHMMSS: nothing is deleted.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file.") var backup: String

    func run() throws {
        do {
            let config = try ConfigFile.load()
            let path = DatabaseLocation.resolve(explicit: global.db, config: config).path
            let report = try Store.restore(from: backup, to: path, by: .currentStaff())
            print("Restored \(backup) as the desk \(path): "
                  + report.counts.map { "\($0.table) \($0.rows)" }.joined(separator: ", "))
            if let kept = report.replacedKeptAt { print("The desk it replaced is kept as \(kept).") }
        } catch {
            CLIContext.report(error, json: false)
            if case .storage = error { throw ExitCode(3) }
            throw ExitCode(1)
        }
    }
}
