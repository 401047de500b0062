import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// Hostile text on every way in: names, emails and price-list items holding ESC sequences, OSC 52, C1
/// controls, U+202E, NUL and 10,000 characters are refused with a message naming the field; zero-width
/// joiners (emoji, Indic scripts) are text and kept.
@Suite struct HostileInputTests {
    static let hostile: [(String, String)] = [
        ("clear screen", "Evil\u{1B}[2J Ltd"),
        ("OSC 52 clipboard", "Evil\u{1B}]52;c;cm0gLXJmIH4=\u{07} Ltd"),
        ("C1 CSI", "Evil\u{9B}31m Ltd"),
        ("right-to-left override", "Evil\u{202E}dtL"),
        ("NUL", "Evil\u{0} Ltd"),
        ("10,000 characters", String(repeating: "A", count: 10_000)),
    ]

    @Test func accountNamesAndEmailsAreRefused() throws {
        let fx = try Fixture()
        for (what, text) in Self.hostile {
            var f = AccountForm()
            f.name = text; f.email = "ok@example.com"; f.country = "GR"
            #expect(fields { _ = try fx.service.createAccount(f, by: staff) } == ["name"], "\(what)")
            f.name = "Fine Ltd"; f.email = text + "@example.com"
            #expect(fields { _ = try fx.service.createAccount(f, by: staff) } == ["email"], "\(what)")
        }
        #expect(try fx.count("SELECT count(*) FROM accounts") == 0)
        var ok = AccountForm()
        ok.name = "Family 👨‍👩‍👧 Café"; ok.email = "ok@example.com"; ok.country = "GR"          // ZWJ sequence: kept
        #expect(try fx.service.createAccount(ok, by: staff).name == "Family 👨‍👩‍👧 Café")
    }

    @Test func contactNamesAreRefused() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        for (what, text) in Self.hostile {
            var c = ContactForm()
            c.lastName = text; c.email = "c@example.com"
            #expect(fields { _ = try fx.service.addContact(to: a.id, c, by: staff) } == ["lastName"], "\(what)")
        }
        #expect(try fx.count("SELECT count(*) FROM contacts") == 0)
    }

    @Test func priceListItemsAreRefusedLineByLine() throws {
        let fx = try Fixture()
        for (what, text) in Self.hostile {
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let csv = "code,description,billing_period,price\nOK-1,Fine,monthly,1.00\nBAD-1,\(quoted),monthly,2.00\n"
            do {
                _ = try fx.service.importPriceList(csv: csv, name: "Hostile \(what)", currency: "EUR", by: staff)
                Issue.record("\(what) was imported")
            } catch {
                #expect(error.fieldErrors.contains { $0.message.hasPrefix("line 3: description") }, "\(what): \(error)")
            }
        }
        #expect(try fx.count("SELECT count(*) FROM price_lists") == 0)                 // all or nothing
    }
}

