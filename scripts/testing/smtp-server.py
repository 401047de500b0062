#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for ResellerDesk's mail tests (Debian's python3-aiosmtpd).

Every accepted message is written to SPOOL/<n>.eml exactly as received. The recipient chooses the answer:
  tempfail-once…@…  451 the first time that address is tried, then accepted
  reject…@…         550 at RCPT
  anything else     accepted
Options add STARTTLS (--starttls CERT KEY), implicit TLS (--tls CERT KEY), AUTH (--auth USER:PASS) and a
delay per message (--delay SECONDS). It writes --ready FILE once listening and stops on SIGTERM.
"""
import argparse, asyncio, itertools, os, signal, ssl, sys, threading, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--spool", required=True)
p.add_argument("--ready")
p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
p.add_argument("--auth")
p.add_argument("--delay", type=float, default=0)
a = p.parse_args()
os.makedirs(a.spool, exist_ok=True)
counter = itertools.count(1)
tried = set()
lock = threading.Lock()

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 mailbox unavailable: " + address
        if local.startswith("tempfail-once"):
            with lock:
                first = address not in tried
                tried.add(address)
            if first:
                return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if a.delay:
            await asyncio.sleep(a.delay)
        n = next(counter)
        tmp = os.path.join(a.spool, f".{n}.tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(a.spool, f"{n:06d}.eml"))
        return "250 2.0.0 accepted as %d" % n

def authenticator(server, session, envelope, mechanism, auth_data):
    user, password = a.auth.split(":", 1)
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok, handled=False) if not ok else AuthResult(success=True)

def context(cert, key):
    c = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    c.load_cert_chain(cert, key)
    return c

kwargs = dict(hostname="127.0.0.1", port=a.port, decode_data=False, enable_SMTPUTF8=True)
if a.starttls:
    kwargs.update(tls_context=context(*a.starttls), require_starttls=True)
if a.tls:
    # The controller's start-up self-check connects through this context as a client, so it must be
    # usable both ways (a PROTOCOL_TLS_SERVER context is not).
    both = ssl.SSLContext(ssl.PROTOCOL_TLS)
    both.load_cert_chain(*a.tls)
    kwargs.update(ssl_context=both)
if a.auth:
    kwargs.update(authenticator=authenticator, auth_require_tls=bool(a.starttls or a.tls))
controller = Controller(Handler(), **kwargs)
controller.start()
if a.ready:
    with open(a.ready, "w") as f:
        f.write(str(os.getpid()))
stop = threading.Event()
# A parent's worker thread may have blocked these signals, and the mask is inherited: unblock them.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
while not stop.is_set():
    stop.wait(1)
controller.stop()
