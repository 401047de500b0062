import Hummingbird
import NIOCore

/// The request context: Hummingbird's, plus the client's address (for throttling) and a small body limit.
public struct StorefrontContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The largest form is a new order: 16 KiB is far more than it needs.
    public var maxUploadSize: Int { 16 * 1024 }

    /// The client's IP address, the throttling key ("local" when there is no socket, as in router tests).
    var clientAddress: String { remoteAddress?.ipAddress ?? "local" }
}
