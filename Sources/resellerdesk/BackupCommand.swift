import ArgumentParser
import Foundation
import ResellerCore

/// `resellerdesk backup FILE|FOLDER`: a consistent copy while the desk is in use.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the desk consistently while others keep working, check the copy and print what it holds.",
        discussion: """
            Given a folder, the copy is named desk-YYYYMMDD-HHMMSS.sqlite inside it, and --keep N keeps only the \
            newest N copies there (the nightly timer keeps 14). The copy is checked with integrity_check and \
            written mode 0640.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file to write, or a folder for a dated copy.") var destination: String
    @Option(help: "With a folder: keep only the newest N copies (desk-*.sqlite).") var keep: Int?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if let keep, !(1...10_000).contains(keep) { throw ValidationError("--keep must be from 1 to 10000") }
    }

    func run() throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            var isFolder: ObjCBool = false
            let folder = FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder)
                && isFolder.boolValue
            if keep != nil && !folder {
                throw .invalid("keep", "--keep needs a folder to prune, and \(destination) is not one")
            }
            let target = folder ? destination + "/desk-" + Format.fileStamp(ctx.service.now) + ".sqlite" : destination
            let report = try ctx.service.store.backup(to: target)
            let pruned = keep.map { Store.pruneBackups(in: destination, keep: $0) } ?? []
            try ctx.service.recordHeartbeat("backup", owner: ctx.actor.description, detail: target)
            if ctx.json {
                JSON.print(["path": report.path, "bytes": report.bytes, "integrity": report.integrity,
                            "rows": Dictionary(uniqueKeysWithValues: report.counts.map { ($0.table, $0.rows) }),
                            "removed": pruned])
                return
            }
            print("Backup \(report.path): \(Format.size(report.bytes)), integrity \(report.integrity)")
            print(report.counts.map { "\($0.table) \($0.rows)" }.joined(separator: ", "))
            for path in pruned { print("Removed the older copy \(path)") }
        }
    }
}
