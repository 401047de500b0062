#!/usr/bin/env bash
# A PostgreSQL desk end to end with the real binary and real Unix logins (issue #26 items 1 and 3), as root:
#   pg-desk.sh [--bin DIR]
# A PostgreSQL 15+ from Debian in a temporary folder, local connections by peer authentication only; the
# administrator (postgres) runs `storage init` and `storage grant`; a staff login works the desk as itself and
# the audit names it, written by the database; the same login is refused by the database when it tries to
# rewrite or erase the audit or read password hashes; a login never granted, and one revoked, cannot use the
# desk. Then pg-privileges-check.sh holds every grant on a second database. Exits 1 on any failure.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "pg-desk: run as root (it makes Unix logins and runs commands as them)" >&2; exit 2; }
bin=.build/debug
[ "${1:-}" = --bin ] && { bin=$2; shift 2; }
bin=$(cd "$bin" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pgbin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "pg-desk: no PostgreSQL server (Debian package postgresql-15)" >&2; exit 2; }

work=$(mktemp -d /tmp/rd-pg-desk.XXXXXX)
chmod 755 "$work"
staff=rdpgstaff other=rdpgother
port=$(( 20000 + RANDOM % 20000 ))
cleanup() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  for login in $staff $other; do userdel "$login" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
chown postgres: "$work"
runuser -u postgres -- "$pgbin/initdb" -D "$work/data" -U postgres --auth-local=peer --auth-host=reject \
  --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=''" start >/dev/null
for login in $staff $other; do id "$login" >/dev/null 2>&1 || useradd -M "$login"; done

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1${2:+: $2}"; }
# as LOGIN COMMAND…: runs as that Unix login, from a folder it may read, with no desk configuration.
as() { local login=$1; shift; (cd / && runuser -u "$login" -- env HOME=/tmp "$@"); }
psql_as() { as "$1" "$pgbin/psql" -X -q -At -h "$work" -p "$port" -d desk -c "$2" 2>&1; }
# succeeds LABEL COMMAND…: the command exits 0. refused LABEL PATTERN COMMAND…: it fails saying PATTERN.
succeeds() {
  local label=$1 out; shift
  if out=$("$@" 2>&1); then pass "$label"; else fail "$label" "$out"; fi
}
refused() {
  local label=$1 pattern=$2 out; shift 2
  if out=$("$@" 2>&1); then fail "$label" "it ran: $out"
  elif grep -qE "$pattern" <<<"$out"; then pass "$label"
  else fail "$label" "refused for another reason: $out"; fi
}
# equals LABEL GOT WANT
equals() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi; }
url="postgresql:///desk?host=$work&port=$port"
rd() { local login=$1; shift; as "$login" "$bin/resellerdesk" "$@"; }

as postgres "$pgbin/createdb" -h "$work" -p "$port" desk
succeeds "storage init" rd postgres storage init "$url"
refused "a second init is refused" "initialised once" rd postgres storage init "$url"
succeeds "storage grant" rd postgres storage grant "$staff" --db "$url"
succeeds "staff load the demo desk" rd "$staff" demo --db "$url"
refused "no staff login can be made from a name that is not one" "not a Unix login name" \
  rd postgres storage grant "x'; DROP TABLE accounts; --" --db "$url"
equals "staff list the accounts" "$(rd "$staff" account list --db "$url" 2>&1 | grep -c "ACC-00000")" 1
equals "the audit names the login, written by the database" \
  "$(psql_as postgres "SELECT string_agg(DISTINCT actor || '/' || actor_kind, ',') FROM resellerdesk.audit_events")" \
  "$staff/staff"

denied="permission denied"
refused "staff cannot UPDATE the audit" "$denied" psql_as "$staff" "UPDATE resellerdesk.audit_events SET actor = 'x'"
refused "staff cannot DELETE FROM the audit" "$denied" psql_as "$staff" "DELETE FROM resellerdesk.audit_events"
refused "staff cannot TRUNCATE the audit" "$denied" psql_as "$staff" "TRUNCATE resellerdesk.audit_events"
refused "staff cannot read password hashes" "$denied" \
  psql_as "$staff" "SELECT password_hash FROM resellerdesk.storefront_users"
refused "staff cannot read sessions" "$denied" psql_as "$staff" "SELECT * FROM resellerdesk.sessions"
equals "an audit event claiming another actor names the login" "$(psql_as "$staff" "INSERT INTO
  resellerdesk.audit_events (at, actor, actor_kind, entity, entity_id, action, changes) VALUES
  ('2027-01-01 00:00:00.000', 'bob', 'storefront', 'account', 1, 'forged', '{}') RETURNING actor")" "$staff"

doctor=$(rd "$staff" doctor --db "$url" 2>&1 || true)
for want in "ok   database: PostgreSQL 1" "ok   login: $staff, resellerdesk_staff" \
  "ok   privileges: as storage init"; do
  if grep -qF "$want" <<<"$doctor"; then pass "doctor: $want"; else fail "doctor: $want" "$doctor"; fi
done
psql_as postgres "GRANT UPDATE ON resellerdesk.audit_events TO resellerdesk_staff" >/dev/null
doctor=$(rd "$staff" doctor --db "$url" 2>&1 || true)
want="fail privileges: not so: staff may not change or erase the audit"
if grep -qF "$want" <<<"$doctor"; then pass "doctor: a grant loosened by hand"; else fail "doctor: $want" "$doctor"; fi
psql_as postgres "REVOKE UPDATE ON resellerdesk.audit_events FROM resellerdesk_staff" >/dev/null

refused "a login never granted is refused, saying how to be granted" "storage grant" \
  rd "$other" account list --db "$url"
succeeds "storage revoke" rd postgres storage revoke "$staff" --db "$url"
refused "a revoked login is refused" "does not let this login in" rd "$staff" account list --db "$url"

as postgres "$pgbin/createdb" -h "$work" -p "$port" grants
if "$here/pg-privileges-check.sh" --init "$work" "$port" grants >"$work/privileges.txt" 2>&1; then
  pass "pg-privileges-check.sh: $(grep -c '^ok' "$work/privileges.txt") checks of every grant"
else
  fail "pg-privileges-check.sh" "$(grep -v '^ok' "$work/privileges.txt" | head -20)"
fi

echo "pg-desk: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
