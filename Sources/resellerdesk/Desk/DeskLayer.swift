import ResellerCore
import Screens
import TerminalKit

/// One layer of the desk's stack over the accounts list: something that takes keys and draws the screen.
/// The stack holds layers, not a list of every screen there is, so a new screen is its own two files
/// (the screen, and its `*Effects.swift` with the `push` that pairs it with its runner) plus the place
/// that opens it.
protocol DeskLayer {
    /// One key to the layer; what it asks the desk to do, run before the next key is handled.
    mutating func press(_ key: Key, in app: TerminalApp) -> [() -> Void]
    func render(in app: TerminalApp) -> Grid
}

/// A screen with the runner of its effects (one of TerminalApp's `perform(x:)` methods).
struct ScreenLayer<S: Screen>: DeskLayer {
    var screen: S
    let perform: (TerminalApp) -> (S.Effect) -> Void

    mutating func press(_ key: Key, in app: TerminalApp) -> [() -> Void] {
        let perform = self.perform
        return screen.update(key, height: app.terminal.height).map { effect in { perform(app)(effect) } }
    }

    func render(in app: TerminalApp) -> Grid { screen.render(width: app.terminal.width, height: app.terminal.height) }
}

/// The help over a screen: keys scroll it, any other closes it.
struct HelpLayer: DeskLayer {
    var help: HelpScreen

    mutating func press(_ key: Key, in app: TerminalApp) -> [() -> Void] {
        help.update(key, width: app.terminal.width, height: app.terminal.height) ? [] : [app.pop]
    }

    func render(in app: TerminalApp) -> Grid { help.render(width: app.terminal.width, height: app.terminal.height) }
}

/// At start, over the accounts list: a form left unsaved last time, offered back (y resumes it, any other
/// key discards it).
struct ResumeDraftLayer: DeskLayer {
    let draft: FormDraft

    mutating func press(_ key: Key, in app: TerminalApp) -> [() -> Void] {
        let draft = self.draft, resume = key.isYes
        return [{ app.pop(); if resume { app.resume(draft) } else { app.discardDraft() } }]
    }

    func render(in app: TerminalApp) -> Grid {
        let w = app.terminal.width, h = app.terminal.height
        var g = app.accounts.render(width: w, height: h)
        let saved = Format.timestamp(draft.savedAt)
        g.statusLine(.question("An unsaved \(draft.what) (\(saved)) was kept. Resume it? y/n"), y: h - 2)
        return g
    }
}

extension TerminalApp {
    /// Opens a screen over the others, with the runner of its effects (`TerminalApp.perform(x:)`).
    func push<S: Screen>(_ screen: S, perform: @escaping (TerminalApp) -> (S.Effect) -> Void) {
        stack.append(ScreenLayer(screen: screen, perform: perform))
    }

    /// Closes the layer on top.
    func pop() { stack.removeLast() }

    /// The screen on top, if it is an `S`.
    func top<S: Screen>(_: S.Type) -> S? { (stack.last as? ScreenLayer<S>)?.screen }

    /// Changes the screen on top, if it is an `S` (an answer from the service, a refusal to show).
    func updateTop<S: Screen>(_: S.Type, _ change: (inout S) -> Void) {
        guard var layer = stack.last as? ScreenLayer<S> else { return }
        change(&layer.screen)
        stack[stack.count - 1] = layer
    }

    /// Changes the nearest `S` in the stack, on top or under a dialog (a long run's progress).
    func updateNearest<S: Screen>(_: S.Type, _ change: (inout S) -> Void) {
        guard let i = stack.lastIndex(where: { $0 is ScreenLayer<S> }), var layer = stack[i] as? ScreenLayer<S>
        else { return }
        change(&layer.screen)
        stack[i] = layer
    }

    /// Opens a screen's help over it.
    func showHelp(_ help: HelpScreen) { stack.append(HelpLayer(help: help)) }
}
