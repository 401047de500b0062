// TEMPORARY, never committed: the helpers' UBL and InvoicePDF replace these.
public enum UBL {
    public static func invoice(_ i: Invoice, account: Account) throws(UBLError) -> [UInt8] { Array("<Invoice/>".utf8) }
    public static func creditNote(_ c: CreditNote, account: Account, creditedInvoiceDate: CalendarDay?) throws(UBLError)
        -> [UInt8] { Array("<CreditNote/>".utf8) }
}
public struct UBLError: Error, CustomStringConvertible { public var description: String }
public enum InvoicePDF {
    public static func render(_ d: InvoiceDocument) throws(PDFError) -> [UInt8] { Array("%PDF-1.5 \(d.number)".utf8) }
}
public struct PDFError: Error, CustomStringConvertible { public var description: String }
