import Foundation
import NcursesBackend
import ResellerCore
import Screens
import TerminalKit

/// Set from signal handlers; the loop looks at it at least every 100 ms.
nonisolated(unsafe) private var stopSignal: sig_atomic_t = 0

/// The full-screen front: a stack of screens over the accounts list. It reads keys in batches, hands them
/// to the top screen, carries out the effects against the service, and draws once per batch.
final class TerminalApp {
    enum Top {
        case detail(AccountDetailScreen)
        case form(AccountFormScreen)
        case picker(PriceListPicker)
        case contact(AddContactDialog)
        case outbox(OutboxScreen)
        case resumeDraft(FormDraft)
        case help(HelpScreen)
    }

    let service: ResellerService
    let terminal: Terminal
    var accounts = AccountsScreen()
    var stack: [Top] = []
    var quit = false
    /// The account detail's section in view, kept for the next account opened in this session.
    var detailSection: AccountDetailSection.ID = .overview

    static let minWidth = 80, minHeight = 24
    /// Rows fetched per search: two screens at 80x24. Every keystroke fetches a page, with each row's
    /// balance and onboarding state; the next page comes when the highlight nears the end.
    static let searchPage = 40
    /// Orders and history events read at a time on the account detail.
    static let detailPage = 50

    init(service: ResellerService, mono: Bool) throws(Terminal.Unusable) {
        self.service = service
        terminal = try Terminal(mono: mono)
    }

    func run() {
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig) { _ in stopSignal = 1 }
        }
        defer { terminal.stop() }
        if !terminal.utf8 {
            _ = accounts.update(.failed("The terminal is not UTF-8: names outside ASCII show as ?. Set LANG=C.UTF-8."))
        }
        perform(accounts.start().map(Effect.accounts))
        if let draft = FormDraft.read(for: service.store.path) { stack.append(.resumeDraft(draft)) }
        draw()
        while !quit && stopSignal == 0 && !terminal.hungUp {
            guard let first = terminal.readKey() else { continue }
            var keys = [first]
            while keys.count < 256, let more = terminal.readKey(wait: false) { keys.append(more) }
            // Each key's effects run before the next key is handled (typed ahead over a slow link, Esc
            // then o must reach the screen Esc returned to); only searches wait, so that of a burst of
            // typing just the newest query runs.
            var pendingSearch: Effect?
            for key in keys {
                for effect in handle(key) {
                    if case .accounts(.search) = effect {
                        pendingSearch = effect
                    } else {
                        if let search = pendingSearch { perform([search]) }
                        pendingSearch = nil
                        perform([effect])
                    }
                }
            }
            if let search = pendingSearch { perform([search]) }
            keepDraft()
            draw()
        }
    }

    enum Effect {
        case accounts(AccountsScreen.Effect)
        case detail(AccountDetailScreen.Effect)
        case form(AccountFormScreen.Effect)
        case picker(PriceListPicker.Effect)
        case contact(AddContactDialog.Effect)
        case outbox(OutboxScreen.Effect)
    }

    private func handle(_ key: Key) -> [Effect] {
        switch key {
        case .resize: return []
        case .ctrl("l"):
            terminal.repaintAll()
            return []
        case .ctrl("z"):
            terminal.suspend()
            return []
        default: break
        }
        guard terminal.width >= Self.minWidth && terminal.height >= Self.minHeight else {
            if Binding.action(for: key, in: AccountsScreen.bindings) == .quit { quit = true }
            return []
        }
        switch stack.last {
        case .help(var screen)?:
            if screen.update(key, width: terminal.width, height: terminal.height) {
                stack[stack.count - 1] = .help(screen)
            } else {
                stack.removeLast()
            }
            return []
        case .resumeDraft(let draft)?:
            stack.removeLast()
            if key == .char("y") || key == .char("Y") {
                resume(draft)
            } else {
                discardDraft()
            }
            return []
        case .detail(var screen)?:
            let effects = screen.update(key, height: terminal.height)
            stack[stack.count - 1] = .detail(screen)
            detailSection = screen.section
            return effects.map(Effect.detail)
        case .form(var screen)?:
            let effects = screen.update(key, height: terminal.height)
            stack[stack.count - 1] = .form(screen)
            return effects.map(Effect.form)
        case .picker(var screen)?:
            let effects = screen.update(key)
            stack[stack.count - 1] = .picker(screen)
            return effects.map(Effect.picker)
        case .contact(var screen)?:
            let effects = screen.update(key)
            stack[stack.count - 1] = .contact(screen)
            return effects.map(Effect.contact)
        case .outbox(var screen)?:
            let effects = screen.update(key, height: terminal.height)
            stack[stack.count - 1] = .outbox(screen)
            return effects.map(Effect.outbox)
        case nil:
            return accounts.update(.key(key), height: terminal.height).map(Effect.accounts)
        }
    }

    /// Carries out effects against the service and feeds the results back to the screens.
    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .accounts(.search(let query, let after, let request)):
                do {
                    let page = try service.searchAccounts(query, after: after, limit: Self.searchPage)
                    // An Enter typed while this search ran opens its first match now.
                    let answer = AccountsScreen.Event.results(request: request, page: page, append: after > 0)
                    perform(accounts.update(answer, height: terminal.height).map(Effect.accounts))
                } catch {
                    _ = accounts.update(.failed(error.description))
                }
            case .accounts(.open(let id)), .detail(.reload(let id)):
                do {
                    if case .detail(let old)? = stack.last {
                        stack[stack.count - 1] = .detail(try detailScreen(id, keepingPlaceOf: old))
                    } else {
                        stack.append(.detail(try detailScreen(id)))
                    }
                } catch {
                    _ = accounts.update(.failed(error.description))
                }
            case .detail(.moreOrders(let id, let before)):
                if case .detail(var screen)? = stack.last,
                   let page = try? service.orderPage(of: id, before: before, limit: Self.detailPage) {
                    screen.appendOrders(page)
                    stack[stack.count - 1] = .detail(screen)
                }
            case .detail(.moreHistory(let id, let before)):
                if case .detail(var screen)? = stack.last,
                   let events = try? service.accountHistory(id, before: before, limit: Self.detailPage) {
                    screen.appendHistory(events)
                    stack[stack.count - 1] = .detail(screen)
                }
            case .accounts(.add):
                stack.append(.form(AccountFormScreen(defaultCurrency: service.settings.defaultCurrency)))
            case .detail(.edit(let id)):
                do {
                    stack.append(.form(AccountFormScreen(editing: try service.account(id), defaultCurrency: service.settings.defaultCurrency)))
                } catch {
                    _ = accounts.update(.failed(error.description))
                }
            case .form(.save(let form, let id, let version)):
                save(form, id: id, version: version)
            case .form(.cancel):
                stack.removeLast()
                discardDraft()
            case .contact(.cancel):
                stack.removeLast()
                discardDraft()
            case .picker(.cancel), .outbox(.back):
                stack.removeLast()
            case .accounts(.outbox):
                showOutbox(notice: nil, push: true)
            case .outbox(.reload):
                showOutbox(notice: nil, push: false)
            case .outbox(.retry(let id)):
                do {
                    try service.retryMail(id, by: .currentStaff())
                    showOutbox(notice: "Email \(id) is queued again; the deliverer will send it.", push: false)
                } catch {
                    showOutbox(notice: error.description, push: false)
                }
            case .outbox(.help):
                stack.append(.help(HelpScreen(title: "Outbox", bindings: OutboxScreen.bindings)))
            case .form(.help):
                if case .form(let form)? = stack.last { stack.append(.help(form.help)) }
            case .contact(.help):
                if case .contact(let dialog)? = stack.last { stack.append(.help(dialog.help)) }
            case .picker(.help):
                if case .picker(let picker)? = stack.last { stack.append(.help(picker.help)) }
            case .detail(.pickPriceLists(let id)):
                do {
                    let detail = try service.accountDetail(id)
                    var picker = PriceListPicker(accountId: id, accountCode: detail.account.code,
                                                 lists: try service.priceLists(), assigned: detail.priceLists,
                                                 refusals: try service.priceListRefusals(for: id))
                    let first = picker.start()
                    stack.append(.picker(picker))
                    perform(first.map(Effect.picker))
                } catch {
                    notifyDetail(error.description)
                }
            case .picker(.loadItems(let listId)):
                if case .picker(var picker)? = stack.last, let items = try? service.priceListItems(listId) {
                    picker.showItems(items, of: listId)
                    stack[stack.count - 1] = .picker(picker)
                }
            case .picker(.assign(let id, let names)):
                do {
                    let result = try service.assignPriceLists(id, names: names, by: .currentStaff())
                    stack.removeLast()
                    reloadDetail(id, notice: (["Assigned: " + (result.assigned.isEmpty ? "nothing new" : result.assigned.joined(separator: ", "))]
                                              + result.warnings.map { "warning: \($0)" }).joined(separator: "; "))
                } catch {
                    if case .picker(var picker)? = stack.last {
                        picker.showRefusal(error)
                        stack[stack.count - 1] = .picker(picker)
                    }
                }
            case .detail(.addContact(let id, let storefront)):
                if case .detail(let screen)? = stack.last {
                    stack.append(.contact(AddContactDialog(accountId: id, accountName: screen.detail.account.name,
                                                           hasPriceList: !screen.detail.priceLists.isEmpty,
                                                           storefront: storefront)))
                }
            case .contact(.save(let id, let form)):
                do {
                    let contact = try service.addContact(to: id, form, by: .currentStaff())
                    stack.removeLast()
                    discardDraft()
                    reloadDetail(id, notice: contact.storefrontUser != nil
                        ? "Activation email queued to \(contact.email) (storefront Admin)" : "Added \(contact.fullName)")
                } catch {
                    if case .contact(var dialog)? = stack.last {
                        dialog.saveFailed(error)
                        stack[stack.count - 1] = .contact(dialog)
                    }
                }
            case .accounts(.help):
                stack.append(.help(AccountsScreen.help))
            case .detail(.unassign(let id, let name)):
                detailAction(id) { () throws(ServiceError) in try service.unassignPriceLists(id, names: [name], by: .currentStaff()); return "Unassigned \(name)." }
            case .detail(.resendActivation(let id, let email)):
                detailAction(id) { () throws(ServiceError) in
                    try service.resendActivation(email: email, by: .currentStaff())
                    return "A new activation email is queued to \(email); the earlier link no longer works."
                }
            case .detail(.deactivate(let id, let email)):
                detailAction(id) { () throws(ServiceError) in try service.deactivateStorefront(email: email, by: .currentStaff()); return "Deactivated \(email); their sessions ended." }
            case .detail(.resetPassword(let id, let email)):
                detailAction(id) { () throws(ServiceError) in try service.startPasswordReset(email: email, by: .currentStaff()); return "A password reset link is queued to \(email)." }
            case .detail(.execute(let id, let orderId)):
                detailAction(id) { () throws(ServiceError) in let o = try service.executeOrder(orderId, by: .currentStaff()); return "\(o.number) executed: \(o.total.display) debited." }
            case .detail(.cancelOrder(let id, let orderId)):
                detailAction(id) { () throws(ServiceError) in let o = try service.cancelOrder(orderId, by: .currentStaff()); return "\(o.number) canceled." }
            case .detail(.recordPayment(let id, let amount)):
                do {
                    let paid = try service.recordPayment(accountId: id, amount: amount, by: .currentStaff())
                    reloadDetail(id, notice: "Payment of \(paid.display) recorded.")
                } catch {
                    if case .detail(var screen)? = stack.last {
                        screen.paymentFailed(error.messagesByField.values.sorted().joined(separator: "; "))
                        stack[stack.count - 1] = .detail(screen)
                    }
                }
            case .detail(.help):
                if case .detail(let screen)? = stack.last {
                    stack.append(.help(screen.help))
                }
            case .detail(.back):
                stack.removeLast()
            case .accounts(.quit):
                quit = true
            }
        }
    }

    /// What the draft file holds now, so that a batch of keys that changed nothing writes nothing.
    private var lastDraft: FormDraft.Content?

    /// The form was saved or given up: its draft goes.
    private func discardDraft() {
        FormDraft.remove()
        lastDraft = nil
    }

    /// While a form with changes is on screen, what was typed is on disk too: a dropped SSH link, a kill
    /// or a crash loses nothing, and the next start offers to resume it.
    private func keepDraft() {
        let content: FormDraft.Content
        switch stack.last {
        case .form(let form)? where form.isDirty:
            content = .account(accountId: form.target.accountId, version: form.target.version, form: form.form)
        case .contact(let dialog)? where dialog.isDirty:
            content = .contact(accountId: dialog.accountId, accountName: dialog.accountName, hasPriceList: dialog.hasPriceList, form: dialog.form)
        default: return
        }
        guard content != lastDraft else { return }   // moving between fields changes nothing to keep
        FormDraft(database: service.store.path, content: content, savedAt: Date()).write()
        lastDraft = content
    }

    /// Reopens a kept draft where it was: an account form, or the Add Contact dialog over its account.
    private func resume(_ draft: FormDraft) {
        switch draft.content {
        case .account(let id, let version, let form):
            stack.append(.form(AccountFormScreen(resuming: form, accountId: id, version: version,
                                                 defaultCurrency: service.settings.defaultCurrency)))
        case .contact(let id, let name, let hasPriceList, let form):
            perform([.accounts(.open(accountId: id))])
            guard case .detail? = stack.last else { return }   // the account is gone: nothing to add the contact to
            stack.append(.contact(AddContactDialog(resuming: form, accountId: id, accountName: name, hasPriceList: hasPriceList)))
        }
    }

    /// Opens (or refreshes) the Outbox screen with the newest 500 emails.
    private func showOutbox(notice: String?, push: Bool) {
        do {
            let screen = OutboxScreen(try service.outbox(limit: 500), notice: notice)
            if push { stack.append(.outbox(screen)) } else if case .outbox? = stack.last { stack[stack.count - 1] = .outbox(screen) }
        } catch {
            _ = accounts.update(.failed(error.description))
        }
    }

    /// Runs one action of the account detail screen; its answer, or the service's refusal, shows there.
    private func detailAction(_ id: Int64, _ action: () throws(ServiceError) -> String) {
        do {
            reloadDetail(id, notice: try action())
        } catch {
            notifyDetail(error.description)
        }
    }

    /// Replaces the account detail on top of the stack with a fresh read, with a notice line.
    private func reloadDetail(_ id: Int64, notice: String) {
        guard case .detail(let old)? = stack.last,
              var screen = try? detailScreen(id, keepingPlaceOf: old) else { return }
        screen.notify(notice)
        stack[stack.count - 1] = .detail(screen)
        perform([.accounts(.search(query: accounts.query.text, after: 0, request: accounts.nextRequest()))])
    }

    /// An account's detail read for the screen: the account, the first pages of its orders and history
    /// (on a reload, at least as many as were read, so the place is kept) and the counts on its tabs.
    private func detailScreen(_ id: Int64, keepingPlaceOf old: AccountDetailScreen? = nil)
        throws(ServiceError) -> AccountDetailScreen {
        let orders = max(Self.detailPage, old?.detail.orders.count ?? 0)
        let events = max(Self.detailPage, old?.detail.audit.count ?? 0)
        let content = AccountDetailContent(try service.accountDetail(id, auditLimit: events),
                                           counts: try service.accountCounts(id),
                                           orders: try service.orderPage(of: id, limit: orders))
        if let old { return AccountDetailScreen(content, keepingPlaceOf: old) }
        return AccountDetailScreen(content, section: detailSection)
    }

    private func notifyDetail(_ text: String) {
        if case .detail(var screen)? = stack.last {
            screen.notify(text)
            stack[stack.count - 1] = .detail(screen)
        }
    }

    /// Saves the form through the service: on success the form closes onto the account (and the list is
    /// searched again); on refusal the form stays with everything typed and the service's messages.
    private func save(_ form: AccountForm, id: Int64?, version: Int?) {
        let actor = Actor.currentStaff()
        do {
            let account: Account
            if let id, let version {
                account = try service.updateAccount(id, form, expectedVersion: version, by: actor)
            } else {
                account = try service.createAccount(form, by: actor)
            }
            stack.removeLast()
            discardDraft()
            if case .detail? = stack.last { stack.removeLast() }
            stack.append(.detail(try detailScreen(account.id)))
            perform([.accounts(.search(query: accounts.query.text, after: 0, request: accounts.nextRequest()))])
        } catch {
            if case .form(var screen)? = stack.last {
                screen.saveFailed(error)
                stack[stack.count - 1] = .form(screen)
            }
        }
    }

    private func draw() {
        let w = terminal.width, h = terminal.height
        guard w >= Self.minWidth && h >= Self.minHeight else {
            var g = Grid(width: w, height: h)
            g.put("Terminal too small (need \(Self.minWidth)x\(Self.minHeight), have \(w)x\(h)).", x: 0, y: 0, style: .warning)
            g.put("Make the window larger; \(Binding.label(of: .quit, in: AccountsScreen.bindings)) quits.", x: 0, y: 1)
            terminal.draw(g)
            return
        }
        switch stack.last {
        case .form(let s)?: terminal.draw(s.render(width: w, height: h))
        case .picker(let s)?: terminal.draw(s.render(width: w, height: h, today: service.today))
        case .contact(let s)?: terminal.draw(s.render(width: w, height: h))
        case .outbox(let s)?: terminal.draw(s.render(width: w, height: h))
        case .resumeDraft(let draft)?:
            var g = accounts.render(width: w, height: h)
            g.fill(x: 0, y: h - 2, width: w, style: .warning)
            g.put("An unsaved \(draft.what) (\(Format.timestamp(draft.savedAt))) was kept. Resume it? y/n", x: 1, y: h - 2,
                  style: .warning, maxWidth: w - 2)
            terminal.draw(g)
        case .help(let s)?: terminal.draw(s.render(width: w, height: h))
        case .detail(let s)?: terminal.draw(s.render(width: w, height: h))
        case nil: terminal.draw(accounts.render(width: w, height: h))
        }
    }
}
