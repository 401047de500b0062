#!/usr/bin/python3
"""Invoices as documents (issue #24) held to implementations the desk did not write, through the real binary.

A desk of a Greek seller (the worked examples' rates, GR 24 % and 13 %) issues, on 2027-01-10 and at the
renewals up to 2027-02-10 (Debian's faketime pins each command's day): standard, reduced, zero-rated and exempt
items on one invoice; reverse charge to a German business; an exempt account; a French consumer at the French
rate; a US reseller, not subject; a prorated line, an annual line and a one-time line; and a credit note. Then:

- `invoice export --from --to --folder` writes every invoice and credit note; every XML passes the official
  EN 16931 UBL rules (CEN/TC 434 artefacts run by Saxon-HE) with no fatal rule, and its totals, tax breakdown
  and PaymentID are those of `invoice show --json` / `credit-note show --json`;
- every payment reference passes python-stdnum's ISO 11649 check;
- each PDF's text (poppler's pdftotext) holds the number, the total, the reference and the Greek name, and
  poppler's pdffonts lists every font embedded and subset;
- the export run again writes nothing new (the same SHA-256), one invoice exported alone is the same bytes;
- the delivered emails (a Maildir, read by Python's email parser) carry the two files, with the same SHA-256.

Prints what it checked; exits 1 on any failure. Needs the test venv (saxonche, python-stdnum), faketime and
poppler-utils.
"""
import argparse, email, email.policy, glob, hashlib, json, os, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

from stdnum import iso11649

HERE = os.path.dirname(os.path.abspath(__file__))
VALIDATOR = os.path.join(HERE, "en16931-ubl", "validate")
NS = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
      "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"}
SELLER = {"RESELLERDESK_COMPANY_NAME": "Αιγαίο Cloud & <Διανομή> Α.Ε.",
          "RESELLERDESK_COMPANY_STREET": "Syngrou 100",
          "RESELLERDESK_COMPANY_CITY": "Athens", "RESELLERDESK_COMPANY_POSTCODE": "117 41",
          "RESELLERDESK_COMPANY_COUNTRY": "GR", "RESELLERDESK_COMPANY_VAT_ID": "EL123456783",
          "RESELLERDESK_COMPANY_EMAIL": "billing@aegean.example", "RESELLERDESK_COMPANY_IBAN":
          "GR16 0110 1250 0000 0001 2300 695", "RESELLERDESK_COMPANY_BIC": "ETHNGRAA"}
CSV = """code,description,billing_period,price,tax_class
SVC,Cloud service,monthly,10.00,standard
RED,E-book service,monthly,10.00,reduced
ZER,Zero-rated export service,monthly,5.00,zero
EXM,Exempt training,monthly,7.00,exempt
DNS,Managed DNS zone,annual,18.00,standard
SET,Set-up & <migration>,one-time,50.00,standard
"""
PEPPOL = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
GREEK = "Ελληνική Πληροφορική & <Σια> Α.Ε."
failures = []


def fail(what):
    failures.append(what)
    print("FAIL", what)


class Desk:
    def __init__(self, bin_dir, folder):
        self.bin = os.path.join(os.path.abspath(bin_dir), "resellerdesk")
        self.folder = folder
        self.env = dict(os.environ, RESELLERDESK_DB=os.path.join(folder, "desk.sqlite"), TZ="UTC",
                        XDG_CONFIG_HOME=os.path.join(folder, "config"), XDG_DATA_HOME=os.path.join(folder, "data"),
                        RESELLERDESK_MAIL_MAILDIR=os.path.join(folder, "Maildir"), SUDO_USER="oracle", **SELLER)
        self.day = "2027-01-10"

    def run(self, *args, ok=True):
        r = subprocess.run(["faketime", f"{self.day} 12:00:00", self.bin, *args], env=self.env,
                           capture_output=True, text=True)
        if ok and r.returncode != 0:
            raise SystemExit(f"einvoice-oracle: resellerdesk {' '.join(args)} failed ({r.returncode}): {r.stderr}")
        return r

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)

    def account(self, name, country, *flags):
        code = self.json("account", "add", "--name", name, "--email", "ap@example.com", "--country", country,
                         "--street", "Main street 1", "--city", "Πόλη" if country == "GR" else "Town",
                         "--postcode", "12345", "--type", "Reseller", "--ordering", "--unlimited-credit",
                         *flags)["code"]
        self.run("account", "assign-pricelist", code, "Oracle EUR")
        return code

    def order(self, code, *lines):
        return self.json("order", "place", code, *[a for l in lines for a in ("--line", l)])


def build(desk):
    csv = os.path.join(desk.folder, "list.csv")
    with open(csv, "w") as f:
        f.write(CSV)
    desk.run("pricelist", "import", csv, "--name", "Oracle EUR", "--currency", "EUR")
    gr = desk.account(GREEK, "GR")
    desk.order(gr, "SVC=10", "RED=5", "ZER=1", "EXM=1", "DNS=1", "SET=1")
    desk.order(desk.account("Deutsche Cloud GmbH", "DE", "--vat", "DE136695976"), "SVC=10")
    school = desk.account("Ελληνική Σχολή", "GR", "--tax-exempt", "--tax-exemption-reason", "Art. 27 §1")
    desk.order(school, "SVC=10")
    desk.order(desk.account("Client français", "FR"), "SVC=10")
    desk.order(desk.account("US Cloud Inc.", "US"), "SVC=10", "DNS=2")
    desk.order(desk.account("Prorated Α.Ε.", "GR", "--prorate", "--billing-day", "first",
                            "--partial-charges", "on-order-day"), "SVC=3", "RED=1")
    desk.day = "2027-01-20"
    sub = next(s for s in desk.json("subscription", "list", "--account", gr) if s["productCode"] == "SVC")
    desk.run("subscription", "cancel", str(sub["id"]), "--now")
    desk.day = "2027-02-10"   # the renewals of 2027-02-01 (billing day the 1st) and 2027-02-10 (the order day)
    desk.run("billing", "run")


def amounts(doc):
    taxes = sorted((t["category"], t["rate"], t["taxableAmount"], t["taxAmount"]) for t in doc["taxes"])
    return doc["net"], doc["tax"], doc["total"], taxes


def xml_amounts(root):
    money = root.find("cac:LegalMonetaryTotal", NS)
    taxes = []
    for st in root.findall("cac:TaxTotal/cac:TaxSubtotal", NS):
        # Not subject to VAT [O] states no rate (BR-O-05): the JSON's is 0.
        rate = st.findtext("cac:TaxCategory/cbc:Percent", default="0", namespaces=NS)
        rate = rate.rstrip("0").rstrip(".") if "." in rate else rate
        taxes.append((st.find("cac:TaxCategory/cbc:ID", NS).text, rate,
                      st.find("cbc:TaxableAmount", NS).text, st.find("cbc:TaxAmount", NS).text))
    return (money.find("cbc:TaxExclusiveAmount", NS).text, root.find("cac:TaxTotal/cbc:TaxAmount", NS).text,
            money.find("cbc:PayableAmount", NS).text, sorted(taxes))


def check_documents(desk, files):
    checked = 0
    numbers = sorted({f["number"] for f in files})
    for number in numbers:
        kind = "invoice" if number.startswith("INV-") else "credit-note"
        doc = desk.json(kind, "show", number)
        xml = os.path.join(desk.folder, "export", number + ".xml")
        root = ET.parse(xml).getroot()
        # The validator checks only a UBL document: anything else would pass it with no rule fired.
        tag = "Invoice" if kind == "invoice" else "CreditNote"
        if root.tag != "{urn:oasis:names:specification:ubl:schema:xsd:%s-2}%s" % (tag, tag) or \
                root.findtext("cbc:CustomizationID", namespaces=NS) != PEPPOL:
            fail(f"{number}: not a UBL {tag} of Peppol BIS Billing 3.0: {root.tag}")
            continue
        try:
            if xml_amounts(root) != amounts(doc):
                fail(f"{number}: the XML's totals {xml_amounts(root)} are not the JSON's {amounts(doc)}")
        except AttributeError:
            fail(f"{number}: the XML lacks its totals or tax breakdown")
        names = [e.text for e in root.iter("{%s}RegistrationName" % NS["cbc"])]
        if doc.get("billedAccount") and not names:
            fail(f"{number}: no party names in the XML")
        text = subprocess.run(["pdftotext", "-layout", os.path.join(desk.folder, "export", number + ".pdf"), "-"],
                              capture_output=True, text=True).stdout
        for want in [number, doc["total"]]:
            if want not in text:
                fail(f"{number}: the PDF's text lacks {want!r}")
        if kind == "invoice":
            ref = doc.get("paymentReference")
            if not ref or not iso11649.is_valid(ref):
                fail(f"{number}: payment reference {ref!r} fails python-stdnum's ISO 11649 check")
            elif root.findtext("cac:PaymentMeans/cbc:PaymentID", namespaces=NS) != ref:
                fail(f"{number}: the XML's PaymentID is not {ref}")
            elif iso11649.format(ref) not in text:
                fail(f"{number}: the PDF lacks the reference {iso11649.format(ref)}")
        else:
            credited = root.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS)
            if credited != doc["creditedInvoice"]:
                fail(f"{number}: the XML credits {credited!r}, not {doc['creditedInvoice']}")
        fonts = subprocess.run(["pdffonts", os.path.join(desk.folder, "export", number + ".pdf")],
                               capture_output=True, text=True).stdout.splitlines()[2:]
        if not fonts or any(row.split()[-5:-3] != ["yes", "yes"] for row in fonts):
            fail(f"{number}: pdffonts shows a font not embedded and subset: {fonts}")
        checked += 1
    greek = [n for n in numbers if GREEK in subprocess.run(
        ["pdftotext", os.path.join(desk.folder, "export", n + ".pdf"), "-"], capture_output=True, text=True).stdout]
    if not greek:
        fail(f"no PDF holds the Greek name {GREEK!r} as text")
    print(f"{checked} documents: XML totals = JSON, references pass stdnum, PDF text and fonts checked; "
          f"the Greek name selectable in {len(greek)}")


def check_validator(desk, python):
    xmls = sorted(glob.glob(os.path.join(desk.folder, "export", "*.xml")))
    r = subprocess.run([python, VALIDATOR, "--json", *xmls], capture_output=True, text=True)
    if not r.stdout.strip():
        raise SystemExit(f"einvoice-oracle: the validator printed nothing: {r.stderr}")
    fatal = warnings = 0
    for line in r.stdout.splitlines():
        result = json.loads(line)
        fatal += len(result["fatal"])
        warnings += len(result["warning"])
        for item in result["fatal"]:
            fail(f"{os.path.basename(result['file'])}: fatal {item['rule']}: {item['text']}")
    print(f"EN 16931 validator: {len(xmls)} documents, {fatal} fatal, {warnings} warnings")


def check_again_and_mail(desk, files):
    again = desk.json("invoice", "export", "--from", "2027-01-01", "--to", "2027-02-28", "--folder",
                      os.path.join(desk.folder, "export"))
    if [f["outcome"] for f in again] != ["unchanged"] * len(files) or \
            [f["sha256"] for f in again] != [f["sha256"] for f in files]:
        fail("exporting the range again changed something")
    one = desk.json("invoice", "export", "INV-000001", "--out", os.path.join(desk.folder, "one"))
    kept = {(f["number"], f["format"]): f["sha256"] for f in files}
    for f in one:
        if kept[(f["number"], f["format"])] != f["sha256"]:
            fail(f"INV-000001 exported alone differs from the range's {f['format']}")
    # A day later: faketime starts each command at noon again, so the emails of the last run are not yet due then.
    desk.day = "2027-02-11"
    desk.run("mail", "deliver")
    mails = 0
    for path in glob.glob(os.path.join(desk.folder, "Maildir", "new", "*")):
        with open(path, "rb") as fh:
            m = email.message_from_binary_file(fh, policy=email.policy.default)
        subject = str(m["Subject"])
        if not (subject.startswith("Invoice ") or subject.startswith("Credit note ")):
            continue
        number = subject.split()[1] if subject.startswith("Invoice ") else subject.split()[2]
        got = {p.get_filename(): hashlib.sha256(p.get_payload(decode=True)).hexdigest()
               for p in m.walk() if p.get_content_disposition() == "attachment"}
        want = {f"{number}.pdf": kept[(number, "pdf")], f"{number}.xml": kept[(number, "ubl")]}
        if got != want:
            fail(f"the email of {number} attaches {sorted(got)} with other bytes than the export")
        if any(p.defects for p in m.walk()):
            fail(f"the email of {number} has MIME defects")
        mails += 1
    if mails < len({f["number"] for f in files}):
        fail(f"only {mails} invoice and credit-note emails were delivered")
    print(f"export again: {len(again)} files unchanged; {mails} emails each attach the PDF and the XML as exported")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--python", default=sys.executable, help="the interpreter with saxonche")
    parser.add_argument("--keep", help="a folder to keep the desk and the files in")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="einvoice-oracle-")
    if args.keep:
        shutil.rmtree(folder, ignore_errors=True)   # a new desk each run
    os.makedirs(folder, exist_ok=True)
    desk = Desk(args.bin, folder)
    build(desk)
    files = desk.json("invoice", "export", "--from", "2027-01-01", "--to", "2027-02-28", "--folder",
                      os.path.join(folder, "export"))
    kinds = {f["number"][:3] for f in files}
    if kinds != {"INV", "CRN"} or any(f["outcome"] != "written" for f in files):
        fail(f"the range export wrote {[(f['number'], f['outcome']) for f in files]}")
    print(f"exported {len(files)} files of {len({f['number'] for f in files})} documents into {folder}/export")
    check_validator(desk, args.python)
    check_documents(desk, files)
    check_again_and_mail(desk, files)
    if failures:
        print(f"einvoice-oracle: {len(failures)} failures")
        return 1
    print("einvoice-oracle: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
