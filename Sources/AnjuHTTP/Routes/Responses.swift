import AnjuProtocol
import Hummingbird
import NIOCore

extension Response {
    /// A protocol reply as an HTTP response: the same JSON object the line protocol sends.
    static func json(_ reply: Reply) -> Response {
        json(reply.bytes, status: reply.httpStatus)
    }

    /// JSON bytes with a status.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
