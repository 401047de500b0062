import Foundation
import Testing
import ResellerCore
@testable import Screens
import TerminalKit
import DeskTestSupport

/// The keys of the account detail are declared once (`RowAction`): the hint beside a highlighted row, the
/// greyed keys and what a key does must then agree on every row of every section.
extension AccountDetailScreenTests {
    @Test func everyRowsHintNamesTheKeysThatActOnItAndNoOther() throws {
        let (service, _) = try Self.demo()
        let id = try service.findAccount("ACC-000001").id
        var form = ContactForm()
        form.lastName = "Invited"
        form.email = "invited@aegean-cloud.example"
        form.storefrontUser = true
        _ = try service.addContact(to: id, form, by: .staff("alice"))
        var checkedRows = 0, hinted = Set<String>()
        for section in AccountDetailSection.shown(try DemoDesk.content(service, id)) {
            var screen = AccountDetailScreen(try DemoDesk.content(service, id), section: section.id)
            var seen = Set<String>()
            // Down through every row of the section, until the highlight stops moving.
            while seen.insert(screen.render(width: 80, height: 24).text).inserted {
                let hint = screen.rowKeys ?? ""
                let named = Set(hint.split(separator: " · ").map { String($0.split(separator: " ")[0]) })
                hinted.formUnion(named)
                for key in section.actions where key.needs != nil {
                    var pressed = screen
                    let effects = pressed.update(key.keys[0], height: 24)
                    let refused = pressed.notice?.hasPrefix("Highlight ") == true
                    let what = "\(section.title): \(key.keys[0].label) \(refused ? "refused" : "acted") on \"\(hint)\""
                    #expect(named.contains(key.keys[0].label) == !refused, "\(what)")
                    #expect(refused == (effects.isEmpty && pressed.notice != nil))
                }
                checkedRows += 1
                _ = screen.update(.down, height: 24)
            }
        }
        #expect(checkedRows >= 8)
        // The demo has rows for these keys: each was named in some hint.
        #expect(hinted.isSuperset(of: ["u", "x", "X", "e", "r", "a", "d", "Del"]))
    }
}
