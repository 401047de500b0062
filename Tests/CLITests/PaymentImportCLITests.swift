import Foundation
import ResellerCore
import Testing
import DeskTestSupport

/// `payment import` through the real binary (domain.md#collections: bank statements): camt.053 and camt.054 in
/// every version 001.02–001.08, as `CamtFixture` writes them the way banks do; repeats, a batched entry,
/// references structured and in free text, pending, a debit, another currency, nothing matched, a broken file;
/// then the unmatched queue.
@Suite struct PaymentImportCLITests {
    let desk = TaxDesk()

    /// Two Greek resellers, each with its order's invoice of 12.40 (INV-000001, INV-000002), unpaid.
    func setUp() throws {
        for n in 1...2 {
            let code = try desk.account("GR", vat: "EL094259216", credit: "10000.00")
            #expect(code == AccountCode.format(Int64(n)))
            _ = try desk.order(code, ["SVC=1"])
        }
    }

    func write(_ file: CamtFixture, _ name: String) throws -> String {
        let path = desk.cli.folder + "/" + name
        try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func payments(_ code: String) throws -> [[String: Any]] {
        try #require(try desk.run(["payment", "list", code, "--json"]).json as? [[String: Any]])
    }

    var rf1: String { PaymentReference(number: "INV-000001")!.text }

    @Test func everyVersionOfBothKindsIsBookedOnceHoweverOftenItIsImported() throws {
        try setUp()
        var paths: [String] = []
        for kind in [BankStatementFile.Kind.statement, .notification] {
            for version in 2...8 {
                let file = CamtFixture(kind, version: version, statements: [.init(entries: [
                    .credit("0.50", reference: "\(kind.rawValue)-\(version)", structured: [rf1], debtor: "Aegean"),
                ])])
                paths.append(try write(file, "\(kind.rawValue)-\(version).xml"))
            }
        }
        let first = try desk.run(["payment", "import"] + paths + ["--json"])
        #expect(first.code == 0, "\(first.err)")
        #expect(first.object["booked"] as? Int == 14)
        let again = try desk.run(["payment", "import"] + paths + ["--json"])
        #expect(again.object["booked"] as? Int == 0 && again.object["alreadyImported"] as? Int == 14)
        let paid = try payments("ACC-000001")
        #expect(paid.count == 14 && paid.allSatisfy { $0["amount"] as? String == "0.50" })
        #expect((paid.first?["note"] as? String)?.hasPrefix("Bank transfer · ") == true)
    }

    @Test func aBankDaysMixBookedWaitingAndPendingThenTheQueue() throws {
        try setUp()
        let printed = PaymentReference(number: "INV-000001")!.printed
        let file = CamtFixture(version: 8, statements: [.init(entries: [
            // A batch of two transfers: one by the printed reference in free text, one by the invoice number.
            .init("24.80", reference: "BATCH-1", transactions: [
                .init(amount: "12.40", debtorName: "Aegean", unstructured: ["Invoice ref \(printed) thanks"]),
                .init(amount: "12.40", debtorName: "Nefos", unstructured: ["pays INV000002"]),
            ]),
            .credit("5.00", reference: "ACC-ONLY", unstructured: ["for ACC-000002"], debtor: "Nefos"),
            .init("9.99", status: .pending, reference: "PENDING-1",
                  transactions: [.init(structured: [rf1])]),
            .init("12.40", direction: .debit, reference: "RETURNED-1",
                  transactions: [.init(unstructured: ["RETURN"])]),
            .credit("12.40", "USD", reference: "DOLLARS-1", structured: [rf1], debtor: "Someone"),
            .credit("3.00", reference: "NOTHING-1", unstructured: ["thank you"], debtor: "Unknown"),
        ])])
        let path = try write(file, "day.xml")
        let r = try desk.run(["payment", "import", path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("7 transaction(s): 3 booked, 0 already imported, 3 waiting, 1 pending"), "\(r.out)")
        #expect(try payments("ACC-000001").map { $0["amount"] as? String } == ["12.40"])
        #expect(Set(try payments("ACC-000002").compactMap { $0["amount"] as? String }) == ["12.40", "5.00"])
        let invoices = try #require(try desk.run(["invoice", "list", "--json"]).json as? [[String: Any]])
        #expect(invoices.allSatisfy { $0["status"] as? String == "Paid" })

        let waiting = try #require(try desk.run(["payment", "unmatched", "list", "--json"]).json as? [[String: Any]])
        #expect(waiting.compactMap { $0["key"] as? String }.map { $0.components(separatedBy: "/").last! }
                == ["RETURNED-1", "DOLLARS-1", "NOTHING-1"])
        let ids = waiting.compactMap { $0["entry"] as? Int }.map(String.init)
        #expect((waiting[1]["why"] as? String)?.hasPrefix("in USD, but ACC-000001") == true)
        let debit = try desk.run(["payment", "unmatched", "assign", ids[0], "ACC-000001"])
        #expect(debit.code == 1 && debit.err.contains("is a debit, not a payment"), "\(debit.err)")
        let dollars = try desk.run(["payment", "unmatched", "assign", ids[1], "ACC-000001"])
        #expect(dollars.err.contains("is in USD, but ACC-000001 is billed in EUR"), "\(dollars.err)")
        #expect(try desk.run(["payment", "unmatched", "assign", ids[2], "ACC-000001"]).code == 0)
        #expect(try payments("ACC-000001").count == 2)
        let noReason = try desk.run(["payment", "unmatched", "dismiss", ids[0], "--reason", " "])
        #expect(noReason.err.contains("reason: reason is required"))
        #expect(try desk.run(["payment", "unmatched", "dismiss", ids[0], "--reason", "returned by the bank"]).code == 0)
        #expect(try desk.run(["payment", "unmatched", "dismiss", ids[0], "--reason", "again"]).err
                .contains("was already dismissed by carol"))
        let left = try #require(try desk.run(["payment", "unmatched", "list", "--json"]).json as? [[String: Any]])
        #expect(left.count == 1)
        // The pending entry, booked by the next day's statement, is booked then.
        let next = CamtFixture(version: 8, statements: [.init(id: "STMT-2", entries: [
            .init("9.99", reference: "PENDING-1", transactions: [.init(structured: [rf1])]),
        ])])
        let booked = try desk.run(["payment", "import", try write(next, "next.xml"), "--json"])
        #expect(booked.object["booked"] as? Int == 1)
    }

    @Test func aFileThatIsNotCamtIsRefusedWholeNamingTheLineAndNothingIsBooked() throws {
        try setUp()
        let good = try write(CamtFixture(statements: [.init(entries: [
            .credit("1.00", reference: "GOOD-1", structured: [rf1]),
        ])]), "good.xml")
        let broken = desk.cli.folder + "/broken.xml"
        try ("<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">\n"
             + "<Stmt>\n</Document>\n")
            .write(toFile: broken, atomically: true, encoding: .utf8)
        let r = try desk.run(["payment", "import", good, broken])
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("file: \(broken) line 4: "), "\(r.err)")
        #expect(r.err.contains("nothing was booked"))
        #expect(try payments("ACC-000001").isEmpty)
        let text = desk.cli.folder + "/notes.txt"
        try "date;amount\n2027-03-12;12.40\n".write(toFile: text, atomically: true, encoding: .utf8)
        let csv = try desk.run(["payment", "import", text])
        #expect(csv.code == 1 && csv.err.contains("line 1"), "\(csv.err)")
        let missing = try desk.run(["payment", "import", desk.cli.folder + "/none.xml"])
        #expect(missing.err.contains("none.xml does not exist"))
    }
}
