import AnjuJSON

/// An error reply of the protocol (line, HTTP and WebSocket alike): `{"ok": false, "id": …, "error": {"code", "message"}}`.
///
/// The code is one of protocol.md's codes; the message says what went wrong and what to do,
/// in Chinese and English. Messages never quote more of the request than a field name (and,
/// for `unknown_op`, the op itself, shortened): they go back to the client only, never to the log.
public struct ProtocolError: Error, Sendable, Equatable {
    /// An error code of protocol.md. A struct rather than an enum so codes can grow (the
    /// backend may report codes this module does not list) without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let badJSON = Code("bad_json")
        public static let badRequest = Code("bad_request")
        public static let unknownOp = Code("unknown_op")
        public static let unknownRule = Code("unknown_rule")
        public static let lineTooLong = Code("line_too_long")
        public static let badUTF8 = Code("bad_utf8")
        public static let idleTimeout = Code("idle_timeout")
        public static let locked = Code("locked")
        public static let busy = Code("busy")
        public static let `internal` = Code("internal")
        /// The member database cannot be read: member questions wait, policy questions work.
        public static let storeUnavailable = Code("store_unavailable")
        /// The dialogue refused member data in a session the server did not issue.
        public static let sessionNotSecure = Code("session_not_secure")
    }

    /// What went wrong, as a protocol.md code.
    public var code: Code
    /// What went wrong and what to do, in Chinese and English.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The backend's error, with its code as reported.
    public init(_ backendError: BackendError) {
        self.code = Code(backendError.code)
        self.message = backendError.message
    }
}

// MARK: - The messages

extension ProtocolError {
    public static func badJSON(_ error: JSONParseErrorDescription) -> ProtocolError {
        ProtocolError(
            code: .badJSON,
            message: "请求不是有效的 JSON（\(error.chinese)）。请每行发送一个完整的 JSON 对象，例如 {\"op\":\"ping\"}。"
                + " / The request is not valid JSON (\(error.english)). Send one complete JSON object per line, e.g. {\"op\":\"ping\"}.")
    }

    public static let notAnObject = ProtocolError(
        code: .badRequest,
        message: "请求必须是一个 JSON 对象，例如 {\"op\":\"ping\"}。 / The request must be a JSON object, e.g. {\"op\":\"ping\"}.")

    public static func unknownOp(_ op: String) -> ProtocolError {
        let shown = op.unicodeScalars.count > 32 ? String(String.UnicodeScalarView(op.unicodeScalars.prefix(32))) + "…" : op
        return ProtocolError(
            code: .unknownOp,
            message: "未知的操作 op \"\(shown)\"：可用的有 ask、open、classify、faq、check、reset、ping、health。"
                + " / Unknown op \"\(shown)\": use one of ask, open, classify, faq, check, reset, ping, health.")
    }

    public static func lineTooLong(limit: Int) -> ProtocolError {
        ProtocolError(
            code: .lineTooLong,
            message: "这一行超过 \(limit) 字节，已丢弃。请缩短后重新发送（每个请求占一行）。"
                + " / The line is longer than \(limit) bytes and was discarded. Shorten it and send it again (one request per line).")
    }

    public static let badUTF8 = ProtocolError(
        code: .badUTF8,
        message: "这一行不是有效的 UTF-8 文本，已丢弃。请用 UTF-8 编码重新发送。"
            + " / The line is not valid UTF-8 and was discarded. Send it again encoded as UTF-8.")

    public static func idleTimeout(seconds: Int64) -> ProtocolError {
        ProtocolError(
            code: .idleTimeout,
            message: "连接空闲超过 \(seconds) 秒，现在关闭。需要时请重新连接。"
                + " / The connection was idle for more than \(seconds) s and is being closed. Reconnect when needed.")
    }

    public static let busyConnections = ProtocolError(
        code: .busy,
        message: "服务器繁忙（连接数已满），请稍后重试。 / The server is busy (too many connections). Try again in a moment.")

    /// Too many connections from one address (`--max-connections-per-peer`).
    public static let busyPeerConnections = ProtocolError(
        code: .busy,
        message: "服务器繁忙（来自同一地址的连接过多），请稍后重试。"
            + " / The server is busy (too many connections from your address). Try again in a moment.")

    /// Too many new sessions from one address this minute (`--max-new-sessions-per-minute`).
    public static let busySessions = ProtocolError(
        code: .busy,
        message: "服务器繁忙（同一地址新建会话过多），请稍后重试，或继续使用已有的会话。"
            + " / The server is busy (too many new sessions from your address). Try again in a moment, or keep using your session.")

    public static let internalError = ProtocolError(
        code: .internal,
        message: "服务器内部错误，请稍后重试；如果一直出现，请联系工作人员。"
            + " / Internal server error. Try again later; if it keeps happening, contact staff.")

    /// Plain-text mode: a question longer than the text limit.
    public static func plainTextTooLong(limit: Int, got: Int) -> ProtocolError {
        ProtocolError(
            code: .badRequest,
            message: "问题太长（\(got) 个字），最多 \(limit) 个字。请分几次提问。"
                + " / The question is too long (\(got) characters; at most \(limit)). Ask it in shorter parts.")
    }
}

/// A JSON parse error in both languages, without quoting the input.
public struct JSONParseErrorDescription: Sendable {
    public var chinese: String
    public var english: String

    public init(_ error: JSONParseError) {
        let offset = error.offset
        let zh: String
        switch error.kind {
        case .unexpectedEnd: zh = "内容不完整"
        case .unexpectedCharacter: zh = "有意外的字符"
        case .invalidNumber: zh = "数字格式错误"
        case .numberOutOfRange: zh = "数字超出范围"
        case .invalidEscape: zh = "转义序列错误"
        case .invalidSurrogate: zh = "\\u 转义中有不成对的代理项"
        case .controlCharacter: zh = "字符串中有未转义的控制字符"
        case .invalidUTF8: zh = "字符串不是有效的 UTF-8"
        case .tooDeep: zh = "嵌套太深"
        case .duplicateKey: zh = "对象中有重复的键"
        case .trailingCharacters: zh = "JSON 值后面还有多余的字符"
        }
        chinese = "第 \(offset) 字节处\(zh)"
        english = error.description
    }
}
