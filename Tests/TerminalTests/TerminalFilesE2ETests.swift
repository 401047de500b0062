import Foundation
import ResellerCore
import Testing
import DeskTestSupport

/// An invoice's two files written from its view (#24, `w`) in the built binary: the folder asked for (~/invoices
/// at first, then the last one written to), both files there with the bytes the service keeps, the view saying
/// where; a file named as the folder refused beside the field, and nothing written.
extension TerminalE2ETests {
    /// The reseller's order invoice, INV-000001, open as it prints, on a desk whose home folder is `home`.
    func openFirstInvoice(_ session: TmuxSession, home: String) throws {
        _ = try cli.reseller()
        try session.start("bash -c 'HOME=\(home) LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) SUDO_USER=dora \(CLI.binary)'")
        try session.waitFor("ACC-000001")
        try session.keys("Enter")
        try session.waitFor("e Edit  $ Payment")
        try session.keys("6")
        try session.waitFor(" Invoices 1 ")
        try session.waitFor("INV-000001")
        try session.keys("Enter")
        try session.waitFor("ResellerDesk · ACC-000001 · Invoice INV-000001")
        try session.waitFor("Esc Back  w Write files  ? Help")
    }

    /// The kept bytes of INV-000001's files, as the service gives them.
    func keptFiles() throws -> [DocumentFormat: [UInt8]] {
        let service = ResellerService(store: try cli.openStore(), settings: .test)
        var out: [DocumentFormat: [UInt8]] = [:]
        for format in DocumentFormat.allCases {
            out[format] = try service.documentFile(number: "INV-000001", format: format, by: .staff("dora")).bytes
        }
        return out
    }

    @Test func writeAnInvoicesFilesToAFolder() throws {
        let home = cli.folder + "/home", folder = cli.folder + "/out/2026"
        let session = TmuxSession()
        defer { session.kill() }
        try openFirstInvoice(session, home: home)

        try session.keys("w")
        try session.waitFor("Write the files of Invoice INV-000001")
        try session.waitFor("/home/invoices")                              // the default: ~/invoices
        try session.waitFor("Enter Write  Esc Cancel  F1 Help")
        try session.keys("C-u", folder, "Enter")
        try waitForWrapped(session, "Wrote INV-000001.pdf and INV-000001.xml to \(folder).")
        try session.waitFor("ResellerDesk · ACC-000001 · Invoice INV-000001")
        let kept = try keptFiles()
        for format in DocumentFormat.allCases {
            let path = folder + "/INV-000001." + format.fileExtension
            let written = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            #expect(written != nil && written == kept[format], "\(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: home + "/invoices"))

        // Again: the dialog offers the folder just written to, and finds the files there already.
        try session.keys("w")
        try session.waitFor("/out/2026")
        try session.keys("Enter")
        try waitForWrapped(session, "INV-000001.pdf and INV-000001.xml were already in \(folder), unchanged.")

        // A file named as the folder: refused beside the field, what was typed kept, nothing written.
        let file = cli.folder + "/list.csv"
        try session.keys("w", "C-u", file, "Enter")
        try waitForWrapped(session, "Folder: \(file) is a file: name a folder to write the documents into")
        try session.waitFor("Write the files of Invoice INV-000001")
        try session.waitFor("/list.csv")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).allSatisfy { !$0.hasPrefix("INV-") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == ["INV-000001.pdf", "INV-000001.xml"])
        try session.keys("Escape")
        try session.waitFor("Discard what was typed in Write files? y/n")
        try session.keys("y")
        try session.waitFor("Esc Back  w Write files  ? Help", without: "already in")
    }
}
