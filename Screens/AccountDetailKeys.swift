import ResellerCore
import TerminalKit

/// Every key that acts on an account or its highlighted row, one literal each; `AccountDetailSection.all`
/// says which section holds which. A closure answers nil when the highlighted row is not one it acts on.
extension RowAction {
    // MARK: The account

    static let edit = RowAction([.char("e")], "Edit", help: "edit the account") { row in
        .run(.edit(accountId: row.id))
    }

    static let status = RowAction([.char("s")], "Status",
                                  help: "suspend, resume or close the account, with the reason") { row in
        row.account.status == .closed
            ? .cannot("\(row.account.code) is closed, and a closed account stays closed.")
            : .run(.changeStatus(accountId: row.id))
    }

    /// `$` in every section with money in it; `help` says what a payment does there.
    static func payment(help: String = "record a payment received (lowers the balance)") -> RowAction {
        RowAction([.char("$")], "Payment", help: help) { row in
            row.account.fields.ordering == nil
                ? .cannot("Ordering is off for this account: there is no balance to pay.") : .local(.paymentPrompt)
        }
    }

    /// Enter: the onboarding's next step, wherever it waits.
    static let nextStep = RowAction([.enter], "", help: "the onboarding's next step: the price-list picker, then "
                                    + "Add Contact as a storefront user, then the contact waiting for activation "
                                    + "(r resends)", footer: false) { row in
        switch row.content.detail.summary.onboarding.nextStep {
        case nil: .cannot("Onboarding is complete: nothing is waiting.")
        case .priceList?: .run(.pickPriceLists(accountId: row.id))
        case .invited?: .run(.addContact(accountId: row.id, storefront: true))
        default: .local(.showWaitingContact)
        }
    }

    // MARK: Contacts

    static let addContact = RowAction([.char("c")], "Add",
                                      help: "add a contact (and make it a storefront user)") { row in
        .run(.addContact(accountId: row.id, storefront: false))
    }

    static let editContact = RowAction([.char("e")], "Edit",
                                       help: "correct the highlighted contact (a new email is its login)",
                                       needs: "a contact") { row in
        row.contact.map { .run(.editContact($0)) }
    }

    static let access = RowAction([.char("a")], "Access", help: "the highlighted storefront user's type and roles",
                                  needs: "a contact with a storefront user") { row in
        guard case .contact(_, _?)? = row.item, let contact = row.contact else { return nil }
        return .run(.access(contact))
    }

    static let invite = RowAction([.char("i")], "Invite", help: "make the highlighted contact a storefront user, "
                                  + "or invite an Inactive one again (a new activation email)",
                                  needs: "a contact without a storefront user, or an Inactive one") { row in
        guard case .contact(_, let status)? = row.item, status == nil || status == .inactive,
              let contact = row.contact else { return nil }
        return .run(.invite(contact))
    }

    static let resend = RowAction([.char("r")], "Resend",
                                  help: "resend the activation email to the highlighted contact",
                                  needs: "a contact waiting for activation") { row in
        guard case .contact(let email, .pending?)? = row.item else { return nil }
        return .run(.resendActivation(accountId: row.id, email: email))
    }

    static let resetPassword = RowAction([.char("w")], "Reset password",
                                         help: "send the highlighted contact a password reset link",
                                         needs: "a contact with an active storefront user") { row in
        guard case .contact(let email, .active?)? = row.item else { return nil }
        return .run(.resetPassword(accountId: row.id, email: email))
    }

    static let deactivate = RowAction([.char("d")], "Deactivate",
                                      help: "deactivate the highlighted contact's storefront user",
                                      needs: "a contact with a storefront user") { row in
        guard case .contact(let email, let status?)? = row.item, status != .inactive else { return nil }
        return .ask("Deactivate the storefront user \(email)? Their sessions end. y/n",
                    .deactivate(accountId: row.id, email: email))
    }

    static let removeContact = RowAction([.delete, .char("D")], "Remove",
                                         help: "remove the highlighted contact (asks first)",
                                         needs: "a contact") { row in
        guard let contact = row.contact else { return nil }
        let user = contact.storefrontUser == nil ? "" : " Its storefront user's links and sessions end."
        return .ask("Remove \(contact.fullName) <\(contact.email)>?\(user) y/n", .removeContact(contact))
    }

    // MARK: Price lists

    static let assignPriceLists = RowAction([.char("p")], "Assign", help: "assign price lists (the picker)") { row in
        .run(.pickPriceLists(accountId: row.id))
    }

    static let unassign = RowAction([.char("u")], "Unassign", help: "unassign the highlighted price list",
                                    needs: "a price list") { row in
        guard case .priceList(let name)? = row.item else { return nil }
        return .ask("Unassign \(name)? y/n", .unassign(accountId: row.id, priceList: name))
    }

    // MARK: Orders

    static let execute = RowAction([.char("x")], "Execute",
                                   help: "execute the highlighted Submitted order (over the credit limit)",
                                   needs: "a Submitted order") { row in
        guard case .order(let orderId, let number, .submitted)? = row.item else { return nil }
        return .ask("Execute \(number) above the credit limit? y/n", .execute(accountId: row.id, orderId: orderId))
    }

    static let cancelOrder = RowAction([.char("X")], "Cancel", help: "cancel the highlighted Submitted order",
                                       needs: "a Submitted order") { row in
        guard case .order(let orderId, let number, .submitted)? = row.item else { return nil }
        return .ask("Cancel \(number)? y/n", .cancelOrder(accountId: row.id, orderId: orderId))
    }

    // MARK: Subscriptions

    static let quantity = RowAction([.char("q")], "Quantity", help: "change the highlighted subscription's "
                                    + "quantity (more: the added units are charged for the rest of the period; "
                                    + "fewer: from the next period)", needs: "an Active subscription") { row in
        guard case .subscription(_, .active)? = row.item, let sub = row.subscription else { return nil }
        return .run(.changeQuantity(sub))
    }

    static let cancelSubscription = RowAction([.char("X")], "Cancel", help: "cancel the highlighted subscription: "
                                              + "at its period end, or now with a credit note for the unused days "
                                              + "(asks which, then to confirm)",
                                              needs: "a subscription not yet canceled") { row in
        guard case .subscription(_, let status)? = row.item, status != .canceled,
              let sub = row.subscription else { return nil }
        return .local(.cancelChoice(sub))
    }

    // MARK: Invoices, ledger, customers

    static let openDocument = RowAction([.enter, .char("o")], "Open", help: "the highlighted invoice or credit note "
                                        + "as it prints (newest first)", needs: "an invoice or a credit note") { row in
        guard case .document(let number)? = row.item, let doc = row.content.billing.document(numbered: number) else {
            return nil
        }
        return .run(.viewDocument(doc.document(for: row.account)))
    }

    static let reverse = RowAction([.char("v")], "Reverse", help: "reverse the highlighted payment, with the reason "
                                   + "(a bounced transfer)", needs: "a payment not yet reversed") { row in
        guard case .ledger(let paymentId, true)? = row.item else { return nil }
        return .run(.reversePayment(accountId: row.id, paymentId: paymentId))
    }

    static let openCustomer = RowAction([.char("o")], "Open", help: "open the highlighted end customer's account",
                                        needs: "an end customer") { row in
        guard case .customer(let customerId)? = row.item else { return nil }
        return .run(.open(accountId: customerId))
    }
}
