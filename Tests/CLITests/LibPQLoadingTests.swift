import Foundation
import Testing
import DeskTestSupport

/// libpq and the twenty libraries it needs (Kerberos, LDAP, GnuTLS…) took about 6 ms of every start: a process
/// on a SQLite desk must not load them; on a PostgreSQL desk they are loaded on first use.
@Suite struct LibPQLoadingTests {
    let cli = CLI()

    @Test func libpqIsLoadedOnlyForAPostgreSQLDesk() throws {
        // The dynamic loader names each library it opens, dlopen's too.
        let r = try cli.run(["account", "list", "--json"], environment: ["LD_DEBUG": "files"])
        #expect(r.code == 0, "\(r.err.suffix(2000))")
        #expect(r.err.contains("file=libsqlite3.so.0"), "LD_DEBUG printed no libraries: \(r.err.prefix(500))")
        #expect(r.err.contains("file=libpq.so.5") == !TestEngine.isSQLite)
        #expect(r.err.contains("libgssapi_krb5") == !TestEngine.isSQLite)
    }
}
