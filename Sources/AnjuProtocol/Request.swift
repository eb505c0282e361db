import AnjuJSON

/// One validated request of protocol.md, whatever carried it (a JSON line, an HTTP body,
/// a WebSocket frame).
///
/// Build it with ``decode(_:op:)``: validation follows protocol.md's request table and
/// reports the first problem found, as `bad_request` naming the field. Fields an op does not
/// use are ignored (not validated), and unknown fields are ignored, so clients can send
/// fields of later protocol versions. `null` is not accepted for a field that is present.
public struct Request: Sendable {
    /// The protocol's operations.
    public enum Op: String, Sendable, Hashable, CaseIterable {
        case ask, open, classify, faq, check, reset, ping, health
    }

    /// An operation with its validated fields.
    public enum Operation: Sendable {
        /// `session` nil: protocol 1.1, the server issues one (see ``SessionGate``).
        case ask(session: String?, channel: Channel, text: String)
        /// Protocol 1.1: a new server-issued session id.
        case open
        case classify(text: String, limit: Int)
        case faq(query: String, limit: Int)
        case check(rule: String, facts: JSONValue)
        case reset(session: String)
        case ping
        case health
    }

    /// The request's `id` (a string or a number), echoed in the reply byte for byte.
    public var id: RequestID?
    /// What to do.
    public var operation: Operation

    public init(id: RequestID? = nil, operation: Operation) {
        self.id = id
        self.operation = operation
    }

    /// The operation's name (for logs and metrics).
    public var op: Op {
        switch operation {
        case .ask: .ask
        case .open: .open
        case .classify: .classify
        case .faq: .faq
        case .check: .check
        case .reset: .reset
        case .ping: .ping
        case .health: .health
        }
    }

    /// Whether answering may wait on the stores (members, sessions): conversation turns,
    /// resets and health checks. Servers call these from Swift concurrency, off their event
    /// loops (``run(on:context:)``); the others answer at once (``runImmediately(on:context:)``).
    public var mayBlock: Bool {
        switch operation {
        case .ask(session: _?, _, _), .health, .reset: true
        default: false
        }
    }
}

/// A request that cannot be answered by the backend: the error to send, with the `id` to
/// echo (nil when the request had none, or when the `id` itself was wrong).
public struct RequestRejection: Error, Sendable, Equatable {
    public var id: RequestID?
    public var error: ProtocolError

    public init(id: RequestID?, error: ProtocolError) {
        self.id = id
        self.error = error
    }

    /// The error reply.
    public var reply: Reply { .error(error, id: id, format: .json) }
}

extension Request {
    /// Validates a parsed JSON request.
    ///
    /// - Parameters:
    ///   - value: the request; only an object is a request.
    ///   - op: the operation when the transport names it (an HTTP path): the body's `op` is
    ///     then ignored. Nil reads `op` from the body, `ask` when absent (the line protocol).
    ///   - rawID: the `id` token as the client wrote it (``RequestID/rawToken(in:)``), echoed
    ///     byte for byte; nil writes the parsed value again.
    public static func decode(_ value: JSONValue, op fixedOp: Op? = nil, rawID: [UInt8]? = nil) -> Result<Request, RequestRejection> {
        guard case .object(let object) = value else {
            return .failure(RequestRejection(id: nil, error: .notAnObject))
        }
        // `id` first, so that every later error can echo it.
        var id: RequestID? = nil
        if let raw = object["id"] {
            switch raw {
            case .string, .int, .double: id = rawID.map(RequestID.init(raw:)) ?? RequestID(raw)
            default: return .failure(RequestRejection(id: nil, error: FieldProblem.wrongType(.id, got: raw).error))
            }
        }
        do throws(ProtocolError) {
            let name: String
            if let fixedOp {
                name = fixedOp.rawValue
            } else {
                switch object["op"] {
                case nil: name = Op.ask.rawValue
                case .string(let given)?: name = given
                case let other?: throw FieldProblem.wrongType(.op, got: other).error
                }
            }
            guard let op = Op(rawValue: name) else { throw ProtocolError.unknownOp(name) }
            return .success(Request(id: id, operation: try operation(op, object)))
        } catch {
            return .failure(RequestRejection(id: id, error: error))
        }
    }

    /// Parses and validates a JSON request given as UTF-8 bytes: `bad_json` when it does
    /// not parse.
    public static func decode<Bytes: Collection>(utf8 bytes: Bytes, op: Op? = nil) -> Result<Request, RequestRejection>
    where Bytes.Element == UInt8 {
        let value: JSONValue
        do {
            value = try JSONValue.parse(utf8: bytes)
        } catch {
            return .failure(RequestRejection(id: nil, error: .badJSON(JSONParseErrorDescription(error))))
        }
        return decode(value, op: op, rawID: RequestID.rawToken(in: Array(bytes)))
    }

    private static func operation(_ op: Op, _ object: JSONObject) throws(ProtocolError) -> Operation {
        let name = op.rawValue
        switch op {
        case .ping: return .ping
        case .health: return .health
        case .open: return .open
        case .ask:
            let channel = try Fields.channel(object)
            let text = try Fields.text(object, op: name)
            // Absent: protocol 1.1, the server issues the id and says it in the reply.
            let session = object["session"] == nil ? nil : try Fields.session(object, op: name)
            return .ask(session: session, channel: channel, text: text)
        case .classify:
            return .classify(text: try Fields.text(object, op: name), limit: try Fields.limit(object))
        case .faq:
            return .faq(query: try Fields.query(object, op: name), limit: try Fields.limit(object))
        case .check:
            return .check(rule: try Fields.rule(object, op: name), facts: try Fields.facts(object, op: name))
        case .reset:
            return .reset(session: try Fields.session(object, op: name))
        }
    }
}
