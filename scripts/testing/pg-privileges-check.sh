#!/usr/bin/env bash
# The PostgreSQL desk's privileges held to issue #26 item 3, by the server itself, with psql only:
#   pg-privileges-check.sh [--init] SOCKET_DIR PORT DATABASE
# Real Unix logins over the server's Unix socket with peer authentication: STAFF (default alice) is made a
# staff member with grant_staff; SERVICE (default bob) is a member of the storefront and deliverer groups, as
# the Debian package's system user is. The checks: a staff role's UPDATE, DELETE and TRUNCATE of the audit,
# its reads of password hashes, token hashes, sessions and server keys, its writes of a token or session, are
# refused; its audit event claiming another actor is stored under its own login; every staff statement of
# Storage/ that touches storefront users, tokens and sessions (access for a contact, links resent and
# revoked, sessions ended on suspension or an access change, a contact deleted with its user) works; each
# service group reads and writes what its work needs and nothing more; a revoked staff member cannot even
# connect. With --init the schema is made first (pg-schema-sql.sh init, as ADMIN), which needs a database
# without one. Run as root (it runs psql as each login with runuser and makes missing logins with
# useradd -M). The server's pg_hba.conf must let ADMIN (default postgres) and the two logins in by peer (or
# trust for ADMIN). Use a scratch database: it adds fixture rows. Prints each check; exits 1 on any failure.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "pg-privileges-check: run as root (it runs psql as other logins)" >&2; exit 2; }
init=false
if [ "${1:-}" = --init ]; then init=true; shift; fi
[ $# -eq 3 ] || { echo "usage: pg-privileges-check.sh [--init] SOCKET_DIR PORT DATABASE" >&2; exit 2; }
sock=$1 port=$2 db=$3
staff=${STAFF:-alice}
service=${SERVICE:-bob}
admin=${ADMIN:-postgres}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1${2:+: $2}"; }

# as LOGIN [PSQL ARGS…]: psql as that Unix user (peer authentication maps it to the role of the same name),
# the SQL on stdin, stopping at the first error; unaligned, tuples only. search_path is set as a client does.
as() {
  local login=$1
  shift
  (cd / && runuser -u "$login" -- env PGOPTIONS="-c search_path=resellerdesk" \
    psql -X -q -At -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -d "$db" "$@")
}

# works LABEL LOGIN SQL [WANT]: the SQL succeeds (its output, when WANT is given, is exactly WANT).
works() {
  local out
  if out=$(as "$2" <<<"$3" 2>&1); then
    if [ $# -lt 4 ] || [ "$out" = "$4" ]; then pass "$1"; else fail "$1" "got '$out', want '$4'"; fi
  else
    fail "$1" "$out"
  fi
}

# fails LABEL LOGIN SQL PATTERN: the SQL fails, with an error matching PATTERN (an extended regex).
fails() {
  local out
  if out=$(as "$2" <<<"$3" 2>&1); then
    fail "$1" "it ran: ${out:-no output}"
  elif grep -qE "$4" <<<"$out"; then
    pass "$1"
  else
    fail "$1" "refused for another reason: $out"
  fi
}

# refused LABEL LOGIN SQL: the server refuses the SQL for want of a privilege (not for any other error).
refused() { fails "$1" "$2" "$3" 'permission denied|must be owner|must be member'; }

for login in "$staff" "$service"; do
  id "$login" >/dev/null 2>&1 || useradd -M --shell /usr/sbin/nologin "$login"
done

if $init; then
  if out=$("$here/pg-schema-sql.sh" init | as "$admin" --single-transaction 2>&1); then
    pass "init: the schema, roles and grants made by $admin"
  else
    fail "init" "$out"
    exit 1
  fi
fi

works "the schema is at version 1" "$admin" "SELECT version FROM schema_info" 1
works "grant_staff($staff)" "$admin" "SELECT resellerdesk.grant_staff('$staff')"
works "$service joins the storefront and deliverer groups" "$admin" "
  DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$service') THEN CREATE ROLE \"$service\" LOGIN; END IF;
  END \$\$;
  GRANT resellerdesk_storefront, resellerdesk_deliverer TO \"$service\";"
fails "grant_staff refuses a service login (it would read the secrets)" "$admin" \
  "SELECT resellerdesk.grant_staff('$service')" 'a staff login must be none of them'
fails "grant_staff refuses a superuser" "$admin" "SELECT resellerdesk.grant_staff('$admin')" 'is a superuser'
fails "grant_staff refuses a group role's name" "$admin" "SELECT resellerdesk.grant_staff('resellerdesk_owner')" \
  'cannot be a staff login'

# --- fixtures, written by the service as the storefront would ------------------------------------------
tag=$(date +%s%N)
now="2026-03-01 10:00:00.000"
later="2099-01-01 00:00:00.000"
ids=$(as "$service" <<SQL
INSERT INTO accounts (name, type, email, country, currency, account_manager, created_at, updated_at, updated_by)
  VALUES ('Müller Cloud $tag', 'reseller', 'm$tag@example.com', 'DE', 'EUR', '$staff', '$now', '$now', 'system')
  RETURNING id \gset
INSERT INTO account_search (account_id, name, trading_name, code, email, vat, contacts)
  VALUES (:id, 'muller cloud $tag', NULL, lpad(:id::text, 6, '0'), 'm$tag@example.com', NULL, '');
INSERT INTO contacts (account_id, first_name, last_name, email, email_key, created_at, updated_at)
  VALUES (:id, 'Anna', 'Admin', 'anna$tag@example.com', 'anna$tag@example.com', '$now', '$now')
  RETURNING id AS contact \gset
INSERT INTO storefront_users (contact_id, user_type, roles, status, password_hash, created_at, activated_at)
  VALUES (:contact, 'Admin', '', 'Active', '\$argon2id\$v=19\$fixture-$tag', '$now', '$now')
  RETURNING id AS uid \gset
INSERT INTO tokens (user_id, purpose, token_hash, expires_at, created_at)
  VALUES (:uid, 'reset', decode(md5('t$tag'), 'hex'), '$later', '$now');
INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at)
  VALUES (decode(md5('s$tag'), 'hex'), :uid, 'csrf-$tag', '$now', '$later');
INSERT INTO server_keys (name, key, created_at) VALUES ('storefront-forms', '\\x00', '$now') ON CONFLICT DO NOTHING;
INSERT INTO outbox (kind, to_address, to_name, subject, params, next_attempt_at, created_at, link_user_id,
                    link_purpose)
  VALUES ('passwordReset', 'anna$tag@example.com', 'Anna Admin', 'Reset', '{}', '$now', '$now', :uid, 'reset');
SELECT :id || ' ' || :contact || ' ' || :uid;
SQL
) || { fail "fixtures written by $service" "$ids"; exit 1; }
read -r account contact user <<<"$ids"
pass "fixtures written by $service (storefront): account $account, contact $contact, user $user"

# --- the audit: append-only, and a staff member's events are theirs --------------------------------------
refused "$staff: UPDATE audit_events" "$staff" "UPDATE audit_events SET actor = 'nobody'"
refused "$staff: DELETE FROM audit_events" "$staff" "DELETE FROM audit_events"
refused "$staff: TRUNCATE audit_events" "$staff" "TRUNCATE audit_events"
refused "$staff: INSERT an audit event with an id of its choosing" "$staff" "
  INSERT INTO audit_events (id, at, actor, actor_kind, entity, entity_id, action, changes)
  VALUES (9000000000, '$now', 'x', 'staff', 'account', 1, 'x', '{}')"
refused "$staff: ALTER TABLE audit_events DISABLE TRIGGER" "$staff" \
  "ALTER TABLE audit_events DISABLE TRIGGER audit_events_actor"
works "$staff: an audit event claiming to be $service (storefront) is stored as $staff (staff)" "$staff" "
  INSERT INTO audit_events (at, actor, actor_kind, entity, entity_id, action, changes)
  VALUES ('$now', '$service', 'storefront', 'account', $account, 'forged-$tag', '{}')
  RETURNING actor || ' ' || actor_kind || ' ' || at" "$staff staff $now"
works "$service (a service): the audit keeps the actor it sends" "$service" "
  INSERT INTO audit_events (at, actor, actor_kind, entity, entity_id, action, changes)
  VALUES ('$now', 'anna$tag@example.com', 'storefront', 'account', $account, 'order', '{}')
  RETURNING actor || ' ' || actor_kind" "anna$tag@example.com storefront"
refused "$service: DELETE FROM audit_events (no role but the owner)" "$service" "DELETE FROM audit_events"
refused "$service: UPDATE audit_events" "$service" "UPDATE audit_events SET actor = 'x'"
refused "$staff: UPDATE ledger (nothing in it is ever changed)" "$staff" "UPDATE ledger SET amount_minor = 1"
refused "$staff: DELETE FROM ledger" "$staff" "DELETE FROM ledger"
refused "$staff: UPDATE invoices" "$staff" "UPDATE invoices SET total_minor = 0"

# --- secrets: staff read none, write none ---------------------------------------------------------------
refused "$staff: SELECT password_hash FROM storefront_users" "$staff" "SELECT password_hash FROM storefront_users"
refused "$staff: SELECT * FROM storefront_users" "$staff" "SELECT * FROM storefront_users"
refused "$staff: SELECT token_hash FROM tokens" "$staff" "SELECT token_hash FROM tokens"
refused "$staff: SELECT id_hash FROM sessions" "$staff" "SELECT id_hash FROM sessions"
refused "$staff: SELECT csrf FROM sessions" "$staff" "SELECT csrf FROM sessions"
refused "$staff: SELECT key FROM server_keys" "$staff" "SELECT key FROM server_keys"
refused "$staff: a password hash found by comparison (WHERE password_hash LIKE …)" "$staff" \
  "SELECT id FROM storefront_users WHERE password_hash LIKE '\$argon2id%'"
refused "$staff: UPDATE storefront_users SET password_hash" "$staff" \
  "UPDATE storefront_users SET password_hash = 'mine' WHERE id = $user"
refused "$staff: INSERT a token (a link of their making)" "$staff" "
  INSERT INTO tokens (user_id, purpose, token_hash, expires_at, created_at)
  VALUES ($user, 'reset', '\\x01', '$later', '$now')"
refused "$staff: INSERT a session (signing in as the user)" "$staff" "
  INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES ('\\x02', $user, 'c', '$now', '$later')"
refused "$staff: UPDATE tokens SET used_at (only revoked_at)" "$staff" "UPDATE tokens SET used_at = '$now'"
refused "$staff: SET ROLE resellerdesk_storefront" "$staff" "SET ROLE resellerdesk_storefront"
refused "$staff: CREATE TABLE in the desk's schema" "$staff" "CREATE TABLE resellerdesk.mine (x int)"
refused "$staff: CREATE TEMP TABLE" "$staff" "CREATE TEMP TABLE mine (x int)"
refused "$service: INSERT INTO tax_rates (the catalogue is staff's to write)" "$service" "
  INSERT INTO tax_rates (country, tax_class, rate, valid_from, created_at, created_by)
  VALUES ('DE', 'standard', 1900, '2099-01-01', '$now', 'x')"

# --- the staff paths of Storage/ that touch storefront users, tokens and sessions, as the code runs them ---
works "$staff: contact() — the contact with its user's non-secret columns" "$staff" "
  SELECT c.*, u.id AS user_id, u.user_type, u.roles, u.status, u.failed_logins, u.locked
  FROM contacts c LEFT JOIN storefront_users u ON u.contact_id = c.id WHERE c.id = $contact"
works "$staff: summaries() — invited and activated from storefront_users" "$staff" "
  SELECT EXISTS (SELECT 1 FROM contacts c JOIN storefront_users u ON u.contact_id = c.id
                 WHERE c.account_id = a.id AND u.status = 'Active') FROM accounts a WHERE a.id = $account" t
works "$staff: accountTrail() — the history, storefront users included" "$staff" "
  SELECT count(*) > 0 FROM audit_events WHERE (entity = 'account' AND entity_id = $account)
     OR (entity = 'storefrontUser' AND entity_id IN
         (SELECT u.id FROM storefront_users u JOIN contacts c ON c.id = u.contact_id WHERE c.account_id = $account))" t
works "$staff: backup's counts — SELECT COUNT(*) FROM storefront_users" "$staff" \
  "SELECT COUNT(*) > 0 FROM storefront_users" t
works "$staff: liveTokenCount()" "$staff" "
  SELECT COUNT(*) FROM tokens WHERE user_id = $user AND used_at IS NULL AND revoked_at IS NULL
  AND expires_at > '$now'" 1
works "$staff: userIdForContact() and contactIdForUser()" "$staff" "
  SELECT (SELECT id FROM storefront_users WHERE contact_id = $contact) = $user
     AND (SELECT contact_id FROM storefront_users WHERE id = $user) = $contact" t
works "$staff: search finds 'Müller' by 'MÜL', 'mul' and 'muller'" "$staff" "
  SELECT count(*) FROM (VALUES ('MÜL'), ('mul'), ('muller')) AS typed(w)
  WHERE $account IN (SELECT id FROM account_search_ids(typed.w, '', 0, 1000, NULL) AS found(id))" 3
works "$staff: addContact() with storefront access — contact, search, user, activation link queued" "$staff" "
  BEGIN;
  INSERT INTO contacts (account_id, first_name, last_name, email, email_key, phone, mobile, company_role,
                        is_primary, is_bill_to, opt_in, created_at, updated_at)
    VALUES ($account, 'Ben', 'Buyer', 'ben$tag@example.com', 'ben$tag@example.com', NULL, NULL, NULL, 0, 0, 0,
            '$now', '$now') RETURNING id AS c \gset
  UPDATE account_search SET contacts = 'anna admin ben buyer' WHERE account_id = $account;
  INSERT INTO search_terms (term) VALUES ('ben'), ('buyer') ON CONFLICT DO NOTHING;
  INSERT INTO storefront_users (contact_id, user_type, status, created_at) VALUES (:c, 'Admin', 'Pending', '$now')
    RETURNING id AS u \gset
  SELECT lastval() = :u AS same \gset
  INSERT INTO audit_events (at, actor, actor_kind, entity, entity_id, action, changes)
    VALUES ('$now', '$staff', 'staff', 'storefrontUser', :u, 'invite', '{}');
  UPDATE tokens SET revoked_at = '$now' WHERE user_id = :u AND used_at IS NULL AND revoked_at IS NULL
    AND ('activation' IS NULL OR purpose = 'activation');
  UPDATE outbox SET status = 'withdrawn', last_error = 'replaced', claimed_by = NULL, claimed_until = NULL
    WHERE link_user_id = :u AND status IN ('queued', 'sending', 'retrying', 'failed')
    AND ('activation' IS NULL OR link_purpose = 'activation');
  INSERT INTO outbox (kind, to_address, to_name, subject, params, next_attempt_at, created_at, link_user_id,
                      link_purpose)
    VALUES ('activation', 'ben$tag@example.com', 'Ben Buyer', 'Activate', '{}', '$now', '$now', :u, 'activation');
  SELECT :'same';
  COMMIT;" t
works "$staff: setStorefrontAccess() — type and roles" "$staff" "
  UPDATE storefront_users SET user_type = 'User', roles = 'orders' WHERE id = $user;
  UPDATE storefront_users SET user_type = 'Admin', roles = '' WHERE id = $user;"
works "$staff: startPasswordReset()/resendActivation() — earlier links revoked, unsent mail withdrawn" "$staff" "
  UPDATE tokens SET revoked_at = '$now' WHERE user_id = $user AND used_at IS NULL AND revoked_at IS NULL
    AND ('reset' IS NULL OR purpose = 'reset');
  UPDATE outbox SET status = 'withdrawn', last_error = 'replaced', claimed_by = NULL, claimed_until = NULL
    WHERE link_user_id = $user AND status IN ('queued', 'sending', 'retrying', 'failed')
    AND ('reset' IS NULL OR link_purpose = 'reset');
  SELECT count(*) FROM tokens WHERE user_id = $user AND revoked_at IS NOT NULL;" 1
works "$staff: deactivateStorefront() and an account's suspension — Inactive, links revoked, sessions ended" \
  "$staff" "
  BEGIN;
  UPDATE accounts SET status = 'suspended', status_reason = 'test', status_by = '$staff', version = version + 1,
    updated_at = '$now', updated_by = '$staff' WHERE id = $account;
  UPDATE storefront_users SET status = 'Inactive',
    activated_at = CASE WHEN 'Inactive' = 'Active' THEN COALESCE(activated_at, '$now') ELSE activated_at END
    WHERE id = $user;
  UPDATE tokens SET revoked_at = '$now' WHERE user_id = $user AND used_at IS NULL AND revoked_at IS NULL;
  DELETE FROM sessions WHERE user_id = $user;
  SELECT count(*) FROM sessions WHERE user_id = $user;
  COMMIT;" 0
works "$staff: enableStorefront() on an inactive user — Pending again" "$staff" "
  UPDATE storefront_users SET status = 'Pending',
    activated_at = CASE WHEN 'Pending' = 'Active' THEN COALESCE(activated_at, '$now') ELSE activated_at END
    WHERE id = $user RETURNING status" Pending
works "$staff: removeContact() — the user, its tokens and sessions, then the contact" "$staff" "
  BEGIN;
  UPDATE outbox SET link_user_id = NULL WHERE link_user_id = $user;
  DELETE FROM tokens WHERE user_id = $user;
  DELETE FROM sessions WHERE user_id = $user;
  DELETE FROM storefront_users WHERE id = $user;
  DELETE FROM contacts WHERE id = $contact;
  SELECT count(*) FROM contacts WHERE id = $contact;
  COMMIT;" 0
works "$staff: the catalogue — a tax rate and a price list" "$staff" "
  BEGIN;
  INSERT INTO tax_rates (country, tax_class, rate, valid_from, created_at, created_by)
    VALUES ('DE', 'reduced', 700, '2099-01-0$((tag % 9 + 1))', '$now', '$staff') ON CONFLICT DO NOTHING;
  INSERT INTO price_lists (name, name_key, currency, created_at)
    VALUES ('List $tag', 'list $tag', 'EUR', '$now');
  ROLLBACK;"

# --- the service groups: each its own part ---------------------------------------------------------------
works "$service as storefront: reads a password hash and a session (signing in)" "$service" "
  SET ROLE resellerdesk_storefront;
  SELECT count(*) >= 0 FROM storefront_users WHERE password_hash IS NOT NULL;
  SELECT count(*) >= 0 FROM sessions WHERE id_hash IS NOT NULL AND csrf <> '';" "t
t"
refused "$service as deliverer: SELECT token_hash (it writes hashes, reads none)" "$service" "
  SET ROLE resellerdesk_deliverer; SELECT token_hash FROM tokens"
refused "$service as deliverer: SELECT password_hash" "$service" "
  SET ROLE resellerdesk_deliverer; SELECT password_hash FROM storefront_users"
works "$service as deliverer: its heartbeat, and a sent link's token stored (insertToken)" "$service" "
  RESET ROLE;
  INSERT INTO contacts (account_id, last_name, email, email_key, created_at, updated_at)
    VALUES ($account, 'Dora', 'dora$tag@example.com', 'dora$tag@example.com', '$now', '$now') RETURNING id AS c \gset
  INSERT INTO storefront_users (contact_id, user_type, status, created_at) VALUES (:c, 'Admin', 'Pending', '$now')
    RETURNING id AS u \gset
  SET ROLE resellerdesk_deliverer;
  INSERT INTO heartbeats (name, at, owner, detail) VALUES ('mail-deliverer', '$now', 'host:1', '')
    ON CONFLICT(name) DO UPDATE SET at = excluded.at, owner = excluded.owner, detail = excluded.detail;
  UPDATE tokens SET revoked_at = '$now' WHERE user_id = :u AND used_at IS NULL AND revoked_at IS NULL
    AND ('activation' IS NULL OR purpose = 'activation');
  INSERT INTO tokens (user_id, purpose, token_hash, expires_at, created_at)
    VALUES (:u, 'activation', decode(md5('d$tag'), 'hex'), '$later', '$now');
  SELECT count(*) FROM tokens WHERE user_id = :u;" 1
refused "$service as deliverer: SELECT key FROM server_keys" "$service" "
  SET ROLE resellerdesk_deliverer; SELECT key FROM server_keys"

# --- revoking: the login keeps its role, and cannot even connect ------------------------------------------
works "revoke_staff($staff)" "$admin" "SELECT resellerdesk.revoke_staff('$staff')" \
  "$staff: removed from resellerdesk_staff (the role is kept)"
if out=$(as "$staff" <<<"SELECT 1" 2>&1); then
  fail "$staff, revoked, cannot connect" "it connected"
elif grep -q 'permission denied for database' <<<"$out"; then
  pass "$staff, revoked, cannot connect to the desk's database"
else
  fail "$staff, revoked, cannot connect" "$out"
fi
works "grant_staff($staff) again" "$admin" "SELECT resellerdesk.grant_staff('$staff')" \
  "$staff: now a member of resellerdesk_staff"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
