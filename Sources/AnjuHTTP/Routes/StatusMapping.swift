import AnjuProtocol
import HTTPTypes

extension ProtocolError.Code {
    /// The HTTP status of an error reply (docs/protocol-1.1-http.md, "Errors").
    public var httpStatus: HTTPResponse.Status {
        switch self {
        case .badJSON, .badRequest, .badUTF8: return .badRequest
        case .unknownOp: return .notFound
        case .unknownRule: return .unprocessableContent
        case .lineTooLong: return .contentTooLarge
        case .idleTimeout: return .requestTimeout
        case .locked: return .init(code: 423, reasonPhrase: "Locked")
        case .sessionNotSecure: return .forbidden
        case .busy, .storeUnavailable: return .serviceUnavailable
        case .internal: return .internalServerError
        default: return .badRequest
        }
    }
}

extension Reply {
    /// The HTTP status of this reply: 200 for `ok: true`, else by error code.
    var httpStatus: HTTPResponse.Status { errorCode?.httpStatus ?? .ok }
}
