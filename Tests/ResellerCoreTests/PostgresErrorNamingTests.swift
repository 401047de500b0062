import Foundation
import Testing
@testable import ResellerCore

/// A PostgreSQL desk's errors name the desk without the password a URL may carry: the sentences reach the
/// terminal, the services' logs and the journal.
@Suite struct PostgresErrorNamingTests {
    @Test func noErrorSentenceCarriesThePassword() {
        let url = "postgresql://clerk:s3cret@db.example:5432/desk?sslmode=verify-full&password=other"
        let lost = PGError(sqlState: nil, message: "server closed the connection unexpectedly", connectionBad: true)
        let refused = PGError(sqlState: nil, message: "password authentication failed for user \"clerk\"",
                              connectionBad: true, isRefusal: true)
        for error in [lost, refused] as [Error] + [PostgresPool.UncertainCommit(error: lost)] {
            let sentence = Store.describePostgres(error, url: url).description
            #expect(sentence.contains("postgresql://clerk@db.example:5432/desk?sslmode=verify-full"), "\(sentence)")
            #expect(!sentence.contains("s3cret") && !sentence.contains("other"), "\(sentence)")
        }
    }
}
