import NIOCore
import NIOHTTPTypes

/// Cuts a connection whose request has not arrived whole within `limit` of its head. Hummingbird's idle
/// timeout counts from the last HTTP part read, so it closes a connection that sends nothing, or a request
/// head a byte at a time, but not one that sends a body a byte every few seconds: that would hold the
/// connection, and the route collecting the body, for ever.
final class RequestDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    let limit: TimeAmount
    private var cut: Scheduled<Void>?

    init(limit: TimeAmount) { self.limit = limit }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            cut?.cancel()
            let channel = context.channel
            cut = context.eventLoop.scheduleTask(in: limit) { channel.close(promise: nil) }
        case .end:
            cut?.cancel()
            cut = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cut?.cancel()
        cut = nil
    }
}
