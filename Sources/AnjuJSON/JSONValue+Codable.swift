/// JSON values as `Codable`, written as the JSON they are: what a session state holds
/// (facts) goes into a shared session store (PostgreSQL `jsonb`, SQLite text) unchanged.
///
/// Decoding tries, in order: null, bool, integer, double, string, array, object. An
/// integral double therefore comes back as `.int` — equal to the original, since numbers
/// compare by value. An object's keys come back in the decoder's order (for `JSONDecoder`,
/// not necessarily the written order); nothing stored in a session depends on it.
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            self = .int(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            let keyed = try decoder.container(keyedBy: JSONCodingKey.self)
            var object = JSONObject(minimumCapacity: keyed.allKeys.count)
            for key in keyed.allKeys {
                object[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key)
            }
            self = .object(object)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let object):
            var keyed = encoder.container(keyedBy: JSONCodingKey.self)
            for (key, value) in object { try keyed.encode(value, forKey: JSONCodingKey(key)) }
        default:
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let b): try container.encode(b)
            case .int(let i): try container.encode(i)
            case .double(let d): try container.encode(d)
            case .string(let s): try container.encode(s)
            case .array(let a): try container.encode(a)
            case .object: break
            }
        }
    }
}

/// Any string as a coding key (JSON object members).
struct JSONCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
