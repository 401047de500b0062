import Foundation
import Testing
@testable import ResellerCore
@testable import Screens
import TerminalKit

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
        #expect(s.update(.key(.enter)) == [.open(accountId: 7)])   // one Enter opens the first match
    }

    /// Every printable ASCII character and a Greek word go to the search and do nothing else: no other
    /// effect, no other screen, the rows and the highlight as they were until the search answers.
    @Test(arguments: [String((0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }), "Αιγαίο νέφος"])
    func everyPrintableCharacterOnlySearches(typed: String) {
        var s = loaded([Self.summary(1, "Aegean"), Self.summary(2, "Boreal")])
        _ = s.update(.key(.down))
        var expected = ""
        for c in typed {
            expected.append(c)
            let effects = s.update(.key(.char(c)))
            guard effects.count == 1, case .search(let query, 0, _) = effects[0] else {
                Issue.record("\(c) did \(effects), not one search")
                continue
            }
            #expect(query == expected)
        }
        #expect(s.query.text == typed)
        #expect(s.rows.map(\.account.id) == [1, 2] && s.selected == 1)
        let screen = s.render(width: 80, height: 24).text
        #expect(screen.hasPrefix(" ResellerDesk · Accounts"))
        #expect(screen.contains("Search: ") && screen.contains(String(typed.suffix(60))))
    }

    @Test func commandsAreNeverPrintable() {
        for binding in AccountsScreen.bindings {
            for key in binding.keys {
                if case .char = key { Issue.record("\(key.label) is a command on Accounts but can start a name") }
                if case .paste = key { Issue.record("a paste is bound on Accounts") }
            }
        }
        var s = loaded([Self.summary(1, "A")])
        #expect(s.update(.key(.ctrl("n"))) == [.add] && s.update(.key(.function(2))) == [.add])
        #expect(s.update(.key(.ctrl("o"))) == [.outbox] && s.update(.key(.function(5))) == [.outbox])
        #expect(s.update(.key(.function(6))) == [.submittedOrders] && s.update(.key(.ctrl("t"))) == [.submittedOrders])
        #expect(s.update(.key(.function(7))) == [.priceLists] && s.update(.key(.ctrl("p"))) == [.priceLists])
        #expect(s.update(.key(.function(9))) == [.collections] && s.update(.key(.ctrl("x"))) == [.collections])
        #expect(s.update(.key(.function(1))) == [.help])
        #expect(s.update(.key(.ctrl("q"))) == [.quit] && s.update(.key(.function(10))) == [.quit])
        // The Ctrl- keys of the new screens are none the search's editor takes (Ctrl-E is its End).
        #expect(Binding.action(for: .ctrl("t"), in: LineEditor.bindings) == nil)
        #expect(Binding.action(for: .ctrl("p"), in: LineEditor.bindings) == nil)
        #expect(Binding.action(for: .ctrl("x"), in: LineEditor.bindings) == nil)
        let footer = "Ctrl-N New  F5 Outbox  F6 Orders  F7 Lists  F8 Billing  F1 Help  Ctrl-Q Quit"
        #expect(s.render(width: 80, height: 24).text.contains(footer))
    }

    @Test func theHelpSaysTypingSearches() {
        let help = AccountsScreen.help.render(width: 80, height: 24).text
        #expect(help.contains("Ctrl-Q F10 Ctrl-C  leave ResellerDesk"))
        #expect(help.contains("Anything else you type searches"))
        // The last note is a line below the window at 80x24: the help scrolls to it.
        let all = AccountsScreen.help.lines(width: 80).map(\.text).joined(separator: " ")
        #expect(all.contains("edit the search."))
    }

    /// Typed ahead: the Enter reaches the screen before the search it follows has answered. It opens
    /// the first match of that search, not the row the previous list had highlighted.
    @Test func anEnterTypedAheadOpensTheFirstMatchWhenItArrives() {
        var s = loaded([Self.summary(1, "Aegean"), Self.summary(2, "Boreal")])
        _ = s.update(.key(.down))
        guard case .search("m", 0, let request)? = s.update(.key(.char("m"))).first else {
            Issue.record("no search")
            return
        }
        #expect(s.update(.key(.enter)).isEmpty)
        let page = AccountPage(rows: [Self.summary(9, "Many"), Self.summary(10, "Mango")], nextAfter: nil)
        #expect(s.update(.results(request: request, page: page, append: false)) == [.open(accountId: 9)])
        #expect(s.update(.results(request: request, page: page, append: false)).isEmpty)   // only once
        // Enter, then a move before the answer: the user is still choosing, nothing opens.
        guard case .search("ma", 0, let second)? = s.update(.key(.char("a"))).first else {
            Issue.record("no search")
            return
        }
        #expect(s.update(.key(.enter)).isEmpty)
        _ = s.update(.key(.down))
        #expect(s.update(.results(request: second, page: page, append: false)).isEmpty)
    }

    @Test func scrollingNearTheEndLoadsTheNextPage() {
        var s = loaded((1...30).map { Self.summary(Int64($0), "Account \($0)") }, next: 30)
        var effects: [AccountsScreen.Effect] = []
        for _ in 0..<12 { effects += s.update(.key(.down), height: 24) }
        #expect(effects.contains { if case .search(_, 30, _) = $0 { return true }; return false })
        #expect(s.selected == 12)
        #expect(s.update(.key(.ctrl("q"))) == [.quit])
    }

    /// A page is a screenful when it is asked for; a list left taller than the rows loaded asks for the next.
    @Test func aListTallerThanItsRowsLoadsTheNextPage() {
        var s = AccountsScreen()
        guard case .search(_, _, let first)? = s.start().first else { Issue.record("no first search"); return }
        let page = AccountPage(rows: (1...24).map { Self.summary(Int64($0), "Account \($0)") }, nextAfter: 24)
        // 24 rows fill the 18 of a 24-line terminal: nothing more is asked for.
        #expect(s.update(.results(request: first, page: page, append: false), height: 24).isEmpty)
        #expect(s.update(.resized, height: 24).isEmpty)
        // The window grows to 50 lines (44 rows): the next page, after the last row loaded.
        let more = s.update(.resized, height: 50)
        guard case .search(_, 24, let second)? = more.first else { Issue.record("no next page: \(more)"); return }
        #expect(s.update(.resized, height: 50).isEmpty, "one request at a time")
        // A page that arrives and still leaves the list short asks for the next one.
        let short = AccountPage(rows: (25...30).map { Self.summary(Int64($0), "Account \($0)") }, nextAfter: 30)
        let after = s.update(.results(request: second, page: short, append: true), height: 50)
        #expect(after.contains { if case .search(_, 30, _) = $0 { return true }; return false })
        // The last page: nothing more to ask for.
        var done = loaded((1...5).map { Self.summary(Int64($0), "Account \($0)") })
        #expect(done.update(.resized, height: 50).isEmpty)
    }

    @Test func tooNarrowStillFitsTheWidth() {
        let s = loaded([Self.summary(1, String(repeating: "Long name ", count: 20))])
        let g = s.render(width: 200, height: 50)
        #expect(g.text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 200 })
        try? expectGolden(g, "accounts-200x50")
    }
}
