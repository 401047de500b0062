import DeskTestSupport
import Testing
@testable import ResellerCore

/// camt.053 and camt.054 in every version read into the same entries, with integer amounts and stable keys;
/// anything wrong refuses the whole file, naming the line.
@Suite struct CamtReaderTests {
    typealias Entry = CamtFixture.Entry
    typealias Transaction = CamtFixture.Transaction

    static let iban = "DE89370400440532013000"
    static let greekIBAN = "GR1601101250000000012300695"

    /// Two statements: a payment by reference, a batch of two, a returned transfer without details; a pending
    /// entry, and a reversal in yen dated by date and time.
    static func sample(_ kind: CamtFixture.Kind, version: Int) -> CamtFixture {
        CamtFixture(kind, version: version, statements: [
            .init(id: "S-1", entries: [
                .credit("119.00", reference: "BANK-1", structured: ["RF73INV000123"], debtor: "Aegean Cloud"),
                Entry("250.50", reference: "BANK-2", entryRef: "N-2", transactions: [
                    Transaction(amount: "200.00", reference: "TX-1", endToEndId: "E2E-1",
                                debtorName: "Ionian Hosting", unstructured: ["Invoice INV-000124", "thanks"]),
                    Transaction(amount: "50.50", reference: "TX-2", endToEndId: "NOTPROVIDED",
                                debtorName: "Cretan Data & Co", structured: ["RF46INV000124", "ORDER 7"],
                                unstructured: ["ACC-000007"]),
                ]),
                Entry("30.00", direction: .debit, reference: "BANK-3", additionalInfo: "Returned: account closed"),
            ]),
            .init(id: "S-2", iban: greekIBAN, entries: [
                Entry("15.00", status: .pending, reference: "BANK-4", bookingDate: nil, valueDate: "2024-03-07",
                      transactions: [Transaction(unstructured: ["INV-000125"])]),
                Entry("1500", "JPY", reversal: true, reference: "BANK-5", bookingDate: "2024-02-29", dateTime: true,
                      transactions: [Transaction(amount: "1500", debtorName: "Αιγαίο ΑΕ")]),
            ]),
        ])
    }

    static let everyVersion: [CamtFixture] = [CamtFixture.Kind.statement, .notification].flatMap { kind in
        CamtReader.versions.map { sample(kind, version: $0) }
    }

    static func day(_ text: String) -> CalendarDay { try! CalendarDay.parse(text, field: "day", label: "day") }

    static func tx(_ amount: Int64, _ currency: String = "EUR", reference: String? = nil, endToEnd: String? = nil,
                   debtor: String? = nil, structured: [String] = [], unstructured: [String] = [],
                   key: String) -> BankTransaction {
        BankTransaction(amount: amount, currency: currency, reference: reference, endToEndId: endToEnd,
                        debtorName: debtor, structuredReferences: structured, unstructured: unstructured, key: key)
    }

    /// What `sample` holds, in every version and kind alike (lines aside).
    static let expected: [BankStatement] = [
        BankStatement(id: "S-1", account: iban, entries: [
            BankEntry(line: 0, position: 1, reference: "BANK-1", entryRef: nil, amount: 11900, currency: "EUR",
                      direction: .credit, reversal: false, status: .booked, bookingDate: day("2024-03-05"),
                      valueDate: day("2024-03-05"), transactions: [
                        tx(11900, debtor: "Aegean Cloud", structured: ["RF73INV000123"], key: "\(iban)/BANK-1"),
                      ]),
            BankEntry(line: 0, position: 2, reference: "BANK-2", entryRef: "N-2", amount: 25050, currency: "EUR",
                      direction: .credit, reversal: false, status: .booked, bookingDate: day("2024-03-05"),
                      valueDate: day("2024-03-05"), transactions: [
                        tx(20000, reference: "TX-1", endToEnd: "E2E-1", debtor: "Ionian Hosting",
                           unstructured: ["Invoice INV-000124", "thanks"], key: "\(iban)/TX-1"),
                        tx(5050, reference: "TX-2", debtor: "Cretan Data & Co",
                           structured: ["RF46INV000124", "ORDER 7"], unstructured: ["ACC-000007"],
                           key: "\(iban)/TX-2"),
                      ]),
            BankEntry(line: 0, position: 3, reference: "BANK-3", entryRef: nil, amount: 3000, currency: "EUR",
                      direction: .debit, reversal: false, status: .booked, bookingDate: day("2024-03-05"),
                      valueDate: day("2024-03-05"), transactions: [
                        tx(3000, unstructured: ["Returned: account closed"], key: "\(iban)/BANK-3"),
                      ]),
        ], line: 0),
        BankStatement(id: "S-2", account: greekIBAN, entries: [
            BankEntry(line: 0, position: 1, reference: "BANK-4", entryRef: nil, amount: 1500, currency: "EUR",
                      direction: .credit, reversal: false, status: .pending, bookingDate: nil,
                      valueDate: day("2024-03-07"), transactions: [
                        tx(1500, unstructured: ["INV-000125"], key: "\(greekIBAN)/BANK-4"),
                      ]),
            BankEntry(line: 0, position: 2, reference: "BANK-5", entryRef: nil, amount: 1500, currency: "JPY",
                      direction: .credit, reversal: true, status: .booked, bookingDate: day("2024-02-29"),
                      valueDate: day("2024-03-05"), transactions: [
                        tx(1500, "JPY", debtor: "Αιγαίο ΑΕ", key: "\(greekIBAN)/BANK-5"),
                      ]),
        ], line: 0),
    ]

    static func withoutLines(_ statements: [BankStatement]) -> [BankStatement] {
        statements.map { statement in
            var s = statement
            s.line = 0
            s.entries = s.entries.map { var e = $0; e.line = 0; return e }
            return s
        }
    }

    @Test(arguments: [CamtFixture.Kind.statement, .notification], CamtReader.versions)
    func readsEveryVersionOfBothKinds(kind: CamtFixture.Kind, version: Int) throws {
        let fixture = Self.sample(kind, version: version)
        let file = try CamtReader.read(fixture.bytes)
        #expect(file.kind == kind && file.version == version && file.messageId == "MSG-20240305")
        #expect(Self.withoutLines(file.statements) == Self.expected)
        // Each line named is where its element starts.
        let lines = fixture.text.split(separator: "\n", omittingEmptySubsequences: false)
        for statement in file.statements {
            #expect(lines[statement.line - 1].contains(kind == .statement ? "<Stmt>" : "<Ntfctn>"))
            for entry in statement.entries { #expect(lines[entry.line - 1].contains("<Ntry>")) }
        }
    }

    @Test func theFixtureWritesEachVersionsShapes() {
        let v6 = Self.sample(.statement, version: 6).text, v7 = Self.sample(.statement, version: 7).text
        let v8 = Self.sample(.notification, version: 8).text, v2 = Self.sample(.notification, version: 2).text
        #expect(v6.contains("<Sts>BOOK</Sts>") && !v6.contains("<Cd>BOOK</Cd>"))
        #expect(v7.contains("<Cd>BOOK</Cd>") && v7.contains("<Dbtr>\n") && !v7.contains("<Pty>"))
        #expect(v8.contains("<Pty>") && v8.contains("camt.054.001.08") && v8.contains("<Ntfctn>"))
        #expect(v2.contains("<TxAmt>") && !v6.contains("<TxAmt>"))
    }

    /// Banks do not always write the shapes of the version they declare: either form is read in any version.
    @Test func readsEitherFormOfStatusAndDebtorInAnyVersion() throws {
        let v3 = Self.sample(.statement, version: 3).text
            .replacingOccurrences(of: "<Sts>BOOK</Sts>", with: "<Sts><Cd>BOOK</Cd></Sts>")
            .replacingOccurrences(of: "<Nm>Aegean Cloud</Nm>", with: "<Pty><Nm>Aegean Cloud</Nm></Pty>")
            .replacingOccurrences(of: "<Sts>PDNG</Sts>", with: "<Sts>FUTR</Sts>")
        let file = try CamtReader.read(Array(v3.utf8))
        #expect(Self.withoutLines(file.statements) == Self.expected)
        let info = Self.sample(.statement, version: 8).text.replacingOccurrences(of: "PDNG", with: "INFO")
        #expect(try CamtReader.read(Array(info.utf8)).statements[1].entries[0].status == .information)
    }

    /// Elements are matched by namespace, not by how the file spells it: a bank may use a prefix.
    @Test func readsAFileThatPrefixesItsElements() throws {
        let text = Self.sample(.notification, version: 6).text
            .replacing(/<(\/?)([A-Za-z])/) { "<\($0.1)camt:\($0.2)" }
            .replacingOccurrences(of: " xmlns=", with: " xmlns:camt=")
        #expect(text.contains("<camt:Ntfctn>") && text.contains("</camt:Document>"))
        let file = try CamtReader.read(Array(text.utf8))
        #expect(file.kind == .notification && Self.withoutLines(file.statements) == Self.expected)
        // A foreign element of the same name is not the statement's.
        let foreign = text.replacingOccurrences(of: "camt:Ntfctn>", with: "x:Ntfctn>")
            .replacingOccurrences(of: "<camt:Document ", with: "<camt:Document xmlns:x=\"urn:other\" ")
        #expect(throws: CamtError(line: 3, "<camt:BkToCstmrDbtCdtNtfctn> holds no <Ntfctn>: expected at least one")) {
            try CamtReader.read(Array(foreign.utf8))
        }
    }

    // MARK: - Amounts in minor units

    static func amount(_ text: String, _ currency: String) throws(CamtError) -> Int64 {
        let fixture = CamtFixture(statements: [.init(entries: [.credit(text, currency, reference: "R")])])
        let file = try CamtReader.read(fixture.bytes)
        #expect(file.statements[0].entries[0].transactions[0].amount == file.statements[0].entries[0].amount)
        return file.statements[0].entries[0].amount
    }

    @Test(arguments: [
        ("1500", "JPY", 1500), ("0", "JPY", 0), ("1500.00", "JPY", 1500),
        ("119.00", "EUR", 11900), ("119", "EUR", 11900), ("0.5", "EUR", 50), ("0.01", "EUR", 1),
        ("100.000", "EUR", 10000), ("  42.10\n", "EUR", 4210), ("999999999999.99", "USD", 99_999_999_999_999),
        ("1.234", "BHD", 1234), ("0.005", "KWD", 5), ("12.3", "KWD", 12300),
    ] as [(String, String, Int64)])
    func amountsAreExactInMinorUnits(text: String, currency: String, minor: Int64) throws {
        #expect(try Self.amount(text, currency) == minor)
    }

    @Test(arguments: [
        ("1500.5", "JPY", "the amount 1500.5 has more decimals than JPY has minor digits: expected at most 0, as 1234"),
        ("100.005", "EUR", "the amount 100.005 has more decimals than EUR has minor digits: expected at most 2"),
        ("1.2345", "BHD", "the amount 1.2345 has more decimals than BHD has minor digits: expected at most 3"),
        ("-5.00", "EUR", "the amount \"-5.00\" is not a number: expected digits and a decimal point, as 1234.55"),
        ("+5", "EUR", "the amount \"+5\" is not a number"), ("1e3", "EUR", "is not a number"),
        ("1.", "EUR", "is not a number"), (".5", "EUR", "is not a number"), ("", "EUR", "is not a number"),
        ("1.2.3", "EUR", "is not a number"), ("١٢", "EUR", "is not a number"), ("1 000", "EUR", "is not a number"),
        ("99999999999999999.99", "EUR", "the amount 99999999999999999.99 is too large"),
        ("10.00", "eur", "Ccy=\"eur\" is not a currency code: expected three capital letters, as EUR"),
        ("10.00", "XOF", "the currency XOF is not one the desk knows, so its minor units are unknown"),
    ])
    func refusesAmountsThatAreNotExact(text: String, currency: String, words: String) {
        do {
            _ = try Self.amount(text, currency)
            Issue.record("read \(text) \(currency)")
        } catch {
            #expect(error.message.contains(words), "\(error)")
            #expect(error.line == 29, "the line of the entry's <Amt>: \(error)")
        }
    }

    // MARK: - Keys

    static func keys(_ entries: [Entry], iban: String? = iban) throws -> [[String]] {
        let fixture = CamtFixture(.notification, statements: [.init(id: "N-9", iban: iban, entries: entries)])
        return try CamtReader.read(fixture.bytes).statements[0].entries.map { $0.transactions.map(\.key) }
    }

    @Test func keysPreferTheBanksReferencesAndFallBackInOrder() throws {
        let two = [Transaction(amount: "1.00"), Transaction(amount: "2.00")]
        #expect(try Self.keys([
            Entry("3.00", reference: "E-1", transactions: two),
            Entry("3.00", reference: "E-2", transactions: [
                Transaction(amount: "1.00", reference: "T-1"), Transaction(amount: "2.00"),
            ]),
            Entry("3.00", reference: "E-3", transactions: [Transaction(amount: "3.00", reference: "E-3")]),
            Entry("3.00", reference: "E-4", transactions: [Transaction(amount: "3.00", reference: "T-4")]),
            Entry("3.00", entryRef: "NR-5", transactions: two),
            Entry("3.00", entryRef: "NR-6"),
            Entry("3.00", status: .pending, entryRef: "NR-7", bookingDate: nil),
            Entry("3.00"),
            Entry("3.00", transactions: two),
        ]) == [
            ["\(Self.iban)/E-1/1", "\(Self.iban)/E-1/2"],
            ["\(Self.iban)/T-1", "\(Self.iban)/E-2/2"],
            ["\(Self.iban)/E-3"],
            ["\(Self.iban)/T-4"],
            ["\(Self.iban)/NtryRef NR-5 2024-03-05/1", "\(Self.iban)/NtryRef NR-5 2024-03-05/2"],
            ["\(Self.iban)/NtryRef NR-6 2024-03-05"],
            ["\(Self.iban)/NtryRef NR-7 -"],
            ["\(Self.iban)/Stmt N-9 #8"],
            ["\(Self.iban)/Stmt N-9 #9/1", "\(Self.iban)/Stmt N-9 #9/2"],
        ])
        #expect(try Self.keys([Entry("3.00", reference: "E-1")], iban: nil) == [["E-1"]])
    }

    /// A bank that repeats the entry's reference, or one reference, in each transaction of a batch would
    /// have its transactions booked as one: they fall back to the entry's reference and their place.
    @Test func repeatedTransactionReferencesFallBackToTheirPlace() throws {
        #expect(try Self.keys([
            Entry("3.00", reference: "E-1", transactions: [
                Transaction(amount: "1.00", reference: "E-1"), Transaction(amount: "2.00", reference: "E-1"),
            ]),
            Entry("3.00", reference: "E-2", transactions: [
                Transaction(amount: "1.00", reference: "T"), Transaction(amount: "2.00", reference: "T"),
                Transaction(amount: "0.00", reference: "U"),
            ]),
        ]) == [
            ["\(Self.iban)/E-1/1", "\(Self.iban)/E-1/2"],
            ["\(Self.iban)/E-2/1", "\(Self.iban)/E-2/2", "\(Self.iban)/U"],
        ])
    }

    @Test func theSameEntryInTwoFilesHasTheSameKey() throws {
        let entry = Entry.credit("119.00", reference: "BANK-1", structured: ["RF73INV000123"])
        let notification = CamtFixture(.notification, version: 4, statements: [.init(id: "N-1", entries: [entry])])
        let statement = CamtFixture(.statement, version: 8, statements: [.init(id: "S-1", entries: [
            Entry.credit("5.00", reference: "BANK-0"), entry,
        ])])
        let first = try CamtReader.read(notification.bytes).statements[0].entries[0].transactions[0].key
        let second = try CamtReader.read(statement.bytes).statements[0].entries[1].transactions[0].key
        #expect(first == second && first == "\(Self.iban)/BANK-1")
    }

    @Test func twoBookedEntriesWithOneReferenceRefuseTheFile() throws {
        let file = CamtFixture(statements: [
            .init(id: "S-1", entries: [Entry.credit("1.00", reference: "R-1")]),
            .init(id: "S-2", entries: [Entry("9.00", status: .pending, reference: "R-1"),
                                       Entry.credit("2.00", reference: "R-1")]),
        ])
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let entryLines = lines.indices.filter { lines[$0].contains("<Ntry>") }.map { $0 + 1 }
        #expect(throws: CamtError(line: entryLines[2], "this entry has the reference \(Self.iban)/R-1, as the entry "
                                  + "on line \(entryLines[0]) does: expected each booked entry to have its own "
                                  + "AcctSvcrRef, so neither is booked twice or lost")) {
            try CamtReader.read(file.bytes)
        }
        // A pending entry and its booking later on share a reference without harm.
        var fine = file
        fine.statements[1].entries.removeLast()
        #expect(try CamtReader.read(fine.bytes).statements.count == 2)
    }

    // MARK: - Refusals

    static func refusal(_ text: String) -> CamtError? {
        do {
            _ = try CamtReader.read(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    static let pain001 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">
          <CstmrCdtTrfInitn><GrpHdr><MsgId>1</MsgId></GrpHdr></CstmrCdtTrfInitn>
        </Document>
        """

    @Test func refusesFilesThatAreNoStatement() {
        let expected = "the root element is <Document> of urn:iso:std:iso:20022:tech:xsd:pain.001.001.03, not a "
            + "camt.053 or camt.054 statement: expected <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
            + "camt.053.001.08\"> or camt.054, versions 001.02 to 001.08"
        #expect(Self.refusal(Self.pain001) == CamtError(line: 2, expected))
        #expect(Self.refusal(Self.pain001).map(\.description) == "line 2: " + expected)
        let v8 = Self.sample(.statement, version: 8).text
        let cases: [(String, Int, String)] = [
            (v8.replacingOccurrences(of: "camt.053.001.08", with: "camt.053.001.09"), 2,
             "camt.053.001.09 is a version not read: expected camt.053.001.02 to camt.053.001.08"),
            (v8.replacingOccurrences(of: "camt.053.001.08", with: "camt.053.001.01"), 2, "version not read"),
            (v8.replacingOccurrences(of: "camt.053.001.08", with: "camt.052.001.08"), 2,
             "of urn:iso:std:iso:20022:tech:xsd:camt.052.001.08, not a camt.053 or camt.054 statement"),
            (v8.replacingOccurrences(of: " xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"", with: ""), 2,
             "the root element is <Document> of no namespace"),
            ("<?xml version=\"1.0\"?>\n<Statement xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"/>", 2,
             "the root element is <Statement>"),
            (v8.replacingOccurrences(of: "BkToCstmrStmt>", with: "BkToCstmrDbtCdtNtfctn>"), 2,
             "<Document> holds no <BkToCstmrStmt>"),
            ("Date;Amount;Text\n2024-03-05;119.00;INV-000123\n", 1, "\"D\" before the root element"),
            ("<!DOCTYPE html>\n<html><body><p>Statement</p></body></html>", 1, "a DOCTYPE is refused"),
            ("<html>\n<body>\n<p>Statement<br>\n</body>\n</html>", 4,
             "</body> closes <br>, which was opened on line 3"),
            ("", 1, "the file is empty"),
        ]
        for (text, line, words) in cases {
            let error = Self.refusal(text)
            #expect(error?.line == line && error?.message.contains(words) == true, "\(error as Any)")
        }
    }

    /// Cut anywhere, a file is refused at its last line (inside a tag, a name, a value or an element).
    @Test func refusesATruncatedFileNamingWhereItStops() throws {
        let bytes = Self.sample(.notification, version: 5).bytes
        for cut in stride(from: 60, to: bytes.count - 2, by: 23) {
            let error = try #require(Self.refusal(String(decoding: bytes.prefix(cut), as: UTF8.self)),
                                     "read a file cut at \(cut)")
            #expect(error.line == bytes.prefix(cut - 1).filter { $0 == 10 }.count + 1, "cut at \(cut): \(error)")
        }
        let half = String(decoding: bytes.prefix(bytes.count / 2), as: UTF8.self)
        #expect(Self.refusal(half)?.message.hasPrefix("the document ends inside") == true)
    }

    @Test func refusesAnEntryMissingWhatItNeedsNamingItsLine() throws {
        let text = Self.sample(.statement, version: 8).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func line(_ needle: String, after start: Int = 0) -> Int {
            lines.indices.first { $0 >= start && lines[$0].contains(needle) }! + 1
        }
        let firstEntry = line("<Ntry>")
        let cases: [(String, Int, String)] = [
            (text.replacingOccurrences(of: "<Amt Ccy=\"EUR\">119.00</Amt>", with: ""), firstEntry,
             "the entry has no <Amt>: expected its amount, as in <Amt Ccy=\"EUR\">100.00</Amt>"),
            (text.replacingOccurrences(of: "<CdtDbtInd>CRDT</CdtDbtInd>", with: ""), firstEntry,
             "the entry has no <CdtDbtInd>: expected CRDT or DBIT"),
            (text.replacingOccurrences(of: "<CdtDbtInd>DBIT", with: "<CdtDbtInd>DEBIT"), line("<CdtDbtInd>DBIT"),
             "<CdtDbtInd> is \"DEBIT\": expected CRDT or DBIT"),
            (text.replacingOccurrences(of: "<RvslInd>true", with: "<RvslInd>yes"), line("<RvslInd>"),
             "<RvslInd> is \"yes\": expected true or false"),
            (text.replacingOccurrences(of: "<Cd>PDNG</Cd>", with: "<Cd>HELD</Cd>"), line("<Cd>PDNG</Cd>") - 1,
             "the entry's status is \"HELD\": expected BOOK, PDNG or INFO"),
            (text.replacingOccurrences(of: "<Cd>PDNG</Cd>", with: "<Prtry>HELD</Prtry>"), line("<Cd>PDNG</Cd>"),
             "the entry's status is proprietary (HELD): expected <Cd> with BOOK, PDNG or INFO"),
            (text.replacingOccurrences(of: "<Sts>\n          <Cd>BOOK</Cd>\n        </Sts>", with: ""), firstEntry,
             "the entry has no <Sts>: expected BOOK, PDNG or INFO"),
            (text.replacingOccurrences(of: "<Dt>2024-03-07</Dt>", with: "<Dt>2024-02-30</Dt>"), line("2024-03-07"),
             "<Dt> is \"2024-02-30\": expected a date as YYYY-MM-DD"),
            (text.replacingOccurrences(of: "2024-02-29T10:30", with: "29.02.2024T10:30"), line("2024-02-29T"),
             "<DtTm> is \"29.02.2024T10:30:00+01:00\": expected a date as YYYY-MM-DDThh:mm:ss"),
            (text.replacingOccurrences(of: "<Dt>2024-03-07</Dt>", with: "<Date>2024-03-07</Date>"),
             line("2024-03-07") - 1, "<ValDt> holds no <Dt> or <DtTm>"),
            (text.replacingOccurrences(of: "<Id>S-2</Id>", with: ""), line("<Id>S-2</Id>") - 1,
             "<Stmt> has no <Id>: expected the bank's identification of it"),
            (text.replacingOccurrences(of: "<Amt Ccy=\"EUR\">50.50</Amt>", with: ""), line("TX-2") - 2,
             "the transaction has no <Amt> (nor <AmtDtls><TxAmt><Amt>): expected the amount of each transaction"),
            (text.replacingOccurrences(of: "<Amt Ccy=\"EUR\">50.50</Amt>", with: "<Amt>50.50</Amt>"), line(">50.50<"),
             "<Amt> has no Ccy: expected its currency"),
            (text.replacingOccurrences(of: "<Stmt>", with: "<Other>")
                .replacingOccurrences(of: "</Stmt>", with: "</Other>"), line("<BkToCstmrStmt>"),
             "<BkToCstmrStmt> holds no <Stmt>: expected at least one"),
        ]
        for (broken, expectedLine, words) in cases {
            let error = Self.refusal(broken)
            #expect(error?.line == expectedLine && error?.message.contains(words) == true,
                    "expected line \(expectedLine): \(words)\n got \(error as Any)")
        }
    }

    /// Without `TxDtls` an entry of one transaction is read from the entry; with one `TxDtls` and no amount
    /// there, the entry's amount is the transaction's.
    @Test func anEntryOfOneTransactionLendsItsAmount() throws {
        let file = CamtFixture(version: 2, statements: [.init(entries: [
            Entry("75.00", reference: "R-1", transactions: [
                Transaction(reference: "T-1", unstructured: ["INV-000001"]),
            ]),
            Entry("80.00", reference: "R-2"),
        ])])
        let entries = try CamtReader.read(file.bytes).statements[0].entries
        #expect(entries[0].transactions == [Self.tx(7500, reference: "T-1", unstructured: ["INV-000001"],
                                                    key: "\(Self.iban)/T-1")])
        #expect(entries[1].transactions == [Self.tx(8000, key: "\(Self.iban)/R-2")])
    }

    /// Transactions in `AmtDtls/TxAmt` (001.02) or `Amt` (later) are read in any version; free text in
    /// `Strd/AddtlRmtInf` counts as unstructured.
    @Test func readsTransactionAmountsAndFreeTextWhereverBanksPutThem() throws {
        let v8 = Self.sample(.statement, version: 8).text
            .replacingOccurrences(of: "<Amt Ccy=\"EUR\">200.00</Amt>",
                                  with: "<AmtDtls><TxAmt><Amt Ccy=\"EUR\">200.00</Amt></TxAmt></AmtDtls>")
            .replacingOccurrences(of: "<Ref>ORDER 7</Ref>\n", with: "<Ref>ORDER 7</Ref>\n</CdtrRefInf>"
                                  + "<AddtlRmtInf> RF18 5390 0754 7034 </AddtlRmtInf><CdtrRefInf>\n")
        let tx = try CamtReader.read(Array(v8.utf8)).statements[0].entries[1].transactions
        #expect(tx[0].amount == 20000)
        #expect(tx[1].unstructured == ["ACC-000007", "RF18 5390 0754 7034"])
    }
}
