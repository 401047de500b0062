#!/usr/bin/python3
"""`resellerdesk tax check-vat` held to an independent implementation: python-stdnum 1.20's VAT modules.

For each of the 27 member states, random numbers of each form the state issues are drawn until stdnum accepts
at least 40 (every form gets its share: Spain's DNI, NIE, K/L/M and CIF numbers, France's old and new keys,
Ireland's old, pre-2013 and 2013 forms, the Netherlands' eleven-test and MOD 97-10 numbers, Czech and Slovak
birth numbers…). Each valid one is corrupted once — a check character changed or two neighbours swapped —
kept only when stdnum refuses it; then a few of other lengths, a few numbers stdnum refused when drawn, and a
few valid ones written with spaces and in lower case. All go to one `check-vat --json` on stdin; every verdict
must be stdnum's, and a valid ID's normalized form stdnum's compact form with its prefix. Prints per country
`DE valid 40/40 corrupted 40/40 other 13/13`, a total, and the first disagreements; exits 1 on any.
Reproducible: the draws use a fixed seed. Needs python-stdnum==1.20 (scripts/test installs it in its venv).
"""
import argparse, json, math, os, random, subprocess, sys

import stdnum
from stdnum.at import uid as at
from stdnum.be import vat as be
from stdnum.bg import vat as bg
from stdnum.cy import vat as cy
from stdnum.cz import dic as cz
from stdnum.de import vat as de
from stdnum.dk import cvr as dk
from stdnum.ee import kmkr as ee
from stdnum.es import nif as es
from stdnum.fi import alv as fi
from stdnum.fr import tva as fr
from stdnum.gr import vat as gr
from stdnum.hr import oib as hr
from stdnum.hu import anum as hu
from stdnum.ie import vat as ie
from stdnum.it import iva as it
from stdnum.lt import pvm as lt
from stdnum.lu import tva as lu
from stdnum.lv import pvn as lv
from stdnum.mt import vat as mt
from stdnum.nl import bsn, btw as nl
from stdnum.pl import nip as pl
from stdnum.pt import nif as pt
from stdnum.ro import cf as ro
from stdnum.se import vat as se
from stdnum.si import ddv as si
from stdnum.sk import dph as sk, rc as birth_number

VALID_PER_COUNTRY = 40
MAX_DRAWS = 400_000  # per form; the rarest form (a CNP) needs a few thousand
rng = random.Random(23)


def digits(n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def letter(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
    return rng.choice(alphabet)


def two(lo, hi):
    return "%02d" % rng.randint(lo, hi)


def yymmdd(month_offsets=(0,)):
    """A date of birth as most personal numbers write it, the month shifted as the state does; days up to 31."""
    return two(0, 99) + "%02d" % (rng.randint(1, 12) + rng.choice(month_offsets)) + two(1, 31)


# The province offices an Italian number may name (it/iva.py); any other is refused before the check digit.
ITALIAN_OFFICES = list(range(1, 101)) + [120, 121, 888, 999]

# country: (module, prefix, {form: draw}); each draw gives the part after the prefix.
COUNTRIES = {
    "AT": (at, "AT", {"U and 8 digits": lambda: "U" + digits(8)}),
    "BE": (be, "BE", {"0 and 9 digits": lambda: "0" + digits(9), "1 and 9 digits": lambda: "1" + digits(9),
                      "old 9 digits": lambda: digits(9), "10 digits": lambda: digits(10)}),
    "BG": (bg, "BG", {"company": lambda: digits(9), "ЕГН": lambda: yymmdd((0, 20, 40)) + digits(4),
                      "other 10 digits": lambda: digits(10)}),
    "CY": (cy, "CY", {"8 digits and a letter": lambda: digits(8) + letter()}),
    "CZ": (cz, "CZ", {"company": lambda: digits(8), "special 6": lambda: "6" + digits(8),
                      "9-digit birth number": lambda: yymmdd((0, 50)) + digits(3),
                      "10-digit birth number": lambda: yymmdd((0, 20, 50, 70)) + digits(4)}),
    "DE": (de, "DE", {"9 digits": lambda: digits(9)}),
    "DK": (dk, "DK", {"8 digits": lambda: digits(8)}),
    "EE": (ee, "EE", {"9 digits": lambda: digits(9)}),
    "GR": (gr, "EL", {"9 digits": lambda: digits(9), "old 8 digits": lambda: digits(8)}),
    "ES": (es, "ES", {"DNI": lambda: digits(8) + letter("TRWAGMYFPDXBNJZSQVHLCKE"),
                      "NIE": lambda: letter("XYZ") + digits(7) + letter("TRWAGMYFPDXBNJZSQVHLCKE"),
                      "K, L or M": lambda: letter("KLM") + digits(7) + letter("TRWAGMYFPDXBNJZSQVHLCKE"),
                      "CIF digit": lambda: letter("ABCDEFGHJNPQRSUVW") + digits(8),
                      "CIF letter": lambda: letter("ABCDEFGHJNPQRSUVW") + digits(7) + letter("JABCDEFGHI")}),
    "FI": (fi, "FI", {"8 digits": lambda: digits(8)}),
    "FR": (fr, "FR", {"old key": lambda: digits(11),
                      "new key, digit first": lambda: digits(1) + letter("ABCDEFGHJKLMNPQRSTUVWXYZ") + digits(9),
                      "new key, letter first": lambda: letter("ABCDEFGHJKLMNPQRSTUVWXYZ")
                      + letter("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") + digits(9),
                      "no SIREN (000)": lambda: digits(2) + "000" + digits(6)}),
    "HR": (hr, "HR", {"11 digits": lambda: digits(11)}),
    "HU": (hu, "HU", {"8 digits": lambda: digits(8)}),
    "IE": (ie, "IE", {"7 digits and a letter": lambda: digits(7) + letter("WABCDEFGHIJKLMNOPQRSTUV"),
                      "2013: 7 digits and 2 letters": lambda: digits(7) + letter("WABCDEFGHIJKLMNOPQRSTUV")
                      + letter("WABCDEFGHIJKLMNOPQRSTUV"),
                      "old style": lambda: digits(1) + letter("ABCDEFGHIJKLMNOPQRSTUVWXYZ+*") + digits(5)
                      + letter("WABCDEFGHIJKLMNOPQRSTUV")}),
    "IT": (it, "IT", {"11 digits": lambda: digits(7) + "%03d" % rng.choice(ITALIAN_OFFICES) + digits(1),
                      "any 11 digits": lambda: digits(11)}),
    "LT": (lt, "LT", {"9 digits": lambda: digits(7) + "1" + digits(1),
                      "12 digits": lambda: digits(10) + "1" + digits(1)}),
    "LU": (lu, "LU", {"8 digits": lambda: digits(8)}),
    "LV": (lv, "LV", {"company": lambda: str(rng.randint(4, 9)) + digits(10),
                      "personal code": lambda: two(1, 31) + two(1, 12) + two(0, 99) + str(rng.randint(0, 2))
                      + digits(4)}),
    "MT": (mt, "MT", {"8 digits": lambda: digits(8)}),
    "NL": (nl, "NL", {"eleven test": lambda: digits(9) + "B" + two(1, 99),
                      "MOD 97-10": lambda: digits(9) + "B" + two(1, 99),
                      "fewer than 9 digits": lambda: digits(rng.randint(6, 8)) + "B" + two(1, 99)}),
    "PL": (pl, "PL", {"10 digits": lambda: digits(10)}),
    "PT": (pt, "PT", {"9 digits": lambda: digits(9)}),
    "RO": (ro, "RO", {"CUI": lambda: digits(rng.randint(2, 10)),
                      "CNP": lambda: str(rng.randint(1, 9)) + yymmdd() + rng.choice(["%02d" % c for c in range(1, 53)])
                      + digits(4)}),
    "SE": (se, "SE", {"12 digits ending 01": lambda: digits(10) + "01"}),
    "SI": (si, "SI", {"8 digits": lambda: digits(8)}),
    "SK": (sk, "SK", {"company": lambda: digits(10), "birth number": lambda: yymmdd((0, 20, 50, 70)) + digits(4)}),
}

# A form whose draws only some of stdnum's accepted numbers belong to: the number must also pass this.
FORM_FILTERS = {
    ("NL", "eleven test"): lambda body: bsn.is_valid(body[:9]),
    ("NL", "MOD 97-10"): lambda body: not bsn.is_valid(body[:9]),
    ("SK", "company"): lambda body: not birth_number.is_valid(body),
}

# Where the check characters are in the part after the prefix (else the last one).
CHECK_POSITIONS = {"FR": (0, 1), "SE": (9,), "NL": (8,), "IE": (7,), "LU": (6, 7), "BE": (8, 9)}


def compact(country, module, prefix, raw):
    """What stdnum stores for `raw`, with the prefix: check-vat's normalized form must be the same."""
    body = module.compact(raw)
    if body.startswith(prefix):  # ro/cf.py keeps its prefix; the others drop it
        body = body[len(prefix):]
    return prefix + body


def corrupt(country, module, prefix, body):
    """`body` with a check character changed or two neighbours swapped, refused by stdnum; None if none is."""
    for _ in range(200):
        chars = list(body)
        if rng.random() < 0.5:
            positions = [p % len(chars) for p in CHECK_POSITIONS.get(country, (-1,)) if -len(chars) <= p < len(chars)]
            p = rng.choice(positions)
            alphabet = "0123456789" if chars[p].isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            chars[p] = rng.choice([c for c in alphabet if c != chars[p]])
        else:
            p = rng.randrange(len(chars) - 1)
            if chars[p] == chars[p + 1]:
                continue
            chars[p], chars[p + 1] = chars[p + 1], chars[p]
        candidate = "".join(chars)
        if not module.is_valid(prefix + candidate):
            return candidate
    return None


def candidates():
    """(country, kind, input) for every country, in a fixed order."""
    out = []
    for country, (module, prefix, forms) in COUNTRIES.items():
        share = math.ceil(VALID_PER_COUNTRY / len(forms))
        valid, refused = [], []
        for form, draw in forms.items():
            accept = FORM_FILTERS.get((country, form), lambda body: True)
            found = 0
            for _ in range(MAX_DRAWS):
                body = draw()
                if module.is_valid(prefix + body) and accept(body):
                    valid.append(body)
                    found += 1
                    if found == share:
                        break
                elif len(refused) < 40:
                    refused.append(body)
            if found < share:
                sys.exit(f"vat-oracle: only {found} valid {country} numbers of the form {form!r} in {MAX_DRAWS} draws")
        out += [(country, "valid", prefix + body) for body in valid]
        for body in valid:
            bad = corrupt(country, module, prefix, body)
            if bad is not None:
                out.append((country, "corrupted", prefix + bad))
        # Other lengths (their verdict is stdnum's, whatever it is), refused draws, and spaced lower-case writing.
        some = rng.sample(valid, 8)
        others = [some[0] + "7", some[1][:-1], some[2] + some[2][-2:], some[3][1:]] + rng.sample(refused, 5)
        out += [(country, "other", prefix + body) for body in others]
        for body in some[4:]:
            out.append((country, "other", (prefix + " " + body[:4] + " " + body[4:]).lower()))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=".build/debug")
    args = ap.parse_args()
    if stdnum.__version__ != "1.20":
        sys.exit(f"vat-oracle: needs python-stdnum 1.20, found {stdnum.__version__}")
    cases = candidates()
    binary = os.path.join(os.path.abspath(args.bin), "resellerdesk")
    env = dict(os.environ, RESELLERDESK_DB="/nonexistent/vat-oracle.sqlite")  # check-vat must not need one
    run = subprocess.run([binary, "tax", "check-vat", "--json"], input="\n".join(c[2] for c in cases) + "\n",
                         capture_output=True, text=True, env=env, timeout=300)
    if run.returncode not in (0, 1):
        sys.exit(f"vat-oracle: check-vat exited {run.returncode}: {run.stderr.strip()}")
    verdicts = json.loads(run.stdout)
    if len(verdicts) != len(cases):
        sys.exit(f"vat-oracle: {len(cases)} IDs in, {len(verdicts)} verdicts out")

    tally, disagreements = {}, []
    for (country, kind, raw), verdict in zip(cases, verdicts):
        module, prefix, _ = COUNTRIES[country]
        expected = module.is_valid(raw)
        problem = None
        if verdict.get("input") != raw:
            problem = f"answered for {verdict.get('input')!r}"
        elif verdict.get("valid") != expected:
            problem = f"stdnum says {'valid' if expected else 'invalid'}, check-vat {verdict}"
        elif expected and verdict.get("normalized") != compact(country, module, prefix, raw):
            problem = f"normalized {verdict.get('normalized')!r}, stdnum {compact(country, module, prefix, raw)!r}"
        elif not expected and not verdict.get("message", "").startswith("not a valid "):
            problem = f"message {verdict.get('message')!r}"
        agreed, total = tally.setdefault(country, {}).get(kind, (0, 0))
        tally[country][kind] = (agreed + (problem is None), total + 1)
        if problem:
            disagreements.append(f"{country} {kind} {raw!r}: {problem}")

    sums = {}
    for country, kinds in tally.items():
        print(country, " ".join(f"{kind} {a}/{t}" for kind, (a, t) in kinds.items()))
        for kind, (a, t) in kinds.items():
            sa, st = sums.get(kind, (0, 0))
            sums[kind] = (sa + a, st + t)
    print("total", " ".join(f"{kind} {a}/{t}" for kind, (a, t) in sums.items()))
    if disagreements:
        print(f"{len(disagreements)} disagreement(s) with python-stdnum {stdnum.__version__}; the first:")
        for line in disagreements[:20]:
            print("  " + line)
        sys.exit(1)
    print(f"vat-oracle: all {len(cases)} verdicts agree with python-stdnum {stdnum.__version__}")


if __name__ == "__main__":
    main()
