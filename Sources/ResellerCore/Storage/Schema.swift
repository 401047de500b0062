import Foundation
import GRDB
import GRDBSQLite

extension Store {
    /// Migrations as an ordered list; `PRAGMA user_version` counts those applied. The version is read and
    /// the migrations run inside one IMMEDIATE transaction, which holds the write lock from its first
    /// statement: when two processes open a new file at once, the second waits, then finds nothing to do.
    /// (GRDB's DatabaseMigrator decides what to apply before it takes the lock, so both would migrate.)
    static let migrations: [Migration] = [
        Migration("schemaV1", schemaV1), Migration("schemaV2", schemaV2),
        Migration("linkMailWithoutTokens", linkMailWithoutTokens), Migration("serverKeys", serverKeys),
        Migration("ledgerReversals", ledgerReversals), Migration("accountStatus", accountStatus),
        Migration("paymentTerms", paymentTerms), Migration("billing", billing),
        Migration("billingChanges", billingChanges), Migration("firstInvoices", firstInvoices),
        Migration("billingRunIndexes", billingRunIndexes), Migration("tax", tax), Migration("taxRates", taxRates),
        Migration("documents", documents), Migration("collections", collections),
    ]

    struct Migration: Sendable {
        let name: String
        private let text: @Sendable () -> String
        /// Made when a migration runs: every open counts the migrations, and building the tax rates' INSERT
        /// (from EUVATRates) for a desk that has it took 0.2 ms of each start.
        var sql: String { text() }
        init(_ name: String, _ sql: @escaping @autoclosure @Sendable () -> String) { self.name = name; text = sql }
    }

    /// Steps in Swift, each run once, after every SQL migration of the same open (so they read rows with the
    /// current columns), in the same transaction: each is keyed by the name of the SQL migration that brings
    /// it in, and runs when a desk applies that migration. A desk stores only how many migrations it applied
    /// (`user_version`), so a step keyed by name runs exactly when the old key, that migration's number, did.
    static let dataMigrations: [(migration: String, run: @Sendable (StoreTx, Date) throws -> Void)] = [
        ("firstInvoices", { tx, now in try ResellerService.invoiceOrdersOfBefore(tx, at: now) }),
    ]

    /// The `user_version` of a desk that has applied the migration named and every one before it.
    static func version(after migration: String) -> Int {
        guard let index = migrations.firstIndex(where: { $0.name == migration }) else {
            preconditionFailure("no migration named \(migration)")
        }
        return index + 1
    }

    /// The data migrations a desk at `applied` (its `user_version`) has still to run, in order.
    static func pendingDataMigrations(after applied: Int) -> [@Sendable (StoreTx, Date) throws -> Void] {
        dataMigrations.filter { version(after: $0.migration) > applied }.map(\.run)
    }

    /// How long opening a desk waits for another process that holds the write lock (creating or upgrading it).
    static let migrationWait: Duration = .seconds(600)

    static func migrate(_ writer: any DatabaseWriter, journal: Journal) throws {
        // Most opens find the schema current: a read says so without taking the write lock.
        let current = try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        guard current < migrations.count else { return }
        let pending = JournalBuffer()
        // The writer waits up to migrationWait for the lock here (set as the desk opens, Store.init).
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let applied = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard applied < migrations.count else { return .commit }
                for migration in migrations[applied...] { try db.execute(sql: migration.sql) }
                for run in pendingDataMigrations(after: applied) {
                    try run(StoreTx(session: SQLiteSession(db), pending: pending), Date())
                }
                try db.execute(sql: "PRAGMA user_version = \(migrations.count)")
                return .commit
            }
        }
        journal.send(pending.entries)   // committed: a data migration's audit events too
    }

    static let schemaV1 = """
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,          -- AUTOINCREMENT: a code is never reused
        name TEXT NOT NULL,
        trading_name TEXT,
        type TEXT NOT NULL,
        email TEXT NOT NULL,
        phone TEXT, website TEXT, registration_number TEXT, tax_authority TEXT, description TEXT,
        street TEXT, city TEXT, postcode TEXT, state TEXT,
        country TEXT NOT NULL,
        currency TEXT NOT NULL,
        account_manager TEXT NOT NULL,
        enable_ordering INTEGER NOT NULL DEFAULT 0,
        credit_limit_minor INTEGER,
        credit_unlimited INTEGER NOT NULL DEFAULT 0,
        billing_day TEXT,                               -- NULL: proration off
        partial_charges TEXT,
        enable_reselling INTEGER NOT NULL DEFAULT 0,
        separate_invoices INTEGER NOT NULL DEFAULT 0,
        tax_exempt INTEGER NOT NULL DEFAULT 0,
        parent_account_id INTEGER REFERENCES accounts(id),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
        -- The Ordering section exists only with ordering on; an amount and Unlimited exclude each other.
        CHECK (enable_ordering = 1 OR (credit_limit_minor IS NULL AND credit_unlimited = 0
               AND billing_day IS NULL AND partial_charges IS NULL AND enable_reselling = 0)),
        CHECK (enable_ordering = 0 OR (credit_limit_minor IS NULL) <> (credit_unlimited = 0)),
        CHECK (credit_limit_minor IS NULL OR credit_limit_minor >= 0)
    );
    CREATE INDEX accounts_parent ON accounts(parent_account_id) WHERE parent_account_id IS NOT NULL;

    -- Search over name, trading name, code, email, VAT number and contact names/emails. Prefix indexes
    -- keep one- to three-letter prefix queries fast at a million rows.
    CREATE VIRTUAL TABLE account_search USING fts5(
        name, trading_name, code, email, vat, contacts,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    );

    -- Every alphabetic word in the search index. A typed prefix longer than the prefix index expands here
    -- to the few words it can mean, so FTS5 walks exact terms (and LIMIT stops early) instead of merging
    -- the whole doclist of a common word such as "accounts".
    CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;

    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        first_name TEXT, last_name TEXT NOT NULL,
        email TEXT NOT NULL,
        email_key TEXT NOT NULL UNIQUE,                  -- lowercased: the storefront login
        phone TEXT, mobile TEXT, company_role TEXT,
        is_primary INTEGER NOT NULL DEFAULT 0, is_bill_to INTEGER NOT NULL DEFAULT 0,
        opt_in INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE INDEX contacts_account ON contacts(account_id);

    CREATE TABLE storefront_users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id),
        user_type TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        password_hash TEXT,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, activated_at TEXT
    );

    CREATE TABLE tokens (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL REFERENCES storefront_users(id),
        purpose TEXT NOT NULL,
        token_hash BLOB NOT NULL UNIQUE,                 -- SHA-256 of the token; the token itself is never stored
        expires_at TEXT NOT NULL,
        used_at TEXT, revoked_at TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX tokens_user ON tokens(user_id);

    CREATE TABLE sessions (
        id_hash BLOB PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES storefront_users(id),
        csrf TEXT NOT NULL,
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user_id);

    CREATE TABLE price_lists (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        currency TEXT NOT NULL,
        valid_from TEXT, valid_to TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        description TEXT,
        created_at TEXT NOT NULL
    );

    CREATE TABLE price_list_items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        price_list_id INTEGER NOT NULL REFERENCES price_lists(id) ON DELETE CASCADE,
        product_code TEXT NOT NULL,
        description TEXT NOT NULL,
        billing_period TEXT NOT NULL,
        price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
        UNIQUE (price_list_id, product_code, billing_period)
    );

    CREATE TABLE account_price_lists (
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        price_list_id INTEGER NOT NULL REFERENCES price_lists(id),
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (account_id, price_list_id)
    ) WITHOUT ROWID;

    CREATE TABLE orders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts(id),          -- the reseller charged
        customer_account_id INTEGER NOT NULL REFERENCES accounts(id), -- itself or an end customer
        status TEXT NOT NULL,
        total_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        order_day TEXT NOT NULL,
        placed_by TEXT NOT NULL,
        created_at TEXT NOT NULL, executed_at TEXT, canceled_at TEXT
    );
    CREATE INDEX orders_account ON orders(account_id, id);

    CREATE TABLE order_lines (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        product_code TEXT NOT NULL, description TEXT NOT NULL, billing_period TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price_minor INTEGER NOT NULL,
        first_charge_minor INTEGER NOT NULL,
        prorated_days INTEGER, period_days INTEGER,
        invoice_day TEXT NOT NULL,
        price_list_id INTEGER NOT NULL REFERENCES price_lists(id)
    );
    CREATE INDEX order_lines_order ON order_lines(order_id);

    -- Debits (executed orders) and credits (payments). Balance = debits − credits.
    CREATE TABLE ledger (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        kind TEXT NOT NULL CHECK (kind IN ('debit', 'credit')),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        order_id INTEGER UNIQUE REFERENCES orders(id),   -- one debit per order, at most
        note TEXT,
        created_at TEXT NOT NULL, created_by TEXT NOT NULL
    );
    CREATE INDEX ledger_account ON ledger(account_id);

    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        to_address TEXT NOT NULL, to_name TEXT NOT NULL,
        subject TEXT NOT NULL,
        params TEXT NOT NULL,                            -- JSON template values (never a link token)
        status TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        claimed_by TEXT,                                 -- "host:pid" of the deliverer sending it
        claimed_until TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL, sent_at TEXT
    );
    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

    CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL, actor_kind TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        changes TEXT NOT NULL                            -- JSON: field → [old, new]
    );
    CREATE INDEX audit_entity ON audit_events(entity, entity_id);
    """

    /// The desk's background work says it is alive: the mail deliverer (each pass, at most every 30 s) and
    /// the nightly backup (each copy). `resellerdesk doctor` reads them.
    static let schemaV2 = """
    CREATE TABLE heartbeats (
        name TEXT PRIMARY KEY,                           -- 'mail-deliverer', 'backup'
        at TEXT NOT NULL,
        owner TEXT NOT NULL,                             -- "host:pid" or the login that ran it
        detail TEXT NOT NULL
    ) WITHOUT ROWID;
    """

    /// Link emails name their user and purpose; the deliverer makes the token as it sends (only its hash is
    /// stored). Rows queued by older versions held the token in clear: it leaves the file here. Of a user's
    /// unsent link emails of one purpose only the newest, and only while its link is live, is kept; its
    /// live token is revoked (nobody has it yet: the email was never sent) and sending mints a new one.
    /// The rest are withdrawn, as a revocation withdraws them from now on.
    static let linkMailWithoutTokens = """
    ALTER TABLE outbox ADD COLUMN link_user_id INTEGER REFERENCES storefront_users(id);
    ALTER TABLE outbox ADD COLUMN link_purpose TEXT;              -- 'activation' | 'reset'
    CREATE INDEX outbox_link ON outbox(link_user_id) WHERE link_user_id IS NOT NULL;
    UPDATE outbox SET
        link_purpose = CASE kind WHEN 'activation' THEN 'activation' ELSE 'reset' END,
        link_user_id = (SELECT u.id FROM storefront_users u JOIN contacts c ON c.id = u.contact_id
                        WHERE c.email_key = lower(outbox.to_address))
      WHERE kind IN ('activation', 'passwordReset');
    UPDATE outbox SET status = 'withdrawn', claimed_by = NULL, claimed_until = NULL,
        last_error = 'not sent: the link was replaced or revoked first'
      WHERE link_purpose IS NOT NULL AND status <> 'sent' AND (link_user_id IS NULL
        OR id <> (SELECT MAX(o.id) FROM outbox o
                  WHERE o.link_user_id = outbox.link_user_id AND o.link_purpose = outbox.link_purpose)
        OR NOT EXISTS (SELECT 1 FROM tokens t
                       WHERE t.user_id = outbox.link_user_id AND t.purpose = outbox.link_purpose
                         AND t.used_at IS NULL AND t.revoked_at IS NULL
                         AND t.expires_at > strftime('%Y-%m-%d %H:%M:%f', 'now')));
    UPDATE tokens SET revoked_at = strftime('%Y-%m-%d %H:%M:%f', 'now')
      WHERE used_at IS NULL AND revoked_at IS NULL AND EXISTS (
        SELECT 1 FROM outbox o WHERE o.link_user_id = tokens.user_id AND o.link_purpose = tokens.purpose
          AND o.status NOT IN ('sent', 'withdrawn'));
    UPDATE outbox SET params = json_remove(params, '$.token', '$.expiresAt') WHERE link_purpose IS NOT NULL;
    """

    /// A payment is reversed by a new debit naming it (domain.md#ledger: nothing is ever deleted from the ledger); the
    /// unique index makes a second reversal of one payment impossible, not only checked.
    static let ledgerReversals = """
    ALTER TABLE ledger ADD COLUMN reverses_id INTEGER REFERENCES ledger(id);
    CREATE UNIQUE INDEX ledger_reverses ON ledger(reverses_id) WHERE reverses_id IS NOT NULL;
    """

    /// Active, Suspended or Closed, with the reason of the last change (domain.md#account-status: running the account).
    /// Days until an invoice is due (domain.md#accounts: paymentTermsDays); accounts of before keep the default.
    static let paymentTerms = """
    ALTER TABLE accounts ADD COLUMN payment_terms_days INTEGER NOT NULL DEFAULT 30
        CHECK (payment_terms_days BETWEEN 0 AND 365);
    """

    /// Subscriptions, invoices and their lines (domain.md#billing). A period is invoiced once by
    /// construction: the unique index on (subscription, period start) refuses a second line, whatever two
    /// runs at once decide. Numbers come from `counters`, taken inside the transaction that issues the
    /// invoice, so a rolled-back invoice leaves no gap.
    static let billing = """
    CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        billed_account_id INTEGER NOT NULL REFERENCES accounts(id),   -- the reseller charged
        for_account_id INTEGER NOT NULL REFERENCES accounts(id),      -- itself or an end customer
        order_id INTEGER REFERENCES orders(id),
        product_code TEXT NOT NULL, description TEXT NOT NULL,
        billing_period TEXT NOT NULL CHECK (billing_period IN ('monthly', 'annual')),
        unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
        currency TEXT NOT NULL,
        start_day TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),               -- in effect when last changed
        quantity_steps TEXT NOT NULL,                                 -- JSON [{from, quantity}]
        next_billing_date TEXT NOT NULL,                              -- the first day not yet invoiced
        end_date TEXT,
        status TEXT NOT NULL CHECK (status IN ('Active', 'Ending at period end', 'Canceled')),
        billing_day TEXT,                                             -- the scheme it was created under
        first_order_day TEXT,
        partial_charges TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX subscriptions_billed ON subscriptions(billed_account_id, next_billing_date);
    CREATE INDEX subscriptions_due ON subscriptions(next_billing_date) WHERE status <> 'Canceled';

    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO counters (name, value) VALUES ('invoice', 0), ('credit_note', 0);

    CREATE TABLE invoices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,                                  -- INV-000001, gapless
        billed_account_id INTEGER NOT NULL REFERENCES accounts(id),
        for_account_id INTEGER REFERENCES accounts(id),               -- set with Separate invoices
        invoice_date TEXT NOT NULL, due_date TEXT NOT NULL,
        total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
        currency TEXT NOT NULL,
        created_at TEXT NOT NULL, created_by TEXT NOT NULL
    );
    CREATE INDEX invoices_account ON invoices(billed_account_id, id);

    CREATE TABLE invoice_lines (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id),
        kind TEXT NOT NULL CHECK (kind IN ('period', 'charge')),
        subscription_id INTEGER REFERENCES subscriptions(id),
        for_account_id INTEGER NOT NULL REFERENCES accounts(id), for_account_name TEXT NOT NULL,
        product_code TEXT NOT NULL, description TEXT NOT NULL,
        period_start TEXT, period_end TEXT,
        quantity INTEGER NOT NULL, unit_price_minor INTEGER NOT NULL,
        days_charged INTEGER, days_in_period INTEGER,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0)
    );
    CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id);
    CREATE UNIQUE INDEX invoice_lines_once ON invoice_lines(subscription_id, period_start) WHERE kind = 'period';

    -- An issued invoice debits the ledger once.
    ALTER TABLE ledger ADD COLUMN invoice_id INTEGER REFERENCES invoices(id);
    CREATE UNIQUE INDEX ledger_invoice ON ledger(invoice_id) WHERE invoice_id IS NOT NULL;
    """

    static let accountStatus = """
    ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'suspended', 'closed'));
    ALTER TABLE accounts ADD COLUMN status_reason TEXT;
    """

    /// Secrets a server makes on its first start and every process of the desk shares: the storefront's key
    /// that signs its pre-login form cookie. In the database, so several storefront processes sign alike.
    static let serverKeys = """
    CREATE TABLE server_keys (
        name TEXT PRIMARY KEY,                           -- 'storefront-forms'
        key BLOB NOT NULL,                               -- 32 random bytes
        created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    """

    /// An order's first charges wait (or are invoiced at once) as pending charges that name their order, so
    /// an order leads to its first invoice. The data migration `ResellerService.invoiceOrdersOfBefore` runs
    /// with it: it turns the first charges of orders from before into invoices.
    static let firstInvoices = """
    ALTER TABLE pending_charges ADD COLUMN order_id INTEGER REFERENCES orders(id);
    CREATE INDEX pending_charges_order ON pending_charges(order_id) WHERE order_id IS NOT NULL;
    """

    /// Charges waiting for an invoice (a raised quantity's added units under "on next billing day") and
    /// credit notes (a "cancel now"). A charge is invoiced once: `invoice_id` is set by the transaction
    /// that issues its invoice, and the run picks only charges without one.
    static let billingChanges = """
    CREATE TABLE pending_charges (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        billed_account_id INTEGER NOT NULL REFERENCES accounts(id),
        invoice_date TEXT NOT NULL,
        subscription_id INTEGER REFERENCES subscriptions(id),
        for_account_id INTEGER NOT NULL REFERENCES accounts(id), for_account_name TEXT NOT NULL,
        product_code TEXT NOT NULL, description TEXT NOT NULL,
        period_start TEXT, period_end TEXT,
        quantity INTEGER NOT NULL, unit_price_minor INTEGER NOT NULL, currency TEXT NOT NULL,
        days_charged INTEGER, days_in_period INTEGER,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        invoice_id INTEGER REFERENCES invoices(id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX pending_charges_due ON pending_charges(billed_account_id, invoice_date) WHERE invoice_id IS NULL;

    CREATE TABLE credit_notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,                                  -- CRN-000001, gapless
        billed_account_id INTEGER NOT NULL REFERENCES accounts(id),
        for_account_id INTEGER NOT NULL REFERENCES accounts(id),
        note_date TEXT NOT NULL,
        total_minor INTEGER NOT NULL CHECK (total_minor > 0),
        currency TEXT NOT NULL,
        created_at TEXT NOT NULL, created_by TEXT NOT NULL
    );
    CREATE INDEX credit_notes_account ON credit_notes(billed_account_id, id);

    CREATE TABLE credit_note_lines (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        credit_note_id INTEGER NOT NULL REFERENCES credit_notes(id),
        subscription_id INTEGER REFERENCES subscriptions(id),
        for_account_id INTEGER NOT NULL REFERENCES accounts(id), for_account_name TEXT NOT NULL,
        product_code TEXT NOT NULL, description TEXT NOT NULL,
        period_start TEXT, period_end TEXT,
        quantity INTEGER NOT NULL, unit_price_minor INTEGER NOT NULL,
        days_charged INTEGER, days_in_period INTEGER,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0)
    );
    CREATE INDEX credit_note_lines_note ON credit_note_lines(credit_note_id);

    -- A credit note credits the ledger once.
    ALTER TABLE ledger ADD COLUMN credit_note_id INTEGER REFERENCES credit_notes(id);
    CREATE UNIQUE INDEX ledger_credit_note ON ledger(credit_note_id) WHERE credit_note_id IS NOT NULL;
    """
}

extension Store {
    /// The billing run's first question, "which accounts may owe something by DATE?", answered from an
    /// index instead of a scan of every subscription: a re-run with nothing due reads a few index pages.
    static let billingRunIndexes = """
    CREATE INDEX subscriptions_next_billing ON subscriptions(next_billing_date, end_date, billed_account_id);
    CREATE INDEX pending_charges_waiting ON pending_charges(invoice_date, billed_account_id) WHERE invoice_id IS NULL;
    """
}

extension Store {
    /// Tax (domain.md#the-seller-and-tax). Items carry their class to the orders, subscriptions and charges
    /// made from them (a price list change affects later orders only); invoice and credit note lines keep the
    /// category and rate they were issued with (hundredths of a percent), the document its net, tax, breakdown
    /// (JSON), seller (JSON) and the buyer's VAT ID as issued. A document with no `net_minor` was issued before
    /// tax: its total stays its nets.
    static let tax = """
    ALTER TABLE price_list_items ADD COLUMN tax_class TEXT NOT NULL DEFAULT 'standard'
        CHECK (tax_class IN ('standard', 'reduced', 'zero', 'exempt'));
    ALTER TABLE order_lines ADD COLUMN tax_class TEXT NOT NULL DEFAULT 'standard';
    ALTER TABLE subscriptions ADD COLUMN tax_class TEXT NOT NULL DEFAULT 'standard';
    ALTER TABLE pending_charges ADD COLUMN tax_class TEXT NOT NULL DEFAULT 'standard';
    ALTER TABLE invoice_lines ADD COLUMN tax_category TEXT;
    ALTER TABLE invoice_lines ADD COLUMN tax_rate INTEGER;
    ALTER TABLE credit_note_lines ADD COLUMN tax_category TEXT;
    ALTER TABLE credit_note_lines ADD COLUMN tax_rate INTEGER;
    ALTER TABLE invoices ADD COLUMN net_minor INTEGER;
    ALTER TABLE invoices ADD COLUMN tax_minor INTEGER;
    ALTER TABLE invoices ADD COLUMN taxes TEXT;
    ALTER TABLE invoices ADD COLUMN seller TEXT;
    ALTER TABLE invoices ADD COLUMN buyer_vat_id TEXT;
    ALTER TABLE credit_notes ADD COLUMN net_minor INTEGER;
    ALTER TABLE credit_notes ADD COLUMN tax_minor INTEGER;
    ALTER TABLE credit_notes ADD COLUMN taxes TEXT;
    ALTER TABLE credit_notes ADD COLUMN seller TEXT;
    ALTER TABLE credit_notes ADD COLUMN buyer_vat_id TEXT;
    ALTER TABLE credit_notes ADD COLUMN credited_invoice_id INTEGER REFERENCES invoices(id);
    ALTER TABLE accounts ADD COLUMN tax_exemption_reason TEXT;
    ALTER TABLE orders ADD COLUMN net_minor INTEGER;
    ALTER TABLE orders ADD COLUMN tax_minor INTEGER;
    ALTER TABLE orders ADD COLUMN taxes TEXT;

    -- The rates per country and class, each in force from its day until the next one of the same key.
    CREATE TABLE tax_rates (
        country TEXT NOT NULL,
        tax_class TEXT NOT NULL CHECK (tax_class IN ('standard', 'reduced')),
        rate INTEGER NOT NULL CHECK (rate BETWEEN 0 AND 10000),      -- hundredths of a percent
        valid_from TEXT NOT NULL,
        created_at TEXT NOT NULL, created_by TEXT NOT NULL,
        PRIMARY KEY (country, tax_class, valid_from)
    ) WITHOUT ROWID;

    -- What staff confirmed with VIES (the desk cannot reach it): the ID, the day, the consultation number.
    CREATE TABLE vat_confirmations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        vat_id TEXT NOT NULL, confirmed_on TEXT NOT NULL, reference TEXT NOT NULL,
        created_at TEXT NOT NULL, created_by TEXT NOT NULL
    );
    CREATE INDEX vat_confirmations_account ON vat_confirmations(account_id, id);
    """

    /// An invoice's or credit note's files as first rendered (the PDF, the UBL e-invoice), with their SHA-256:
    /// what its email attached is what later downloads and exports serve, byte for byte.
    static let documents = """
    CREATE TABLE documents (
        number TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('pdf', 'ubl')),
        bytes BLOB NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        rendered_at TEXT NOT NULL,
        PRIMARY KEY (number, format)
    ) WITHOUT ROWID;
    """

    /// Collections (domain.md#collections): who set an account's status (the run's suspensions are the ones
    /// a payment lifts), staff's holds, the steps sent per invoice (the key makes each step once, whatever the
    /// runs), and the bank statements' entries, keyed by the bank's reference so none is booked twice.
    static let collections = """
    ALTER TABLE accounts ADD COLUMN status_by TEXT;
    CREATE TABLE collections_holds (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
        no_auto_suspend INTEGER NOT NULL DEFAULT 0 CHECK (no_auto_suspend IN (0, 1)),
        paused_until TEXT,
        reason TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
    );
    CREATE TABLE dunning_notices (
        invoice_id INTEGER NOT NULL REFERENCES invoices(id),
        step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 3),
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        sent_on TEXT NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (invoice_id, step)
    ) WITHOUT ROWID;
    CREATE INDEX dunning_notices_account ON dunning_notices(account_id);
    CREATE TABLE bank_entries (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        file TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        booking_date TEXT,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        currency TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('credit', 'debit')),
        debtor_name TEXT,
        remittance TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('booked', 'unmatched', 'assigned', 'dismissed')),
        why TEXT,
        account_id INTEGER REFERENCES accounts(id),
        ledger_id INTEGER REFERENCES ledger(id),
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        decided_at TEXT,
        decided_by TEXT
    );
    CREATE INDEX bank_entries_waiting ON bank_entries(state, id);
    """

    /// The EU's standard and reduced rates in force on 2026-01-01 (`EUVATRates`), as shipped.
    static var taxRates: String {
        let from = EUVATRates.inForce.description
        let rows = EUVATRates.rates.flatMap { r in
            [("standard", r.standard), ("reduced", r.reduced)].map { c, rate in
                "('\(r.country)', '\(c)', \((try? TaxPercent.parse(rate))!.hundredths), '\(from)', "
                    + "'\(from)T00:00:00Z', 'system')"
            }
        }
        return "INSERT INTO tax_rates (country, tax_class, rate, valid_from, created_at, created_by) VALUES\n"
            + rows.joined(separator: ",\n") + ";"
    }
}
