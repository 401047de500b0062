import Foundation
import NcursesBackend
import ResellerCore
import Screens
import TerminalKit

/// Set from signal handlers; the loop looks at it at least every 100 ms.
nonisolated(unsafe) private var stopSignal: sig_atomic_t = 0

/// The full-screen front: a stack of screens over the accounts list. It reads keys in batches, hands them
/// to the top screen, carries out the effects against the service (each screen's in a file of its own,
/// `*Effects.swift`), and draws once per batch. This file is the wiring only.
final class TerminalApp {
    enum Top {
        case detail(AccountDetailScreen)
        case form(AccountFormScreen)
        case picker(PriceListPicker)
        case contact(ContactDialog)
        case access(AccessDialog)
        case status(StatusDialog)
        case reversal(ReversalDialog)
        case outbox(OutboxScreen)
        case submittedOrders(SubmittedOrdersScreen)
        case priceLists(PriceListsScreen)
        case priceListEdit(PriceListDialog)
        case quantity(QuantityDialog)
        case document(DocumentScreen)
        case billing(BillingScreen)
        case through(ThroughDialog)
        case resumeDraft(FormDraft)
        case help(HelpScreen)
    }

    enum Effect {
        case accounts(AccountsScreen.Effect)
        case detail(AccountDetailScreen.Effect)
        case form(AccountFormScreen.Effect)
        case picker(PriceListPicker.Effect)
        case contact(ContactDialog.Effect)
        case access(AccessDialog.Effect)
        case status(StatusDialog.Effect)
        case reversal(ReversalDialog.Effect)
        case outbox(OutboxScreen.Effect)
        case submittedOrders(SubmittedOrdersScreen.Effect)
        case priceLists(PriceListsScreen.Effect)
        case priceListEdit(PriceListDialog.Effect)
        case quantity(QuantityDialog.Effect)
        case document(DocumentScreen.Effect)
        case billing(BillingScreen.Effect)
        case through(ThroughDialog.Effect)
    }

    let service: ResellerService
    let terminal: Terminal
    var accounts = AccountsScreen()
    var stack: [Top] = []
    var quit = false
    /// The account detail's section in view, kept for the next account opened in this session.
    var detailSection: AccountDetailSection.ID = .overview
    /// What the draft file holds now, so that a batch of keys that changed nothing writes nothing.
    var lastDraft: FormDraft.Content?

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
        let h = terminal.height
        switch stack.last {
        case .help(var screen)?:
            if screen.update(key, width: terminal.width, height: h) {
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
            defer { stack[stack.count - 1] = .detail(screen); detailSection = screen.section }
            return screen.update(key, height: h).map(Effect.detail)
        case .form(let screen)?: return step(screen, key, Top.form, Effect.form)
        case .picker(let screen)?: return step(screen, key, Top.picker, Effect.picker)
        case .contact(let screen)?: return step(screen, key, Top.contact, Effect.contact)
        case .access(let screen)?: return step(screen, key, Top.access, Effect.access)
        case .status(let screen)?: return step(screen, key, Top.status, Effect.status)
        case .reversal(let screen)?: return step(screen, key, Top.reversal, Effect.reversal)
        case .outbox(let screen)?: return step(screen, key, Top.outbox, Effect.outbox)
        case .submittedOrders(let screen)?: return step(screen, key, Top.submittedOrders, Effect.submittedOrders)
        case .priceLists(let screen)?: return step(screen, key, Top.priceLists, Effect.priceLists)
        case .priceListEdit(let screen)?: return step(screen, key, Top.priceListEdit, Effect.priceListEdit)
        case .quantity(let screen)?: return step(screen, key, Top.quantity, Effect.quantity)
        case .document(let screen)?: return step(screen, key, Top.document, Effect.document)
        case .billing(let screen)?: return step(screen, key, Top.billing, Effect.billing)
        case .through(let screen)?: return step(screen, key, Top.through, Effect.through)
        case nil:
            return accounts.update(key, height: h).map(Effect.accounts)
        }
    }

    /// One key to the screen on top, which is put back changed; its effects for `perform`.
    private func step<S: Screen>(_ screen: S, _ key: Key, _ top: (S) -> Top, _ effect: (S.Effect) -> Effect)
        -> [Effect] {
        var screen = screen
        let effects = screen.update(key, height: terminal.height)
        stack[stack.count - 1] = top(screen)
        return effects.map(effect)
    }

    /// Carries out effects against the service, each screen's in its own file, and feeds the results back.
    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .accounts(let e): perform(accounts: e)
            case .detail(let e): perform(detail: e)
            case .form(let e): perform(form: e)
            case .picker(let e): perform(picker: e)
            case .contact(let e): perform(contact: e)
            case .access(let e): perform(access: e)
            case .status(let e): perform(status: e)
            case .reversal(let e): perform(reversal: e)
            case .outbox(let e): perform(outbox: e)
            case .submittedOrders(let e): perform(submittedOrders: e)
            case .priceLists(let e): perform(priceLists: e)
            case .priceListEdit(let e): perform(priceListEdit: e)
            case .quantity(let e): perform(quantity: e)
            case .document(let e): perform(document: e)
            case .billing(let e): perform(billing: e)
            case .through(let e): perform(through: e)
            }
        }
    }

    /// Opens a screen's help over it.
    func showHelp(_ help: HelpScreen) { stack.append(.help(help)) }

    /// The screen on top (the accounts list when the stack is empty), to draw.
    private var topScreen: any Screen {
        switch stack.last {
        case .detail(let s)?: s
        case .form(let s)?: s
        case .picker(let s)?: s
        case .contact(let s)?: s
        case .access(let s)?: s
        case .status(let s)?: s
        case .reversal(let s)?: s
        case .outbox(let s)?: s
        case .submittedOrders(let s)?: s
        case .priceLists(let s)?: s
        case .priceListEdit(let s)?: s
        case .quantity(let s)?: s
        case .document(let s)?: s
        case .billing(let s)?: s
        case .through(let s)?: s
        case .resumeDraft?, .help?, nil: accounts
        }
    }

    /// Draws the screen on top; also called while a long run reports its progress.
    func draw() {
        let w = terminal.width, h = terminal.height
        guard w >= Self.minWidth && h >= Self.minHeight else {
            var g = Grid(width: w, height: h)
            g.put("Terminal too small (need \(Self.minWidth)x\(Self.minHeight), have \(w)x\(h)).", x: 0, y: 0,
                  style: .warning)
            g.put("Make the window larger; \(Binding.label(of: .quit, in: AccountsScreen.bindings)) quits.", x: 0, y: 1)
            terminal.draw(g)
            return
        }
        switch stack.last {
        case .help(let s)?: terminal.draw(s.render(width: w, height: h))
        case .resumeDraft(let draft)?:
            var g = accounts.render(width: w, height: h)
            g.fill(x: 0, y: h - 2, width: w, style: .warning)
            g.put("An unsaved \(draft.what) (\(Format.timestamp(draft.savedAt))) was kept. Resume it? y/n",
                  x: 1, y: h - 2, style: .warning, maxWidth: w - 2)
            terminal.draw(g)
        default: terminal.draw(topScreen.render(width: w, height: h))
        }
    }
}
