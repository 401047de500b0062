import ArgumentParser
import Foundation
import ResellerCore

/// `invoice export` and `credit-note export`: one document's files, or every document of a date range into
/// a folder (domain.md#invoices-as-documents). The files are the kept ones, byte for byte what the emails
/// attached; a range run again writes only what is missing.
struct DocumentExportOptions: ParsableArguments {
    @Argument(help: "The number of the one document to export; or give --from, --to and --folder.")
    var number: String?
    @Option(help: "pdf, ubl (the EN 16931 e-invoice, XML) or both.") var format = "both"
    @Option(help: "One document: the file to write (one format) or the folder (both); default: this folder.")
    var out: String?
    @Option(help: "A range: the first date, YYYY-MM-DD.") var from: String?
    @Option(help: "A range: the last date, YYYY-MM-DD.") var to: String?
    @Option(help: "A range: the folder to write into, made if missing; each file named by its number.")
    var folder: String?
    @Flag(help: "Print a JSON array of {number, format, path, sha256, bytes, outcome}.") var json = false

    func validate() throws {
        let range = [from, to, folder].compactMap { $0 }.count
        if number != nil, range > 0 {
            throw ValidationError("give a number, or --from, --to and --folder, not both")
        }
        if number == nil, range < 3 {
            throw ValidationError("give the number of a document, or all of --from, --to and --folder")
        }
        if number == nil, out != nil { throw ValidationError("--out is for one document; a range uses --folder") }
        if !["pdf", "ubl", "both"].contains(format.lowercased()) {
            throw ValidationError("--format must be pdf, ubl or both, not \"\(format)\"")
        }
    }

    var formats: [DocumentFormat] {
        let f = format.lowercased()
        return f == "both" ? DocumentFormat.allCases : [f == "pdf" ? .pdf : .ubl]
    }

    /// `kinds`: what a range takes (an invoice export takes both kinds, a credit-note export its own).
    func run(_ global: GlobalOptions, invoices: Bool) throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            let files: [ExportedFile]
            if let number {
                files = try one(ctx, number)
            } else {
                let first = try day(from!, "from"), last = try day(to!, "to")
                guard first <= last else { throw .invalid([FieldError("to", "--to must not be before --from")]) }
                let found = try ctx.service.documentNumbers(from: first, to: last)
                files = try ctx.service.exportDocuments((invoices ? found.invoices : []) + found.creditNotes,
                                                        formats: formats, folder: folder!, by: ctx.actor)
            }
            report(ctx, files)
        }
    }

    private func one(_ ctx: CLIContext, _ number: String) throws(ServiceError) -> [ExportedFile] {
        let key = number.trimmingCharacters(in: .whitespaces).uppercased()
        let target = out ?? FileManager.default.currentDirectoryPath
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isFolder)
        if formats.count == 1, !(exists && isFolder.boolValue) {
            return [try ctx.service.exportDocument(key, format: formats[0], to: target, by: ctx.actor)]
        }
        return try ctx.service.exportDocuments([key], formats: formats, folder: target, strict: true, by: ctx.actor)
    }

    private func day(_ text: String, _ field: String) throws(ServiceError) -> CalendarDay {
        do throws(FieldError) {
            return try CalendarDay.parse(text, field: field, label: "--" + field)
        } catch {
            throw .invalid([error])
        }
    }

    private func report(_ ctx: CLIContext, _ files: [ExportedFile]) {
        if ctx.json {
            JSON.print(files.map { f -> [String: Any] in
                var outcome = "written", why: Any = NSNull()
                switch f.outcome {
                case .written: break
                case .unchanged: outcome = "unchanged"
                case .none(let reason): outcome = "none"; why = reason
                }
                return ["number": f.number, "format": f.format.rawValue, "path": f.path.isEmpty ? NSNull() : f.path,
                        "sha256": f.sha256 ?? NSNull(), "bytes": f.size, "outcome": outcome, "reason": why]
            })
            return
        }
        if files.isEmpty { print("No invoices or credit notes in that range."); return }
        for f in files {
            switch f.outcome {
            case .written: print("Wrote \(f.path) (\(f.size) bytes, SHA-256 \(f.sha256 ?? ""))")
            case .unchanged: print("Unchanged \(f.path) (already the same bytes)")
            case .none(let why): print("No \(f.format.label) for \(f.number): \(why)")
            }
        }
        let written = files.filter { $0.outcome == .written }.count
        let unchanged = files.filter { $0.outcome == .unchanged }.count
        print("\(written) written, \(unchanged) unchanged.")
    }
}

extension InvoiceCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write an invoice's PDF and e-invoice (UBL), or every invoice and credit note of a range.",
            discussion: """
                e.g. resellerdesk invoice export INV-000123 --format pdf --out ~/INV-000123.pdf
                     resellerdesk invoice export --from 2027-01-01 --to 2027-01-31 --folder ~/january
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: DocumentExportOptions

        func run() throws { try options.run(global, invoices: true) }
    }
}

extension CreditNoteCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a credit note's PDF and e-invoice (UBL), or every credit note of a range.",
            discussion: "e.g. resellerdesk credit-note export --from 2027-01-01 --to 2027-01-31 --folder ~/january")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: DocumentExportOptions

        func run() throws { try options.run(global, invoices: false) }
    }
}
