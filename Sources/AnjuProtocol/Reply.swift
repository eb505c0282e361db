import AnjuJSON

/// Whether a line is answered in JSON or in plain text (protocol.md, "Plain-text mode").
public enum ReplyFormat: Sendable, Hashable {
    case json
    case plain

    /// The format of a request line: JSON when its first byte is `{`.
    ///
    /// Tolerated before the `{`: one UTF-8 byte-order mark (EF BB BF, which some Windows tools
    /// put at the start of a stream) and any ASCII spaces and tabs. Everything else — `[`,
    /// `"`, a number — is plain text, as protocol.md says.
    public static func of<Bytes: Collection>(line bytes: Bytes) -> ReplyFormat where Bytes.Element == UInt8 {
        var index = bytes.startIndex
        if bytes.starts(with: utf8BOM) { index = bytes.index(index, offsetBy: 3) }
        while index != bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index = bytes.index(after: index)
            case UInt8(ascii: "{"): return .json
            default: return .plain
            }
        }
        return .plain
    }

    package static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
}

/// One reply: a JSON object (or, in the line protocol's plain-text mode, a line of text),
/// written once, here, for every transport.
public struct Reply: Sendable, Hashable {
    /// The line's UTF-8 bytes, without the trailing `\n` (the server adds it). Never contains
    /// a line break: JSON escapes them, plain text turns them into spaces.
    public var bytes: [UInt8]
    /// The error code when this reply is an error (for logging: the code, never the text).
    public var errorCode: ProtocolError.Code?
    public var format: ReplyFormat

    public init(bytes: [UInt8], errorCode: ProtocolError.Code?, format: ReplyFormat) {
        self.bytes = bytes
        self.errorCode = errorCode
        self.format = format
    }

    /// The line as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// JSON mode: the line parsed (nil for plain-text replies).
    public var json: JSONValue? {
        guard format == .json else { return nil }
        return try? JSONValue.parse(bytes)
    }

    public var isError: Bool { errorCode != nil }
}

extension Reply {
    /// `{"ok":true,"id":…, …fields}`: `ok` first, `id` when the request had a valid one,
    /// then the fields in their order (any `ok` or `id` among them is ignored).
    public static func success(id: RequestID?, fields: JSONObject) -> Reply {
        success(id: id, capacity: 256) { writer in
            for (key, value) in fields where key != "ok" && key != "id" {
                writer.key(key)
                writer.value(value)
            }
        }
    }

    /// `{"ok":true,"id":…, …members}` from members already written as JSON (see
    /// ``AssistantBackend/classifyMembers(text:limit:)``).
    public static func success(id: RequestID?, members: [UInt8]) -> Reply {
        success(id: id, capacity: members.count + 48) { $0.members(members) }
    }

    /// `{"ok":true,"id":…,` then what `body` writes, then `}`.
    private static func success(id: RequestID?, capacity: Int, _ body: (inout JSONWriter) -> Void) -> Reply {
        var writer = JSONWriter(capacity: capacity)
        writer.beginObject()
        writer.staticKey("ok")
        writer.bool(true)
        if let id {
            writer.staticKey("id")
            writer.members(id.raw)  // the token as sent
        }
        body(&writer)
        writer.endObject()
        return Reply(bytes: writer.bytes, errorCode: nil, format: .json)
    }

    /// An error reply in the given format: JSON `{"ok":false,"id":…,"error":{"code","message"}}`,
    /// or in plain text `错误：message`.
    public static func error(_ error: ProtocolError, id: RequestID?, format: ReplyFormat) -> Reply {
        switch format {
        case .json:
            var writer = JSONWriter(capacity: 160 + error.message.utf8.count)
            writer.beginObject()
            writer.staticKey("ok")
            writer.bool(false)
            if let id {
                writer.staticKey("id")
                writer.members(id.raw)  // the token as sent
            }
            writer.staticKey("error")
            writer.beginObject()
            writer.staticKey("code")
            writer.string(error.code.rawValue)
            writer.staticKey("message")
            writer.string(error.message)
            writer.endObject()
            writer.endObject()
            return Reply(bytes: writer.bytes, errorCode: error.code, format: .json)
        case .plain:
            return Reply(bytes: Array(("错误：" + PlainText.oneLine(error.message)).utf8), errorCode: error.code, format: .plain)
        }
    }

    /// A plain-text line that is not an error.
    public static func plain(_ text: String) -> Reply {
        Reply(bytes: Array(PlainText.oneLine(text).utf8), errorCode: nil, format: .plain)
    }
}

/// Plain-text helpers.
package enum PlainText {
    /// Every run of line breaks (LF, CR, VT, FF, NEL, LS, PS) becomes one space — together with
    /// the spaces and tabs around it, so "甲\n\n乙" and "甲 \n 乙" both become "甲 乙" — and
    /// leading/trailing whitespace is dropped. Other text is kept as it is.
    package static func oneLine(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingBreak = false
        var pendingSpaces = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isLineBreak(scalar) {
                pendingBreak = true
                pendingSpaces = String.UnicodeScalarView()
            } else if scalar == " " || scalar == "\t" {
                if !pendingBreak { pendingSpaces.append(scalar) }
            } else {
                if pendingBreak {
                    if !scalars.isEmpty { scalars.append(" ") }
                    pendingBreak = false
                } else if !scalars.isEmpty {
                    scalars.append(contentsOf: pendingSpaces)
                }
                pendingSpaces = String.UnicodeScalarView()
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    package static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Drops leading and trailing white space (Unicode: includes U+3000 IDEOGRAPHIC SPACE) and
    /// a byte-order mark at the start.
    package static func trimmed(_ text: Substring) -> Substring {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return Substring(scalars)
    }
}
