import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// The invoice view's `w` (#24): the folder asked for in the one form dialog, Enter writing, Esc closing; where
/// the files went on the view; a refusal beside the folder, naming it and why.
@Suite struct WriteFilesDialogTests {
    /// The demo reseller's first invoice, as the view shows it.
    static func invoice() throws -> (ResellerService, InvoiceDocument) {
        let (service, _, id) = try BillingScreensTests.service()
        try DemoDesk.order(service, id, "VM-2C4G", 2)
        let invoice = try #require(try service.invoices(of: id).first)
        return (service, InvoiceDocument(invoice: invoice, account: try service.account(id)))
    }

    /// A fresh folder under the temporary one, removed when the test ends.
    static func scratch() -> String {
        NSTemporaryDirectory() + "write-files-" + UUID().uuidString.prefix(8)
    }

    @Test func wAsksForTheFolderAndEnterWritesIt() throws {
        let (_, doc) = try Self.invoice()
        var view = DocumentScreen(doc, accountCode: "ACC-000001")
        #expect(view.render(width: 80, height: 24).text.contains("Esc Back  w Write files  ? Help"))
        #expect(view.update(.char("w"), height: 24) == [.writeFiles])
        #expect(view.help.render(width: 80, height: 24).text.contains("write its PDF and e-invoice (XML) to a folder"))

        var d = WriteFilesDialog.writeFiles(of: doc, folder: "/home/alice/invoices")
        #expect(d.model.folder == "/home/alice/invoices" && d.focus == "folder")
        let shown = d.render(width: 80, height: 24)
        #expect(shown.text.contains("Write the files of Invoice \(doc.number)"))
        #expect(joined(shown).contains("Writes \(doc.number).pdf (the PDF) and \(doc.number).xml (the e-invoice, UBL)"))
        #expect(shown.text.contains("Enter Write  Esc Cancel  F1 Help"))
        try expectGolden(shown, "write-files-80x24")
        #expect(d.update(.escape) == [.cancel])                         // nothing typed: closes at once
        #expect(d.update(.function(1)) == [.help])
        #expect(d.help.render(width: 80, height: 24).text.contains("write both files into the folder"))

        _ = d.update(.ctrl("u"))
        for c in "~/invoices/2026/" { _ = d.update(.char(c)) }
        #expect(d.update(.enter) == [.save(FolderForm(folder: "~/invoices/2026/"))])
        #expect(try d.model.path(home: "/home/alice", current: "/srv") == "/home/alice/invoices/2026")
        #expect(try FolderForm(folder: "~").path(home: "/home/alice", current: "/srv") == "/home/alice")
        #expect(try FolderForm(folder: " out/../x ").path(home: "/home/alice", current: "/srv") == "/srv/x")
        #expect(throws: ServiceError.invalid([FieldError("folder", "folder is required")])) {
            try FolderForm(folder: "  ").path(home: "/home/alice", current: "/srv")
        }
        // Typed, Esc asks first; n keeps what was typed.
        #expect(d.update(.escape).isEmpty)
        #expect(d.render(width: 80, height: 24).text.contains("Discard what was typed in Write files? y/n"))
        #expect(d.update(.char("n")).isEmpty && d.model.folder == "~/invoices/2026/")
    }

    @Test func theViewSaysWhereTheFilesWentAndARefusalNamesTheFolder() throws {
        let (service, doc) = try Self.invoice()
        let folder = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try service.exportDocuments([doc.number], formats: DocumentFormat.allCases, folder: folder,
                                                strict: true, by: .staff("alice"))
        let n = doc.number
        #expect(WriteFilesDialog.wrote(files, to: folder) == "Wrote \(n).pdf and \(n).xml to \(folder).")
        let again = try service.exportDocuments([n], formats: DocumentFormat.allCases, folder: folder, strict: true,
                                                by: .staff("alice"))
        #expect(WriteFilesDialog.wrote(again, to: folder)
                == "\(n).pdf and \(n).xml were already in \(folder), unchanged.")
        var mixed = again
        mixed[1].outcome = .written
        #expect(WriteFilesDialog.wrote(mixed, to: folder)
                == "Wrote \(n).xml to \(folder); \(n).pdf was already there, unchanged.")

        var view = DocumentScreen(doc, accountCode: "ACC-000001")
        view.notify(WriteFilesDialog.wrote(files, to: "/home/alice/invoices"))
        try expectGolden(view.render(width: 80, height: 24), "invoice-view-wrote-80x24")
        _ = view.update(.down, height: 24)                              // the next key: the notice goes
        #expect(view.notice == nil)

        // A file where the folder should be: the service's words beside the field, what was typed kept.
        let file = folder + "/a-file"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("not a folder".utf8)))
        var d = WriteFilesDialog.writeFiles(of: doc, folder: file)
        do {
            _ = try service.exportDocuments([n], formats: DocumentFormat.allCases, folder: file, strict: true,
                                            by: .staff("alice"))
            Issue.record("a file was taken for a folder")
        } catch {
            d.saveFailed(WriteFilesDialog.refusal(error, folder: file))
        }
        #expect(d.errors == ["folder": "\(file) is a file: name a folder to write the documents into"])
        #expect(d.model.folder == file && d.message == "Not written: 1 field to fix")
        #expect(joined(d.render(width: 80, height: 24)).contains("Folder: \(file) is a file: name a folder"))
        let there = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(there == ["\(n).pdf", "\(n).xml", "a-file"])                 // nothing more written

        // A document that cannot be made names the folder, which it did not touch.
        var pdf = WriteFilesDialog.writeFiles(of: doc, folder: "/home/alice/invoices")
        pdf.saveFailed(WriteFilesDialog.refusal(.refused(field: "pdf", message: "the seller's logo is not a PNG"),
                                                folder: "/home/alice/invoices"))
        #expect(pdf.errors["folder"]
                == "nothing written to /home/alice/invoices: the PDF cannot be made: the seller's logo is not a PNG")
        try expectGolden(pdf.render(width: 80, height: 24), "write-files-refused-80x24")
        _ = pdf.update(.char("x"))                                      // being corrected: the error goes
        #expect(pdf.errors.isEmpty)
    }
}
