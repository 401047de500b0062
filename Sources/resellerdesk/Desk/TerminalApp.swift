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
    /// What a key asks for: a search of the accounts list (of a burst of typing, only the newest runs), or
    /// any other work, run before the next key.
    enum Work {
        case search(AccountsScreen.Effect)
        case run(() -> Void)
    }

    let service: ResellerService
    let terminal: Terminal
    var accounts = AccountsScreen()
    /// The layers over the accounts list (the list itself stays a field: its searches coalesce).
    var stack: [any DeskLayer] = []
    var quit = false
    /// The account detail's section in view, kept for the next account opened in this session.
    var detailSection: AccountDetailSection.ID = .overview
    /// The folder an invoice's files were last written to, offered for the next in this session.
    var filesFolder: String?
    /// What the draft file holds now, so that a batch of keys that changed nothing writes nothing.
    var lastDraft: FormDraft.Content?

    static let minWidth = 80, minHeight = 24
    /// Rows fetched per search: a screenful (a list shows a few rows fewer than the terminal has lines). Every
    /// keystroke fetches a page, with each row's balance and onboarding state, and so does the first frame; the
    /// next page comes when the highlight nears the end. (Two screens at 80x24, 40 rows, took 0.2 ms more of the
    /// first search, issue #27.)
    var searchPage: Int { terminal.height }
    /// Accounts the Assign picker offers before it asks for more typing: it does not page.
    static let pickerPage = 40
    /// Orders and history events read at a time on the account detail.
    static let detailPage = 50

    /// The list's first page, read on a thread of its own for so many rows while ncurses starts on this one:
    /// neither needs the other, and one after the other they took 1.3 ms of the first frame (issue #27). Until
    /// it is taken (`takeFirstPage`), the service belongs to that thread.
    private var firstPage: (lines: Int, reading: OwnThread<Result<AccountPage, ServiceError>>)?

    init(service: ResellerService, mono: Bool) throws(Terminal.Unusable) {
        self.service = service
        firstPage = Terminal.linesBeforeStart().map { lines in
            (lines, OwnThread { Result { () throws(ServiceError) in try service.searchAccounts("", limit: lines) } })
        }
        do {
            terminal = try Terminal(mono: mono)
        } catch {
            _ = firstPage?.reading.wait()
            throw error
        }
    }

    /// The first page, for the list's first search if it is the search it was read for (the same rows: ncurses
    /// may count other lines than the kernel did). Waited for either way: the service is this thread's after.
    func takeFirstPage(query: String, after: Int64) -> Result<AccountPage, ServiceError>? {
        guard let (lines, reading) = firstPage else { return nil }
        firstPage = nil
        let result = reading.wait()
        return query.isEmpty && after == 0 && lines == searchPage ? result : nil
    }

    func run() {
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig) { _ in stopSignal = 1 }
        }
        defer { terminal.stop() }
        // The draft first: it is read while the first page may still be on its way.
        if let draft = FormDraft.read(for: service.store.path) { stack.append(ResumeDraftLayer(draft: draft)) }
        perform(accounts: accounts.start())
        // After the first page, whose arrival clears the list's notice; a failed search's message goes first.
        if !terminal.utf8 && accounts.notice == nil {
            _ = accounts.update(.failed("The terminal is not UTF-8: names outside ASCII show as ?. Set LANG=C.UTF-8."))
        }
        draw()
        while !quit && stopSignal == 0 && !terminal.hungUp {
            guard let first = terminal.readKey() else { continue }
            var keys = [first]
            while keys.count < 256, let more = terminal.readKey(wait: false) { keys.append(more) }
            // Each key's effects run before the next key is handled (typed ahead over a slow link, Esc
            // then o must reach the screen Esc returned to); only searches wait, so that of a burst of
            // typing just the newest query runs.
            var pendingSearch: AccountsScreen.Effect?
            for key in keys {
                for work in handle(key) {
                    switch work {
                    case .search(let search): pendingSearch = search
                    case .run(let run):
                        if let search = pendingSearch { perform(accounts: search) }
                        pendingSearch = nil
                        run()
                    }
                }
            }
            if let search = pendingSearch { perform(accounts: search) }
            keepDraft()
            draw()
        }
    }

    private func handle(_ key: Key) -> [Work] {
        switch key {
        case .resize:
            // A taller list may show more rows than were loaded for the old size: the list is told even under
            // a layer, so that it is full again when the layer closes.
            return accountsWork(accounts.update(.resized, height: terminal.height))
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
        guard var layer = stack.popLast() else { return accountsWork(accounts.update(key, height: terminal.height)) }
        // The layer goes back changed before its work runs: the work reads the screen on top.
        let work = layer.press(key, in: self)
        stack.append(layer)
        return work.map(Work.run)
    }

    /// The accounts list's effects as work: searches wait for the end of the batch of keys, the rest run.
    private func accountsWork(_ effects: [AccountsScreen.Effect]) -> [Work] {
        effects.map { effect in
            if case .search = effect { return .search(effect) }
            return .run { [unowned self] in perform(accounts: effect) }
        }
    }

    /// Carries out the accounts list's effects, one after the other.
    func perform(accounts effects: [AccountsScreen.Effect]) {
        for effect in effects { perform(accounts: effect) }
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
        terminal.draw(stack.last?.render(in: self) ?? accounts.render(width: w, height: h))
    }
}
