#!/usr/bin/env python3
"""One desk on several hosts (issue #26 item 5), set up as docs/postgresql.md says, on one machine with ports:
the database host (PostgreSQL on 127.0.0.1, password logins over TCP), two storefront hosts (two
`resellerdesk storefront serve` processes, each signing in as the storefront's login with its password in
~/.pgpass) and nginx in front of both, round robin. Checks that a reseller's session made on one instance
holds on the other; that sign-in throttling counts attempts across both (ten wrong, the eleventh waits, each
instance having seen about half); and that with one instance killed, nginx's next requests reach the other and
the session goes on. Runs as root (the server as the postgres user) or as any login; exits 1 on a failure.
    pg-two-hosts.py --bin .build/debug"""
import argparse, os, shutil, subprocess, sys, tempfile
from harness import Browser, Desk, PostgresServer, free_port, listening, wait_for


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--bin", default=".build/debug")
    bin_dir = os.path.abspath(args.parse_args().bin)
    desk = Desk(bin_dir)
    server = PostgresServer(tcp=True)
    work = tempfile.mkdtemp(prefix="rd-two-hosts-")
    os.chmod(work, 0o755)                                 # nginx workers (nobody, when root) reach its temp
    port, web1, web2, front = server.port, free_port(), free_port(), free_port()
    procs = []
    failures = []

    def check(ok, what, detail=""):
        print(("ok    " if ok else "FAIL  ") + what + ("" if ok else f": {detail}"))
        if not ok:
            failures.append(what)

    try:
        server.start()
        server.psql("CREATE DATABASE desk")
        admin = server.url("desk")
        subprocess.run([f"{bin_dir}/resellerdesk", "storage", "init", admin], check=True, capture_output=True)
        # The storefront hosts' login: the storefront's and the deliverer's groups, a password, TCP.
        server.psql("CREATE ROLE web LOGIN PASSWORD 'two hosts, one desk' "
                    "IN ROLE resellerdesk_storefront, resellerdesk_deliverer", "desk")
        pgpass = os.path.join(desk.tmp, "pgpass")
        with open(pgpass, "w") as f:
            f.write(f"127.0.0.1:{port}:desk:web:two hosts, one desk\n")
        os.chmod(pgpass, 0o600)
        web = f"postgresql://web@127.0.0.1:{port}/desk"

        # Staff work the desk (here as the administrator); its storefront user's link goes out by mail.
        desk.env["RESELLERDESK_DB"] = admin
        demo = desk.cli("demo")
        check(demo.returncode == 0, "the demo desk on PostgreSQL", demo.stderr)
        token = desk.token("partners@aegean-cloud.example")
        check(token is not None, "the activation link delivered")

        env = dict(desk.env, RESELLERDESK_DB=web, PGPASSFILE=pgpass)
        for p in (web1, web2):
            log = open(os.path.join(work, f"storefront-{p}.log"), "w")
            procs.append(subprocess.Popen([f"{bin_dir}/resellerdesk", "storefront", "serve", "--port", str(p)],
                                          env=env, stdout=log, stderr=subprocess.STDOUT))
        for p in (web1, web2):
            wait_for(lambda: listening(p), f"the storefront on {p}")
        temp = os.path.join(work, "nginx")
        os.makedirs(temp)
        os.chmod(temp, 0o777)
        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX.format(temp=temp, web1=web1, web2=web2, front=front))
        subprocess.run(["nginx", "-c", conf, "-p", temp], check=True)
        wait_for(lambda: listening(front), "nginx")
        desk.base = f"http://127.0.0.1:{front}"

        def upstreams():
            with open(os.path.join(temp, "access.log")) as f:
                return [line.split()[-1] for line in f]

        browser = Browser(desk.base)
        check(browser.activate(token) in (200, 303), "activated through nginx")
        check(browser.log_in("partners@aegean-cloud.example") == 303, "signed in through nginx", browser.page[:200])
        seen = len(upstreams())
        pages = [browser.get("/dashboard") for _ in range(6)]
        served = set(upstreams()[seen:])
        signed_in = all(code == 200 for code in pages) and "Log out" in browser.page
        check(signed_in and served == {f"127.0.0.1:{web1}", f"127.0.0.1:{web2}"},
              "one session, six pages, served by both instances", f"{pages} {served}")

        guesser = Browser(desk.base)
        seen = len(upstreams())
        answers = []
        for _ in range(11):
            guesser.log_in("nobody@aegean-cloud.example")
            answers.append("Too many attempts" in guesser.page)
        served = set(upstreams()[seen:])
        check(answers == [False] * 10 + [True] and len(served) == 2,
              "ten wrong sign-ins over both instances, the eleventh waits", f"{answers} {served}")

        procs[0].kill()
        procs[0].wait()
        pages = [browser.get("/dashboard") for _ in range(4)]
        check(all(code == 200 for code in pages) and "Log out" in browser.page,
              "one instance killed: the session goes on at the other", f"{pages}")
        audit = server.psql("SELECT count(*) FROM resellerdesk.audit_events WHERE action = 'activate'", "desk")
        check(audit == [("1",)], "the activation audited once in the one database", audit)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        subprocess.run(["nginx", "-c", os.path.join(work, "nginx.conf"), "-p", os.path.join(work, "nginx"), "-s",
                        "stop"], capture_output=True)
        server.stop("immediate")
        desk.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"pg-two-hosts: {'passed' if not failures else 'FAILED: ' + ', '.join(failures)}")
    sys.exit(1 if failures else 0)


# nginx as docs/postgresql.md shows it, with the temp paths of an unprivileged run and the upstream logged.
NGINX = """
worker_processes 1;
pid {temp}/nginx.pid;
error_log {temp}/error.log;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {temp}/access.log upstream;
    upstream storefronts {{
        server 127.0.0.1:{web1} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{web2} max_fails=1 fail_timeout=30s;
    }}
    server {{
        listen 127.0.0.1:{front};
        location / {{
            proxy_pass http://storefronts;
            proxy_next_upstream error timeout;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
        }}
    }}
}}
"""

if __name__ == "__main__":
    main()
