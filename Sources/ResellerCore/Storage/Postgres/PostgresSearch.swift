/// Search on a PostgreSQL desk (issue #26, item 2): accents folded, Greek too, prefixes as on SQLite.
extension PostgresSchema {
    /// Search. SQLite's FTS5 table folds with `unicode61 remove_diacritics 2`; here one IMMUTABLE function folds
    /// both the indexed text and the typed words: unaccent (Ά/ά → α, ΐ → ι, ü → u, ß → ss), lower case in every
    /// script, final sigma as σ, punctuation as spaces (so "alice@example.com" is three words, as unicode61
    /// splits it, not the one e-mail token of PostgreSQL's parser). The Swift side folds before writing and
    /// before querying (`SearchQuery.fold`); folding again here costs little and makes the server's answer
    /// right for any client. unaccent folds a little more than Swift's fold (ß → ss, æ → ae, ø → o): both the
    /// document and the query pass through it, so a search finds the same either way.
    ///
    /// unaccent() is only STABLE because it finds its dictionary through search_path; the known trick wraps
    /// the two-argument form with a named dictionary in an IMMUTABLE function. These bodies are SQL-standard
    /// (`RETURN`, `BEGIN ATOMIC`): PostgreSQL resolves every name in them once, at creation, to the object
    /// itself, so the dictionary and the function are bound wherever the extension lives and nobody's
    /// search_path can redirect them later (nor a dump and restore). The search_path set here, around their
    /// creation only, names the extension's schema.
    static let functions = #"""
    DO $$
    BEGIN
        PERFORM pg_catalog.set_config('search_path', 'resellerdesk, ' || pg_catalog.quote_ident(n.nspname), false)
           FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
          WHERE e.extname = 'unaccent';
    END
    $$;

    CREATE FUNCTION resellerdesk.search_fold(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace(
        translate(lower(unaccent('unaccent'::regdictionary, t) COLLATE "und-x-icu"),
                  'ς!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', 'σ' || repeat(' ', 32)),
        -- Latin-1 and general punctuation: a database in the "C" locale would take them for letters.
        '[\u00a1-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2010-\u2027\u2030-\u205e]',
        ' ', 'g');

    -- The indexed document: the VAT column at weight A, so a typed VAT number ("PT7361") matches only it, as
    -- FTS5's column filter `vat : "pt7361"*` does; every other column at the default weight D.
    CREATE FUNCTION resellerdesk.account_search_document(name text, trading_name text, code text, email text,
                                                         vat text, contacts text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(to_tsvector('simple'::regconfig, search_fold(coalesce(vat, ''))), 'A')
        || to_tsvector('simple'::regconfig, search_fold(coalesce(name, '') || ' ' || coalesce(trading_name, '')
               || ' ' || coalesce(code, '') || ' ' || coalesce(email, '') || ' ' || coalesce(contacts, '')));

    -- What was typed, as a tsquery: every word of `words` a prefix anywhere, every word of `vats` a prefix of
    -- the VAT column, all required; NULL (matching nothing) when no word is left. The words are split and
    -- folded here exactly as the document was, so the client passes plain text (the typed words joined by
    -- spaces) and never builds tsquery syntax. Each lexeme is quoted all the same (quotes and backslashes
    -- doubled), though the fold leaves neither in one.
    CREATE FUNCTION resellerdesk.account_search_query(words text, vats text) RETURNS tsquery
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
    BEGIN ATOMIC
        SELECT string_agg('''' || replace(replace(t.lexeme, '\', '\\'), '''', '''''') || ''':*' || t.weight,
                          ' & ')::tsquery
          FROM (SELECT lexeme, '' AS weight
                  FROM unnest(to_tsvector('simple'::regconfig, search_fold(coalesce(words, ''))))
                UNION ALL
                SELECT lexeme, 'A'
                  FROM unnest(to_tsvector('simple'::regconfig, search_fold(coalesce(vats, ''))))) AS t;
    END;

    -- The ids of the accounts matching what was typed, in id order after `after`, at most `n`; with
    -- `statuses` ('active,suspended', the raw values joined by commas; NULL for every status), only accounts
    -- in one of them. FTS5 walks its index in rowid order and stops at the LIMIT, so any query costs alike;
    -- here no one plan does: walking the primary key and testing each row is instant for a common word and
    -- reads the whole table for a rare one, while the GIN index finds a rare word at once but must build the
    -- match list of every word in full (42 ms for "iberi data" at a million accounts, whose two words match
    -- 100,000 accounts between them, though only 2,000 both). The planner cannot tell them apart (a prefix's
    -- frequency is not in the statistics), so the walk itself measures: 10,000 ids first; when they hold
    -- fewer than `n` matches, the matches found so far say how far on the rest lie, and the walk goes on
    -- that far and half again (about 0.4 ms per 1,000 ids) while that stays within 100,000 ids; past that, or
    -- with no match at all, the words are rare enough for the index. Measured at a million accounts over the
    -- benchmark's 1,000 queries, the service's whole search: p99 100 ms with one walk and then the index, 35 ms
    -- so (the function alone: 70 ms, 11 to 18 ms).
    -- An empty query is no search: the Swift code lists accounts without this. Not SECURITY DEFINER: it
    -- reads with the caller's privileges.
    CREATE FUNCTION resellerdesk.account_search_ids(words text, vats text, after bigint, n integer,
                                                    statuses text DEFAULT NULL) RETURNS SETOF bigint
        LANGUAGE plpgsql STABLE SET search_path = pg_catalog, resellerdesk
        -- Planned for each call's own query: a plan cached for any query (the sixth call on) walks the key.
        SET plan_cache_mode = force_custom_plan
    AS $$
    DECLARE
        q tsquery := account_search_query(words, vats);
        wanted text[] := string_to_array(statuses, ',');
        got integer := 0;
        found integer;
        walk bigint := 10000;
        walked bigint := 0;
        frontier bigint := after;
        reached bigint;
    BEGIN
        IF q IS NULL OR n < 1 THEN
            RETURN;
        END IF;
        LOOP
            -- The subquery's LIMIT keeps the filter out of it: a walk of the primary key, stopped at n matches.
            RETURN QUERY
                SELECT w.account_id
                  FROM (SELECT s.account_id, s.document FROM account_search s WHERE s.account_id > frontier
                         ORDER BY s.account_id LIMIT walk) AS w
                 WHERE w.document @@ q
                   AND (wanted IS NULL OR EXISTS (SELECT FROM accounts a WHERE a.id = w.account_id
                                                                          AND a.status = ANY (wanted)))
                 ORDER BY w.account_id LIMIT n - got;
            GET DIAGNOSTICS found = ROW_COUNT;
            got := got + found;
            IF got = n THEN
                RETURN;
            END IF;
            -- The last id this walk looked at (its `walk`th; the two statements see the same snapshot).
            SELECT s.account_id INTO reached FROM account_search s WHERE s.account_id > frontier
             ORDER BY s.account_id OFFSET walk - 1 LIMIT 1;
            IF reached IS NULL THEN
                RETURN;   -- the walk reached the last account
            END IF;
            frontier := reached;
            walked := walked + walk;
            EXIT WHEN got = 0;
            walk := ceil((n - got) * walked * 1.5 / got);
            EXIT WHEN walk > 100000 OR walked + walk > 150000;
        END LOOP;
        -- Sorting by an expression keeps the planner off the primary key's order: the GIN index, then a sort
        -- of the few matches.
        RETURN QUERY
            SELECT s.account_id FROM account_search s
             WHERE s.document @@ q AND s.account_id > frontier
               AND (wanted IS NULL OR EXISTS (SELECT FROM accounts a WHERE a.id = s.account_id
                                                                      AND a.status = ANY (wanted)))
             ORDER BY s.account_id + 0 LIMIT n - got;
    END
    $$;

    SET search_path TO resellerdesk;
    """#

    /// The text the Swift code runs to find account ids for what was typed, in id order after an id, at most a
    /// limit of them, for both of SQLite's statements (`… WHERE account_search MATCH ? AND rowid > ? ORDER BY
    /// rowid LIMIT ?` and its join with `accounts` for the status filter). Arguments, in order: the typed words
    /// joined by spaces (`SearchQuery.Parsed.words`), the VAT-like tokens joined by spaces (`.vats`; "" for
    /// none), the id after which to start, the limit, and the statuses' raw values joined by commas, or NULL
    /// for every status. Plain text in, no tsquery syntax: the server splits, folds and quotes.
    static let searchAccountIds = """
        SELECT id FROM account_search_ids(?, ?, ?, ?, ?) AS found(id) ORDER BY id
        """
}
