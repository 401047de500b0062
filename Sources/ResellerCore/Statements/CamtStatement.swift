/// A bank file read by `CamtReader`: ISO 20022 camt.053 (end-of-day statements) or camt.054 (debit and
/// credit notifications), versions 001.02 to 001.08. Both carry the same entries; which one a bank sends
/// does not change what is booked.
public struct BankStatementFile: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// camt.053, `BkToCstmrStmt`: one `Stmt` per account and period.
        case statement = "camt.053"
        /// camt.054, `BkToCstmrDbtCdtNtfctn`: one `Ntfctn` per account, often several a day.
        case notification = "camt.054"
    }

    public var kind: Kind
    /// The message version: 2 for camt.053.001.02 … 8 for camt.053.001.08.
    public var version: Int
    /// `GrpHdr/MsgId`: the bank's name for this file.
    public var messageId: String?
    public var statements: [BankStatement]

    public init(kind: Kind, version: Int, messageId: String?, statements: [BankStatement]) {
        self.kind = kind
        self.version = version
        self.messageId = messageId
        self.statements = statements
    }
}

/// One `Stmt` (camt.053) or `Ntfctn` (camt.054): the entries of one account.
public struct BankStatement: Sendable, Hashable {
    /// `Id`: the bank's identification of the statement or notification.
    public var id: String
    /// `Acct/Id/IBAN`, upper-cased; nil when the bank names the account otherwise (`Othr`).
    public var account: String?
    public var entries: [BankEntry]
    /// Where the `Stmt` or `Ntfctn` starts, for messages.
    public var line: Int

    public init(id: String, account: String?, entries: [BankEntry], line: Int) {
        self.id = id
        self.account = account
        self.entries = entries
        self.line = line
    }
}
