import FieldSchema
import Foundation
import ResellerCore
import TerminalKit

/// The folder an invoice's or a credit note's files are written to, as the invoice view's `w` asks for it.
public struct FolderForm: Sendable, Equatable {
    public var folder = ""
    public init(folder: String = "") { self.folder = folder }

    /// The folder as the service takes it: a leading `~` is `home`, a relative path is under `current` (the
    /// folder the desk was started in), `.` and `..` are read; or the message naming the field.
    public func path(home: String, current: String) throws(ServiceError) -> String {
        let spec = FolderSchema.folder
        let typed: String
        do throws(FieldError) {
            typed = try TextRules.clean(folder, field: spec.id, label: spec.noun, required: true,
                                        max: spec.maxLength ?? 0) ?? ""
        } catch {
            throw .invalid([error])
        }
        let expanded = typed == "~" ? home : typed.hasPrefix("~/") ? home + typed.dropFirst() : typed
        return URL(fileURLWithPath: expanded, relativeTo: URL(fileURLWithPath: current, isDirectory: true))
            .absoluteURL.standardized.path
    }
}

public enum FolderSchema {
    public static let folder = FieldSpec<FolderForm>(
        "folder", "Folder", .text(\.folder, maxLength: 1024), required: true,
        help: "The folder to write both files into, made if missing; ~ is your home folder.")
    public static let fields = [folder]
}

/// The invoice view's `w`: an invoice's or a credit note's two kept files (the PDF and the UBL e-invoice,
/// byte for byte what its email attached) written to a folder the user names.
public typealias WriteFilesDialog = FormDialog<FolderForm, InvoiceDocument>

extension FormDialog where Model == FolderForm, Context == InvoiceDocument {
    /// `folder`: what the field holds at first (the last folder written to in this session, else ~/invoices).
    public static func writeFiles(of document: InvoiceDocument, folder: String) -> WriteFilesDialog {
        var rules = Form<FolderForm>.Rules()
        rules.width = { _ in 52 }   // as wide as 80 columns allow: a path is long
        let names = DocumentFormat.allCases.map { "\(document.number).\($0.fileExtension)" }
        let what = "Writes \(names[0]) (the PDF) and \(names[1]) (the e-invoice, UBL) into this folder; a file "
            + "already there with the same bytes is left as it is."
        let lines = DisplayWidth.wrap(what, to: 76).map { (" " + $0, CellStyle.muted) }
        rules.trailer = { _ in lines }
        return WriteFilesDialog("Write files", title: "Write the files of \(document.title)", context: document,
                                form: Form(FolderSchema.fields, model: FolderForm(folder: folder), rules: rules),
                                save: "write both files into the folder",
                                cancel: "close without writing anything (asks first if the folder was changed)",
                                submit: "Write", refused: "Not written")
    }

    /// The service's refusal as the folder field's error, naming the folder and why (a render that failed,
    /// say, names no folder by itself).
    public static func refusal(_ error: ServiceError, folder: String) -> ServiceError {
        .invalid(error.fieldErrors.map { e in
            if ["folder", "out"].contains(e.field) { return FieldError(FolderSchema.folder.id, e.message) }
            let why = DocumentFormat(rawValue: e.field).map { "the \($0.label) cannot be made: \(e.message)" }
            return FieldError(FolderSchema.folder.id, "nothing written to \(folder): \(why ?? e.message)")
        })
    }

    /// Where the files went, for the invoice view: "Wrote INV-000001.pdf and INV-000001.xml to /home/alice".
    public static func wrote(_ files: [ExportedFile], to folder: String) -> String {
        func names(_ outcome: ExportedFile.Outcome) -> [String] {
            files.filter { $0.outcome == outcome }.map { String($0.path.split(separator: "/").last ?? "") }
        }
        let written = names(.written), same = names(.unchanged)
        let kept = same.joined(separator: " and ") + (same.count == 1 ? " was" : " were")
        if written.isEmpty { return "\(kept) already in \(folder), unchanged." }
        return "Wrote \(written.joined(separator: " and ")) to \(folder)"
            + (same.isEmpty ? "." : "; \(kept) already there, unchanged.")
    }
}
