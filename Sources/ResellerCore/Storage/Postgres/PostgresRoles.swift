/// Who may do what on a PostgreSQL desk (issue #26, item 3). Four group roles, none of which can log in:
///
/// - `resellerdesk_owner` owns every object (schema, tables, functions). No person logs in as it; the
///   administrator who runs `storage init` becomes a member so that init and later migrations run as it
///   (`SET ROLE`). Owning is the only way to change the audit or the ledger, disable a trigger or TRUNCATE.
/// - `resellerdesk_staff`: each staff member's own login (the Unix user name, over the Unix socket with peer
///   authentication) is a member, added by `storage grant LOGIN`. The database, not the client, says who
///   acted: the audit's actor is `session_user`.
/// - `resellerdesk_storefront` and `resellerdesk_deliverer`: the services' logins. The Debian package's
///   system user `resellerdesk` runs the storefront, the deliverer and the billing run, and is a member of
///   both; on a two-host setup each host's service login is a member of the group its work needs.
///
/// Three lines are drawn, each enforced by the server:
/// 1. The audit is append-only: every role SELECTs and INSERTs; UPDATE, DELETE and TRUNCATE are the owner's.
///    The ledger, invoices, credit notes and their lines likewise (nothing in the code changes them once
///    written). A staff member's event names the login (the trigger `audit_events_actor`).
/// 2. Secrets are the storefront's: `storefront_users.password_hash`, `tokens.token_hash`, `sessions.id_hash`
///    and `sessions.csrf`, and `server_keys`. Staff and the deliverer get every other column, by column
///    privileges, which is all their paths read (`ContactRows`, `SessionRows`, `AccountStatus`): creating a
///    contact's user (INSERT without the hash), resending or revoking links (`revoked_at`), ending sessions
///    (DELETE by `user_id`), deleting a user, suspending an account. So no staff statement needs a SECURITY
///    DEFINER function and the Swift SQL stays the same on both engines. A staff member can neither read a
///    hash nor write one: no INSERT on `tokens` or `sessions`, no UPDATE of `password_hash` (a link token or
///    session of their making would sign them in as the user). The deliverer mints link tokens as it sends
///    (INSERT on `tokens`, hash included) but reads none.
/// 3. The catalogue and the money coming in (price lists, tax rates, VIES confirmations, collection holds,
///    bank statements) are written by staff only; the services read them.
/// Everything else every group may do as the code does it (SELECT, INSERT, UPDATE, DELETE per table, as
/// Storage/ uses them): every front runs the one service, whose paths cross tables (a storefront order issues
/// an invoice, the billing run suspends accounts), so narrowing a business table to one front would fail in
/// production on a path only that front's tests do not run.
extension PostgresSchema {
    /// The group roles, made if missing (roles belong to the whole server: a second desk on the same server
    /// shares them, so give each desk its own server). An existing one that can log in or is a superuser is
    /// refused: a group's privileges would leak to whoever logs in as it.
    static let roles = #"""
    DO $$
    DECLARE
        r text;
    BEGIN
        FOREACH r IN ARRAY ARRAY['resellerdesk_owner', 'resellerdesk_staff', 'resellerdesk_storefront',
                                 'resellerdesk_deliverer'] LOOP
            IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
                EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
            ELSIF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r AND (rolcanlogin OR rolsuper)) THEN
                RAISE EXCEPTION 'role % exists and can log in or is a superuser; a desk''s group role must be '
                    'NOLOGIN and no superuser', r;
            END IF;
        END LOOP;
    END
    $$;
    -- The administrator creates every object as the owner (SET ROLE) and stays a member for later migrations.
    GRANT resellerdesk_owner TO CURRENT_USER;
    """#

    /// The privileges, granted by the owner. Run after `tables`, `functions` and `triggers`.
    static let grants = #"""
    GRANT USAGE ON SCHEMA resellerdesk TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;

    -- Functions are callable by PUBLIC by default; ours only by the groups that need them. The staff
    -- functions (grant_staff, revoke_staff) stay the owner's, so the administrator runs them.
    ALTER DEFAULT PRIVILEGES FOR ROLE resellerdesk_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
    REVOKE EXECUTE ON FUNCTION search_fold(text), account_search_document(text, text, text, text, text, text),
        account_search_query(text, text), account_search_ids(text, text, bigint, integer, text),
        audit_events_actor(), grant_staff(text), revoke_staff(text)
        FROM PUBLIC;
    -- A generated column and an inlined function are checked against the role that writes or queries.
    GRANT EXECUTE ON FUNCTION search_fold(text), account_search_document(text, text, text, text, text, text),
        account_search_query(text, text), account_search_ids(text, text, bigint, integer, text)
        TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;

    -- Tables have no privileges for PUBLIC; said once more, so a later default cannot add one.
    REVOKE ALL ON ALL TABLES IN SCHEMA resellerdesk FROM PUBLIC;
    -- Identity sequences: USAGE for lastval() after an INSERT (GRDB's lastInsertedRowID); not setval().
    GRANT USAGE ON ALL SEQUENCES IN SCHEMA resellerdesk
        TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;

    GRANT SELECT ON schema_info TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;

    -- The business tables, as the code uses them, for every front.
    GRANT SELECT, INSERT, UPDATE ON accounts, account_search, orders, outbox, subscriptions, pending_charges
        TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;
    GRANT SELECT, INSERT, UPDATE, DELETE ON contacts
        TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;
    GRANT SELECT, INSERT ON search_terms, order_lines, invoices, invoice_lines, credit_notes, credit_note_lines,
        documents, dunning_notices
        TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;
    -- Numbers: the row is locked and moved on, never added or removed.
    GRANT SELECT, UPDATE ON counters TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;
    -- Append-only: a balance is the sum of what was written, and stays it.
    GRANT SELECT, INSERT ON ledger TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;

    -- The audit: read, and appended to without choosing the id (an id far ahead of the identity would
    -- make every later insert collide, stopping every change of the desk).
    GRANT SELECT, INSERT (at, actor, actor_kind, entity, entity_id, action, changes) ON audit_events
        TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;

    -- Staff's alone to write: the catalogue, the rates, VIES confirmations, collection holds, bank entries.
    GRANT SELECT ON price_lists, price_list_items, account_price_lists, tax_rates, vat_confirmations,
        collections_holds, bank_entries
        TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;
    GRANT INSERT, UPDATE ON price_lists, collections_holds, bank_entries TO resellerdesk_staff;
    GRANT INSERT, DELETE ON price_list_items, account_price_lists TO resellerdesk_staff;
    GRANT INSERT ON tax_rates, vat_confirmations TO resellerdesk_staff;

    -- The deliverer's heartbeat; doctor (staff) reads it.
    GRANT SELECT ON heartbeats TO resellerdesk_staff, resellerdesk_storefront, resellerdesk_deliverer;
    GRANT INSERT, UPDATE ON heartbeats TO resellerdesk_deliverer;

    -- The storefront's sign-in throttle, shared by its instances.
    GRANT SELECT, INSERT, DELETE ON sign_in_attempts TO resellerdesk_storefront;

    -- Secrets: the storefront's whole.
    GRANT SELECT, INSERT, UPDATE, DELETE ON storefront_users, tokens, sessions TO resellerdesk_storefront;
    GRANT SELECT, INSERT ON server_keys TO resellerdesk_storefront;

    -- Staff and the deliverer: every column but the secrets.
    GRANT SELECT (id, contact_id, user_type, roles, status, failed_logins, locked, created_at, activated_at)
        ON storefront_users TO resellerdesk_staff, resellerdesk_deliverer;
    GRANT SELECT (id, user_id, purpose, expires_at, used_at, revoked_at, created_at)
        ON tokens TO resellerdesk_staff, resellerdesk_deliverer;
    GRANT SELECT (user_id, created_at, expires_at) ON sessions TO resellerdesk_staff, resellerdesk_deliverer;
    -- Suspending an account, deactivating or re-inviting a user (setUserStatus); revoking links
    -- (revokeTokenRows); ending sessions (deleteSessions).
    GRANT UPDATE (status, activated_at) ON storefront_users TO resellerdesk_staff, resellerdesk_deliverer;
    GRANT UPDATE (revoked_at) ON tokens TO resellerdesk_staff, resellerdesk_deliverer;
    GRANT DELETE ON sessions TO resellerdesk_staff, resellerdesk_deliverer;
    -- Staff: storefront access for a contact (insertStorefrontUser: the hash stays NULL), its type and roles
    -- (setUserAccess), removing a contact with its user and the rows naming it (deleteContact).
    GRANT INSERT (contact_id, user_type, status, created_at) ON storefront_users TO resellerdesk_staff;
    GRANT UPDATE (user_type, roles) ON storefront_users TO resellerdesk_staff;
    GRANT DELETE ON storefront_users, tokens TO resellerdesk_staff;
    -- The deliverer: a sent link's token (insertToken), its hash written, never read.
    GRANT INSERT (user_id, purpose, token_hash, expires_at, created_at) ON tokens TO resellerdesk_deliverer;
    """#

    /// Adding and removing staff, run by the administrator (CREATEROLE, or a superuser) through
    /// `grantStaff`/`revokeStaff`. The name is quoted by the server (`%I`), so any role name is safe here.
    /// A staff login must be nothing more: not a superuser (it could do anything), not a member of the owner
    /// (its events would keep the client's actor) nor of a service group (it would read the secrets).
    static let staffFunctions = #"""
    CREATE FUNCTION resellerdesk.grant_staff(login text) RETURNS text
        LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$
    DECLARE
        r pg_roles%ROWTYPE;
    BEGIN
        IF login IS NULL OR login = '' OR login LIKE 'resellerdesk\_%' OR login LIKE 'pg\_%' THEN
            RAISE EXCEPTION '"%" cannot be a staff login', login;
        END IF;
        SELECT * INTO r FROM pg_roles WHERE rolname = login;
        IF NOT FOUND THEN
            EXECUTE format('CREATE ROLE %I LOGIN IN ROLE resellerdesk_staff', login);
            RETURN format('%s: role created, a member of resellerdesk_staff', login);
        END IF;
        IF r.rolsuper THEN
            RAISE EXCEPTION '% is a superuser; a staff login must be an ordinary role', login;
        END IF;
        IF pg_has_role(login, 'resellerdesk_owner', 'MEMBER') OR pg_has_role(login, 'resellerdesk_storefront', 'MEMBER')
           OR pg_has_role(login, 'resellerdesk_deliverer', 'MEMBER') THEN
            RAISE EXCEPTION '% is a member of the owner or a service role; a staff login must be none of them',
                login;
        END IF;
        IF pg_has_role(login, 'resellerdesk_staff', 'MEMBER') THEN
            RETURN format('%s: already a member of resellerdesk_staff', login);
        END IF;
        EXECUTE format('GRANT resellerdesk_staff TO %I', login);
        IF NOT r.rolcanlogin THEN
            -- An existing NOLOGIN role was made so on purpose; the administrator decides.
            RETURN format('%s: now a member of resellerdesk_staff, but the role cannot log in (NOLOGIN)', login);
        END IF;
        RETURN format('%s: now a member of resellerdesk_staff', login);
    END
    $$;

    -- Revoking removes the membership only. The role is kept: roles belong to the whole server (another
    -- database may use it, or it may own objects there), the audit names the login as text either way, and
    -- without the membership it cannot even connect to the desk's database (CONNECT is the groups' alone).
    -- Its open sessions lose the privileges at their next statement. DROP ROLE is the administrator's call.
    CREATE FUNCTION resellerdesk.revoke_staff(login text) RETURNS text
        LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$
    BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = login) THEN
            RAISE EXCEPTION 'no role named "%"', login;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                       JOIN pg_roles u ON u.oid = m.member
                       WHERE g.rolname = 'resellerdesk_staff' AND u.rolname = login) THEN
            RETURN format('%s: not a member of resellerdesk_staff', login);
        END IF;
        EXECUTE format('REVOKE resellerdesk_staff FROM %I', login);
        IF pg_has_role(login, 'resellerdesk_staff', 'MEMBER') THEN
            RETURN format('%s: removed from resellerdesk_staff, but still a member through another role', login);
        END IF;
        RETURN format('%s: removed from resellerdesk_staff (the role is kept)', login);
    END
    $$;
    """#

    /// The database itself, by the administrator (after `RESET ROLE`): only the desk's roles connect (so a
    /// revoked staff member cannot even open a session), nobody makes temporary tables (nothing needs them,
    /// and a pg_temp object is one more thing a search could find first), and sessions look in the desk's
    /// schema first. Clients set `search_path` themselves all the same (`-c search_path=resellerdesk`): a
    /// database setting is only a default.
    static let databaseAccess = #"""
    DO $$
    BEGIN
        EXECUTE pg_catalog.format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO resellerdesk_owner, resellerdesk_staff, '
                                  'resellerdesk_storefront, resellerdesk_deliverer', current_database());
        EXECUTE pg_catalog.format('ALTER DATABASE %I SET search_path TO resellerdesk', current_database());
    END
    $$;
    """#

    /// The SQL that makes `login` a staff member (creating its role if missing), or nil when `login` is not a
    /// user name (letters, digits, `.`, `_`, `-`, a final `$`, at most 63 bytes, not starting with `-`). The
    /// check keeps the literal free of quotes and backslashes; the server quotes the identifier itself.
    static func grantStaff(_ login: String) -> String? {
        isLoginName(login) ? "SELECT resellerdesk.grant_staff('\(login)')" : nil
    }

    /// The SQL that removes `login` from the staff (its role is kept), or nil when `login` is not a user name.
    static func revokeStaff(_ login: String) -> String? {
        isLoginName(login) ? "SELECT resellerdesk.revoke_staff('\(login)')" : nil
    }

    static func isLoginName(_ login: String) -> Bool {
        let bytes = Array(login.utf8)
        guard (1...63).contains(bytes.count), bytes[0] != UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { i, b in
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): true
            case UInt8(ascii: "$"): i == bytes.count - 1
            default: false
            }
        }
    }
}
