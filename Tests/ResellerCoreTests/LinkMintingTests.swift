import Foundation
import GRDB
import Testing
import DeskTestSupport
@testable import ResellerCore

/// A link email's token is made as the email is sent, never stored in clear: the outbox row names the user
/// and the purpose, and recording the send stores the token's hash (#13 item 3).
@Suite struct LinkMintingTests {
    func liveTokens(_ fx: Fixture) throws -> Int {
        try fx.count("SELECT COUNT(*) FROM tokens WHERE used_at IS NULL AND revoked_at IS NULL")
    }

    func invite(_ fx: Fixture, _ account: Account) throws {
        var c = ContactForm()
        c.lastName = "Οικονόμου"
        c.email = "maria@aegean.example"
        c.storefrontUser = true
        _ = try fx.service.addContact(to: account.id, c, by: staff)
    }

    @Test func aQueuedLinkEmailHoldsNoTokenAndNoLinkIsLiveUntilItIsSent() throws {
        let fx = try Fixture()
        try invite(fx, try fx.reseller())
        let queued = try #require(try fx.service.outbox().first)
        #expect(queued.status == .queued && queued.params["token"] == nil && queued.link?.purpose == .activation)
        #expect(try fx.count("SELECT COUNT(*) FROM tokens") == 0)
        let token = try fx.latestToken(to: "maria@aegean.example")
        #expect(try liveTokens(fx) == 1)
        #expect(try fx.service.inspectLink(token, purpose: .activation).contact.email == "maria@aegean.example")
    }

    @Test func aResendBeforeDeliveryLeavesOneEmailAndOneLiveLink() throws {
        let fx = try Fixture()
        try invite(fx, try fx.reseller())
        try fx.service.resendActivation(email: "maria@aegean.example", by: staff)
        try fx.service.resendActivation(email: "maria@aegean.example", by: staff)
        let sent = try fx.deliverDue()
        #expect(sent.count == 1)
        #expect(try fx.service.outbox().map(\.status) == [.sent, .withdrawn, .withdrawn])
        #expect(try liveTokens(fx) == 1)
        let token = try #require(sent.first?.linkToken?.text)
        let password = "correct horse battery"
        _ = try fx.service.activate(token: token, password: password, confirmation: password)
    }

    @Test func aResendAfterDeliveryEndsTheSentLinkAtOnce() throws {
        let fx = try Fixture()
        try invite(fx, try fx.reseller())
        let first = try fx.latestToken(to: "maria@aegean.example")
        try fx.service.resendActivation(email: "maria@aegean.example", by: staff)
        #expect(try liveTokens(fx) == 0)
        #expect(fields { _ = try fx.service.inspectLink(first, purpose: .activation) } == ["token"])
        let second = try fx.latestToken(to: "maria@aegean.example")
        #expect(try second != first && liveTokens(fx) == 1)
    }

    /// Staff resend while a deliverer is sending the first email: that send is not recorded, so its token
    /// never goes live; the resent email's does.
    @Test func aLinkWithdrawnWhileItsEmailIsSentNeverGoesLive() throws {
        let fx = try Fixture()
        try invite(fx, try fx.reseller())
        let claimed = try fx.service.claimDueMail(owner: "slow:1", lease: 600, limit: 10)
        try fx.service.resendActivation(email: "maria@aegean.example", by: staff)
        #expect(try !fx.service.recordDelivery(try #require(claimed.first), owner: "slow:1", .sent))
        #expect(try liveTokens(fx) == 0)
        let token = try fx.latestToken(to: "maria@aegean.example")
        #expect(try liveTokens(fx) == 1 && token != claimed.first?.linkToken?.text)
    }

    /// A deliverer that sent the email and died before recording it: the next attempt sends a new token;
    /// the first never went live.
    @Test func aSendNeverRecordedIsSentAgainWithANewLink() throws {
        let fx = try Fixture()
        try invite(fx, try fx.reseller())
        let lost = try #require(try fx.service.claimDueMail(owner: "dead:1", lease: 60, limit: 10).first?.linkToken)
        fx.clock.advance(hours: 1)   // the lease runs out
        let token = try fx.latestToken(to: "maria@aegean.example")
        #expect(try token != lost.text && liveTokens(fx) == 1)
        #expect(fields { _ = try fx.service.inspectLink(lost.text, purpose: .activation) } == ["token"])
    }

    /// A link email put back in the queue by hand after its user activated: claiming it withdraws it, and
    /// the claim goes on to the next due email even when the withdrawn one filled the batch.
    @Test func aLinkEmailWhoseUserNoLongerFitsIsWithdrawnNotSent() throws {
        let fx = try Fixture()
        _ = try fx.activeUser(try fx.reseller())
        try fx.service.store.write { tx in
            try tx.execute(sql: "UPDATE outbox SET status = 'queued' WHERE kind = 'activation'")
        }
        let sent = try fx.service.claimDueMail(owner: "test:1", lease: 600, limit: 1)
        #expect(sent.map(\.kind) == [.activationSuccessful])
        let activation = try #require(try fx.service.outbox().first { $0.kind == .activation })
        #expect(activation.status == .withdrawn && activation.lastError == "not sent: the user is Active now")
        #expect(try liveTokens(fx) == 0)
    }

    /// A database of the previous version: a queued activation email with its token in clear and the live
    /// token it stands for, and an older one that a resend replaced.
    @Test(.sqliteOnly) func aQueuedTokenOfAnOlderVersionLeavesTheFileAndSendingMintsANewOne() throws {
        let fx = try Fixture()
        try invite(fx, try fx.reseller())
        let old = "oldClearTokenOfVersionTwo0123456789abcdefgh"
        try fx.service.store.write { tx in
            let userId = try #require(try tx.value(Int64.self, sql: "SELECT id FROM storefront_users"))
            try tx.execute(sql: "DROP INDEX outbox_link")
            try tx.execute(sql: "ALTER TABLE outbox DROP COLUMN link_user_id")
            try tx.execute(sql: "ALTER TABLE outbox DROP COLUMN link_purpose")
            try tx.execute(sql: "UPDATE outbox SET params = json_set(params, '$.token', 'replaced one')")
            try tx.execute(sql: """
                INSERT INTO outbox (kind, to_address, to_name, subject, params, next_attempt_at, created_at)
                SELECT kind, to_address, to_name, subject, json_set(params, '$.token', ?), next_attempt_at, created_at
                FROM outbox
                """, arguments: [old])
            // The migration reads the real clock: the token must be live by it.
            try tx.insertToken(hash: Token.hashOf(old), userId: userId, purpose: .activation,
                               expires: Date() + 86_400, at: fx.clock.now)
        }
        // The migration itself, whatever number it gets among the others.
        try fx.service.store.write { tx in try tx.script(Store.linkMailWithoutTokens) }
        #expect(try fx.count("SELECT COUNT(*) FROM outbox WHERE params LIKE '%token%'") == 0)
        #expect(try fx.service.outbox().map(\.status) == [.queued, .withdrawn])
        #expect(fields { _ = try fx.service.inspectLink(old, purpose: .activation) } == ["token"])
        let token = try fx.latestToken(to: "maria@aegean.example")
        let password = "correct horse battery"
        _ = try fx.service.activate(token: token, password: password, confirmation: password)
    }

    /// A file of the previous version (2), with an activation email queued holding its token in clear, opened
    /// by this one: the token leaves the outbox and stops working, and sending the email makes a working one.
    @Test func aVersionTwoDeskMigratesOnOpen() throws {
        let db = TempDatabase()
        try FileManager.default.createDirectory(atPath: db.folder, withIntermediateDirectories: true)
        let old = "oldClearTokenOfVersionTwo0123456789abcdefgh", now = Date()
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { d in
            try d.execute(sql: Store.schemaV1 + Store.schemaV2)
            try d.execute(sql: """
                INSERT INTO accounts (name, type, email, country, currency, account_manager, created_at, updated_at,
                                      updated_by)
                VALUES ('Aegean', 'Reseller', 'a@aegean.example', 'GR', 'EUR', 'alice', ?, ?, 'alice')
                """, arguments: [now, now])
            try d.execute(sql: """
                INSERT INTO contacts (account_id, last_name, email, email_key, created_at, updated_at)
                VALUES (1, 'Οικονόμου', 'Maria@aegean.example', 'maria@aegean.example', ?, ?)
                """, arguments: [now, now])
            try d.execute(sql: """
                INSERT INTO storefront_users (contact_id, user_type, status, created_at)
                VALUES (1, 'Admin', 'Pending activation', ?)
                """, arguments: [now])
            try d.execute(sql: """
                INSERT INTO tokens (user_id, purpose, token_hash, expires_at, created_at)
                VALUES (1, 'activation', ?, ?, ?)
                """, arguments: [Data(Token.hashOf(old)), now + 86_400, now])
            try d.execute(sql: """
                INSERT INTO outbox (kind, to_address, to_name, subject, params, next_attempt_at, created_at)
                VALUES ('activation', 'Maria@aegean.example', 'Μαρία', 'Activate', ?, ?, ?)
                """, arguments: ["{\"firstName\":\"Μαρία\",\"token\":\"\(old)\"}", now, now])
            try d.execute(sql: "PRAGMA user_version = 2")
        }
        try queue.close()

        let service = ResellerService(store: try Store(path: db.path), settings: .test)
        let params = try service.store.read { tx in try tx.values(String.self, sql: "SELECT params FROM outbox") }
        #expect(params == ["{\"firstName\":\"Μαρία\"}"])
        #expect(throws: ServiceError.self) { _ = try service.inspectLink(old, purpose: .activation) }
        let claimed = try service.claimDueMail(owner: "test:1", lease: 60, limit: 10)
        let token = try #require(claimed.first?.linkToken?.text)
        #expect(try service.recordDelivery(claimed[0], owner: "test:1", .sent))
        #expect(try service.inspectLink(token, purpose: .activation).contact.email == "Maria@aegean.example")
    }
}
