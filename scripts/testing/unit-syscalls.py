#!/usr/bin/python3
"""The system calls a unit's SystemCallFilter= lines allow, as systemd computes them: the first line's allow
list (groups such as @system-service expanded with this systemd's own definitions, `systemd-analyze
syscall-filter`), minus every later ~ list. Prints the names on one line; nothing when the unit has no filter.
package-test.sh loads them with libseccomp where systemd cannot start the unit itself.

    unit-syscalls.py UNIT_FILE
"""
import subprocess
import sys


def groups():
    """Each @group's entries (names and nested @groups), from systemd-analyze."""
    out = subprocess.run(["systemd-analyze", "syscall-filter"], check=True, capture_output=True, text=True).stdout
    found, current = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            current = found.setdefault(line.strip(), [])
        elif current is not None and line.strip() and not line.strip().startswith("#"):
            current.append(line.strip())
    return found


def expand(entries, table):
    names = set()
    for entry in entries:
        if entry.startswith("@"):
            if entry not in table:
                sys.exit(f"unit-syscalls: unknown group {entry}")
            names |= expand(table[entry], table)
        else:
            names.add(entry)
    return names


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    lines = [line.split("=", 1)[1].split() for line in open(sys.argv[1]) if line.startswith("SystemCallFilter=")]
    if not lines:
        return
    table = groups()
    if lines[0][0].startswith("~"):
        sys.exit("unit-syscalls: a filter that starts with a deny list is not supported here")
    allowed = expand(lines[0], table)
    for words in lines[1:]:
        if words[0].startswith("~"):
            allowed -= expand([words[0][1:]] + words[1:], table)
        else:
            allowed |= expand(words, table)
    print(" ".join(sorted(allowed)))


main()
