"""What the soak and crash scripts share: a temporary ResellerDesk (database, config by environment), the
CLI, the storefront and the SMTP server as real processes, and a small browser for the storefront's forms."""
import atexit, datetime, email.parser as email_parser, email.policy as email_policy, glob, itertools
import http.cookiejar, os, re, shutil, socket, sqlite3, subprocess, tempfile, time, urllib.error, urllib.parse, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "tavern olive harbour lantern"
# The seller every desk the scripts start runs as (a desk without one cannot invoice): outside the EU, as the
# Swift tests' TestSeller.outsideEU, so that invoices stay net and the billing figures the scripts check hold.
SELLER = {"RESELLERDESK_COMPANY_NAME": "Fixture Cloud AG", "RESELLERDESK_COMPANY_STREET": "Bahnhofstrasse 1",
          "RESELLERDESK_COMPANY_CITY": "Zürich", "RESELLERDESK_COMPANY_POSTCODE": "8001",
          "RESELLERDESK_COMPANY_COUNTRY": "CH", "RESELLERDESK_COMPANY_VAT_ID": "CHE-123.456.788 MWST"}


def kill_program(p, group=False):
    """SIGKILLs the program `p` started and waits for it (with `group`, its whole process group, for a program
    started in a session of its own). Under Debian's faketime, `p` is the wrapper and the
    program its child: the child is killed, and the wrapper, left to exit, removes its semaphore from /dev/shm
    (killed itself, it leaves it there, and a later faketime given the same PID fails with "sem_open: File
    exists")."""
    try:
        with open(f"/proc/{p.pid}/task/{p.pid}/children") as f:
            children = [int(c) for c in f.read().split()]
    except OSError:
        children = []
    for child in children:
        try:
            os.kill(child, 9)
        except ProcessLookupError:
            pass
    if not children:
        try:
            os.killpg(p.pid, 9) if group else p.kill()
        except ProcessLookupError:
            pass
    return p.communicate() if p.stdout else p.wait()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


ROOT = os.getuid() == 0


def pg_bin():
    """The newest PostgreSQL's programs (Debian keeps them in /usr/lib/postgresql/VERSION/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not found:
        raise SystemExit("PostgreSQL is not installed (apt install postgresql)")
    return found[-1]


# psql's field and record separators and its NULL: ASCII's unit, record and group separators, which no value
# the desk stores contains.
FIELD, RECORD, NULL = "\x1f", "\x1e", "\x1d"


def sql_literal(value):
    """`value` as a PostgreSQL literal: NULL, an integer, a number or a string in single quotes (each quote
    doubled; backslashes are plain characters, standard_conforming_strings being on since 9.1)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"no SQL literal for {value}")
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        value = value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"no SQL literal for {type(value).__name__}")
    if "\0" in value:
        raise ValueError("a NUL character cannot be in a PostgreSQL string")
    return "'" + value.replace("'", "''") + "'"


def bind(query, args):
    """`query` with each `?` placeholder (outside quotes and comments) replaced by its argument's literal."""
    out, args, i, n = [], list(args), 0, len(query)
    used = 0
    while i < n:
        c = query[i]
        if c in "'\"":                                  # a quoted string or name: copied whole ('' and "" inside)
            j = i + 1
            while j < n:
                if query[j] == c:
                    if j + 1 < n and query[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            out.append(query[i:j + 1])
            i = j + 1
        elif query.startswith("--", i):
            j = query.find("\n", i)
            j = n if j < 0 else j
            out.append(query[i:j])
            i = j
        elif c == "?":
            if used == len(args):
                raise ValueError(f"more placeholders than the {len(args)} arguments: {query}")
            out.append(sql_literal(args[used]))
            used += 1
            i += 1
        else:
            out.append(c)
            i += 1
    if used != len(args):
        raise ValueError(f"{len(args)} arguments for {used} placeholders: {query}")
    return "".join(out)


class PostgresServer:
    """A PostgreSQL server of its own in a temporary folder: its socket in that folder (never the system's),
    local connections trusted as the superuser `postgres`, with `tcp` also on 127.0.0.1 with passwords. Run
    as root, the server runs as the postgres user. Durable: fsync, synchronous_commit and full_page_writes
    stay on (the defaults), as the crash trials and the soak's restart need."""

    def __init__(self, tcp=False):
        self.bin = pg_bin()
        self.tcp = tcp
        self.dir = tempfile.mkdtemp(prefix="rd-postgres-")
        os.chmod(self.dir, 0o755)
        if ROOT:
            shutil.chown(self.dir, "postgres")
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "server.log")
        self.port = free_port()
        self.running = False
        self._names = itertools.count(1)

    def as_postgres(self, line, check=True, **kw):
        return subprocess.run((["runuser", "-u", "postgres", "--"] if ROOT else []) + line, check=check,
                              capture_output=True, text=True, **kw)

    def start(self):
        if not os.path.exists(self.data):
            # --no-sync: initdb's own files need not reach the disk before the server starts; the server syncs.
            self.as_postgres([f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth-local=trust",
                              "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"])
        listen = "127.0.0.1" if self.tcp else "''"
        self.as_postgres([f"{self.bin}/pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-o",
                          f"-p {self.port} -k {self.dir} -c listen_addresses={listen}", "start"])
        self.running = True
        return self

    def restart(self, mode="fast"):
        """`pg_ctl restart -m MODE`, waiting until the server accepts connections again; returns the seconds
        it took (the server refuses connections for about all of them)."""
        started = time.time()
        self.as_postgres([f"{self.bin}/pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-m", mode,
                          "-o", f"-p {self.port} -k {self.dir} -c listen_addresses={'127.0.0.1' if self.tcp else chr(39) * 2}",
                          "restart"])
        return time.time() - started

    def stop(self, mode="fast"):
        if self.running:
            self.as_postgres([f"{self.bin}/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"], check=False)
            self.running = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database):
        """The libpq URL of `database` over the socket, as the superuser."""
        return f"postgresql:///{database}?host={self.dir}&port={self.port}&user=postgres"

    def new_database(self, prefix="desk"):
        name = f"{prefix}{next(self._names)}"
        self.psql(f'CREATE DATABASE "{name}" ENCODING \'UTF8\'', "postgres")
        return name

    def psql(self, sql, database="postgres", env=None):
        """Runs one statement with psql as `postgres`; its rows as tuples of strings, None for NULL (psql's
        unaligned output with separators no value holds). Raises on any error."""
        line = [f"{self.bin}/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-p",
                str(self.port), "-U", "postgres", "-d", database, "-F", FIELD, "-R", RECORD, "-P", f"null={NULL}",
                "-c", sql]
        deadline = time.time() + 60
        while True:
            r = subprocess.run(line, capture_output=True, text=True, env=dict(os.environ, **(env or {})))
            # Exit status 2: the connection failed or was lost (the server restarting): the scripts' own
            # statements are reads or idempotent, so they are tried again until the server is back.
            if r.returncode != 2 or time.time() > deadline:
                break
            time.sleep(0.1)
        if r.returncode != 0:
            raise RuntimeError(f"psql failed ({r.returncode}): {r.stderr.strip()}\n  {sql[:500]}")
        out = r.stdout[:-1] if r.stdout.endswith("\n") else r.stdout
        if out == "":
            return []
        return [tuple(None if v == NULL else v for v in row.split(FIELD)) for row in out.split(RECORD)]


_shared_postgres = None


def shared_postgres():
    """One server for every PostgreSQL desk of this process (each desk its own database), stopped at exit."""
    global _shared_postgres
    if _shared_postgres is None:
        _shared_postgres = PostgresServer().start()
        atexit.register(_shared_postgres.stop, "immediate")
    return _shared_postgres


INTEGER = re.compile(r"-?[0-9]+")


def _typed(value):
    return int(value) if value is not None and INTEGER.fullmatch(value) else value


class Desk:
    """A ResellerDesk in a temporary folder: `bin` holds resellerdesk and resellerdesk-storefront. `engine`
    "sqlite" keeps the desk in a file there; "postgresql" in a fresh database on a shared PostgreSQL server
    (`server`, else shared_postgres()) with the schema `resellerdesk storage init` makes. Either way
    RESELLERDESK_DB names it, and `sql` reads it with `?` placeholders."""

    def __init__(self, bin_dir, engine="sqlite", server=None):
        self.bin = os.path.abspath(bin_dir)
        self.engine = engine
        self.tmp = tempfile.mkdtemp(prefix="resellerdesk-prove-")
        if engine == "sqlite":
            self.db = os.path.join(self.tmp, "rd.sqlite")
            self.server = None
        elif engine == "postgresql":
            self.server = server or shared_postgres()
            self.database = self.server.new_database()
            self.db = self.server.url(self.database)
            r = subprocess.run([os.path.join(self.bin, "resellerdesk"), "storage", "init", self.db],
                               capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit(f"resellerdesk storage init failed: {r.stderr.strip()}")
        else:
            raise ValueError(f"unknown engine {engine}")
        self.spool = os.path.join(self.tmp, "spool")
        self.smtp_port, self.web_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.env = dict(os.environ, RESELLERDESK_DB=self.db, XDG_DATA_HOME=os.path.join(self.tmp, "data"),
                        XDG_CONFIG_HOME=os.path.join(self.tmp, "config"), RESELLERDESK_STOREFRONT_URL=self.base,
                        RESELLERDESK_MAIL_TRANSPORT="smtp", RESELLERDESK_SMTP_HOST="127.0.0.1",
                        RESELLERDESK_SMTP_PORT=str(self.smtp_port), SUDO_USER="soak", **SELLER)
        self.smtp = self.storefront = None
        self.amcheck = False

    def command(self, args, on=None):
        """The command line and environment; `on` (YYYY-MM-DD) runs it at noon UTC of that day with Debian's
        faketime, as the collections run must see invoices overdue."""
        line = [os.path.join(self.bin, "resellerdesk"), *args]
        if on is None:
            return line, self.env
        return ["/usr/bin/faketime", f"{on} 12:00:00", *line], dict(self.env, TZ="UTC")

    def cli(self, *args, timeout=60, on=None):
        line, env = self.command(args, on)
        return subprocess.run(line, env=env, capture_output=True, text=True, timeout=timeout)

    def cli_process(self, *args, on=None):
        line, env = self.command(args, on)
        return subprocess.Popen(line, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def start_smtp(self):
        ready = os.path.join(self.tmp, "smtp.ready")
        self.smtp = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "smtp-server.py"), "--port", str(self.smtp_port),
                                      "--spool", self.spool, "--ready", ready], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: os.path.exists(ready), "the SMTP server")

    def start_storefront(self):
        self.storefront_log = open(os.path.join(self.tmp, "storefront.log"), "a")
        self.storefront = subprocess.Popen([os.path.join(self.bin, "resellerdesk-storefront"), "--port", str(self.web_port)],
                                           env=self.env, stdout=self.storefront_log, stderr=subprocess.STDOUT)
        wait_for(lambda: listening(self.web_port), "the storefront")

    def kill_storefront(self):
        if self.storefront:
            self.storefront.kill()
            self.storefront.wait()
            self.storefront = None
            wait_for(lambda: not listening(self.web_port), "the storefront to go")

    def storefront_log_text(self):
        with open(os.path.join(self.tmp, "storefront.log")) as f:
            return f.read()

    def sql(self, query, *args):
        """The rows of `query` (one text for both engines, `?` placeholders): on PostgreSQL through psql in
        the schema `resellerdesk`, integers as int, NULL as None, everything else as text."""
        if self.engine == "postgresql":
            rows = self.server.psql(bind(query, args), self.database,
                                    env={"PGOPTIONS": "-c search_path=resellerdesk"})
            return [tuple(_typed(v) for v in row) for row in rows]
        con = sqlite3.connect(self.db, timeout=30)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()

    # What differs between the engines' SQL, in one place.
    def json_text(self, column, key):
        """The text of `key` in the JSON object in the text column `column`."""
        if self.engine == "postgresql":
            return f"({column})::json->>'{key}'"
        return f"json_extract({column}, '$.{key}')"

    @property
    def search_key(self):
        """The account's id in account_search: FTS5's rowid on SQLite, a real column on PostgreSQL."""
        return "account_id" if self.engine == "postgresql" else "rowid"

    def integrity(self):
        """"ok", or what is corrupt. SQLite: PRAGMA integrity_check. PostgreSQL: amcheck, every B-tree index
        of the schema checked (bt_index_check with heapallindexed: each heap tuple found in the index) and
        every table's heap (verify_heapam)."""
        if self.engine != "postgresql":
            return self.sql("PRAGMA integrity_check")[0][0]
        psql = lambda q: self.server.psql(q, self.database)
        if not self.amcheck:
            psql("CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA public")
            self.amcheck = True
        schema = "c.relnamespace = 'resellerdesk'::regnamespace"
        # One statement each: the first index that fails stops it, and amcheck's error names that index.
        try:
            indexes = psql(f"""SELECT count(public.bt_index_check(c.oid, true)::text) FROM pg_class c
                               JOIN pg_am a ON a.oid = c.relam WHERE {schema} AND c.relkind = 'i'
                               AND a.amname = 'btree'""")[0][0]
            corrupt = psql(f"""SELECT c.relname, v.blkno, v.offnum, v.msg FROM pg_class c,
                               LATERAL public.verify_heapam(c.oid) v WHERE {schema} AND c.relkind = 'r'""")
            tables = psql(f"SELECT count(*) FROM pg_class c WHERE {schema} AND c.relkind = 'r'")[0][0]
        except RuntimeError as e:
            return f"amcheck: {e}"
        problems = [f"table {name}, block {block}, item {item}: {msg}" for name, block, item, msg in corrupt]
        if int(indexes) == 0 or int(tables) == 0:
            problems.append(f"nothing to check: {indexes} indexes, {tables} tables")
        return "ok" if not problems else "; ".join(problems[:5])

    def token(self, email, kind="activation"):
        """The token of the newest link emailed to `email`: the database never holds it, so what is due is
        delivered (`mail deliver`) to the test SMTP server and the link read from the email."""
        if not self.smtp:
            self.start_smtp()
        assert self.cli("mail", "deliver").returncode == 0, "mail deliver failed"
        path = "/reset" if kind == "passwordReset" else "/activate"
        for name in sorted(os.listdir(self.spool), reverse=True):
            if not name.endswith(".eml"):
                continue
            with open(os.path.join(self.spool, name), "rb") as f:
                mail = email_parser.BytesParser(policy=email_policy.default).parse(f)
            if email in str(mail["To"]):
                m = re.search(re.escape(path) + r"\?token=([A-Za-z0-9_-]+)", mail.get_body(("plain",)).get_content())
                if m:
                    return m.group(1)
        return None

    def close(self):
        self.kill_storefront()
        if self.smtp:
            self.smtp.kill()
            self.smtp.wait()
        if self.engine == "postgresql" and self.server.running:
            try:
                self.server.psql(f'DROP DATABASE "{self.database}" WITH (FORCE)', "postgres")
            except RuntimeError:
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies, the CSRF token of the last page, and forms posted as a browser would."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.page = ""
        self.location = None

    def get(self, path, timeout=30):
        try:
            r = self.opener.open(self.base + path, timeout=timeout)
            self.page = r.read().decode()
            return r.status
        except urllib.error.HTTPError as e:
            self.page = e.read().decode(errors="replace")
            return e.code

    def post(self, path, fields, timeout=30):
        csrf = re.search(r'name="csrf" value="([^"]+)"', self.page)
        data = urllib.parse.urlencode({"csrf": csrf.group(1) if csrf else "", **fields}).encode()
        self.location = None
        try:
            r = self.opener.open(self.base + path, data, timeout=timeout)
            self.page = r.read().decode()
            return r.status
        except urllib.error.HTTPError as e:
            self.page = e.read().decode(errors="replace")
            self.location = e.headers.get("Location")
            return e.code

    def activate(self, token):
        self.get(f"/activate?token={token}")
        return self.post("/activate", {"token": token, "password": PASSWORD, "confirmation": PASSWORD})

    def log_in(self, email):
        self.get("/login")
        return self.post("/login", {"email": email, "password": PASSWORD})


def wait_for(predicate, what, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {what}")


def billing_problems(desk, through=None):
    """What must hold of the invoices at any moment, whatever was killed (DOMAIN.md, Billing): each invoice
    whole (lines summing to its total, one ledger debit of it unless it is 0.00, one audit 'issue' event,
    its email to each bill-to contact or the account), numbers INV-000001..N without a hole, no period
    invoiced twice. With `through` (after a run through that day that was not killed): nothing is left due
    and each subscription's invoiced periods follow each other up to its next billing date."""
    q = desk.sql
    problems = []
    bad = q("""SELECT i.number, i.total_minor, (SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id),
                      (SELECT coalesce(sum(amount_minor), 0) FROM invoice_lines l WHERE l.invoice_id = i.id)
               FROM invoices i""")
    for number, total, lines, summed in bad:
        if lines == 0 or summed != total:
            problems.append(f"{number}: {lines} lines summing to {summed}, total {total}")
    for number, total, debits, debited, audits, mails, recipients in q(f"""
            SELECT i.number, i.total_minor,
                   (SELECT count(*) FROM ledger l WHERE l.invoice_id = i.id),
                   (SELECT coalesce(sum(amount_minor), 0) FROM ledger l WHERE l.invoice_id = i.id AND l.kind = 'debit'),
                   (SELECT count(*) FROM audit_events a WHERE a.entity = 'invoice' AND a.entity_id = i.id
                       AND a.action = 'issue'),
                   (SELECT count(*) FROM outbox o WHERE o.kind = 'invoice'
                       AND {desk.json_text('o.params', 'invoiceNumber')} = i.number),
                   (SELECT count(*) FROM contacts c WHERE c.account_id = i.billed_account_id AND c.is_bill_to <> 0)
            FROM invoices i"""):
        recipients = max(1, recipients)                   # no bill-to contact: the account's own address
        if (debits, debited) != ((1, total) if total > 0 else (0, 0)):
            problems.append(f"{number} (total {total}): {debits} ledger entries of {debited}")
        if audits != 1 or mails != recipients:
            problems.append(f"{number}: {audits} audit 'issue' events, {mails} emails for {recipients} recipients")
    numbers = [r[0] for r in q("SELECT number FROM invoices ORDER BY number")]
    counter = q("SELECT value FROM counters WHERE name = 'invoice'")[0][0]
    if numbers != [f"INV-{n:06d}" for n in range(1, len(numbers) + 1)] or counter != len(numbers):
        problems.append(f"invoice numbers not INV-000001..{len(numbers)} (counter {counter}): {numbers[-5:]}")
    twice = q("""SELECT subscription_id, period_start, count(*) FROM invoice_lines WHERE kind = 'period'
                 GROUP BY subscription_id, period_start HAVING count(*) > 1""")
    if twice:
        problems.append(f"periods invoiced twice: {twice[:5]}")
    if through is not None:
        due = q("""SELECT count(*) FROM subscriptions WHERE next_billing_date <= ?
                     AND (end_date IS NULL OR next_billing_date <= end_date)""", through)[0][0]
        waiting = q("SELECT count(*) FROM pending_charges WHERE invoice_id IS NULL AND invoice_date <= ?",
                    through)[0][0]
        if due or waiting:
            problems.append(f"after a whole run through {through}: {due} subscriptions and {waiting} charges still due")
        periods = {}
        for sub, start, end in q("""SELECT subscription_id, period_start, period_end FROM invoice_lines
                                    WHERE kind = 'period' ORDER BY subscription_id, period_start"""):
            periods.setdefault(sub, []).append((start, end))
        day = lambda text: datetime.date.fromisoformat(text)
        for sub, next_date, end_date in q("SELECT id, next_billing_date, end_date FROM subscriptions"):
            spans = periods.get(sub, [])
            for (_, e1), (s2, _) in zip(spans, spans[1:]):
                if day(s2) != day(e1) + datetime.timedelta(days=1):
                    problems.append(f"subscription {sub}: a hole or an overlap between periods ending {e1} "
                                    f"and from {s2}")
            if spans and end_date is None and day(next_date) != day(spans[-1][1]) + datetime.timedelta(days=1):
                problems.append(f"subscription {sub}: last period ends {spans[-1][1]}, next billing date {next_date}")
    return problems


STEP_MAILS = {1: "reminder", 2: "secondReminder", 3: "finalNotice"}


def collections_problems(desk):
    """What must hold of collections at any moment, whatever was killed (DOMAIN.md, Collections): each step
    recorded for an account came with its emails, and no email without its record (one transaction); each
    suspension by the run came with its audit event."""
    q = desk.sql
    problems = []
    recorded = set((f"ACC-{a:06d}", STEP_MAILS[s]) for a, s in
                   q("SELECT DISTINCT account_id, step FROM dunning_notices"))
    mailed = set(q(f"""SELECT DISTINCT {desk.json_text('params', 'accountCode')}, kind FROM outbox
                      WHERE kind IN ('reminder', 'secondReminder', 'finalNotice')"""))
    if recorded != mailed:
        problems.append(f"steps recorded without emails {sorted(recorded - mailed)[:5]}, "
                        f"emails without a record {sorted(mailed - recorded)[:5]}")
    unaudited = q("""SELECT a.id FROM accounts a WHERE a.status = 'suspended' AND a.status_by = 'collections'
                     AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity = 'account' AND e.entity_id = a.id
                                     AND e.action = 'suspend' AND e.actor = 'collections')""")
    if unaudited:
        problems.append(f"suspended by the run without an audit event: {unaudited[:5]}")
    return problems


def statement_problems(desk):
    """What must hold of imported statements at any moment: each entry once (its key is unique), each booked
    or assigned one with its own payment of the same amount, and no bank payment without its entry."""
    q = desk.sql
    problems = []
    for key, state, amount, ledger_amount, kind in q("""
            SELECT b.key, b.state, b.amount_minor, l.amount_minor, l.kind FROM bank_entries b
            LEFT JOIN ledger l ON l.id = b.ledger_id WHERE b.state IN ('booked', 'assigned')"""):
        if ledger_amount != amount or kind != "credit":
            problems.append(f"entry {key} ({state}, {amount}): its payment is {kind} {ledger_amount}")
    orphans = q("""SELECT l.id FROM ledger l WHERE l.note LIKE 'Bank transfer%'
                   AND NOT EXISTS (SELECT 1 FROM bank_entries b WHERE b.ledger_id = l.id)""")
    if orphans:
        problems.append(f"bank payments without their entry: {orphans[:5]}")
    return problems


def camt053(entries, statement_id="STMT-1", version=8):
    """A camt.053 statement: `entries` are (bank reference, amount in minor units, remittance reference or None
    for an unstructured text, debtor), all booked credits in EUR."""
    ns = f"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version:02d}"
    rows = []
    for ref, minor, remittance, debtor in entries:
        amount = f"{minor // 100}.{minor % 100:02d}"
        rmt = (f"<Strd><CdtrRefInf><Ref>{remittance}</Ref></CdtrRefInf></Strd>" if remittance
               else "<Ustrd>payment, no reference</Ustrd>")
        party = f"<Pty><Nm>{debtor}</Nm></Pty>" if version >= 8 else f"<Nm>{debtor}</Nm>"
        status = "<Sts><Cd>BOOK</Cd></Sts>" if version >= 7 else "<Sts>BOOK</Sts>"
        rows.append(f"""<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>{status}
<BookgDt><Dt>2027-03-12</Dt></BookgDt><ValDt><Dt>2027-03-12</Dt></ValDt><AcctSvcrRef>{ref}</AcctSvcrRef>
<NtryDtls><TxDtls><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<RltdPties><Dbtr>{party}</Dbtr></RltdPties><RmtInf>{rmt}</RmtInf></TxDtls></NtryDtls></Ntry>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{ns}"><BkToCstmrStmt>
<GrpHdr><MsgId>{statement_id}</MsgId><CreDtTm>2027-03-12T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>{statement_id}</Id><CreDtTm>2027-03-12T06:00:00</CreDtTm>
<Acct><Id><IBAN>GR1601101250000000012300695</IBAN></Id></Acct>
{chr(10).join(rows)}
</Stmt></BkToCstmrStmt></Document>
"""


def rf_reference(number):
    """ISO 11649 for an invoice number (python-stdnum is the oracle in the tests; this is the formula)."""
    body = "".join(c for c in number.upper() if c.isalnum())
    digits = "".join(str(int(c, 36)) for c in body + "RF00")
    return f"RF{98 - int(digits) % 97:02d}{body}"
