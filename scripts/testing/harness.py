"""What the soak and crash scripts share: a temporary ResellerDesk (database, config by environment), the
CLI, the storefront and the SMTP server as real processes, and a small browser for the storefront's forms."""
import email.parser as email_parser, email.policy as email_policy
import http.cookiejar, os, re, shutil, socket, sqlite3, subprocess, tempfile, time, urllib.error, urllib.parse, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "tavern olive harbour lantern"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class Desk:
    """A ResellerDesk in a temporary folder: `bin` holds resellerdesk and resellerdesk-storefront."""

    def __init__(self, bin_dir):
        self.bin = os.path.abspath(bin_dir)
        self.tmp = tempfile.mkdtemp(prefix="resellerdesk-prove-")
        self.db = os.path.join(self.tmp, "rd.sqlite")
        self.spool = os.path.join(self.tmp, "spool")
        self.smtp_port, self.web_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.env = dict(os.environ, RESELLERDESK_DB=self.db, XDG_DATA_HOME=os.path.join(self.tmp, "data"),
                        XDG_CONFIG_HOME=os.path.join(self.tmp, "config"), RESELLERDESK_STOREFRONT_URL=self.base,
                        RESELLERDESK_MAIL_TRANSPORT="smtp", RESELLERDESK_SMTP_HOST="127.0.0.1",
                        RESELLERDESK_SMTP_PORT=str(self.smtp_port), SUDO_USER="soak")
        self.smtp = self.storefront = None

    def cli(self, *args, timeout=60):
        return subprocess.run([os.path.join(self.bin, "resellerdesk"), *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def cli_process(self, *args):
        return subprocess.Popen([os.path.join(self.bin, "resellerdesk"), *args], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

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
        con = sqlite3.connect(self.db, timeout=30)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()

    def integrity(self):
        return self.sql("PRAGMA integrity_check")[0][0]

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
