import Hummingbird
import NIOCore

/// The request context: Hummingbird's, plus the client's address (for throttling) and a small body limit.
public struct StorefrontContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        clientAddress = remoteAddress?.ipAddress ?? "local"
    }

    /// The largest form is a new order: 16 KiB is far more than it needs.
    public var maxUploadSize: Int { 16 * 1024 }

    /// The client's address, the throttling key: set by `ClientAddressMiddleware` from the peer (or, behind a
    /// trusted proxy, X-Forwarded-For); "local" when there is no socket, as in router tests.
    var clientAddress: String
}
