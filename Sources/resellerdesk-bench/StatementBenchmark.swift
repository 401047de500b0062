import Foundation
import ResellerCore

/// `resellerdesk-bench collections --import N`: a camt.053 statement of N booked credits, each paying one
/// overdue account's invoice by its payment reference (structured, as banks carry it), read and booked by the
/// service as `payment import` does; then the same file again, which books nothing.
enum StatementBenchmark {
    static func run(path: String, entries: Int, dir: String) throws {
        let desk = BenchDesk.sqlite(path: path)
        let service = ResellerService(store: try Store(path: path), settings: BillingBenchmark.settings,
                                      clock: { BillingBenchmark.date("2027-03-12") })
        var invoices: [(number: String, minor: Int64)] = []
        for line in try desk.query("""
            SELECT number, total_minor FROM invoices WHERE billed_account_id <= \(entries) ORDER BY id;
            """).split(separator: "\n") {
            let parts = line.split(separator: "|")
            invoices.append((String(parts[0]), Int64(parts[1])!))
        }
        let file = dir + "/statement.xml"
        try statement(invoices).write(toFile: file, atomically: true, encoding: .utf8)
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        for round in ["import", "the same file again"] {
            let start = Date(), cpuStart = BillingBenchmark.cpuSeconds()
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let read = try StatementFile.items(bytes, file: "statement.xml")
            let parsed = Date().timeIntervalSince(start)
            let report = try service.importStatement(read, files: ["statement.xml"], by: .staff("bench"))
            let seconds = Date().timeIntervalSince(start), cpu = BillingBenchmark.cpuSeconds() - cpuStart
            print(String(format: "payment import, %@: %d entries (%.1f MiB) in %.2f s (CPU %.2f s; reading %.2f s), "
                         + "%.0f entries/s; %d booked, %d already imported, %d unmatched", round, read.count,
                         Double(size) / 1_048_576, seconds, cpu, parsed, Double(read.count) / seconds,
                         report.count("booked"), report.count("already imported"), report.count("unmatched")))
        }
        let resumed = try desk.count("""
            SELECT COUNT(*) FROM accounts WHERE status = 'active' AND status_by = 'collections'
            """)
        print("check: \(resumed == entries ? "ok" : "WRONG") \(resumed) suspended accounts resumed by their payment "
              + "(expected \(entries))")
    }

    /// One camt.053.001.08 statement, one entry per invoice, its reference in `CdtrRefInf`.
    static func statement(_ invoices: [(number: String, minor: Int64)]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
            <GrpHdr><MsgId>BENCH-1</MsgId><CreDtTm>2027-03-12T06:00:00</CreDtTm></GrpHdr>
            <Stmt><Id>BENCH-STMT-1</Id><CreDtTm>2027-03-12T06:00:00</CreDtTm>
            <Acct><Id><IBAN>GR1601101250000000012300695</IBAN></Id></Acct>

            """
        for (n, invoice) in invoices.enumerated() {
            let amount = String(format: "%lld.%02lld", invoice.minor / 100, invoice.minor % 100)
            let reference = PaymentReference(number: invoice.number)!.text
            xml += """
                <Ntry><Amt Ccy="EUR">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>2027-03-12</Dt></BookgDt><ValDt><Dt>2027-03-12</Dt></ValDt>
                <AcctSvcrRef>BENCH-\(n + 1)</AcctSvcrRef><BkTxCd/>
                <NtryDtls><TxDtls><Refs><EndToEndId>E2E-\(n + 1)</EndToEndId></Refs>
                <Amt Ccy="EUR">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                <RltdPties><Dbtr><Pty><Nm>Bench Reseller \(n + 1)</Nm></Pty></Dbtr></RltdPties>
                <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp>
                <Ref>\(reference)</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>

                """
        }
        return xml + "</Stmt></BkToCstmrStmt></Document>\n"
    }
}
