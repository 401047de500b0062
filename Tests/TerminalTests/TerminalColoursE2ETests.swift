import Foundation
import Testing
import DeskTestSupport

/// Each role on the screen drawn as the backend promises: in colours, or with NO_COLOR or --mono in bold,
/// reverse and underline only. Read from tmux's own copy of the screen with its attributes (capture-pane -e).
@Suite struct TerminalColoursE2ETests {
    let cli = CLI()

    /// The SGR parameters of a line: every number of every ESC [ … m on it.
    func codes(_ line: Substring) -> Set<Int> {
        var codes = Set<Int>()
        for sequence in line.split(separator: "\u{1B}[", omittingEmptySubsequences: false).dropFirst() {
            guard let end = sequence.firstIndex(of: "m") else { continue }
            codes.formUnion(sequence[..<end].split(separator: ";").compactMap { Int($0) })
        }
        return codes
    }

    /// The SGR parameters on the screen's line holding `text`.
    func attributes(of text: String, in screen: String) throws -> Set<Int> {
        codes(try #require(screen.split(separator: "\n").first { $0.contains(text) }, "no line shows \(text)"))
    }

    /// Foreground and background colours (39 and 49, the default colours, are not among them).
    static let colours = Set(Array(30...38) + Array(40...48) + Array(90...97) + Array(100...107))

    /// The first frame of the desk started with `setting` (an environment assignment or an option), with
    /// its attributes. NO_COLOR is cleared first: the test runner may hand its own to tmux.
    func firstFrame(_ setting: (env: String, option: String)) throws -> String {
        let session = TmuxSession()
        defer { session.kill() }
        try session.start("env -u NO_COLOR LANG=C.UTF-8 \(setting.env) RESELLERDESK_DB=\(cli.db) \(CLI.binary) "
                          + setting.option)
        try session.waitFor("Ctrl-Q Quit")
        return try session.tmux(["capture-pane", "-p", "-e", "-t", session.name])
    }

    @Test func rolesAreColouredOrBoldReverseAndUnderlined() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let coloured = try firstFrame((env: "", option: ""))
        // The title white on blue and bold; the selected row black on cyan; the keys of the footer cyan.
        #expect(try attributes(of: "ResellerDesk · Accounts", in: coloured).isSuperset(of: [1, 37, 44]))
        #expect(try attributes(of: "ACC-000001", in: coloured).isSuperset(of: [30, 46]))
        #expect(try attributes(of: "Ctrl-Q Quit", in: coloured).contains(36))

        for setting in [(env: "NO_COLOR=1", option: ""), (env: "", option: "--mono")] {
            let mono = try firstFrame(setting)
            let title = try attributes(of: "ResellerDesk · Accounts", in: mono)
            #expect(title.isSuperset(of: [1, 7]), "\(setting): the title is \(title)")
            #expect(try attributes(of: "ACC-000001", in: mono).contains(7), "\(setting): the selected row")
            #expect(try attributes(of: "Ctrl-Q Quit", in: mono).contains(1), "\(setting): the footer's keys")
            let colours = mono.split(separator: "\n").map(codes).reduce(Set()) { $0.union($1) }
                .intersection(Self.colours)
            #expect(colours.isEmpty, "\(setting): colours \(colours)")
        }
    }
}
