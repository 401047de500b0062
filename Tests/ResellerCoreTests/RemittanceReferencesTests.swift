import Testing
@testable import ResellerCore

/// What a payer's remittance information offers, in order and normalised. The creditor references used are
/// checked against python-stdnum's ISO 11649 (`stdnum.iso11649.is_valid`): RF18539007547034 is the standard's
/// own example; RF73INV000123, RF46INV000124, RF16INV1234567 and RF74000000000000000000001 are valid,
/// RF74INV000123 is not.
@Suite struct RemittanceReferencesTests {
    static func refs(_ structured: [String] = [], _ unstructured: [String] = []) -> RemittanceReferences {
        RemittanceReferences(structured: structured, unstructured: unstructured)
    }

    static func texts(_ r: RemittanceReferences) -> [String] { r.paymentReferences.map(\.text) }

    @Test func findsPaymentReferencesCompactOrPrintedInFreeText() {
        #expect(Self.texts(Self.refs(["RF73INV000123"])) == ["RF73INV000123"])
        #expect(Self.texts(Self.refs([], ["Payment RF73 INV0 0012 3 thank you"])) == ["RF73INV000123"])
        #expect(Self.texts(Self.refs([], ["rf73 inv0 0012 3, rf46inv000124."])) == ["RF73INV000123", "RF46INV000124"])
        #expect(Self.texts(Self.refs([], ["/RFB/RF18539007547034/"])) == ["RF18539007547034"])
        #expect(Self.texts(Self.refs([], ["ref:RF18 5390 0754 7034 and INV-000123"])) == ["RF18539007547034"])
        #expect(Self.texts(Self.refs([], ["RF74 0000 0000 0000 0000 0000 1"])) == ["RF74000000000000000000001"])
        #expect(Self.texts(Self.refs([], ["RF16 INV1 2345 67 RF73INV000123"])) == ["RF16INV1234567", "RF73INV000123"])
        // Printed groups are joined only while each is four long and only spaces lie between them.
        #expect(Self.texts(Self.refs([], ["RF73 INV0 0012 3 4567"])) == ["RF73INV000123"])
        #expect(Self.texts(Self.refs([], ["RF73-INV0-0012-3"])) == [])
    }

    @Test func ignoresReferencesWhoseCheckDigitsFail() {
        #expect(Self.refs(["RF74INV000123"], ["RF73INV000124", "RF7", "RF73 INV0 0012 4"]).paymentReferences == [])
        // A shorter run of groups may hold by chance ("RF74INV0" does), but names no invoice.
        let printed = Self.refs([], ["RF74 INV0 0012 3"])
        #expect(Self.texts(printed) == ["RF74INV0"] && printed.candidateInvoiceNumbers == [])
        #expect(Self.refs([], ["XRF73INV000123", "RF73INV000123X", "ÉRF73INV000123"]).paymentReferences == [])
        // A mistyped reference finds nothing, while the invoice number beside it still does.
        let typo = Self.refs([], ["RF74INV000123 INV-000123"])
        #expect(typo.paymentReferences == [] && typo.invoiceNumbers == ["INV-000123"])
    }

    @Test func findsInvoiceNumbersAndAccountCodesNormalised() {
        let r = Self.refs(["INV-000123"], ["inv000124 Inv-0000125 and INV-1234567", "ACC000007, acc-000008 ACC-000007"])
        #expect(r.invoiceNumbers == ["INV-000123", "INV-000124", "INV-000125", "INV-1234567"])
        #expect(r.accountCodes == ["ACC-000007", "ACC-000008"])
        // Six digits at least, a word of its own, a number someone could have.
        let none = Self.refs([], ["INV-12345", "INV 000123", "XINV-000123", "INV-000123X", "INV-000000",
                                  "INV-99999999999999999999", "ACC-12", "INV--000123", "ΔINV-000123"])
        #expect(none.isEmpty)
        #expect(Self.refs([], ["(INV-000123)", "INV-000124/INV-000125", "«INV-000126»"]).invoiceNumbers
                == ["INV-000123", "INV-000124", "INV-000125", "INV-000126"])
    }

    @Test func listsEachOnceInOrderOfAppearanceStructuredFirst() {
        let r = Self.refs(["RF46INV000124", "INV-000200"],
                          ["INV-000300 RF73 INV0 0012 3", "RF46INV000124 INV-000200 ACC-000001"])
        #expect(Self.texts(r) == ["RF46INV000124", "RF73INV000123"])
        #expect(r.invoiceNumbers == ["INV-000200", "INV-000300"])
        #expect(r.accountCodes == ["ACC-000001"])
        // Matching tries the payment references' invoices first, then the numbers written out.
        #expect(r.candidateInvoiceNumbers == ["INV-000124", "INV-000123", "INV-000200", "INV-000300"])
        let foreign = Self.refs(["RF18539007547034", "RF65ACC000123"], ["INV-000001"])
        #expect(foreign.candidateInvoiceNumbers == ["INV-000001"])
    }

    @Test func readsATransactionsRemittance() {
        let tx = BankTransaction(amount: 100, currency: "EUR", reference: nil, endToEndId: nil, debtorName: nil,
                                 structuredReferences: ["RF73INV000123"], unstructured: ["ACC-000042"])
        let r = RemittanceReferences(tx)
        #expect(Self.texts(r) == ["RF73INV000123"] && r.accountCodes == ["ACC-000042"] && r.invoiceNumbers == [])
    }

    @Test func aPaymentReferenceNamesTheDocumentItWasMadeFrom() throws {
        for number in ["INV-000123", "INV-000001", "INV-1234567", "CRN-000004"] {
            #expect(PaymentReference(number: number)?.documentNumber == number)
        }
        #expect(try #require(PaymentReference(parsing: "RF73 INV0 0012 3")).documentNumber == "INV-000123")
        for other in ["RF18539007547034", "RF741", "RF74000000000000000000001"] {
            #expect(try #require(PaymentReference(parsing: other)).documentNumber == nil, "\(other)")
        }
        let mixed = try #require(PaymentReference(number: "A1B2"))
        #expect(mixed.documentNumber == nil)
    }
}
