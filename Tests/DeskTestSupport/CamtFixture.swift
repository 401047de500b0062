import ResellerCore

/// Bank files as banks write them: ISO 20022 camt.053 statements and camt.054 notifications in any version from
/// 001.02 to 001.08, written from a short description. Each version gets its own shapes: the status as
/// `<Sts>BOOK</Sts>` up to 001.06 and `<Sts><Cd>BOOK</Cd></Sts>` from 001.07, a transaction's amount in
/// `AmtDtls/TxAmt` in 001.02 and in `Amt` from 001.03, the debtor as `Dbtr/Nm` up to 001.07 and `Dbtr/Pty/Nm`
/// in 001.08.
///
///     let file = CamtFixture(statements: [.init(entries: [
///         .credit("119.00", reference: "BANK-1", structured: ["RF73INV000123"], debtor: "Aegean Cloud"),
///     ])])
///     try CamtReader.read(file.bytes)
public struct CamtFixture: Sendable {
    public typealias Kind = BankStatementFile.Kind

    public var kind: Kind
    public var version: Int
    public var messageId: String
    public var statements: [Statement]

    public init(_ kind: Kind = .statement, version: Int = 8, messageId: String = "MSG-20240305",
                statements: [Statement]) {
        self.kind = kind
        self.version = version
        self.messageId = messageId
        self.statements = statements
    }

    /// A `Stmt` (camt.053) or `Ntfctn` (camt.054).
    public struct Statement: Sendable {
        public var id: String
        /// The account's IBAN; nil writes the account as `Othr/Id` instead.
        public var iban: String?
        public var entries: [Entry]

        public init(id: String = "STMT-20240305", iban: String? = "DE89370400440532013000", entries: [Entry]) {
            self.id = id
            self.iban = iban
            self.entries = entries
        }
    }

    /// A `Ntry`. Amounts are written as given ("119.00"), so a test can write what a reader must refuse.
    public struct Entry: Sendable {
        public var amount: String
        public var currency: String
        public var direction: BankEntry.Direction
        public var status: BankEntry.Status
        public var reversal: Bool
        /// `AcctSvcrRef`.
        public var reference: String?
        /// `NtryRef`.
        public var entryRef: String?
        /// "2024-03-05"; nil writes no `BookgDt`.
        public var bookingDate: String?
        public var valueDate: String?
        /// The dates as `<DtTm>…T10:30:00+01:00</DtTm>` instead of `<Dt>`.
        public var dateTime: Bool
        /// `AddtlNtryInf`.
        public var additionalInfo: String?
        /// The `TxDtls`; none writes no `NtryDtls`.
        public var transactions: [Transaction]

        public init(_ amount: String, _ currency: String = "EUR", direction: BankEntry.Direction = .credit,
                    status: BankEntry.Status = .booked, reversal: Bool = false, reference: String? = nil,
                    entryRef: String? = nil, bookingDate: String? = "2024-03-05", valueDate: String? = "2024-03-05",
                    dateTime: Bool = false, additionalInfo: String? = nil, transactions: [Transaction] = []) {
            self.amount = amount
            self.currency = currency
            self.direction = direction
            self.status = status
            self.reversal = reversal
            self.reference = reference
            self.entryRef = entryRef
            self.bookingDate = bookingDate
            self.valueDate = valueDate
            self.dateTime = dateTime
            self.additionalInfo = additionalInfo
            self.transactions = transactions
        }

        /// A booked credit of one transaction: what most payments look like.
        public static func credit(_ amount: String, _ currency: String = "EUR", reference: String,
                                  structured: [String] = [], unstructured: [String] = [],
                                  debtor: String? = nil) -> Entry {
            Entry(amount, currency, reference: reference, transactions: [
                Transaction(amount: amount, debtorName: debtor, structured: structured, unstructured: unstructured),
            ])
        }
    }

    /// A `TxDtls`.
    public struct Transaction: Sendable {
        /// nil writes no amount, as banks do for an entry of one transaction.
        public var amount: String?
        /// nil: the entry's currency.
        public var currency: String?
        /// `Refs/AcctSvcrRef`.
        public var reference: String?
        public var endToEndId: String?
        public var debtorName: String?
        /// Each a `Strd/CdtrRefInf/Ref`.
        public var structured: [String]
        /// Each a `Ustrd`.
        public var unstructured: [String]

        public init(amount: String? = nil, currency: String? = nil, reference: String? = nil,
                    endToEndId: String? = nil, debtorName: String? = nil, structured: [String] = [],
                    unstructured: [String] = []) {
            self.amount = amount
            self.currency = currency
            self.reference = reference
            self.endToEndId = endToEndId
            self.debtorName = debtorName
            self.structured = structured
            self.unstructured = unstructured
        }
    }

    /// `urn:iso:std:iso:20022:tech:xsd:camt.053.001.08` and its siblings.
    public static func namespace(_ kind: Kind, version: Int) -> String {
        "urn:iso:std:iso:20022:tech:xsd:\(kind.rawValue).001.0\(version)"
    }

    public var bytes: [UInt8] { document().bytes }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private func document() -> XMLWriter {
        var w = XMLWriter()
        w.element("Document", ["xmlns": Self.namespace(kind, version: version)]) { w in
            w.element(kind == .statement ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn") { w in
                w.element("GrpHdr") { w in
                    w.element("MsgId", text: messageId)
                    w.element("CreDtTm", text: "2024-03-05T18:00:00")
                }
                for statement in statements { write(statement, to: &w) }
            }
        }
        return w
    }

    private func write(_ statement: Statement, to w: inout XMLWriter) {
        w.element(kind == .statement ? "Stmt" : "Ntfctn") { w in
            w.element("Id", text: statement.id)
            w.element("CreDtTm", text: "2024-03-05T18:00:00")
            w.element("Acct") { w in
                w.element("Id") { w in
                    if let iban = statement.iban {
                        w.element("IBAN", text: iban)
                    } else {
                        w.element("Othr") { w in w.element("Id", text: "0532013000") }
                    }
                }
            }
            if kind == .statement {   // camt.053 requires a balance; its value is not read
                w.element("Bal") { w in
                    w.element("Tp") { w in w.element("CdOrPrtry") { w in w.element("Cd", text: "CLBD") } }
                    w.element("Amt", ["Ccy": statement.entries.first?.currency ?? "EUR"], text: "0.00")
                    w.element("CdtDbtInd", text: "CRDT")
                    w.element("Dt") { w in w.element("Dt", text: "2024-03-05") }
                }
            }
            for entry in statement.entries { write(entry, to: &w) }
        }
    }

    private func write(_ entry: Entry, to w: inout XMLWriter) {
        w.element("Ntry") { w in
            w.element("NtryRef", ifPresent: entry.entryRef)
            w.element("Amt", ["Ccy": entry.currency], text: entry.amount)
            w.element("CdtDbtInd", text: entry.direction == .credit ? "CRDT" : "DBIT")
            if entry.reversal { w.element("RvslInd", text: "true") }
            let status = switch entry.status { case .booked: "BOOK"; case .pending: "PDNG"; case .information: "INFO" }
            if version >= 7 {
                w.element("Sts") { w in w.element("Cd", text: status) }
            } else {
                w.element("Sts", text: status)
            }
            for (name, day) in [("BookgDt", entry.bookingDate), ("ValDt", entry.valueDate)] {
                guard let day else { continue }
                w.element(name) { w in
                    if entry.dateTime {
                        w.element("DtTm", text: day + "T10:30:00+01:00")
                    } else {
                        w.element("Dt", text: day)
                    }
                }
            }
            w.element("AcctSvcrRef", ifPresent: entry.reference)
            w.element("BkTxCd") { w in
                w.element("Domn") { w in
                    w.element("Cd", text: "PMNT")
                    w.element("Fmly") { w in
                        w.element("Cd", text: entry.direction == .credit ? "RCDT" : "ICDT")
                        w.element("SubFmlyCd", text: "ESCT")
                    }
                }
            }
            if !entry.transactions.isEmpty {
                w.element("NtryDtls") { w in
                    if entry.transactions.count > 1 {
                        w.element("Btch") { w in w.element("NbOfTxs", text: String(entry.transactions.count)) }
                    }
                    for transaction in entry.transactions { write(transaction, of: entry, to: &w) }
                }
            }
            w.element("AddtlNtryInf", ifPresent: entry.additionalInfo)
        }
    }

    private func write(_ tx: Transaction, of entry: Entry, to w: inout XMLWriter) {
        w.element("TxDtls") { w in
            if tx.reference != nil || tx.endToEndId != nil {
                w.element("Refs") { w in
                    w.element("AcctSvcrRef", ifPresent: tx.reference)
                    w.element("EndToEndId", ifPresent: tx.endToEndId)
                }
            }
            if let amount = tx.amount {
                let currency = tx.currency ?? entry.currency
                if version >= 3 {
                    w.element("Amt", ["Ccy": currency], text: amount)
                    w.element("CdtDbtInd", text: entry.direction == .credit ? "CRDT" : "DBIT")
                } else {
                    w.element("AmtDtls") { w in
                        w.element("TxAmt") { w in w.element("Amt", ["Ccy": currency], text: amount) }
                    }
                }
            }
            if let name = tx.debtorName {
                w.element("RltdPties") { w in
                    w.element("Dbtr") { w in
                        if version >= 8 {
                            w.element("Pty") { w in w.element("Nm", text: name) }
                        } else {
                            w.element("Nm", text: name)
                        }
                    }
                }
            }
            if !tx.structured.isEmpty || !tx.unstructured.isEmpty {
                w.element("RmtInf") { w in
                    for text in tx.unstructured { w.element("Ustrd", text: text) }
                    for reference in tx.structured {
                        w.element("Strd") { w in
                            w.element("CdtrRefInf") { w in
                                w.element("Tp") { w in
                                    w.element("CdOrPrtry") { w in w.element("Cd", text: "SCOR") }
                                    if reference.hasPrefix("RF") { w.element("Issr", text: "ISO") }
                                }
                                w.element("Ref", text: reference)
                            }
                        }
                    }
                }
            }
        }
    }
}
