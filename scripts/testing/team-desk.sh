#!/usr/bin/env bash
# One desk for a team, as the installed Debian package lays it out: real Unix logins (two in the group
# resellerdesk, one outside it) use /var/lib/resellerdesk/desk/desk.sqlite with no flag at all. Both members add
# accounts at the same time and see each other's; the audit names each; the outsider gets one clear sentence;
# SUDO_USER set by a member changes nothing; root through sudo is recorded "(via sudo)"; the service user's
# backup and a member's doctor work; members read the backups but cannot rename or delete them. Run as root
# after the package is installed (package-test.sh). A desk already there is moved aside first and put back at
# the end. Prints "N passed, N failed".
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "team-desk: run as root (it creates Unix logins)" >&2; exit 2; }
command -v resellerdesk >/dev/null || { echo "team-desk: install the package first (package-test.sh)" >&2; exit 2; }
while read -r name; do unset "$name"; done < <(compgen -e | grep '^RESELLERDESK_' || true)

desk=/var/lib/resellerdesk/desk/desk.sqlite
aside=""
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1${2:+: $2}"; }
expect() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi; }
contains() { case "$2" in *"$3"*) pass "$1" ;; *) fail "$1" "'$3' not in: $2" ;; esac; }

restore_desk() {
  [ -n "$aside" ] || return 0
  rm -f "$desk" "$desk-wal" "$desk-shm"
  for suffix in "" -wal -shm; do [ -e "$aside$suffix" ] && mv "$aside$suffix" "$desk$suffix"; done
  return 0
}
trap restore_desk EXIT
if [ -e "$desk" ]; then
  aside="$desk.before-team-test-$$"
  for suffix in "" -wal -shm; do [ -e "$desk$suffix" ] && mv "$desk$suffix" "$aside$suffix"; done
fi

# Logins: two staff in the group, one outside it.
for login in rdalice rdbob rdcarol; do
  id "$login" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$login"
done
usermod -aG resellerdesk rdalice
usermod -aG resellerdesk rdbob
gpasswd -d rdcarol resellerdesk >/dev/null 2>&1 || true

# The seller the desk runs as (a desk without one cannot invoice, and doctor fails): the shipped config.toml
# leaves [company] to the administrator, so each member's commands get it from the environment.
seller=(RESELLERDESK_COMPANY_NAME="Fixture Cloud AG" RESELLERDESK_COMPANY_STREET="Bahnhofstrasse 1"
        RESELLERDESK_COMPANY_CITY="Zürich" RESELLERDESK_COMPANY_POSTCODE=8001 RESELLERDESK_COMPANY_COUNTRY=CH
        RESELLERDESK_COMPANY_VAT_ID="CHE-123.456.788 MWST")

# as LOGIN COMMAND...: a login shell's view (its groups from /etc/group, its own HOME), a strict umask.
as() {
  local login=$1
  shift
  runuser -u "$login" -- env -i PATH=/usr/bin:/bin HOME="/home/$login" USER="$login" LOGNAME="$login" \
    "${seller[@]}" bash -c 'umask 077; exec "$@"' resellerdesk-test "$@"
}

# --- the first member creates the desk; its files are the group's ----------------------------------------
if out=$(as rdalice resellerdesk demo 2>&1); then pass "rdalice: resellerdesk demo with no flag"; else fail "rdalice: demo" "$out"; fi
for suffix in "" -wal -shm; do
  expect "desk.sqlite$suffix is 0660, group resellerdesk, under umask 077" \
    "$(stat -c '%a %G' "$desk$suffix" 2>&1)" "660 resellerdesk"
done

# --- both members add accounts at the same time -----------------------------------------------------------
add_many() {
  local login=$1 i
  for i in $(seq 1 15); do
    as "$login" resellerdesk account add --name "$login account $i" --email "$login-$i@team.example" \
      --country GR >/dev/null || { echo "$login: account $i failed"; return 1; }
  done
}
add_many rdalice > /tmp/team-alice.log 2>&1 &
alice_pid=$!
add_many rdbob > /tmp/team-bob.log 2>&1 &
bob_pid=$!
if wait "$alice_pid"; then pass "rdalice added 15 accounts while rdbob wrote"; else fail "rdalice" "$(cat /tmp/team-alice.log)"; fi
if wait "$bob_pid"; then pass "rdbob added 15 accounts while rdalice wrote"; else fail "rdbob" "$(cat /tmp/team-bob.log)"; fi

bob_sees=$(as rdbob resellerdesk account list --search rdalice --limit 100 --json | grep -c '"code"' || true)
alice_sees=$(as rdalice resellerdesk account list --search rdbob --limit 100 --json | grep -c '"code"' || true)
expect "rdbob sees rdalice's 15 accounts" "$bob_sees" 15
expect "rdalice sees rdbob's 15 accounts" "$alice_sees" 15

audit() { sqlite3 -readonly "$desk" "$1"; }
expect "the audit names rdalice for her accounts (and the demo reseller)" \
  "$(audit "SELECT COUNT(*) FROM audit_events WHERE entity = 'account' AND action = 'create' AND actor = 'rdalice'")" 16
expect "the audit names rdbob for his" \
  "$(audit "SELECT COUNT(*) FROM audit_events WHERE entity = 'account' AND action = 'create' AND actor = 'rdbob'")" 15
expect "each is the account manager of their own" \
  "$(audit "SELECT COUNT(*) FROM accounts WHERE email LIKE 'rdbob-%' AND account_manager = 'rdbob'")" 15

# --- SUDO_USER set by a member changes nothing; root through sudo says so ---------------------------------
runuser -u rdbob -- env -i PATH=/usr/bin:/bin HOME=/home/rdbob SUDO_USER=rdalice USER=rdalice LOGNAME=rdalice \
  resellerdesk account add --name "Posing As Alice" --email posing@team.example --country GR >/dev/null
expect "rdbob with SUDO_USER=rdalice is still recorded as rdbob" \
  "$(audit "SELECT actor FROM audit_events WHERE entity = 'account' AND entity_id =
            (SELECT id FROM accounts WHERE email = 'posing@team.example')")" rdbob
expect "and is its account manager" \
  "$(audit "SELECT account_manager FROM accounts WHERE email = 'posing@team.example'")" rdbob
env -i PATH=/usr/bin:/bin HOME=/root SUDO_USER=rdalice \
  resellerdesk account add --name "Through Sudo" --email sudo@team.example --country GR >/dev/null
expect "root through sudo for rdalice is recorded 'rdalice (via sudo)'" \
  "$(audit "SELECT actor FROM audit_events WHERE entity = 'account' AND entity_id =
            (SELECT id FROM accounts WHERE email = 'sudo@team.example')")" "rdalice (via sudo)"
expect "root's change left the desk's files the group's" "$(stat -c '%a %G' "$desk-wal")" "660 resellerdesk"

# --- a login outside the group ------------------------------------------------------------------------------
set +e
refusal=$(as rdcarol resellerdesk account list 2>&1)
code=$?
set -e
expect "rdcarol (not in the group) exits 3" "$code" 3
contains "rdcarol is told which group and how to join" "$refusal" \
  "rdcarol is not in the group resellerdesk that shares the desk $desk; ask an administrator to run \`sudo adduser rdcarol resellerdesk\`, then log in again"
case "$refusal" in *SQLite*|*sqlite3*|*"unable to open"*) fail "no raw SQLite message" "$refusal" ;; *) pass "no raw SQLite message" ;; esac

# --- the service user's backup, a member's doctor ----------------------------------------------------------
if out=$(runuser -u resellerdesk -- env -i PATH=/usr/bin:/bin HOME=/var/lib/resellerdesk \
          RESELLERDESK_CONFIG=/etc/resellerdesk/config.toml \
          resellerdesk backup /var/lib/resellerdesk/backups --keep 14 2>&1); then
  pass "the backup service's command as user resellerdesk"
else
  fail "backup as resellerdesk" "$out"
fi
# shellcheck disable=SC2012 # the backups' names are the desk's own (desk-<time>.sqlite): newest by time
newest=$(ls -t /var/lib/resellerdesk/backups/desk-*.sqlite | head -n 1)
expect "the copy is 0640, group resellerdesk" "$(stat -c '%a %G' "$newest")" "640 resellerdesk"
contains "the backup counts every account" "$out" "accounts 33"
# Only the backup service writes the backups folder: a member may read a backup (to restore it) but not rename
# or delete one, so nobody can make the nightly --keep 14 prune delete the real copies.
expect "rdbob may read the newest backup" \
  "$(as rdbob sqlite3 -readonly "$newest" 'SELECT COUNT(*) FROM accounts' 2>&1)" 33
if as rdbob sh -c "mv '$newest' '$newest.x' || rm -f '$newest'" 2>/dev/null || [ ! -e "$newest" ]; then
  fail "rdbob may neither rename nor delete a backup" "$(ls -l "$(dirname "$newest")")"
else pass "rdbob may neither rename nor delete a backup"; fi
# doctor_as LOGIN: its output in $doctor, its exit code in $code.
doctor_as() {
  set +e
  doctor=$(as "$1" resellerdesk doctor 2>&1)
  code=$?
  set -e
}
doctor_as rdbob
expect "doctor passes for a member" "$code" 0
contains "doctor names the desk and its source" "$doctor" \
  "ok   database file: $desk (from /etc/resellerdesk/config.toml line"
contains "doctor sees the backup" "$doctor" "ok   backup: last $newest"
staff=$(printf '%s\n' "$doctor" | grep '^ok   staff: ' || true)
contains "the account manager completes from the group's logins" "$staff" "rdalice, rdbob"
case "$staff" in *rdcarol*) fail "a login outside the group is not offered" "$staff" ;;
  *) pass "a login outside the group is not offered" ;; esac
doctor_as rdcarol
expect "doctor fails for the outsider" "$code" 1
contains "naming the cause" "$doctor" "rdcarol is not in the group resellerdesk"

echo "team-desk: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
