#!/usr/bin/env bash
# The Debian package as an administrator meets it: scripts/package builds it, lintian shows no error, apt
# installs it (twice: the maintainer scripts must be idempotent), and then what it promises is checked on the
# installed system: the user, group and setgid folder, the conffile, the units (systemd-analyze verify), the
# man pages and completions, `resellerdesk` from any folder, the storefront started from a folder holding a
# fake resellerdesk-storefront (which must not run), and a purge that keeps the data. Run as root; it may run
# again on a machine where the package is installed. Prints "N passed, N failed"; exits 1 on any failure.
#
#   scripts/testing/package-test.sh [--scratch-path DIR] [--deb FILE]
#
# --scratch-path is passed to scripts/package (default .build-release); --deb tests a package already built.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch=.build-release
deb=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch-path) scratch=${2:?--scratch-path needs a folder}; shift 2 ;;
    --deb) deb=${2:?--deb needs a file}; shift 2 ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "package-test: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "package-test: run as root (it installs the package and checks system users)" >&2
  exit 2
fi
# lintian; man-db for man -w; systemd for systemd-analyze; curl to ask the storefront; bash-completion's loader.
scripts/ensure-deps lintian man-db systemd curl dpkg-dev bash-completion

# The installed package is checked as an administrator meets it: no RESELLERDESK_ variable from the caller
# (scripts/test points RESELLERDESK_SYSTEM_CONFIG away from /etc for its own tests) may change what it reads.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^RESELLERDESK_' || true)

started=$SECONDS
passed=0
failed=0
tmp=$(mktemp -d /tmp/package-test.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1${2:+: $2}"; }
# check NAME COMMAND...: passes when the command succeeds; on failure its output is shown.
check() {
  local name=$1 output
  shift
  if output=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(printf '%s' "$output" | tail -n 15)"; fi
}
# login_status PORT PID: the storefront's answer to /login once it gives 200, or the last one when the server
# (PID) exits or 20 s pass.
login_status() {
  local status=""
  for _ in $(seq 1 100); do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/login" || true)
    [ "$status" = 200 ] && break
    kill -0 "$2" 2>/dev/null || break
    sleep 0.2
  done
  printf '%s' "$status"
}
# expect NAME ACTUAL WANTED
expect() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}

# --- build and lintian ---------------------------------------------------------------------------------------
if [ -z "$deb" ]; then
  build_started=$SECONDS
  deb=$(scripts/package --scratch-path "$scratch" | tail -n 1)
  echo "package built in $((SECONDS - build_started)) s: $deb"
fi
[ -f "$deb" ] || { echo "package-test: no package at '$deb'" >&2; exit 1; }

# Errors and warnings count; info tags (lintian -I) do not: the C and C++ linked in (Swift runtime, ICU, the
# shims) is built without _FORTIFY_SOURCE, there are no sysvinit scripts, and the "spelling errors" are words
# inside ICU's data and the Swift runtime.
# lintian exits 1 when it found errors and 2 or more when it could not check the package at all.
lintian_status=0
lintian_out=$(lintian "$deb" 2>&1) || lintian_status=$?
printf '%s\n' "$lintian_out" | grep -E '^[EW]: ' || true
if [ "$lintian_status" -le 1 ]; then pass "lintian checks the package"; else
  fail "lintian checks the package" "exit $lintian_status: $(printf '%s\n' "$lintian_out" | tail -n 5)"; fi
errors=$(printf '%s\n' "$lintian_out" | grep -c '^E: ' || true)
expect "lintian: no errors" "$errors" 0
warnings=$(printf '%s\n' "$lintian_out" | grep -c '^W: ' || true)
expect "lintian: no warnings" "$warnings" 0

# --- install, twice ------------------------------------------------------------------------------------------
check "apt installs the package" scripts/testing/install-package.sh "$deb"
# Before installing again: an administrator's edit of the conffile, and the desk's folder opened up by hand.
edit="# package-test $$: an administrator's edit"
echo "$edit" >> /etc/resellerdesk/config.toml
chmod 0755 /var/lib/resellerdesk
check "apt installs it again (maintainer scripts idempotent)" scripts/testing/install-package.sh "$deb"
check "installing again keeps the administrator's edit of config.toml" grep -qxF "$edit" /etc/resellerdesk/config.toml
sed -i "/^# package-test $$: /d" /etc/resellerdesk/config.toml

# --- the user, the group, the desk's folder ------------------------------------------------------------------
group_line=$(getent group resellerdesk || true)
passwd_line=$(getent passwd resellerdesk || true)
IFS=: read -r _ _ gid _ <<<"$group_line"
IFS=: read -r _ _ uid user_gid _ home shell <<<"$passwd_line"
if [ -n "$group_line" ] && [ "${gid:-1000}" -lt 1000 ]; then pass "system group resellerdesk"; else
  fail "system group resellerdesk" "getent: '$group_line'"; fi
if [ -n "$passwd_line" ] && [ "${uid:-1000}" -lt 1000 ]; then pass "system user resellerdesk"; else
  fail "system user resellerdesk" "getent: '$passwd_line'"; fi
expect "user resellerdesk: primary group resellerdesk" "${user_gid:-}" "${gid:-none}"
expect "user resellerdesk: home /var/lib/resellerdesk" "${home:-}" /var/lib/resellerdesk
expect "user resellerdesk: shell /usr/sbin/nologin" "${shell:-}" /usr/sbin/nologin
expect "/var/lib/resellerdesk: setgid, group-writable, closed to others (again after the chmod)" \
  "$(stat -c '%a %U:%G' /var/lib/resellerdesk 2>&1)" "2770 resellerdesk:resellerdesk"
expect "/var/lib/resellerdesk/backups: the same" \
  "$(stat -c '%a %U:%G' /var/lib/resellerdesk/backups 2>&1)" "2770 resellerdesk:resellerdesk"

# --- files ---------------------------------------------------------------------------------------------------
check "the storefront server is in /usr/lib/resellerdesk" test -x /usr/lib/resellerdesk/resellerdesk-storefront
check "the Swift runtime is linked in (no libswift*.so needed)" \
  bash -c '! ldd /usr/bin/resellerdesk /usr/lib/resellerdesk/resellerdesk-storefront | grep -E "libswift|not found"'
check "the binaries are stripped" bash -c \
  '! readelf -S /usr/bin/resellerdesk /usr/lib/resellerdesk/resellerdesk-storefront | grep -q "\.symtab"'
expect "/etc/resellerdesk/config.toml is a conffile" \
  "$(dpkg-query -W -f='${Conffiles}\n' resellerdesk | awk '{print $1}' | grep -x /etc/resellerdesk/config.toml)" \
  /etc/resellerdesk/config.toml
check "the nginx example is installed" test -s /usr/share/doc/resellerdesk/examples/nginx-storefront.conf
check "copyright and changelog are installed" \
  test -s /usr/share/doc/resellerdesk/copyright -a -s /usr/share/doc/resellerdesk/changelog.gz

# The configuration as the program reads it. Its own --db keeps these checks off the real desk.
config_out=$(cd /tmp && resellerdesk config --db "$tmp/config.sqlite" 2>&1) || fail "resellerdesk config" "$config_out"
storage_line=$(printf '%s\n' "$config_out" | grep '^storage.path = ' || true)
case "$storage_line" in
  'storage.path = "/var/lib/resellerdesk/desk.sqlite" '*/etc/resellerdesk/config.toml*)
    pass "storage.path comes from /etc/resellerdesk/config.toml" ;;
  *) fail "storage.path comes from /etc/resellerdesk/config.toml" "$storage_line" ;;
esac
# Every key the program knows is explained in the shipped file (set, or commented with its default).
undocumented=""
for key in $(printf '%s\n' "$config_out" | sed -n 's/^\([a-z_]*\.[a-z_]*\) = .*/\1/p'); do
  section=${key%%.*} name=${key#*.}
  awk -v s="[$section]" -v n="$name" '
    /^\[/ { in_section = ($0 == s) }
    in_section && $0 ~ "^(# )?" n " = " { found = 1 }
    END { exit !found }' /etc/resellerdesk/config.toml || undocumented+=" $key"
done
expect "every configuration key is in /etc/resellerdesk/config.toml" "${undocumented:-none}" none

# --- systemd units -------------------------------------------------------------------------------------------
for unit in resellerdesk-mail.service resellerdesk-storefront.service resellerdesk-backup.service \
            resellerdesk-backup.timer resellerdesk-billing.service resellerdesk-billing.timer; do
  check "systemd-analyze verify $unit" systemd-analyze verify "/lib/systemd/system/$unit"
done
# Enablement is recorded by deb-systemd-helper even where systemd does not run (a container, a chroot).
check "the mail deliverer, the backup and the billing timers are enabled" test -L \
  /etc/systemd/system/multi-user.target.wants/resellerdesk-mail.service -a -L \
  /etc/systemd/system/timers.target.wants/resellerdesk-backup.timer -a -L \
  /etc/systemd/system/timers.target.wants/resellerdesk-billing.timer
check "the storefront is left disabled" test ! -e \
  /etc/systemd/system/multi-user.target.wants/resellerdesk-storefront.service

# --- man pages and completions -------------------------------------------------------------------------------
check "man -w resellerdesk" man -w resellerdesk
# One page per subcommand group, as the binary itself lists them.
groups=$(resellerdesk --experimental-dump-help | /usr/bin/python3 -c '
import json, sys
print(" ".join(c["commandName"] for c in json.load(sys.stdin)["command"]["subcommands"]))')
missing_pages=""
for group in $groups; do man -w "resellerdesk.$group" >/dev/null 2>&1 || missing_pages+=" resellerdesk.$group"; done
expect "a man page per subcommand group ($(echo "$groups" | wc -w))" "${missing_pages:-none}" none
man_warnings() {
  local out
  out=$(MANWIDTH=100 man --warnings -E UTF-8 -l "$1" 2>&1 >/dev/null)
  [ -z "$out" ] || { echo "$out"; return 1; }
}
check "resellerdesk(1) renders without warnings" man_warnings /usr/share/man/man1/resellerdesk.1.gz
# Every page another page refers to (SEE ALSO) is installed.
dangling=""
for ref in $(zcat /usr/share/man/man1/resellerdesk*.1.gz | sed -n 's/^\.Xr \([^ ]*\) 1.*/\1/p' | sort -u); do
  man -w "$ref" >/dev/null 2>&1 || dangling+=" $ref"
done
expect "every SEE ALSO reference is an installed page" "${dangling:-none}" none
# whatis and apropos read man-db's index, which needs each page's NAME line in a form lexgrog can parse.
indexed() {
  local out
  mandb -q
  out=$(whatis "$1") || return 1
  echo "$out"
  case "$out" in *"(unknown subject)"*) return 1 ;; esac
}
check "whatis describes the subcommand pages" indexed resellerdesk.account.add
check "bash completion loads" bash -c \
  'source /usr/share/bash-completion/completions/resellerdesk && complete -p resellerdesk'
check "zsh completion installed" grep -q '^#compdef resellerdesk' /usr/share/zsh/vendor-completions/_resellerdesk
check "fish completion installed" grep -q "complete -c 'resellerdesk'" \
  /usr/share/fish/vendor_completions.d/resellerdesk.fish

# --- running it ----------------------------------------------------------------------------------------------
check "resellerdesk --help works from /tmp" bash -c 'cd /tmp && resellerdesk --help | grep -q "^USAGE: resellerdesk"'

# The storefront server is found from resellerdesk's own path, never from argv[0] or the current folder: a
# file named resellerdesk-storefront in the folder it is started from must not run.
site="$tmp/site"
mkdir -p "$site"
printf '#!/bin/sh\ntouch "%s/fake-ran"\nexit 0\n' "$site" > "$site/resellerdesk-storefront"
chmod 755 "$site/resellerdesk-storefront"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$site" && exec resellerdesk storefront serve --host 127.0.0.1 --port "$port" --db "$tmp/storefront.sqlite" \
  > "$tmp/storefront.log" 2>&1) &
server_pid=$!
status=$(login_status "$port" "$server_pid")
expect "storefront serve from a folder holding a fake server answers /login" "$status" 200
check "the fake resellerdesk-storefront did not run" test ! -e "$site/fake-ran"
if kill -0 "$server_pid" 2>/dev/null; then
  kill "$server_pid"
  stopped=no
  for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || { stopped=yes; break; }; sleep 0.2; done
  expect "the storefront stops on SIGTERM" "$stopped" yes
  wait "$server_pid" || true
else
  fail "the storefront stops on SIGTERM" "it was not running: $(tail -n 5 "$tmp/storefront.log")"
fi
server_pid=""

# --- the units' commands in their sandbox --------------------------------------------------------------------
# Without systemd running (CI, containers) the units cannot be started, so each ExecStart runs the way its unit
# runs it as far as plain tools allow: as User=/Group= with the unit's UMask= and Environment=, from /, no new
# privileges, memory never writable and executable (the kernel's PR_SET_MDWE: MemoryDenyWriteExecute=), the
# file system read-only but for /var/lib/resellerdesk (ProtectSystem=strict, ReadWritePaths=) and an empty
# private /tmp (PrivateTmp=). This is what would break first if the program wrote anywhere else.
in_sandbox() {
  local unit=/lib/systemd/system/$1
  shift
  # shellcheck disable=SC2016 # the script's $1, $2 and $@ are the sandboxed shell's
  unshare -m --propagation private -- sh -c '
    set -e
    umask "$1"
    mount --bind /var/lib/resellerdesk /var/lib/resellerdesk
    mount -o remount,bind,ro /
    mount -t tmpfs -o mode=1777 tmpfs /tmp
    cd /
    environment=$2
    shift 2
    exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/resellerdesk USER=resellerdesk \
      LOGNAME=resellerdesk LANG=C.UTF-8 $environment \
      setpriv --reuid=resellerdesk --regid=resellerdesk --init-groups --no-new-privs -- /usr/bin/python3 -c "
import ctypes, os, sys
if ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) != 0:
    sys.exit(\"PR_SET_MDWE refused\")
os.execvp(sys.argv[1], sys.argv[1:])" "$@"
  ' sh "$(sed -n 's/^UMask=//p' "$unit")" "$(sed -n 's/^Environment=//p' "$unit" | tr '\n' ' ')" "$@"
}
exec_start() { sed -n 's/^ExecStart=//p' "/lib/systemd/system/$1"; }

# shellcheck disable=SC2016 # $0 is expanded by the sandboxed shell
check "the sandbox leaves the rest of the system read-only" in_sandbox resellerdesk-backup.service sh -c \
  'if touch "$0" 2>/dev/null; then echo "wrote $0"; exit 1; fi' /etc/resellerdesk/written
rm -f /etc/resellerdesk/written
# shellcheck disable=SC2046 # the unit's command line, split into words as systemd splits it
check "resellerdesk-backup.service's command works in its sandbox" in_sandbox resellerdesk-backup.service \
  $(exec_start resellerdesk-backup.service)
# shellcheck disable=SC2046 # as above
check "resellerdesk-billing.service's command works in its sandbox" in_sandbox resellerdesk-billing.service \
  $(exec_start resellerdesk-billing.service)
newest_backup=$(ls -t /var/lib/resellerdesk/backups/*.sqlite 2>/dev/null | head -n 1 || true)
expect "the backup is written 0640 in the desk's group" "$(stat -c '%a %G' "${newest_backup:-/nonexistent}" 2>&1)" \
  "640 resellerdesk"

for unit in resellerdesk-mail.service resellerdesk-storefront.service; do
  port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # shellcheck disable=SC2046 # as above; the storefront gets a free port instead of 8080
  in_sandbox "$unit" $(exec_start "$unit" | sed "s/--port 8080/--port $port/") > "$tmp/$unit.log" 2>&1 &
  server_pid=$!
  if [ "$unit" = resellerdesk-storefront.service ]; then
    status=$(login_status "$port" "$server_pid")
    expect "$unit's command serves /login in its sandbox" "$status" 200
  else
    sleep 3
    if kill -0 "$server_pid" 2>/dev/null; then pass "$unit's command keeps running in its sandbox"
    else fail "$unit's command keeps running in its sandbox" "$(tail -n 5 "$tmp/$unit.log")"; fi
  fi
  if kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    stopped=no
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || { stopped=yes; break; }; sleep 0.2; done
    expect "$unit's command stops on SIGTERM" "$stopped" yes
  fi
  wait "$server_pid" || true
  server_pid=""
done

# --- purge keeps the data ------------------------------------------------------------------------------------
marker=/var/lib/resellerdesk/package-test-marker
touch "$marker"
check "dpkg --purge resellerdesk" dpkg --purge resellerdesk
check "purge keeps /var/lib/resellerdesk and its files" test -e "$marker"
check "purge keeps the user and group resellerdesk" bash -c 'getent passwd resellerdesk && getent group resellerdesk'
check "purge removes the conffile" test ! -e /etc/resellerdesk/config.toml
rm -f "$marker"
check "apt installs the package over the kept data" scripts/testing/install-package.sh "$deb"
expect "/var/lib/resellerdesk after reinstalling" \
  "$(stat -c '%a %U:%G' /var/lib/resellerdesk 2>&1)" "2770 resellerdesk:resellerdesk"

echo "package test: $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
