import TerminalKit

/// One screen of the desk, as a value: keys in, effects out (the runtime carries them out against the
/// service and feeds the answers back), a grid drawn. Every screen dispatches through its binding table,
/// and the same table is its footer and its help, so a key cannot work without being listed.
public protocol Screen: Sendable {
    associatedtype Action: Sendable
    associatedtype Effect: Sendable
    /// The keys in effect now (a binding may carry the reason it is disabled).
    var bindings: [Binding<Action>] { get }
    /// What F1 (and `?` where it is not text) opens.
    var help: HelpScreen { get }
    /// One key; `height` is the terminal's, for paging.
    mutating func update(_ key: Key, height: Int) -> [Effect]
    func render(width: Int, height: Int) -> Grid
}
