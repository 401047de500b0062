import CNcurses
import Foundation
import TerminalKit

/// The terminal through ncursesw: the only code that calls curses. It decodes keys into `Key`, copies a
/// `Grid` onto stdscr and lets ncurses send only the changed cells (one doupdate per batch of input), and
/// restores the terminal on every way out. All calls happen on the thread that created it.
public final class Terminal {
    public private(set) var width = 80
    public private(set) var height = 24
    /// Roles drawn in colours; false: in bold, reverse and underline only.
    private var colored = false
    private var started = false
    private var failures = 0
    public let utf8: Bool
    /// The terminal went away: the program should save what it can and leave.
    public private(set) var hungUp = false

    /// The terminal could not be started: the one sentence to print (the program then exits 2).
    public struct Unusable: Error, Sendable {
        public let message: String
    }

    /// `mono`: bold, reverse and underline instead of colours (also when NO_COLOR is set). Throws when
    /// `$TERM` names a terminal type this machine does not know.
    public init(mono: Bool) throws(Unusable) {
        // The signals this front lives by may arrive blocked: a process started from a thread that blocks
        // them (libdispatch workers do; so does a tmux server such a thread started) inherits the mask.
        // Then a resize, a dropped SSH link or a kill would never be seen.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for sig in [SIGWINCH, SIGHUP, SIGTERM, SIGINT, SIGTSTP, SIGCONT] { sigaddset(&wanted, sig) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        // The character set only (what ncurses needs for UTF-8 and character widths): the program formats its
        // numbers, dates and messages itself, as the commands do, which never set a locale. Loading every
        // category of the locale took 0.3 ms of the first frame, this one 0.1 (issue #27).
        setlocale(LC_CTYPE, "")
        utf8 = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().filter { $0 != "-" } == "UTF8"
        // Esc must react quickly; honour $ESCDELAY when set. (getenv: Foundation's whole environment as a
        // dictionary, made for one variable, is time before the first frame.)
        let delay = getenv("ESCDELAY").flatMap { Int32(String(cString: $0)) } ?? 50
        // newterm, not initscr: initscr prints "Error opening terminal" and exits for an unknown $TERM,
        // leaving the user nothing to try.
        guard rd_newterm() != nil else { throw Unusable(message: Self.unknownTerm()) }
        started = true
        // ncurses 6.4 flushes its output after every cursor move until the screen has been through endwin
        // once (it takes a screen never ended for a low-level terminfo program's): a frame went out as dozens
        // of small writes, each a packet of its own over SSH. Ended and resumed once, as Ctrl-Z does, before
        // anything is drawn, each doupdate is one write (ncurses buffers about a screenful). First, so that the
        // modes set below (and the keypad's switch, which endwin turns off) go out with the first frame.
        endwin()
        doupdate()
        set_escdelay(delay)
        raw()
        noecho()
        nonl()
        keypad(rd_stdscr(), true)
        wtimeout(rd_stdscr(), 100)   // wake up to notice signals even with no input
        useColor(!mono && getenv("NO_COLOR") == nil && has_colors())
        width = Int(rd_cols())
        height = Int(rd_lines())
        // Bracketed paste: pasted text arrives between ESC[200~ and ESC[201~ and is inserted, never
        // taken as keys (a pasted newline must not press Enter).
        Terminal.send("\u{1B}[?2004h")
    }

    /// The terminal's lines as the kernel tells them, before ncurses starts (it asks the kernel too, unless
    /// $LINES says otherwise): what the first page of accounts is read for while ncurses starts. Nil when
    /// standard output is no terminal.
    public static func linesBeforeStart() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// What to say when ncurses knows no terminal by the name in $TERM.
    static func unknownTerm() -> String {
        let fallback = "TERM=xterm-256color resellerdesk"
        guard let name = ProcessInfo.processInfo.environment["TERM"], !name.isEmpty else {
            return "TERM is not set, so the terminal type is unknown; try `\(fallback)`."
        }
        return "The terminal type \"\(name)\" (from TERM) is not known on this machine; "
            + "try `\(fallback)`."
    }

    private static func send(_ sequence: String) {
        fflush(nil)   // whatever stdio holds goes first
        _ = sequence.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
    }

    /// Keys read while looking past an Esc that turned out not to start a paste.
    private var pending: [Key] = []

    /// After an Esc: a paste (ESC[200~ … ESC[201~) becomes one `.paste`; anything else is given back as
    /// the keys it was.
    private func afterEscape() -> Key {
        var seen: [UInt32] = []
        for expected in KeyDecoder.pasteStart {
            guard let v = rawChar(waitMs: 30) else { break }
            seen.append(v)
            if v != expected { break }
        }
        guard seen == KeyDecoder.pasteStart else {
            pending += seen.compactMap(KeyDecoder.key)
            return .escape
        }
        var paste = PasteReader()
        while let v = rawChar(waitMs: 200), paste.feed(v) {}
        return paste.key
    }

    /// One character as it came, with a short wait.
    private func rawChar(waitMs: Int32) -> UInt32? {
        wtimeout(rd_stdscr(), waitMs)
        var ch: wint_t = 0
        let rc = rd_get_wch(&ch)
        return rc == OK ? UInt32(ch) : nil
    }

    private func useColor(_ color: Bool) {
        colored = color
        guard color else { return }
        start_color()
        use_default_colors()
        init_pair(1, Int16(COLOR_WHITE), Int16(COLOR_BLUE))    // title
        init_pair(2, Int16(COLOR_BLACK), Int16(COLOR_CYAN))    // selected
        init_pair(3, Int16(COLOR_RED), -1)                     // invalid
        init_pair(4, Int16(COLOR_YELLOW), -1)                  // warning
        init_pair(5, Int16(COLOR_CYAN), -1)                    // keys
    }

    /// The curses attributes of a role. A switch, not a dictionary keyed by CellStyle: the first dictionary of a
    /// key type makes the Swift runtime scan every protocol conformance in the binary, about 0.1 ms of the first
    /// frame (issue #27).
    private func attributes(_ style: CellStyle) -> attr_t {
        let bold = rd_bold(), reverse = rd_reverse(), underline = rd_underline()
        switch (style, colored) {
        case (.normal, _): return 0
        case (.title, true): return rd_pair(1) | bold
        case (.title, false): return reverse | bold
        case (.selected, true): return rd_pair(2)
        case (.selected, false): return reverse
        case (.focused, true): return reverse
        case (.focused, false): return reverse | underline
        case (.invalid, true): return rd_pair(3) | bold
        case (.invalid, false): return bold | underline
        case (.warning, true): return rd_pair(4) | bold
        case (.warning, false): return bold
        case (.key, true): return rd_pair(5)
        case (.key, false): return bold
        case (.muted, true): return rd_dim()
        case (.muted, false): return 0
        }
    }

    /// The next key, or nil after 100 ms without one (`wait: false`: nil at once). `.resize` when the
    /// window changed size.
    public func readKey(wait: Bool = true) -> Key? {
        if !pending.isEmpty { return pending.removeFirst() }
        wtimeout(rd_stdscr(), wait ? 100 : 0)
        var ch: wint_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        errno = 0
        let rc = rd_get_wch(&ch)
        if rc == ERR {
            // A terminal that is gone (SSH link or terminal emulator closed, no SIGHUP delivered) makes
            // every read fail at once: EIO, or ERR long before the 100 ms wait. Left alone, the loop
            // would spin a core for ever.
            let failedAtOnce = DispatchTime.now().uptimeNanoseconds - started < 20_000_000
            failures = wait && failedAtOnce ? failures + 1 : 0
            if errno == EIO || errno == ENXIO || failures >= 20 { hungUp = true }
            return nil
        }
        failures = 0
        if rc == rd_key_code_yes() {
            switch Int32(ch) {
            case KEY_RESIZE:
                width = Int(rd_cols())
                height = Int(rd_lines())
                return .resize
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_BTAB: return .backTab
            case KEY_ENTER: return .enter
            case KEY_F0 + 1 ... KEY_F0 + 12: return .function(Int(Int32(ch) - KEY_F0))
            default: return nil
            }
        }
        if ch == 27 { return afterEscape() }
        return KeyDecoder.key(UInt32(ch))
    }

    /// Copies the grid onto stdscr run by run and updates the terminal once.
    public func draw(_ grid: Grid) {
        let rows = min(grid.height, height), columns = min(grid.width, width)
        // A run of cells in one style goes to ncurses as UTF-8 bytes: a String built a Character at a time was
        // a third of a frame's cost (issue #27).
        var run: [CChar] = []
        run.reserveCapacity(4 * columns)
        for y in 0..<rows {
            var x = 0
            while x < columns {
                let style = grid.cell(x: x, y: y).style, start = x
                run.removeAll(keepingCapacity: true)
                var lastCharacter = 0
                while x < columns, grid.cell(x: x, y: y).style == style {
                    let cell = grid.cell(x: x, y: y)
                    if !cell.continuation {
                        lastCharacter = run.count
                        if utf8 || cell.text.isASCII {
                            for byte in cell.text.utf8 { run.append(CChar(bitPattern: byte)) }
                        } else {
                            run.append(CChar(UInt8(ascii: "?")))
                        }
                    }
                    x += 1
                }
                // The last cell of the screen cannot be written without scrolling: leave it out.
                if y == height - 1 && x == width { run.removeSubrange(lastCharacter...) }
                rd_attrset(attributes(style))
                _ = run.withUnsafeBufferPointer { bytes in
                    rd_mvaddnstr(Int32(y), Int32(start), bytes.baseAddress, Int32(bytes.count))
                }
            }
        }
        rd_attrset(0)
        if let c = grid.cursor {
            curs_set(1)
            _ = rd_move(Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(rd_stdscr())
        doupdate()
    }

    /// Ctrl-L: repaint everything.
    public func repaintAll() { _ = rd_clearok(true) }

    /// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
    public func suspend() {
        endwin()
        kill(getpid(), SIGSTOP)
        wrefresh(rd_stdscr())
    }

    public func stop() {
        guard started else { return }
        started = false
        Terminal.send("\u{1B}[?2004l")
        curs_set(1)
        endwin()
    }

    deinit { stop() }
}
