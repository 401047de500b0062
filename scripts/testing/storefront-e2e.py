#!/usr/bin/python3
"""The storefront in a real headless browser (Debian's chromium and chromium-driver, python3-selenium).

The whole path a reseller takes: the demo reseller's activation email is delivered by `resellerdesk mail
deliver` to a real SMTP server on 127.0.0.1; the link is taken from that email; Chromium opens it, sets the
password, logs in, creates an end customer, places one order within the credit and one above it. Then the
database is checked (one Executed, one Submitted, the ledger debited once) and so is the outbox (the "no
available credit" email). The Admin then invites a Buyer and a Billing Agent from the Users page; each
activates from its own email; the Buyer orders, the Billing Agent sees the balance and is refused the orders.
Billing (#12): the Admin previews and raises a subscription's quantity on the Subscriptions page (its added
units are invoiced at once), `resellerdesk billing run --through` the next month's 1st issues the renewals,
and the Billing Agent finds that invoice on the Invoices page and opens it as a printable page whose number
and total are the CLI's. Tax (#23): the desk's seller is Greek and so is the demo reseller, so Greek VAT
applies; the order preview's net, VAT and total are read (total = net + VAT, VAT = 24 % of the net), and the
printable invoices of that order and of the renewals show Net, the VAT row and Total, each the figure the
order (or the subscriptions' quantities) implies. Collections (#25): the storefront is started again under
faketime a few days past the last due date, and the Billing Agent's dashboard lists every unpaid invoice with
its payment reference as printed and the seller's bank details; the overdue invoice's page says Overdue. A
screenshot of each page goes to --out. Every page the browser opens is checked with axe-core 4
(axe-selenium-python, from the virtual environment scripts/test makes): any violation, of any impact, fails
the run. Exits non-zero on any failure.
"""
import argparse, email, email.policy, glob, hashlib, json, os, re, shutil, signal, socket, sqlite3, subprocess, sys
import tempfile, time
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from axe_selenium_python import Axe

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import PASSWORD, free_port, kill_program, listening, wait_for  # noqa: E402

# The seller of this desk: in Greece, complete (address, VAT ID, bank, footer), as the Swift tests'
# TestSeller.greek. The demo reseller is Greek too, so its invoices bear Greek VAT (S 24 %) and the browser
# reads real tax; the other scripts keep harness.SELLER, outside the EU, whose invoices stay net.
GREEK_SELLER = {
    "RESELLERDESK_COMPANY_NAME": "Hellenic Cloud Distribution S.A.",
    "RESELLERDESK_COMPANY_STREET": "Leoforos Kifisias 44", "RESELLERDESK_COMPANY_CITY": "Marousi",
    "RESELLERDESK_COMPANY_POSTCODE": "151 25", "RESELLERDESK_COMPANY_COUNTRY": "GR",
    "RESELLERDESK_COMPANY_VAT_ID": "EL094259216", "RESELLERDESK_COMPANY_TAX_REGISTRATION": "FAE Athinon",
    "RESELLERDESK_COMPANY_EMAIL": "billing@hellenic-cloud.example", "RESELLERDESK_COMPANY_PHONE": "+30 210 000 0000",
    "RESELLERDESK_COMPANY_IBAN": "GR1601101250000000012300695", "RESELLERDESK_COMPANY_BIC": "ETHNGRAA",
    "RESELLERDESK_COMPANY_BANK": "National Bank of Greece",
    "RESELLERDESK_COMPANY_FOOTER": "Hellenic Cloud Distribution S.A., General Commercial Registry 000000000",
}
# Greece's standard rate, which every product of the demo list bears for a Greek account.
GREEK_VAT = Decimal("24")


class Run:
    def __init__(self, args):
        self.bin = os.path.abspath(args.bin)
        self.out = os.path.abspath(args.out)
        shutil.rmtree(self.out, ignore_errors=True)
        os.makedirs(self.out)
        self.tmp = tempfile.mkdtemp(prefix="storefront-e2e-")
        self.db = os.path.join(self.tmp, "rd.sqlite")
        self.spool = os.path.join(self.tmp, "spool")
        self.smtp_port, self.web_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.env = dict(os.environ, RESELLERDESK_DB=self.db, XDG_DATA_HOME=os.path.join(self.tmp, "data"),
                        XDG_CONFIG_HOME=os.path.join(self.tmp, "config"),
                        RESELLERDESK_STOREFRONT_URL=self.base, RESELLERDESK_MAIL_TRANSPORT="smtp",
                        RESELLERDESK_SMTP_HOST="127.0.0.1", RESELLERDESK_SMTP_PORT=str(self.smtp_port),
                        RESELLERDESK_MAIL_FROM="Cloud Desk <desk@distributor.example>", SUDO_USER="dora",
                        **GREEK_SELLER)
        self.processes = []
        self.shots = 0
        self.audited = 0
        # The order within the credit: its preview's figures and the invoice issued for it on the order day.
        self.ordered = None
        # The storefront's process: `overdue` starts it again on another day.
        self.storefront = None

    def cli(self, *args):
        r = subprocess.run([os.path.join(self.bin, "resellerdesk"), *args], env=self.env, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"resellerdesk {' '.join(args)} failed ({r.returncode}): {r.stderr}")
        return r.stdout

    def start(self, argv, log):
        # Its own process group: faketime runs the program as its child, and both must go when it is stopped.
        p = subprocess.Popen(argv, env=self.env, stdout=open(os.path.join(self.out, log), "w"), stderr=subprocess.STDOUT,
                             start_new_session=True)
        self.processes.append(p)
        return p

    def stop(self):
        for p in self.processes:
            self.kill(p)
        shutil.rmtree(self.tmp, ignore_errors=True)

    @staticmethod
    def kill(p):
        kill_program(p, group=True)

    def shot(self, browser, name):
        self.shots += 1
        path = os.path.join(self.out, f"{self.shots:02d}-{name}.png")
        browser.save_screenshot(path)

    def emails(self, to):
        found = []
        for path in sorted(glob.glob(os.path.join(self.spool, "*.eml"))):
            with open(path, "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            if to in msg["To"]:
                found.append(msg)
        return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=".build/debug")
    ap.add_argument("--out", default=".build/test-output/storefront-e2e")
    run = Run(ap.parse_args())
    try:
        check(run)
    finally:
        run.stop()
    print(f"storefront e2e: passed; {run.audited} pages without an axe-core violation; "
          f"{run.shots} screenshots in {run.out}")


def check(run):
    run.cli("demo")
    reseller_email = "partners@aegean-cloud.example"

    # The real SMTP server, and the activation email delivered to it.
    run.start(["/usr/bin/python3", os.path.join(HERE, "smtp-server.py"), "--port", str(run.smtp_port), "--spool", run.spool,
               "--ready", os.path.join(run.tmp, "smtp.ready")], "smtp.log")
    wait_for(lambda: os.path.exists(os.path.join(run.tmp, "smtp.ready")), "the SMTP server")
    run.cli("mail", "deliver")
    link = activation_link(run, reseller_email)

    # The storefront, as `resellerdesk storefront serve` starts it.
    run.storefront = run.start([os.path.join(run.bin, "resellerdesk"), "storefront", "serve", "--port",
                                str(run.web_port)], "storefront.log")
    wait_for(lambda: listening(run.web_port), "the storefront")

    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,1100", "--disable-gpu"]:
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.implicitly_wait(5)
    AUDITED["run"] = run
    try:
        drive(run, browser, link, reseller_email)
        other_users(run, browser)
        check_database(run, reseller_email)
        subscriptions(run, browser, reseller_email)
        invoices(run, browser)
        day = overdue(run, browser)
        suspended(run, browser, day)
    except Exception:
        run.shot(browser, "failure")
        print(browser.page_source[:3000], file=sys.stderr)
        raise
    finally:
        browser.quit()


def check_database(run, reseller_email):
    """One Executed and one Submitted order, the ledger debited once each; the outbox."""
    con = sqlite3.connect(run.db)
    statuses = sorted(r[0] for r in con.execute("SELECT status FROM orders"))
    assert statuses == ["Executed", "Executed", "Submitted"], statuses
    debits = con.execute("SELECT count(*), sum(amount_minor) FROM ledger WHERE kind = 'debit'").fetchone()
    executed_total = con.execute("SELECT sum(total_minor) FROM orders WHERE status = 'Executed'").fetchone()[0]
    assert debits[0] == 2 and debits[1] == executed_total, (debits, executed_total)
    over = con.execute("SELECT to_address FROM outbox WHERE kind = 'orderOverCredit'").fetchall()
    assert (reseller_email,) in over, over
    customer = con.execute("SELECT name, parent_account_id FROM accounts WHERE parent_account_id IS NOT NULL").fetchall()
    assert customer == [("Κρήτη Hotels", 1)], customer
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    print(f"orders {statuses}, ledger debits {debits[0]} ({debits[1]} minor units), "
          f"'no available credit' emails to {[o[0] for o in over]}")


def log_in(run, browser, address, expect="Dashboard"):
    open_page(browser, run.base + "/login")
    browser.find_element(By.ID, "f-email").send_keys(address)
    browser.find_element(By.ID, "f-password").send_keys(PASSWORD)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"), expect,
                   f"{address}'s log in")


def subscriptions(run, browser, reseller_email):
    """The Admin raises the quantity of a monthly subscription: preview of the prorated charge, then confirm."""
    log_in(run, browser, reseller_email)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Subscriptions"), "Next billing date",
                   "the Subscriptions page")
    run.shot(browser, "subscriptions")
    subs = json.loads(run.cli("subscription", "list", "--json"))
    sub = next(s for s in subs if s["productCode"] == "VM-2C4G" and s["quantity"] == 2)
    field = browser.find_element(By.ID, f"q-{sub['id']}")
    field.send_keys("3")
    click_and_wait(browser, field.find_element(By.XPATH, "following-sibling::button"), "Check the new quantity",
                   "the quantity preview")
    charge = browser.find_element(By.ID, "charge").text
    assert "EUR" in charge or "nothing" in charge, charge
    run.shot(browser, "quantity-preview")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Change the quantity to 3']"),
                   "3 units from", "the quantity change")
    run.shot(browser, "quantity-changed")
    after = next(s for s in json.loads(run.cli("subscription", "list", "--json")) if s["id"] == sub["id"])
    assert after["quantity"] == 3, after
    log_out(browser)


def invoices(run, browser):
    """The run issues next month's renewals; the Billing Agent opens that invoice as a printable page."""
    today = time.gmtime()
    year, month = (today.tm_year + 1, 1) if today.tm_mon == 12 else (today.tm_year, today.tm_mon + 1)
    through = f"{year:04d}-{month:02d}-01"
    # What the renewals imply: each subscription renewing that day, its quantity × its unit price.
    renewing = [s for s in json.loads(run.cli("subscription", "list", "--json"))
                if s["status"] == "Active" and s["nextBillingDate"] == through]
    assert renewing, "no subscription renews on " + through
    implied = sum(Decimal(s["unitPrice"]) * s["quantity"] for s in renewing)
    report = json.loads(run.cli("billing", "run", "--through", through, "--json"))
    assert len(report["invoices"]) == 1 and not report["failures"], report
    issued = report["invoices"][0]
    number, total = issued["number"], issued["total"]
    assert Decimal(issued["net"]) == implied and Decimal(total) == implied + vat(implied), (issued, implied)
    log_in(run, browser, "eleni@aegean-cloud.example")
    assert "Next invoice" in browser.page_source and "Overdue" in browser.page_source, "no billing figures"
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Invoices"), "Credit notes", "the Invoices page")
    assert number in browser.page_source, f"{number} is not on the Invoices page"
    run.shot(browser, "invoices")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, number), f"Invoice {number}", "the printable invoice")
    page = browser.find_element(By.CSS_SELECTOR, "article.document").text
    assert number in page and f"{Decimal(total):,.2f} EUR" in page and "Left to pay" in page, (number, total, page)
    check_document(browser, number, implied, "the renewals' invoice")
    run.shot(browser, "invoice-printable")
    downloads(run, browser, number)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.CSS_SELECTOR, "body > header").is_displayed(), "the menu prints"
    for part in ["article.document", "article.document .seller", "article.document .bill-to"]:
        assert browser.find_element(By.CSS_SELECTOR, part).is_displayed(), f"{part} does not print"
    run.shot(browser, "invoice-print")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # The order's own invoice, issued on the order day: the preview's net, VAT and total.
    figures, ordered = run.ordered
    open_page(browser, run.base + f"/invoices/{ordered}")
    assert check_document(browser, ordered, figures["net"], "the order's invoice") == figures["total"]
    run.shot(browser, "order-invoice-printable")
    # The Billing Agent is refused the subscriptions, with a page that says why.
    open_page(browser, run.base + "/subscriptions")
    assert "Not allowed" in browser.page_source, "a Billing Agent reaches the subscriptions"
    log_out(browser)
    # A Buyer finds no files of it, as for a number of another account (issue #24).
    log_in(run, browser, "nikos@aegean-cloud.example")
    for kind in ("pdf", "xml"):
        open_page(browser, run.base + f"/invoices/{number}/{kind}")
        assert "No such invoice" in browser.page_source, f"a Buyer reaches the {kind} of {number}"
    log_out(browser)
    print(f"invoice {number} ({total} EUR) seen on its printable page; its PDF and e-invoice downloaded as a Billing "
          "Agent, the same bytes as exported and as its email's attachments; a Buyer finds neither")


def overdue(run, browser):
    """Collections (#25): past their due date, the unpaid invoices are on the Billing Agent's dashboard, each with
    the payment reference a transfer quotes (ISO 11649, printed in groups of four), beside the seller's bank
    details. The desk takes its day from the system clock and has no command that moves it (nor one that runs
    collections before `suspended`), so the storefront is started again under faketime, 5 days past the last due
    date: every unpaid invoice is overdue then. The browser signs in again, on that day."""
    unpaid = [i for i in json.loads(run.cli("invoice", "list", "--json")) if i["status"] != "Paid"]
    assert unpaid, "no unpaid invoice"
    latest = max(unpaid, key=lambda i: i["dueDate"])
    day = (date.fromisoformat(latest["dueDate"]) + timedelta(days=5)).isoformat()
    restart_storefront_on(run, day)
    log_in(run, browser, "eleni@aegean-cloud.example")
    table = browser.find_element(By.ID, "overdue-invoices").text
    for i in unpaid:
        assert i["number"] in table and printed_reference(i) in table, (i["number"], printed_reference(i), table)
    pay_to = browser.find_element(By.ID, "pay-to").text
    assert pay_to.startswith("Pay by bank transfer to Hellenic Cloud Distribution S.A.: IBAN "
                             "GR1601101250000000012300695"), pay_to
    run.shot(browser, "dashboard-overdue")
    browser.set_window_size(390, 844)              # a phone
    run.shot(browser, "dashboard-overdue-phone")
    browser.set_window_size(1000, 1100)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, latest["number"]), f"Invoice {latest['number']}",
                   "the overdue invoice")
    page = browser.find_element(By.CSS_SELECTOR, "article.document").text
    assert "Overdue" in page and printed_reference(latest) in page, page
    run.shot(browser, "invoice-overdue")
    log_out(browser)
    print(f"on {day}: {len(unpaid)} overdue invoices on the Billing Agent's dashboard, each with its payment "
          "reference, and the seller's bank details")
    return latest


def restart_storefront_on(run, day):
    """The storefront again under faketime on `day` (its clock runs on from there; the monotonic one is left
    alone, for the server's timeouts)."""
    run.kill(run.storefront)
    wait_for(lambda: not listening(run.web_port), "the storefront to stop")
    run.storefront = run.start(["faketime", "-m", "--exclude-monotonic", f"{day} 12:00:00",
                                os.path.join(run.bin, "resellerdesk"), "storefront", "serve", "--port",
                                str(run.web_port)], f"storefront-{day}.log")
    wait_for(lambda: listening(run.web_port), "the storefront on " + day)


def suspended(run, browser, latest):
    """Collections (#25): 31 days past the last due date, `collections run` suspends the account (actor
    `collections`); every page's banner says why, with the amount overdue and that paying it resumes the
    account. The payment, recorded by staff, resumes it in its own transaction: the banner is gone."""
    day = (date.fromisoformat(latest["dueDate"]) + timedelta(days=31)).isoformat()
    code = latest["billedAccount"]

    def on_day(*args):
        return subprocess.run(["faketime", f"{day} 12:00:00", os.path.join(run.bin, "resellerdesk"), *args],
                              env=run.env, capture_output=True, text=True, check=True).stdout
    report = json.loads(on_day("collections", "run", "--json"))
    assert any(a["account"] == code and a["suspended"] for a in report["actions"]), report
    account = json.loads(on_day("account", "show", code, "--json"))
    assert account["status"] == "suspended" and account["statusBy"] == "collections", account
    restart_storefront_on(run, day)
    log_in(run, browser, "eleni@aegean-cloud.example")
    banner = browser.find_element(By.CSS_SELECTOR, "p.notice.warn[role=alert]").text
    assert f"is suspended ({account['statusReason']})" in banner and f"{account['overdue']} EUR overdue" in banner \
        and "paying it resumes the account at once" in banner, banner
    run.shot(browser, "dashboard-suspended")
    on_day("payment", "add", code, account["overdue"], "--note", "bank transfer")
    open_page(browser, run.base + "/dashboard")
    assert "is suspended" not in browser.page_source, "the banner stayed after the payment"
    assert json.loads(on_day("account", "show", code, "--json"))["status"] == "active"
    run.shot(browser, "dashboard-resumed")
    log_out(browser)
    print(f"on {day}: {code} suspended by the collections run, the banner naming why and the {account['overdue']} "
          "EUR overdue; the payment resumed it at once")


def printed_reference(invoice):
    """An invoice's payment reference as printed: "RF73 INV0 0012 3"."""
    ref = invoice["paymentReference"]
    return " ".join(ref[k:k + 4] for k in range(0, len(ref), 4))


def downloads(run, browser, number):
    """The Billing Agent downloads the PDF and the e-invoice from the invoice's page (issue #24): the files are
    the ones `invoice export` writes and the invoice's email attached, byte for byte (one SHA-256 each)."""
    folder = os.path.join(run.tmp, "downloads")
    os.makedirs(folder, exist_ok=True)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
    kept = {f["format"]: f["sha256"] for f in json.loads(run.cli(
        "invoice", "export", number, "--out", os.path.join(run.tmp, "exported"), "--json"))}
    for label, name, fmt in [("PDF", f"{number}.pdf", "pdf"), ("E-invoice (XML)", f"{number}.xml", "ubl")]:
        browser.find_element(By.LINK_TEXT, label).click()
        path = os.path.join(folder, name)
        wait_for(lambda: os.path.exists(path) and not glob.glob(path + ".crdownload"), f"the download of {name}")
        with open(path, "rb") as f:
            got = hashlib.sha256(f.read()).hexdigest()
        assert got == kept[fmt], f"the downloaded {name} is not the exported one"
    run.cli("mail", "deliver")
    mails = [m for m in run.emails("@") if number in str(m["Subject"])]   # to the account's bill-to addresses
    assert mails, f"no email of {number} was delivered"
    for m in mails:
        attached = {p.get_filename(): hashlib.sha256(p.get_payload(decode=True)).hexdigest()
                    for p in m.walk() if p.get_content_disposition() == "attachment"}
        assert attached == {f"{number}.pdf": kept["pdf"], f"{number}.xml": kept["ubl"]}, attached


def drive(run, browser, link, reseller_email):
    # Activation: the page names the reseller and the email; the password is set.
    open_page(browser, link)
    assert "Aegean Cloud Partners" in browser.page_source and reseller_email in browser.page_source
    run.shot(browser, "activation")
    browser.find_element(By.ID, "f-password").send_keys(PASSWORD)
    browser.find_element(By.ID, "f-confirmation").send_keys(PASSWORD)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"), "Account activated", "activation")
    run.shot(browser, "activated")

    # Log In.
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Log In"), "Forgot your password", "the Log In page")
    browser.find_element(By.ID, "f-email").send_keys(reseller_email)
    browser.find_element(By.ID, "f-password").send_keys(PASSWORD)
    run.shot(browser, "login")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"), "Available credit", "log in")
    assert "5,000.00 EUR" in browser.page_source, "no credit limit on the dashboard"
    assert "Amounts include VAT." in browser.page_source, "the dashboard does not say its amounts are gross"
    # The demo reseller is Greek, as the seller: Greek VAT, standard rate, on every product it orders.
    treatment = json.loads(run.cli("account", "show", "ACC-000001", "--json"))["taxTreatment"]
    assert (treatment["category"], treatment["rate"]) == ("S", "24"), treatment
    run.shot(browser, "dashboard")
    browser.set_window_size(390, 844)              # a phone
    run.shot(browser, "dashboard-phone")
    browser.set_window_size(1000, 1100)

    # An end customer.
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "End customers"), "Add an end customer", "the End customers page")
    browser.find_element(By.ID, "f-name").send_keys("Κρήτη Hotels")
    browser.find_element(By.ID, "f-email").send_keys("it@kriti-hotels.example")
    browser.find_element(By.ID, "f-country").send_keys("GR")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"), "Added Κρήτη Hotels", "adding an end customer")
    run.shot(browser, "end-customers")

    # An order within the credit, for the end customer: preview, then Executed.
    order(run, browser, "Κρήτη Hotels", {"q:VM-2C4G:monthly": "2", "q:M365-BS:monthly": "5"}, "within", "is executed")
    run.shot(browser, "order-executed")

    # An order above the credit, for the company: accepted as Submitted.
    order(run, browser, None, {"q:SETUP-STD:one-time": "40"}, "above", "accepted as Submitted")
    run.shot(browser, "order-submitted")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Orders"), "New order", "the Orders page")
    assert "Submitted" in browser.page_source and "Executed" in browser.page_source
    run.shot(browser, "orders")


def activation_link(run, to):
    """The link of the one activation email delivered to `to`."""
    activation = [m for m in run.emails(to) if "Activate" in m["Subject"]]
    assert len(activation) == 1, f"expected one activation email to {to}, got {len(activation)}"
    text = activation[0].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"(http://127\.0\.0\.1:\d+/activate\?token=[A-Za-z0-9_-]+)", text)
    assert link, "no activation link in the email:\n" + text
    return link.group(1)


def other_users(run, browser):
    """The Admin invites a Buyer and a Billing Agent from the Users page; the Buyer orders, the Billing Agent
    sees the balance but cannot reach the orders."""
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Users"), "Invite a user", "the Users page")
    people = [("Nikos", "nikos@aegean-cloud.example", "buyer"), ("Eleni", "eleni@aegean-cloud.example", "billing-agent")]
    for first, address, role in people:
        browser.find_element(By.ID, "f-firstName").send_keys(first)
        browser.find_element(By.ID, "f-lastName").send_keys("Markou")
        browser.find_element(By.ID, "f-email").send_keys(address)
        Select(browser.find_element(By.ID, "f-type")).select_by_value("user")
        browser.find_element(By.CSS_SELECTOR, f"fieldset input[value='{role}']").click()
        click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Send the invitation']"),
                       f"Invited {first} Markou", f"inviting {first}")
    run.shot(browser, "users")
    log_out(browser)
    run.cli("mail", "deliver")
    for first, address, role in people:
        open_page(browser, activation_link(run, address))
        browser.find_element(By.ID, "f-password").send_keys(PASSWORD)
        browser.find_element(By.ID, "f-confirmation").send_keys(PASSWORD)
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"), "Account activated",
                       f"{first}'s activation")
        open_page(browser, run.base + "/login")
        browser.find_element(By.ID, "f-email").send_keys(address)
        browser.find_element(By.ID, "f-password").send_keys(PASSWORD)
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"), "Dashboard",
                       f"{first}'s log in")
        if role == "buyer":
            assert "<dt>Balance</dt>" not in browser.page_source, "a Buyer sees the balance"
            order(run, browser, None, {"q:VM-2C4G:monthly": "1"}, "buyer", "is executed")
            run.shot(browser, "buyer-order")
        else:
            assert "<dt>Balance</dt>" in browser.page_source, "a Billing Agent does not see the balance"
            assert 'href="/orders"' not in browser.page_source, "a Billing Agent has Orders in the menu"
            open_page(browser, run.base + "/orders/new")
            assert "Not allowed" in browser.page_source and "Preview the order" not in browser.page_source
            run.shot(browser, "billing-agent-refused")
        log_out(browser)


def log_out(browser):
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Log out']"), "Log In", "log out")


def click_and_wait(browser, element, text, what):
    """Clicks, then waits for the next page to show `text`: the old page must not be read as the new one."""
    old = browser.find_element(By.TAG_NAME, "html")
    element.click()
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            old.is_enabled()                 # raises once the old document is gone
        except Exception:
            if text in browser.page_source:
                audit(browser)
                return
        time.sleep(0.05)
    raise AssertionError(f"{what}: the page never showed {text!r}")


# The run whose count of checked pages `audit` keeps.
AUDITED = {}


def open_page(browser, url):
    """Opens a page, as typing its address would, and checks it."""
    browser.get(url)
    audit(browser)


def audit(browser):
    """axe-core on the page as it stands (its default rules: WCAG 2.x A and AA, and best practices); any
    violation fails, naming each rule, its impact and the elements that break it."""
    axe = Axe(browser)
    axe.inject()
    violations = axe.run()["violations"]
    AUDITED["run"].audited += 1
    if violations:
        lines = [f"{browser.current_url.split('?')[0]} ({browser.title}): {len(violations)} axe-core violation(s)"]
        for v in violations:
            targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            lines.append(f"  {v['id']} ({v['impact']}): {v['help']} at {targets}")
        raise AssertionError("\n".join(lines))


def order(run, browser, customer, quantities, name, outcome):
    open_page(browser, run.base + "/orders/new")
    if customer:
        select = Select(browser.find_element(By.ID, "f-for"))
        select.select_by_visible_text(next(o.text for o in select.options if customer in o.text))
    for field, qty in quantities.items():
        browser.find_element(By.ID, "f-" + field).send_keys(qty)
    if name == "within":
        run.shot(browser, "new-order")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"), "Check your order", "the preview")
    figures = read_preview(browser, above=name == "above")
    run.shot(browser, f"preview-{name}")
    before = {i["number"] for i in json.loads(run.cli("invoice", "list", "--json"))}
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"), outcome, f"the order {name} the credit")
    if name == "within":
        # Partial charges on the order day: the order's first charges are invoiced at once, in one invoice
        # whose amounts are the preview's.
        issued = [i for i in json.loads(run.cli("invoice", "list", "--json")) if i["number"] not in before]
        assert len(issued) == 1, issued
        cli = {k: Decimal(issued[0][k]) for k in ("net", "tax", "total")}
        assert cli == figures, (cli, figures)
        run.ordered = (figures, issued[0]["number"])
    print(f"preview of the {name} order: net {figures['net']}, VAT {figures['tax']}, "
          f"total {figures['total']} EUR")


def money(text):
    """ "1,234.56 EUR" or "1234.56" as a Decimal."""
    return Decimal(text.replace(",", "").replace("EUR", "").strip())


def vat(net):
    """Greek VAT on `net`: 24 %, rounded half up to the cent once for the whole (EN 16931 BR-CO-17)."""
    return (net * GREEK_VAT / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def facts(browser):
    """The first list of facts in the page's main part, as {term: definition}."""
    dl = browser.find_element(By.CSS_SELECTOR, "main dl.facts")
    return {t.text: d.text for t, d in zip(dl.find_elements(By.TAG_NAME, "dt"), dl.find_elements(By.TAG_NAME, "dd"))}


def read_preview(browser, above):
    """Net, VAT and total as the order preview shows them: the net is the lines' first charges, one VAT row
    (S 24 % on the net) of 24 % of it, the total their sum; the credit notice names that gross total and
    compares it with the available credit."""
    f = facts(browser)
    net, total = money(f["Net"]), money(f["Total charged now"])
    taxes = {k: money(v) for k, v in f.items() if k.startswith("VAT ")}
    assert list(taxes) == [f"VAT S 24 % on {net:.2f}"], f
    tax = taxes[f"VAT S 24 % on {net:.2f}"]
    charges = browser.find_elements(By.CSS_SELECTOR, "main table tbody td:nth-child(5)")
    assert charges and sum(money(c.text) for c in charges) == net, ([c.text for c in charges], net)
    assert tax == vat(net) and total == net + tax, (net, tax, total)
    notice = browser.find_element(By.CSS_SELECTOR, "main .notice").text
    available = re.search(r"available credit \(([\d,.]+) EUR\)", notice)
    assert f"The total of {total:,.2f} EUR (VAT included)" in notice and available, notice
    assert (total > money(available.group(1))) == above, (total, notice)
    return {"net": net, "tax": tax, "total": total}


def document_foot(browser):
    """The printable document's foot, {"Net": …, "VAT S 24 % on …": …, "Total": …, …}, as Decimals."""
    rows = browser.find_elements(By.CSS_SELECTOR, "article.document tfoot tr")
    return {r.find_element(By.TAG_NAME, "th").text: money(r.find_element(By.TAG_NAME, "td").text) for r in rows}


def check_document(browser, number, net, what):
    """Invoice `number`'s page: the Greek seller and the buyer's VAT IDs, Net `net`, its one VAT row of 24 %
    and the Total, as the order (or the subscriptions) imply."""
    page = browser.find_element(By.CSS_SELECTOR, "article.document").text
    for text in [f"Invoice {number}", "Hellenic Cloud Distribution S.A.", "VAT ID EL094259216",
                 "Aegean Cloud Partners (ACC-000001)", "VAT ID EL094512306", "IBAN GR1601101250000000012300695"]:
        assert text in page, (what, text, page)
    assert "exclude tax" not in page, page
    foot, tax = document_foot(browser), vat(net)
    expected = {"Net": net, f"VAT S 24 % on {net:.2f}": tax, "Total": net + tax}
    assert {k: foot.get(k) for k in expected} == expected, (what, foot, expected)
    print(f"{what} {number}: net {net}, VAT S 24 % {tax}, total {net + tax} EUR on its printable page")
    return net + tax


if __name__ == "__main__":
    main()
