/// Reads ISO 20022 bank files: camt.053 statements and camt.054 notifications, versions 001.02 to 001.08, as
/// banks deliver them (several statements per file, batched entries, either form of a status, either place
/// of the debtor's name). Pure: bytes in, statements out; booking them is the service's work.
///
/// Any error refuses the whole file, with the line of the element at fault: a file half understood must not
/// be half booked.
public enum CamtReader {
    /// The versions read: camt.05x.001.02 to camt.05x.001.08.
    public static let versions = 2...8

    static let namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:"

    public static func read(_ bytes: [UInt8]) throws(CamtError) -> BankStatementFile {
        let root: XMLReader.Element
        do {
            root = try XMLReader.parse(bytes)
        } catch {
            throw CamtError(error)
        }
        let (kind, version) = try identify(root)
        let messageName = kind == .statement ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn"
        let partName = kind == .statement ? "Stmt" : "Ntfctn"
        guard let message = root.first(messageName) else {
            throw CamtError(line: root.line, "<\(root.qualifiedName)> holds no <\(messageName)>: expected the "
                            + "\(kind.rawValue) message inside it")
        }
        let parts = message.children(partName)
        guard !parts.isEmpty else {
            throw CamtError(line: message.line, "<\(message.qualifiedName)> holds no <\(partName)>: expected at "
                            + "least one")
        }
        var statements: [BankStatement] = []
        for part in parts { statements.append(try statement(part)) }
        try checkKeysDiffer(statements)
        return BankStatementFile(kind: kind, version: version, messageId: text(message.first("GrpHdr/MsgId")),
                                 statements: statements)
    }

    /// The message and version the root's namespace names: `urn:iso:std:iso:20022:tech:xsd:camt.053.001.08`.
    static func identify(_ root: XMLReader.Element) throws(CamtError) -> (BankStatementFile.Kind, Int) {
        let namespace = root.namespace ?? ""
        let id = namespace.hasPrefix(namespacePrefix) ? namespace.dropFirst(namespacePrefix.count) : ""
        let kind: BankStatementFile.Kind? = id.hasPrefix("camt.053.001.") ? .statement
            : id.hasPrefix("camt.054.001.") ? .notification : nil
        guard root.name == "Document", let kind else {
            throw CamtError(line: root.line, "the root element is <\(root.qualifiedName)> of "
                            + (namespace.isEmpty ? "no namespace" : namespace)
                            + ", not a camt.053 or camt.054 statement: expected <Document xmlns=\""
                            + "\(namespacePrefix)camt.053.001.08\"> or camt.054, versions 001.02 to 001.08")
        }
        let number = id.dropFirst("camt.053.001.".count)
        guard number.count == 2, let version = Int(number), versions.contains(version) else {
            throw CamtError(line: root.line, "\(id) is a version not read: expected \(kind.rawValue).001.02 to "
                            + "\(kind.rawValue).001.08")
        }
        return (kind, version)
    }

    static func statement(_ part: XMLReader.Element) throws(CamtError) -> BankStatement {
        guard let id = text(part.first("Id")) else {
            throw CamtError(line: part.line, "<\(part.qualifiedName)> has no <Id>: expected the bank's "
                            + "identification of it")
        }
        let account = text(part.first("Acct/Id/IBAN"))?.uppercased()
        var entries: [BankEntry] = []
        for (index, element) in part.children("Ntry").enumerated() {
            var entry = try self.entry(element, position: index + 1)
            let keys = TransactionKey.keys(for: entry, account: account, statementId: id)
            for k in entry.transactions.indices { entry.transactions[k].key = keys[k] }
            entries.append(entry)
        }
        return BankStatement(id: id, account: account, entries: entries, line: part.line)
    }

    static func entry(_ e: XMLReader.Element, position: Int) throws(CamtError) -> BankEntry {
        guard let amountElement = e.first("Amt") else {
            throw CamtError(line: e.line, "the entry has no <Amt>: expected its amount, as in "
                            + "<Amt Ccy=\"EUR\">100.00</Amt>")
        }
        let (amount, currency) = try money(amountElement)
        let transactions = try self.transactions(of: e, amount: amount, currency: currency)
        return BankEntry(line: e.line, position: position, reference: text(e.first("AcctSvcrRef")),
                         entryRef: text(e.first("NtryRef")), amount: amount, currency: currency,
                         direction: try direction(e), reversal: try reversal(e), status: try status(e),
                         bookingDate: try day(e.first("BookgDt")), valueDate: try day(e.first("ValDt")),
                         transactions: transactions)
    }

    /// The entry's `TxDtls`, or one transaction made from the entry when it has none.
    static func transactions(of e: XMLReader.Element, amount: Int64,
                             currency: String) throws(CamtError) -> [BankTransaction] {
        let details = e.all("NtryDtls/TxDtls")
        guard !details.isEmpty else {
            // A bank that gives no details often writes the payer's text here instead.
            let additional = e.children("AddtlNtryInf").compactMap(text)
            return [BankTransaction(amount: amount, currency: currency, reference: nil, endToEndId: nil,
                                    debtorName: nil, structuredReferences: [], unstructured: additional)]
        }
        var out: [BankTransaction] = []
        for tx in details {
            var own = (amount, currency)
            if let element = tx.first("Amt") ?? tx.first("AmtDtls/TxAmt/Amt") {
                own = try money(element)
            } else if details.count > 1 {
                throw CamtError(line: tx.line, "the transaction has no <Amt> (nor <AmtDtls><TxAmt><Amt>): "
                                + "expected the amount of each transaction of an entry that holds several")
            }
            let endToEnd = text(tx.first("Refs/EndToEndId"))
            out.append(BankTransaction(
                amount: own.0, currency: own.1, reference: text(tx.first("Refs/AcctSvcrRef")),
                endToEndId: endToEnd == "NOTPROVIDED" ? nil : endToEnd,
                debtorName: text(tx.first("RltdPties/Dbtr/Nm")) ?? text(tx.first("RltdPties/Dbtr/Pty/Nm")),
                structuredReferences: tx.all("RmtInf/Strd/CdtrRefInf/Ref").compactMap(text),
                unstructured: (tx.all("RmtInf/Ustrd") + tx.all("RmtInf/Strd/AddtlRmtInf")).compactMap(text)))
        }
        return out
    }

    /// Two booked transactions of one file with one key would be booked as one: the bank gave two entries one
    /// reference, and the desk cannot tell which is which, so the file is refused rather than half booked.
    static func checkKeysDiffer(_ statements: [BankStatement]) throws(CamtError) {
        var seen: [String: Int] = [:]
        for statement in statements {
            for entry in statement.entries where entry.status == .booked {
                for key in Set(entry.transactions.map(\.key)) {
                    if let other = seen[key] {
                        throw CamtError(line: entry.line, "this entry has the reference \(key), as the entry on "
                                        + "line \(other) does: expected each booked entry to have its own "
                                        + "AcctSvcrRef, so neither is booked twice or lost")
                    }
                    seen[key] = entry.line
                }
            }
        }
    }
}
