import Foundation
import Testing
@testable import ResellerCore
@testable import Screens
import TerminalKit

@Suite struct AccountsTableTests {
    func summary(_ id: Int64, _ name: String, ordering: Ordering?, balance: Int64 = 0, onboarding: Onboarding) -> AccountSummary {
        let fields = AccountFields(name: name, tradingName: nil, type: .reseller, email: "a@b.example", phone: nil, website: nil,
                                   registrationNumber: nil, taxAuthority: nil, description: nil,
                                   address: Address(country: "GR"), currency: "EUR", accountManager: "alice",
                                   ordering: ordering, separateInvoices: false, taxExempt: false)
        let account = Account(id: id, fields: fields, parentAccountId: nil, version: 1, createdAt: Date(timeIntervalSince1970: 0),
                              updatedAt: Date(timeIntervalSince1970: 0), updatedBy: "alice")
        return AccountSummary(account: account, balance: Money(minor: balance, currency: "EUR"), onboarding: onboarding)
    }

    @Test func rendersTheHomeScreenColumnsAt80Columns() {
        let rows = [
            summary(1, "Γιώργος Παπαδόπουλος Α.Ε.", ordering: Ordering(creditLimit: .amount(Money(minor: 500_000, currency: "EUR")), enableReselling: true),
                    balance: 12_345, onboarding: Onboarding(priceListAssigned: true, contactInvited: true, activated: false)),
            summary(2, "株式会社クラウド・パートナーズ・ジャパン", ordering: Ordering(creditLimit: .unlimited),
                    onboarding: Onboarding(priceListAssigned: false, contactInvited: false, activated: false)),
            summary(3, "Plain Customer", ordering: nil, onboarding: Onboarding(priceListAssigned: true, contactInvited: true, activated: true)),
        ]
        let text = AccountsTable.render(rows, width: 80)
        #expect(text == """
            Code       Name                Ctry Ord/Res Credit limit    Available Onboarding
            ACC-000001 Γιώργος Παπαδόπουλ… GR   yes/yes 5,000.00 EUR 4,876.55 EUR invited
            ACC-000002 株式会社クラウド・… GR   yes/no     Unlimited    Unlimited no list
            ACC-000003 Plain Customer      GR   -                  -            - active
            """)
        #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 80 })
    }
}
