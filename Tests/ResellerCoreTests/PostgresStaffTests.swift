import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// Staff of a PostgreSQL desk are its roles in resellerdesk_staff (issue #26 item 3).
@Suite(.postgresOnly) struct PostgresStaffTests {
    @Test func accountManagersCompleteFromTheGrantedLogins() throws {
        let fx = try Fixture()
        let login = "rdstaff\(UInt32.random(in: 0...UInt32.max))"
        let server = try PostgresServer.shared
        _ = try server.psql("CREATE ROLE \(login) LOGIN IN ROLE resellerdesk_staff", database: "postgres")
        defer { _ = try? server.psql("DROP ROLE \(login)", database: "postgres") }
        let logins = fx.service.staffLogins(current: "me")
        #expect(logins.contains(login) && logins.contains("me"))
        // The superuser the tests connect as is a member of every role, but no one's account manager.
        #expect(!logins.contains("postgres"))
    }
}
