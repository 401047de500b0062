import Foundation

extension ResellerService {
    /// The storefront's key for signing its form cookie (`FormCookie`): made on the first start, then read.
    /// A copy of the database holds it; with it one could forge only a pre-login form's CSRF cookie.
    public func storefrontKey() throws(ServiceError) -> [UInt8] {
        let name = "storefront-forms"
        if let key = try store.read({ tx in try tx.serverKey(name) }) { return key }
        let now = self.now
        return try store.write { tx in try tx.keepServerKey(name, Sodium.randomBytes(32), at: now) }
    }
}
