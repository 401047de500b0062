import FieldSchema
import Testing
import DeskTestSupport
@testable import ResellerCore
@testable import Screens
import TerminalKit

/// Every message the validators can give shows whole at 80x24: wrapped under the form while its field has
/// the focus (or in the form's message when the field cannot take the focus), never cut at the right edge.
@Suite struct WholeMessagesTests {
    static func account(_ change: (inout AccountForm) -> Void) -> AccountForm {
        var form = AccountForm()
        change(&form)
        return form
    }

    /// Forms that between them break every rule of AccountValidator.
    static let badAccounts: [AccountForm] = [
        AccountForm(),
        account {
            $0.name = String(repeating: "n", count: 201); $0.tradingName = String(repeating: "t", count: 201)
            $0.registrationNumber = String(repeating: "1", count: 51)
            $0.taxAuthority = String(repeating: "a", count: 101)
            $0.description = String(repeating: "d", count: 2001); $0.street = String(repeating: "s", count: 201)
            $0.city = String(repeating: "c", count: 101); $0.postcode = String(repeating: "9", count: 21)
            $0.state = String(repeating: "s", count: 101); $0.type = "Wholesaler"; $0.email = "a b@example.com"
            $0.phone = "call me"; $0.website = "not a site"; $0.country = "Atlantis"; $0.currency = "doubloons"
        },
        account {
            $0.name = "A\u{1B}[2J"; $0.tradingName = "\u{202E}x"
            $0.registrationNumber = "\u{7}"; $0.taxAuthority = "\u{8}"
            $0.street = "\u{1B}"; $0.city = "\u{1B}"; $0.postcode = "\u{1B}"; $0.state = "\u{1B}"
            $0.email = "office@-bad-.example"; $0.country = "united"; $0.currency = "dollar"
        },
        account { $0.email = "no-at-sign"; $0.country = "Guinea"; $0.currency = "franc" },
        account {
            $0.enableOrdering = true; $0.creditLimit = "12,x"; $0.prorateBilling = true
            $0.partialChargesInvoicing = "weekly"
        },
        account {
            $0.enableOrdering = true; $0.creditLimit = "1.234"; $0.prorateBilling = true; $0.billingDay = "31st"
        },
        account { $0.enableOrdering = true; $0.creditLimit = "99999999999999999" },
        account { $0.enableOrdering = true; $0.creditLimit = "5"; $0.unlimitedCredit = true; $0.billingDay = "first" },
        account {
            $0.creditLimit = "5"; $0.prorateBilling = true; $0.partialChargesInvoicing = "onOrderDay"
            $0.enableReselling = true
        },
    ]

    static func refusal(_ form: AccountForm) -> ServiceError? {
        do {
            _ = try AccountValidator.validate(form, defaultCurrency: "EUR", defaultManager: "staff")
            return nil
        } catch { return error }
    }

    @Test func everyAccountErrorShowsWholeAt80Columns() throws {
        var seen = 0
        for form in Self.badAccounts {
            let error = try #require(Self.refusal(form), "this form was meant to be refused: \(form)")
            var screen = AccountFormScreen(resuming: form, accountId: nil, version: nil)
            screen.saveFailed(error)
            for (field, message) in error.messagesByField {
                let focusable = screen.visibleFields.filter(screen.isEnabled)
                if case let f = field, focusable.contains(f) {
                    for _ in focusable where screen.focus != f { _ = screen.update(.tab) }
                    #expect(screen.focus == f)
                }
                let text = joined(screen.render(width: 80, height: 24))
                #expect(text.contains(message), "\"\(field): \(message)\" is not whole at 80x24:\n\(text)")
                seen += 1
            }
        }
        #expect(seen >= 30, "the bad forms gave only \(seen) messages")
    }

    @Test func everyContactErrorShowsWholeAt80Columns() throws {
        var forms: [ContactForm] = [ContactForm()]
        var long = ContactForm()
        long.firstName = String(repeating: "f", count: 201); long.lastName = String(repeating: "l", count: 201)
        long.email = "x@y"; long.phone = "call me"; long.mobile = "never"
        long.companyRole = String(repeating: "r", count: 201)
        forms.append(long)
        var control = ContactForm()
        control.firstName = "\u{1B}"; control.lastName = "\u{202E}"; control.email = "a b@example.com"
        control.companyRole = "\u{7}"
        forms.append(control)
        var seen = 0
        for form in forms {
            var dialog = ContactDialog.resuming(form, ContactTarget(accountId: 1, accountName: "Aegean Cloud Partners",
                                                                    hasPriceList: true))
            let error: ServiceError
            do {
                _ = try ContactValidator.validate(form)
                Issue.record("this contact was meant to be refused: \(form)")
                continue
            } catch let e { error = e }
            dialog.saveFailed(error)
            for (field, message) in error.messagesByField {
                let f = try #require(ContactSchema.fields.spec(field)?.id, "no field \(field) in the dialog")
                for _ in ContactSchema.fields where dialog.focus != f { _ = dialog.update(.tab) }
                let text = joined(dialog.render(width: 80, height: 24))
                #expect(text.contains(message), "\"\(field): \(message)\" is not whole at 80x24:\n\(text)")
                seen += 1
            }
        }
        #expect(seen >= 8, "the bad contacts gave only \(seen) messages")
    }

    /// The focused field's help is one line under the form, whole at 80 columns.
    @Test func everyFieldsHelpIsOneWholeLine() {
        var screen = AccountFormScreen()
        for f in AccountSchema.fields {
            #expect(DisplayWidth.of(f.help) <= 78, "\(f.id): help longer than a line")
        }
        for _ in screen.visibleFields {
            let text = screen.render(width: 80, height: 24).text.split(separator: "\n").map(String.init)
            #expect(text[22].trimmingCharacters(in: .whitespaces) == AccountSchema.fields.spec(screen.focus)?.help)
            _ = screen.update(.tab)
        }
        var dialog = ContactDialog.add(accountId: 1, accountName: "A", hasPriceList: false)
        for f in ContactSchema.fields {
            #expect(DisplayWidth.of(f.help) <= 78, "\(f.id): help longer than a line")
            let text = dialog.render(width: 80, height: 24).text.split(separator: "\n").map(String.init)
            #expect(text[22].trimmingCharacters(in: .whitespaces) == f.help)
            _ = dialog.update(.tab)
        }
    }

    /// A long answer of the service on the account detail and Accounts wraps instead of being cut.
    @Test func noticesWrapOnTheDetailAndAccounts() throws {
        let notice = "A new activation email is queued to partners@aegean-cloud.example; "
            + "the earlier link no longer works."
        var accounts = AccountsScreen()
        _ = accounts.update(.failed(notice))
        #expect(joined(accounts.render(width: 80, height: 24)).contains(notice))
        let service = try DemoDesk.service()
        let id = try service.findAccount("ACC-000001").id
        var detail = AccountDetailScreen(try DemoDesk.content(service, id), section: .overview)
        detail.notify(notice)
        #expect(joined(detail.render(width: 80, height: 24)).contains(notice))
    }
}
