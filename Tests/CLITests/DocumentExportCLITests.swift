import Foundation
import ResellerCore
import Testing
import DeskTestSupport

/// `invoice export` and `credit-note export` (issue #24) through the real binary: one document's files, a
/// range into a folder (named by number, idempotent), `paymentReference` in `invoice show --json`, and each
/// bad flag refused naming itself.
@Suite(.serialized) struct DocumentExportCLITests {
    /// A Greek reseller's order on 2027-01-10 (INV-000001), then its subscription cancelled on 2027-01-20
    /// (CRN-000001).
    func desk() throws -> TaxDesk {
        let desk = TaxDesk()
        let code = try desk.account("GR")
        _ = try desk.order(code, ["SVC=10"])
        let subs = try desk.run(["subscription", "list", "--account", code, "--json"], on: "2027-01-20")
        let id = try #require((subs.json as? [[String: Any]])?.first?["id"] as? Int)
        #expect(try desk.run(["subscription", "cancel", String(id), "--now"], on: "2027-01-20").code == 0)
        return desk
    }

    @Test func oneDocumentsFilesAndItsReference() throws {
        let desk = try desk()
        let shown = try desk.show("INV-000001")
        #expect(shown["paymentReference"] as? String == "RF69INV000001")
        #expect(try desk.show("CRN-000001")["paymentReference"] == nil)
        let folder = desk.cli.folder + "/one"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let both = try desk.run(["invoice", "export", "inv-000001", "--out", folder])
        #expect(both.code == 0, "\(both.err)")
        #expect(both.out.contains("Wrote \(folder)/INV-000001.pdf") && both.out.contains("2 written, 0 unchanged."))
        let pdf = try #require(FileManager.default.contents(atPath: folder + "/INV-000001.pdf"))
        let xml = try #require(FileManager.default.contents(atPath: folder + "/INV-000001.xml"))
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        #expect(String(decoding: xml, as: UTF8.self).contains("<cbc:PaymentID>RF69INV000001</cbc:PaymentID>"))
        // One format to a file of its own name; the same bytes as the folder's.
        let single = try desk.run(["credit-note", "export", "CRN-000001", "--format", "ubl", "--out",
                                   desk.cli.folder + "/credit.xml", "--json"])
        #expect(single.code == 0, "\(single.err)")
        let row = try #require((single.json as? [[String: Any]])?.first)
        #expect(row["outcome"] as? String == "written" && row["format"] as? String == "ubl")
        #expect(FileManager.default.fileExists(atPath: desk.cli.folder + "/credit.xml"))
        let again = try desk.run(["invoice", "export", "INV-000001", "--format", "pdf", "--out", folder])
        #expect(again.out.contains("Unchanged \(folder)/INV-000001.pdf"))
    }

    @Test func aRangeIntoAFolderTwice() throws {
        let desk = try desk()
        let folder = desk.cli.folder + "/january"
        let args = ["invoice", "export", "--from", "2027-01-01", "--to", "2027-01-31", "--folder", folder, "--json"]
        let first = try desk.run(args)
        #expect(first.code == 0, "\(first.err)")
        let rows = try #require(first.json as? [[String: Any]])
        #expect(rows.map { "\($0["number"]!).\($0["format"]!) \($0["outcome"]!)" }
                    == ["INV-000001.pdf written", "INV-000001.ubl written", "CRN-000001.pdf written",
                        "CRN-000001.ubl written"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                    == ["CRN-000001.pdf", "CRN-000001.xml", "INV-000001.pdf", "INV-000001.xml"])
        let second = try #require(try desk.run(args).json as? [[String: Any]])
        #expect(second.map { $0["outcome"] as? String } == Array(repeating: "unchanged", count: 4))
        #expect(second.map { $0["sha256"] as? String } == rows.map { $0["sha256"] as? String })
        // A credit-note export takes only the credit notes; an empty range says so.
        let notes = try desk.run(["credit-note", "export", "--from", "2027-01-01", "--to", "2027-01-31", "--folder",
                                  desk.cli.folder + "/notes"])
        #expect(notes.code == 0 && notes.out.contains("CRN-000001.pdf") && !notes.out.contains("INV-"))
        let none = try desk.run(["invoice", "export", "--from", "2026-01-01", "--to", "2026-01-31", "--folder",
                                 desk.cli.folder + "/empty"])
        #expect(none.code == 0 && none.out.contains("No invoices or credit notes in that range."))
    }

    @Test func badFlagsAreRefusedNamingThem() throws {
        let desk = try desk()
        let cases: [([String], Int32, String)] = [
            (["invoice", "export"], 2, "give the number of a document, or all of --from, --to and --folder"),
            (["invoice", "export", "INV-000001", "--from", "2027-01-01"], 2, "not both"),
            (["invoice", "export", "INV-000001", "--format", "docx"], 2, "--format must be pdf, ubl or both"),
            (["invoice", "export", "--from", "2027-01-01", "--to", "2027-01-31"], 2, "--folder"),
            (["invoice", "export", "--from", "2027-02-31", "--to", "2027-03-01", "--folder", "x"], 1, "from:"),
            (["invoice", "export", "--from", "2027-02-01", "--to", "2027-01-01", "--folder", "x"], 1,
             "to: --to must not be before --from"),
            (["invoice", "export", "INV-000042"], 1, "invoice: no invoice INV-000042"),
            (["credit-note", "export", "CRN-000042"], 1, "creditNote: no credit note CRN-000042"),
            (["invoice", "export", "INV-000001", "--out", "/nonexistent/dir/x.pdf", "--format", "pdf"], 1,
             "out: cannot write /nonexistent/dir/x.pdf"),
        ]
        for (args, code, message) in cases {
            let r = try desk.run(args)
            #expect(r.code == code && r.err.contains(message), "\(args): \(r.code) \(r.err)")
        }
    }
}
