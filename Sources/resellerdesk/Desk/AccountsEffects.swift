import ResellerCore
import Screens

/// The accounts list's effects: searches, opening an account, the New Account form, the outbox, the
/// Submitted orders, the price lists, the billing run and collections.
extension TerminalApp {
    func perform(accounts effect: AccountsScreen.Effect) {
        switch effect {
        case .search(let query, let after, let request):
            let result = takeFirstPage(query: query, after: after) ?? Result { () throws(ServiceError) in
                try service.searchAccounts(query, after: after, limit: searchPage)
            }
            switch result {
            case .success(let page):
                // An Enter typed while this search ran opens its first match now.
                let answer = AccountsScreen.Event.results(request: request, page: page, append: after > 0)
                perform(accounts: accounts.update(answer, height: terminal.height))
            case .failure(let error):
                _ = accounts.update(.failed(error.description))
            }
        case .open(let id): openDetail(id)
        case .add:
            push(AccountFormScreen(defaultCurrency: service.settings.defaultCurrency, staff: service.staffLogins()))
        case .outbox: showOutbox(notice: nil, push: true)
        case .submittedOrders: showSubmittedOrders(notice: nil, push: true)
        case .priceLists: showPriceLists(notice: nil, push: true)
        case .billing: showBilling()
        case .collections: showCollections(notice: nil, push: true)
        case .help: showHelp(AccountsScreen.help)
        case .quit: quit = true
        }
    }

    /// Searches the list again with its query (after a save changed what it shows).
    func refreshAccounts() {
        perform(accounts: .search(query: accounts.query.text, after: 0, request: accounts.nextRequest()))
    }
}
