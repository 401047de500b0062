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
# lintian; man-db for man -w; systemd for systemd-analyze; curl to ask the storefront; bash-completion's loader;
# sqlite3 to read a desk; python3-seccomp for the units' system call filters; poppler-utils to read a PDF.
scripts/ensure-deps lintian man-db systemd curl dpkg-dev bash-completion sqlite3 python3-seccomp poppler-utils

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
# stop_server NAME [LOG]: SIGTERM to the server started last ($server_pid); NAME passes when it is gone within
# 10 s. Had it already exited, NAME fails with the end of LOG (when given: else its own check said so). Reaped.
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    local stopped=no
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || { stopped=yes; break; }; sleep 0.2; done
    expect "$1" "$stopped" yes
  elif [ -n "${2:-}" ]; then
    fail "$1" "it was not running: $(tail -n 5 "$2")"
  fi
  wait "$server_pid" || true
  server_pid=""
}
# contains NAME TEXT PART
contains() { case "$2" in *"$3"*) pass "$1" ;; *) fail "$1" "'$3' not in: $(printf '%s' "$2" | tail -n 15)" ;; esac; }

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
data=/var/lib/resellerdesk
check "apt installs the package" scripts/testing/install-package.sh "$deb"
# Before installing again: an administrator's edit of the conffile, and the desk's folder opened up by hand.
edit="# package-test $$: an administrator's edit"
echo "$edit" >> /etc/resellerdesk/config.toml
chmod 0777 "$data"
check "apt installs it again (maintainer scripts idempotent)" scripts/testing/install-package.sh "$deb"
check "installing again keeps the administrator's edit of config.toml" grep -qxF "$edit" /etc/resellerdesk/config.toml
sed -i "/^# package-test $$: /d" /etc/resellerdesk/config.toml

# --- a member's symlinks are never followed (#21) ------------------------------------------------------------
# A staff login in the group plants symlinks to root's folders where the desk's folders should be; the next
# configure (an upgrade, a reinstall) runs as root and must leave each target exactly as it was.
id rdmallory >/dev/null 2>&1 || useradd --no-create-home --shell /bin/bash rdmallory
usermod -aG resellerdesk rdmallory
as_member() { runuser -u rdmallory -- env -i PATH=/usr/bin:/bin HOME=/nonexistent sh -c "$1"; }
# victim NAME: a root-owned folder with a file in it, outside the desk; snapshot NAME: owner, mode, contents.
victim() { mkdir -p "$tmp/$1"; echo "root's $1" > "$tmp/$1/keep"; chmod 0755 "$tmp/$1"; chmod 0644 "$tmp/$1/keep"; }
snapshot() { find "$tmp/$1" -printf '%M %u:%g %P\n' | sort; md5sum < "$tmp/$1/keep"; }
victims="backups Maildir desk Maildir-new"
for name in $victims; do victim "victim-$name"; done
before=$(for name in $victims; do snapshot "victim-$name"; done)
# Each attempt that works is undone at once and fails the check.
check "a member may not rename, plant or remove entries of $data" as_member "cd $data
  if mv backups .b 2>/dev/null; then mv .b backups; echo renamed backups; exit 1; fi
  if ln -s $tmp/victim-backups planted 2>/dev/null; then rm planted; echo planted a link; exit 1; fi
  if rmdir desk 2>/dev/null; then mkdir -m 2770 desk; echo removed desk; exit 1; fi"
# Inside the Maildir (the group's to write) a member may plant anything: configure must never look in there.
as_member "cd $data/Maildir && rm -rf new && ln -s $tmp/victim-Maildir-new new" || true
# Where the member cannot (the layout above), the links stand for those a member left in the old, group-writable
# folder before the upgrade: root puts them there, as the member could have.
for name in backups Maildir desk; do
  as_member "cd $data && mv $name .$name-old && ln -s $tmp/victim-$name $name" 2>/dev/null || {
    [ -L "$data/$name" ] || [ ! -e "$data/$name" ] || mv "$data/$name" "$data/.$name-old"
    ln -sfn "$tmp/victim-$name" "$data/$name"
  }
done
if reinstall_out=$(scripts/testing/install-package.sh "$deb" 2>&1); then pass "apt installs over the planted symlinks"
else fail "apt installs over the planted symlinks" "$(printf '%s' "$reinstall_out" | tail -n 15)"; fi
after=$(for name in $victims; do snapshot "victim-$name"; done)
expect "the symlinks' targets are unchanged after the reinstall (owner, mode, contents)" "$after" "$before"
for name in backups Maildir desk; do
  expect "$data/$name is a real folder again, owned by resellerdesk" \
    "$(stat -c '%F %U:%G' "$data/$name" 2>&1)" "directory resellerdesk:resellerdesk"
  refused=$(find "$data" -maxdepth 1 -name "$name.refused-*" -type l | head -n 1)
  expect "the planted $name link is kept aside, untouched" "$(readlink "${refused:-/nonexistent}")" "$tmp/victim-$name"
  contains "postinst reports the refused $name" "$reinstall_out" "$data/$name is a symlink"
done
# The folders moved aside hold the desk as it was: back in place for the checks below.
for name in backups Maildir desk; do
  find "$data" -maxdepth 1 -name "$name.refused-*" -type l -delete
  if [ -d "$data/.$name-old" ]; then rm -rf "${data:?}/$name"; mv "$data/.$name-old" "$data/$name"; fi
done
rm -f "$data/Maildir/new"
userdel rdmallory

# --- an upgrade from the old layout: the desk moves into its folder (#21) ------------------------------------
# Up to 0.3.0 the desk lay in $data itself, with its -wal, -shm and the restores' leftovers beside it.
: > "$tmp/empty.toml"
(cd /tmp && RESELLERDESK_CONFIG="$tmp/empty.toml" resellerdesk demo --db "$tmp/old.sqlite" >/dev/null)
old_accounts=$(sqlite3 "$tmp/old.sqlite" 'SELECT COUNT(*) FROM accounts')
for suffix in "" -wal -shm; do
  [ -e "$data/desk/desk.sqlite$suffix" ] && mv "$data/desk/desk.sqlite$suffix" "$tmp/kept.sqlite$suffix"
done
cp "$tmp/old.sqlite" "$data/desk.sqlite.replaced-20261201-120000"
mv "$tmp/old.sqlite" "$data/desk.sqlite"
chown resellerdesk:resellerdesk "$data"/desk.sqlite*
# And a configuration a member planted in the service user's home while it was the group's to write.
mkdir -p "$data/.config/resellerdesk"
echo '[mail]' > "$data/.config/resellerdesk/config.toml"
# While a process has the old desk open, moving it would split it from its -wal: configure stops, naming it.
# shellcheck disable=SC2217 # sleep reads nothing: the redirection only holds the desk open
sleep 60 < "$data/desk.sqlite" &
holder=$!
if busy_out=$(dpkg -i "$deb" 2>&1); then fail "configure refuses to move a desk in use" "it went on"
else contains "configure refuses to move a desk in use, naming the process" "$busy_out" "$holder root sleep"; fi
expect "the desk in use stays where it is" "$(ls "$data"/desk.sqlite "$data"/desk/desk.sqlite* 2>/dev/null)" \
  "$data/desk.sqlite"
kill "$holder"
wait "$holder" || true
# What configure asked for, once nobody has it open.
if upgrade_out=$(dpkg --configure -a 2>&1); then pass "dpkg --configure -a moves it once it is free"
else fail "dpkg --configure -a moves it once it is free" "$(printf '%s' "$upgrade_out" | tail -n 15)"; fi
contains "configure reports what a member left in the service user's home" "$upgrade_out" \
  "$data/.config is not part of the desk"
rm -rf "${data:?}/.config"
expect "the old desk and the restore's leftover moved into $data/desk" \
  "$(cd "$data" && ls -d desk.sqlite* 2>/dev/null; cd desk && ls desk.sqlite*)" \
  "$(printf 'desk.sqlite\ndesk.sqlite.replaced-20261201-120000')"
expect "the moved desk keeps its accounts" \
  "$(sqlite3 -readonly "$data/desk/desk.sqlite" 'SELECT COUNT(*) FROM accounts' 2>&1)" "$old_accounts"
rm -f "$data/desk/desk.sqlite"*
for suffix in "" -wal -shm; do
  [ -e "$tmp/kept.sqlite$suffix" ] && mv "$tmp/kept.sqlite$suffix" "$data/desk/desk.sqlite$suffix"
done
# An administrator who edited the conffile keeps the old storage.path: configure says so, loudly.
new_path=/var/lib/resellerdesk/desk/desk.sqlite old_path=/var/lib/resellerdesk/desk.sqlite
sed -i "s|^path = \"$new_path\"|path = \"$old_path\"|" /etc/resellerdesk/config.toml
warn_out=$(scripts/testing/install-package.sh "$deb" 2>&1) || true
contains "configure warns when storage.path names the old place, and names the new one" "$warn_out" \
  "storage.path in /etc/resellerdesk/config.toml is still $old_path: set it to $new_path"
sed -i "s|^path = \"$old_path\"|path = \"$new_path\"|" /etc/resellerdesk/config.toml

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
# The data folder is root's and the service user's home: nobody else may write it. The desk, the Maildir and
# the backups are folders in it, each as open as it needs to be (again after the chmod 0777 above).
expect "$data: root's, the group may enter, nobody else may write" "$(stat -c '%a %U:%G' "$data" 2>&1)" \
  "750 root:resellerdesk"
expect "$data/desk: setgid, group-writable, closed to others" "$(stat -c '%a %U:%G' "$data/desk" 2>&1)" \
  "2770 resellerdesk:resellerdesk"
expect "$data/Maildir: the same" "$(stat -c '%a %U:%G' "$data/Maildir" 2>&1)" "2770 resellerdesk:resellerdesk"
expect "$data/backups: only the backup service writes, the group reads" \
  "$(stat -c '%a %U:%G' "$data/backups" 2>&1)" "2750 resellerdesk:resellerdesk"

# --- files ---------------------------------------------------------------------------------------------------
check "the storefront server is in /usr/lib/resellerdesk" test -x /usr/lib/resellerdesk/resellerdesk-storefront
check "the Swift and C++ runtimes are linked in (no libswift*, libstdc++ or libgcc_s needed)" bash -c \
  '! ldd /usr/bin/resellerdesk /usr/lib/resellerdesk/resellerdesk-storefront |
     grep -E "libswift|libstdc\+\+|libgcc_s|not found"'
# toml++ (C++, in TOMLKit) reports a malformed configuration by throwing: the unwinder linked in must carry it.
printf '[storage\n' > "$tmp/malformed.toml"
malformed_out=$(RESELLERDESK_CONFIG="$tmp/malformed.toml" /usr/bin/resellerdesk account list 2>&1 || true)
contains "a malformed config.toml is reported with its line (a C++ exception, unwound)" "$malformed_out" \
  "$tmp/malformed.toml line 1:"
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
  'storage.path = "/var/lib/resellerdesk/desk/desk.sqlite" '*/etc/resellerdesk/config.toml*)
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
# The SMTP password as the shipped config.toml documents it (#21): a LoadCredential= drop-in, nothing in the
# unit's environment, which `systemctl show -p Environment` prints to any local user. Without systemd as PID 1
# here, the drop-in is written as documented and the unit checked with it.
credential_line=$(sed -n 's/^#.*\(LoadCredential=smtp-password:[^ ]*\).*/\1/p' /etc/resellerdesk/config.toml |
  head -n 1)
expect "config.toml documents the credential for the mail unit" "$credential_line" \
  "LoadCredential=smtp-password:/etc/resellerdesk/smtp-password"
dropin=/etc/systemd/system/resellerdesk-mail.service.d
mkdir -p "$dropin"
printf '[Service]\n%s\n' "$credential_line" > "$dropin/smtp-password.conf"
install -m 0600 /dev/null /etc/resellerdesk/smtp-password
check "systemd-analyze verify resellerdesk-mail.service with the documented drop-in" \
  systemd-analyze verify /lib/systemd/system/resellerdesk-mail.service
for unit in resellerdesk-mail.service resellerdesk-storefront.service resellerdesk-backup.service \
            resellerdesk-billing.service; do
  # (cat fails on a unit without drop-ins, but still prints the unit.)
  environment=$(cat "/lib/systemd/system/$unit" /etc/systemd/system/"$unit".d/*.conf 2>/dev/null |
    sed -n 's/^Environment=//p' || true)
  expect "$unit's environment (with the documented drop-in) holds only the configuration's path" \
    "$environment" "RESELLERDESK_CONFIG=/etc/resellerdesk/config.toml"
done
rm -rf "$dropin" /etc/resellerdesk/smtp-password
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
stop_server "the storefront stops on SIGTERM" "$tmp/storefront.log"

# A desk without a seller cannot invoice: the units below run with one, set as an administrator sets it under
# the shipped file's [company], each line marked to be removed after them.
printf '%s  # package-test '"$$"': the seller\n' 'name = "Fixture Cloud AG"' 'street = "Bahnhofstrasse 1"' \
  'city = "Zürich"' 'postcode = "8001"' 'country = "CH"' 'vat_id = "CHE-123.456.788 MWST"' > "$tmp/company.toml"
sed -i "/  # package-test [0-9]*: the seller\$/d" /etc/resellerdesk/config.toml   # a stopped run's leftovers
sed -i "/^\[company\]\$/r $tmp/company.toml" /etc/resellerdesk/config.toml

# An invoice of a Greek reseller, so that the mail deliverer's sandbox is seen making its PDF and e-invoice as it
# does for an invoice email's attachments: cairo, pango, fontconfig and the DejaVu fonts the package depends on,
# under its system call filter and PR_SET_MDWE.
printf 'code,description,billing_period,price\nSVC,Cloud service,monthly,10.00\n' > "$tmp/list.csv"
resellerdesk pricelist import "$tmp/list.csv" --name "Package EUR $$" --currency EUR > /dev/null
buyer=$(resellerdesk account add --name "Ελληνική Δοκιμή" --email ap@example.com --country GR \
  --type Reseller --ordering --unlimited-credit --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])')
resellerdesk account assign-pricelist "$buyer" "Package EUR $$" > /dev/null
resellerdesk order place "$buyer" --line SVC=1 > /dev/null
number=$(resellerdesk invoice list --account "$buyer" --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["number"])')

# --- the units' commands in their sandbox --------------------------------------------------------------------
# Without systemd running (CI, containers) the units cannot be started, so each ExecStart runs the way its unit
# runs it as far as plain tools allow: as User=/Group= with the unit's UMask= and Environment=, from /, no new
# privileges, memory never writable and executable (the kernel's PR_SET_MDWE: MemoryDenyWriteExecute=), the
# file system read-only but for the unit's ReadWritePaths= (ProtectSystem=strict), its InaccessiblePaths=
# behind a mode-000 folder, an empty private /tmp (PrivateTmp=), /proc with the unit's ProtectProc= and
# ProcSubset= (hidepid=, subset=), no network but a loopback of its own for PrivateNetwork=yes, and the
# system calls its SystemCallFilter= allows (libseccomp, the others failing with EPERM). This is what would
# break first if the program wrote, read or called anything else. Not emulated: IPAddressDeny= (a cgroup's BPF).
# unit_setting UNIT NAME: the values of every NAME= line of the unit, on one line.
unit_setting() { sed -n "s/^$2=//p" "/lib/systemd/system/$1" | paste -s -d ' '; }
in_sandbox() {
  local unit=$1 proc_options="" network=""
  shift
  [ "$(unit_setting "$unit" ProtectProc)" = "invisible" ] && proc_options+="hidepid=invisible,"
  [ "$(unit_setting "$unit" ProcSubset)" = "pid" ] && proc_options+="subset=pid,"
  [ "$(unit_setting "$unit" PrivateNetwork)" = "yes" ] && network=-n
  # shellcheck disable=SC2016 # the script's $1, $2 and $@ are the sandboxed shell's
  unshare -m $network --propagation private -- sh -c '
    set -e
    umask "$1"
    for path in $3; do mount --bind "$path" "$path"; done
    for path in $4; do
      path=${path#-}
      if [ -e "$path" ]; then mount -t tmpfs -o mode=000,ro tmpfs "$path"; fi
    done
    mount -o remount,bind,ro /
    mount -t tmpfs -o mode=1777 tmpfs /tmp
    if [ -n "$5" ]; then mount -t proc -o "${5%,}" proc /proc; fi
    cd /
    environment=$2
    syscalls=$6
    shift 6
    exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/resellerdesk USER=resellerdesk \
      LOGNAME=resellerdesk LANG=C.UTF-8 $environment \
      setpriv --reuid=resellerdesk --regid=resellerdesk --init-groups --no-new-privs -- /usr/bin/python3 -c "
import ctypes, errno, os, sys
if ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) != 0:
    sys.exit(\"PR_SET_MDWE refused\")
if sys.argv[1]:
    import seccomp
    allowed = seccomp.SyscallFilter(defaction=seccomp.ERRNO(errno.EPERM))
    for name in sys.argv[1].split():
        try:
            allowed.add_rule(seccomp.ALLOW, name)
        except (RuntimeError, ValueError):
            pass  # a name this architecture does not have (systemd skips those too)
    allowed.load()
os.execvp(sys.argv[2], sys.argv[2:])" "$syscalls" "$@"
  ' sh "$(unit_setting "$unit" UMask)" "$(unit_setting "$unit" Environment)" \
    "$(unit_setting "$unit" ReadWritePaths)" "$(unit_setting "$unit" InaccessiblePaths)" "$proc_options" \
    "$(scripts/testing/unit-syscalls.py "/lib/systemd/system/$unit")" "$@"
}
exec_start() { sed -n 's/^ExecStart=//p' "/lib/systemd/system/$1"; }

# shellcheck disable=SC2016 # $0 is expanded by the sandboxed shell
check "the sandbox leaves the rest of the system read-only" in_sandbox resellerdesk-backup.service sh -c \
  'if touch "$0" 2>/dev/null; then echo "wrote $0"; exit 1; fi' /etc/resellerdesk/written
rm -f /etc/resellerdesk/written
# shellcheck disable=SC2016 # as above
check "the storefront's sandbox reaches neither the backups nor the Maildir" in_sandbox \
  resellerdesk-storefront.service sh -c 'for path; do if ls "$path" >/dev/null 2>&1; then echo "read $path"; exit 1; fi
  done' sh /var/lib/resellerdesk/backups /var/lib/resellerdesk/Maildir
check "a unit's sandbox shows no other user's process (ProtectProc=invisible)" in_sandbox \
  resellerdesk-billing.service sh -c '! test -e /proc/1 && ! test -e /proc/meminfo'
check "a unit's system call filter refuses setuid (SystemCallFilter=~@privileged)" in_sandbox \
  resellerdesk-mail.service /usr/bin/python3 -c '
import errno, os
try:
    os.setuid(os.getuid())
except PermissionError as e:
    raise SystemExit(0 if e.errno == errno.EPERM else 1)
raise SystemExit("setuid was allowed")'
# shellcheck disable=SC2046 # the unit's command line, split into words as systemd splits it
check "resellerdesk-backup.service's command works in its sandbox" in_sandbox resellerdesk-backup.service \
  $(exec_start resellerdesk-backup.service)
# shellcheck disable=SC2046 # as above
check "resellerdesk-billing.service's command works in its sandbox" in_sandbox resellerdesk-billing.service \
  $(exec_start resellerdesk-billing.service)
# shellcheck disable=SC2012 # the backups' names are the desk's own (desk-<time>.sqlite): newest by time
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
  stop_server "$unit's command stops on SIGTERM"
done

check "resellerdesk-mail.service's sandbox makes an invoice's PDF and e-invoice" in_sandbox \
  resellerdesk-mail.service /usr/bin/resellerdesk invoice export "$number" --out /tmp
resellerdesk invoice export "$number" --format pdf --out "$tmp/invoice.pdf" > /dev/null
# shellcheck disable=SC2016 # $0 is expanded by the inner shell
check "the PDF made in the sandbox holds the Greek name as text" \
  sh -c 'pdftotext "$0" - | grep -q "Ελληνική Δοκιμή"' "$tmp/invoice.pdf"

sed -i "/  # package-test $$: the seller\$/d" /etc/resellerdesk/config.toml

# --- purge keeps the data ------------------------------------------------------------------------------------
marker=/var/lib/resellerdesk/package-test-marker
touch "$marker"
check "dpkg --purge resellerdesk" dpkg --purge resellerdesk
check "purge keeps /var/lib/resellerdesk and its files" test -e "$marker"
check "purge keeps the user and group resellerdesk" bash -c 'getent passwd resellerdesk && getent group resellerdesk'
check "purge removes the conffile" test ! -e /etc/resellerdesk/config.toml
rm -f "$marker"
check "apt installs the package over the kept data" scripts/testing/install-package.sh "$deb"
expect "$data after reinstalling" "$(stat -c '%a %U:%G' "$data" 2>&1)" "750 root:resellerdesk"

echo "package test: $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
