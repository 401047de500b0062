#!/usr/bin/python3
"""Hostile display data in the terminal, checked on the raw bytes a pty receives.

Rows that today's validators would refuse (old data, or written around the service) hold ESC[2J, OSC 52,
a C1 CSI, U+202E, NUL, zero-width joiners and 10,000 characters, in an account name, a contact, a price
list and its items. The real binary shows the accounts list, the account, its contacts and the price-list
picker with its item preview; none of those sequences may reach the terminal, and the text must still be
visible in its harmless form. Exits non-zero on any failure.
"""
import argparse, fcntl, os, pty, select, shutil, signal, sqlite3, struct, subprocess, sys, tempfile, termios, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import SELLER  # noqa: E402

PAYLOAD = "X\x1b[2JY\x1b]52;c;ZXZpbA==\x07Z\x9b31mW\u202eQ\x00R family\U0001F468\u200d\U0001F469\u200d\U0001F467"
FORBIDDEN = {
    "ESC[2J from the data": b"X\x1b[2J",
    "OSC 52 (clipboard write)": b"\x1b]52",
    "C1 CSI (U+009B)": "\x9b".encode(),
    "right-to-left override (U+202E)": "\u202e".encode(),
    "NUL": b"\x00",
    "BEL from the data": b"==\x07",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=".build/debug")
    args = ap.parse_args()
    binary = os.path.join(os.path.abspath(args.bin), "resellerdesk")
    tmp = tempfile.mkdtemp(prefix="hostile-display-")
    db = os.path.join(tmp, "rd.sqlite")
    env = dict(os.environ, RESELLERDESK_DB=db, XDG_DATA_HOME=os.path.join(tmp, "data"), TERM="xterm-256color",
               LANG="C.UTF-8", LC_ALL="C.UTF-8", **SELLER)
    try:
        subprocess.run([binary, "demo"], env=env, check=True, capture_output=True)
        con = sqlite3.connect(db)
        with con:
            con.execute("UPDATE accounts SET name = ?, trading_name = ? WHERE id = 1", (PAYLOAD, "T" * 10_000))
            con.execute("UPDATE contacts SET first_name = ?, last_name = ?", (PAYLOAD, "L" * 10_000))
            con.execute("UPDATE price_lists SET name = ? WHERE name = 'Cloud Essentials EUR'", ("PL " + PAYLOAD,))
            con.execute("UPDATE price_list_items SET description = ?", (PAYLOAD,))
        con.close()
        raw = drive(binary, env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    failures = [what for what, seq in FORBIDDEN.items() if seq in raw]
    shown = "\ufffd[2JY".encode() in raw and "\ufffd31mW".encode() in raw
    if not shown:
        failures.append("the hostile name is not visible in its harmless form (\\ufffd[2JY)")
    print(f"hostile display: {len(raw)} bytes from the terminal checked for {len(FORBIDDEN)} sequences; "
          f"failures: {len(failures)}")
    for f in failures:
        print("  reached the terminal:", f)
    sys.exit(1 if failures else 0)


def drive(binary, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    raw = bytearray()

    def read(seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                raw.extend(chunk)

    read(1.5)
    # Open the account, its Contacts (2), its Price lists (3) and the picker (p); Esc twice, Ctrl-Q quits.
    for keys in [b"\r", b"2", b"j", b"j", b" ", b"3", b"p", b"\x1b[B", b"\x1b[A", b"\x1b", b"\x1b", b"\x11"]:
        os.write(fd, keys)
        read(0.4)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    return bytes(raw)


if __name__ == "__main__":
    main()
