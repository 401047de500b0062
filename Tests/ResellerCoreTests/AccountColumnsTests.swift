import Foundation
import Testing
@testable import ResellerCore
import DeskTestSupport

/// The accounts table's one column table (`StoreTx.accountFieldColumns`): every field written is read back,
/// whatever position it holds.
@Suite struct AccountColumnsTests {
    /// Every field set to something other than the blank `accountFields` starts from, so a field the
    /// table forgot to write or read comes back different.
    static let everyField = AccountFields(
        name: "Aegean Cloud", tradingName: "Aegean", type: .partner, email: "ops@aegean.example",
        phone: "+30 210 000", website: "https://aegean.example", registrationNumber: "EL123456789",
        taxAuthority: "Athens", description: "Greek reseller",
        address: Address(street: "1 Odos", city: "Athens", postcode: "10431", state: "Attica", country: "GR"),
        currency: "EUR", accountManager: "rdalice",
        ordering: Ordering(creditLimit: .amount(Money(minor: 123_456, currency: "EUR")),
                           prorateBillingDay: .day(15), partialChargesInvoicing: .onNextBillingDay,
                           enableReselling: true),
        separateInvoices: true, taxExempt: true, taxExemptionReason: "Article 27 §1", paymentTermsDays: 45)

    @Test(arguments: [
        everyField.ordering,
        Ordering(creditLimit: .unlimited),
        nil,
    ])
    func everyAccountFieldRoundTrips(_ ordering: Ordering?) throws {
        let fx = try Fixture()
        var fields = Self.everyField
        fields.ordering = ordering
        let id = try fx.service.store.write { tx in try tx.insertAccount(fields, parent: nil, by: staff, at: Date()) }
        #expect(try fx.service.account(id).fields == fields)

        var changed = fields
        changed.name = "Ionian Cloud"; changed.address.city = "Corfu"; changed.paymentTermsDays = 0
        let updated = try fx.service.store.write { tx in
            try tx.updateAccount(id, changed, expectedVersion: 1, by: staff, at: Date())
        }
        #expect(updated)
        #expect(try fx.service.account(id).fields == changed)
    }

    /// The sample differs from the blank in every stored property, so the round trip covers each one.
    @Test func theSampleSetsEveryField() {
        let blank = Mirror(reflecting: StoreTx.blankAccountFields)
        for (child, sample) in zip(blank.children, Mirror(reflecting: Self.everyField).children) {
            #expect(String(describing: child.value) != String(describing: sample.value), "\(child.label ?? "?")")
        }
        #expect(Store.accountTableColumns.count == StoreTx.accountColumnCount)
    }
}
