import Foundation
import Testing
@testable import ResellerCore
@testable import Screens
import TerminalKit

/// Compares a render with a committed golden text; UPDATE_GOLDENS=1 rewrites it (review the diff).
func expectGolden(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt").path
    let text = grid.text + "\n"
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let golden = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == golden, "render differs from Golden/\(name).txt (UPDATE_GOLDENS=1 rewrites it)", sourceLocation: sourceLocation)
}

@Suite struct AccountsScreenTests {
    static func summary(_ id: Int64, _ name: String, limit: Int64? = 500_000) -> AccountSummary {
        let fields = AccountFields(name: name, tradingName: nil, type: .reseller, email: "a@b.example", phone: nil, website: nil,
                                   registrationNumber: nil, taxAuthority: nil, description: nil, address: Address(country: "GR"),
                                   currency: "EUR", accountManager: "alice",
                                   ordering: limit.map { Ordering(creditLimit: .amount(Money(minor: $0, currency: "EUR")), enableReselling: true) },
                                   separateInvoices: false, taxExempt: false)
        return AccountSummary(account: Account(id: id, fields: fields, parentAccountId: nil, version: 1, createdAt: Date(timeIntervalSince1970: 0),
                                               updatedAt: Date(timeIntervalSince1970: 0), updatedBy: "alice"),
                              balance: Money(minor: 0, currency: "EUR"),
                              onboarding: Onboarding(priceListAssigned: id % 2 == 0, contactInvited: false, activated: false))
    }

    func loaded(_ rows: [AccountSummary], next: Int64? = nil) -> AccountsScreen {
        var s = AccountsScreen()
        let effects = s.start()
        guard case .search(_, _, let request)? = effects.first else { Issue.record("no first search"); return s }
        _ = s.update(.results(request: request, page: AccountPage(rows: rows, nextAfter: next), append: false))
        return s
    }

    @Test func homeScreenAt80x24() throws {
        let s = loaded([Self.summary(1, "Γιώργος Παπαδόπουλος Α.Ε."), Self.summary(2, "株式会社クラウド・パートナーズ"),
                        Self.summary(3, "Plain Customer", limit: nil)])
        try expectGolden(s.render(width: 80, height: 24), "accounts-80x24")
    }

    @Test func typingSearchesAndDropsStaleAnswers() {
        var s = loaded([Self.summary(1, "A")])
        let first = s.update(.key(.char("n")))
        let second = s.update(.key(.char("o")))
        guard case .search("n", 0, let r1)? = first.first, case .search("no", 0, let r2)? = second.first else {
            Issue.record("expected searches, got \(first) \(second)")
            return
        }
        #expect(r2 > r1)
        _ = s.update(.results(request: r2, page: AccountPage(rows: [Self.summary(7, "Nordic")], nextAfter: nil), append: false))
        _ = s.update(.results(request: r1, page: AccountPage(rows: [Self.summary(8, "Stale")], nextAfter: nil), append: false))
        #expect(s.rows.map(\.account.id) == [7])
        #expect(s.update(.key(.enter)).isEmpty)          // leaves the search field
        #expect(s.update(.key(.enter)) == [.open(accountId: 7)])
    }

    @Test func escapeClearsTheSearch() {
        var s = loaded([])
        _ = s.update(.key(.char("/")))
        _ = s.update(.key(.char("x")))
        guard case .search("", 0, _)? = s.update(.key(.escape)).first else { Issue.record("no reset search"); return }
        #expect(s.query.text.isEmpty)
    }

    @Test func scrollingNearTheEndLoadsTheNextPage() {
        var s = loaded((1...30).map { Self.summary(Int64($0), "Account \($0)") }, next: 30)
        var effects: [AccountsScreen.Effect] = []
        for _ in 0..<12 { effects += s.update(.key(.down), height: 24) }
        #expect(effects.contains { if case .search(_, 30, _) = $0 { return true }; return false })
        #expect(s.selected == 12)
        #expect(s.update(.key(.char("q"))) == [.quit])
    }

    @Test func tooNarrowStillFitsTheWidth() {
        let s = loaded([Self.summary(1, String(repeating: "Long name ", count: 20))])
        let g = s.render(width: 200, height: 50)
        #expect(g.text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 200 })
        try? expectGolden(g, "accounts-200x50")
    }
}
