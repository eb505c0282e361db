import AnjuIntents
import AnjuJSON
import Testing

@Suite("JSON parser and serializer")
struct JSONTests {
    @Test("values survive print → parse round trips", arguments: [
        "null", "true", "false", "0", "-1", "42", "9223372036854775807", "-9223372036854775808",
        "4003.4", "0.1", "-2.5", "1e-07", "1.2345678901234567e+300", "\"\"", "\"中文 éà 😀\"",
        "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\"", "[]", "{}", "[1,[2,[3,{}]]]",
        "{\"b\":1,\"a\":{\"z\":[true,null,\"x\"],\"y\":0.5}}",
    ])
    func roundTrip(text: String) throws {
        let value = try JSONValue.parse(text)
        let printed = value.jsonString
        #expect(try JSONValue.parse(printed) == value)
        #expect(printed == text)
    }

    @Test("integers stay exact and integral numbers report intValue")
    func integers() throws {
        #expect(try JSONValue.parse("6") == .int(6))
        #expect(try JSONValue.parse("6").intValue == 6)
        #expect(try JSONValue.parse("6.0").intValue == 6)
        #expect(try JSONValue.parse("1e3").intValue == 1000)
        #expect(try JSONValue.parse("6.5").intValue == nil)
        #expect(try JSONValue.parse("6.5").doubleValue == 6.5)
        #expect(try JSONValue.parse("9007199254740993") == .int(9_007_199_254_740_993))
        #expect(try JSONValue.parse("-0") == .int(0))
        // Too large for Int: a double.
        #expect(try JSONValue.parse("9223372036854775808") == .double(9_223_372_036_854_775_808.0))
        #expect(try JSONValue.parse("123456789012345678901234").doubleValue == 1.2345678901234568e23)
    }

    @Test("decimal numbers are correctly rounded")
    func decimals() throws {
        for text in ["0.1", "0.2", "0.3", "4003.4", "2.675", "1e-300", "5e-324", "1.7976931348623157e308",
                     "3.141592653589793", "123.456e-5", "0.000001", "1234567890.0987654321", "2.2250738585072014e-308"] {
            #expect(try JSONValue.parse(text).doubleValue == Double(text)!, "\(text)")
        }
        #expect(try JSONValue.parse("1e-400").doubleValue == 0)
    }

    @Test("doubles print shortest, integral ones without .0, non-finite as null")
    func doublePrinting() {
        #expect(JSONValue.double(4003.4).jsonString == "4003.4")
        #expect(JSONValue.double(441222.96).jsonString == "441222.96")
        #expect(JSONValue.double(600000.0).jsonString == "600000")
        #expect(JSONValue.double(-0.0).jsonString == "0")
        #expect(JSONValue.double(0.1 + 0.2).jsonString == "0.30000000000000004")
        #expect(JSONValue.double(1e16).jsonString == "1e+16")
        #expect(JSONValue.double(.nan).jsonString == "null")
        #expect(JSONValue.double(.infinity).jsonString == "null")
        #expect(JSONValue.int(Int.min).jsonString == "-9223372036854775808")
    }

    @Test("four-decimal numbers (scores) print exactly as the general shortest form does")
    func fourDecimalFastPath() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0.0001, 0.9876, 0.5, -0.25, 1234.5678, 0.0012, 99.99, 0.30000000000000004, 1.00001, 0.123456]
        for _ in 0..<5_000 {
            let k = Double(Int.random(in: -200_000_000...200_000_000, using: &generator))
            values.append(k / 10_000)
            values.append((Double.random(in: 0..<1, using: &generator) * 10_000).rounded() / 10_000)
        }
        for d in values {
            #expect(JSONValue.double(d).jsonString == (d == d.rounded() ? String(Int(d)) : d.description), "\(d)")
        }
    }

    @Test("numbers compare and hash by value")
    func numericEquality() {
        #expect(JSONValue.int(1) == .double(1.0))
        #expect(JSONValue.double(1.5) != .int(1))
        #expect(Set<JSONValue>([.int(600000), .double(600000)]).count == 1)
    }

    @Test("strings: escapes, control characters and non-ASCII")
    func strings() throws {
        #expect(try JSONValue.parse("\"\\u00e9\\ud83d\\ude00\\/\"") == .string("é😀/"))
        #expect(JSONValue.string("a\"b\\c\n\u{01}\u{7f}é").jsonString == "\"a\\\"b\\\\c\\n\\u0001\u{7f}é\"")
        #expect(JSONValue.string("\u{0}").jsonString == "\"\\u0000\"")
        // Long clean strings with an escape late (word-at-a-time scan).
        let long = String(repeating: "公积金abcdefgh", count: 20) + "\"" + String(repeating: "x", count: 13)
        #expect(try JSONValue.parse(JSONValue.string(long).jsonString) == .string(long))
        for c in 0..<0x20 {
            let s = "abcdefgh" + String(UnicodeScalar(UInt8(c))) + "ijklmnop"
            #expect(try JSONValue.parse(JSONValue.string(s).jsonString) == .string(s))
        }
    }

    @Test("objects keep key order; subscript replaces in place, nil removes")
    func objectOrder() throws {
        let value = try JSONValue.parse("{\"z\":1,\"a\":2,\"m\":3}")
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        var object = try #require(value.objectValue)
        object["a"] = "two"
        object["n"] = 4
        object["z"] = nil
        #expect(JSONValue.object(object).jsonString == "{\"a\":\"two\",\"m\":3,\"n\":4}")
        let literal: JSONValue = ["b": 1, "a": [true, nil]]
        #expect(literal.jsonString == "{\"b\":1,\"a\":[true,null]}")
    }

    @Test("accessors")
    func accessors() throws {
        let v = try JSONValue.parse("{\"s\":\"x\",\"b\":true,\"n\":2,\"d\":2.5,\"a\":[1,2],\"o\":{\"k\":null}}")
        #expect(v["s"]?.stringValue == "x")
        #expect(v["b"]?.boolValue == true)
        #expect(v["n"]?.intValue == 2)
        #expect(v["d"]?.doubleValue == 2.5)
        #expect(v["a"]?[1] == .int(2))
        #expect(v["a"]?[2] == nil)
        #expect(v["o"]?["k"]?.isNull == true)
        #expect(v["missing"] == nil)
        #expect(v["s"]?.intValue == nil)
        #expect(v["b"]?.stringValue == nil)
        #expect(JSONValue.int(1)["x"] == nil)
        #expect(v.typeName == "object")
    }

    @Test("rejects malformed JSON with the right kind", arguments: [
        ("", JSONParseError.Kind.unexpectedEnd), ("   ", .unexpectedEnd), ("01", .invalidNumber),
        ("1.", .unexpectedEnd), ("1.e5", .invalidNumber), ("-", .unexpectedEnd), ("+1", .unexpectedCharacter),
        (".5", .unexpectedCharacter), ("1e", .unexpectedEnd), ("1e+", .unexpectedEnd), ("0x10", .trailingCharacters),
        ("[1,]", .unexpectedCharacter), ("[1 2]", .unexpectedCharacter), ("{\"a\":1,}", .unexpectedCharacter),
        ("{a:1}", .unexpectedCharacter), ("{\"a\" 1}", .unexpectedCharacter), ("{\"a\":1,\"a\":2}", .duplicateKey),
        ("tru", .unexpectedEnd), ("trUe", .unexpectedCharacter), ("nul", .unexpectedEnd), ("NaN", .unexpectedCharacter),
        ("Infinity", .unexpectedCharacter), ("1 2", .trailingCharacters), ("{} x", .trailingCharacters),
        ("\"abc", .unexpectedEnd), ("\"a\tb\"", .controlCharacter), ("\"a\nb\"", .controlCharacter),
        ("\"\\x\"", .invalidEscape), ("\"\\u12\"", .invalidEscape), ("\"\\u12", .unexpectedEnd),
        ("\"\\ud800\"", .invalidSurrogate), ("\"\\udc00\"", .invalidSurrogate), ("\"\\ud800\\u0041\"", .invalidSurrogate),
        ("\u{FEFF}1", .unexpectedCharacter), ("// c\n1", .unexpectedCharacter), ("'a'", .unexpectedCharacter),
        ("1e400", .numberOutOfRange), ("-1e400", .numberOutOfRange), ("[", .unexpectedEnd), ("{", .unexpectedEnd),
        ("{\"a\"", .unexpectedEnd), ("{\"a\":", .unexpectedEnd),
    ])
    func rejects(text: String, kind: JSONParseError.Kind) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.kind == kind, "\(text.debugDescription): \(error)")
        }
    }

    @Test("invalid UTF-8 inside a string is rejected")
    func invalidUTF8() throws {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0x5C, 0x6E, 0xC0, 0xAF, 0x22]] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes) }
        }
        #expect(try JSONValue.parse([0x22, 0xC3, 0xA9, 0x22]) == .string("é"))
    }

    @Test("nesting is limited, without exhausting the stack")
    func depth() throws {
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(try JSONValue.parse(ok).arrayValue != nil)
        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(throws: JSONParseError(.tooDeep, at: 128)) { try JSONValue.parse(deep) }
        let hostile = String(repeating: "{\"a\":[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(hostile) }
        #expect(try JSONValue.parse("[[1]]", maxDepth: 2) == [[1]])
    }

    @Test("every entry point parses the same text")
    func entryPoints() throws {
        let text = "{\"rule\":\"loan_quota\",\"facts\":{\"balance\":4003.4}}"
        let bytes = Array(text.utf8)
        let a = try JSONValue.parse(text)
        #expect(try JSONValue.parse(bytes) == a)
        #expect(try bytes.withUnsafeBytes { (raw) throws(JSONParseError) in try JSONValue.parse(raw) } == a)
        #expect(try JSONValue.parse(utf8: bytes[...]) == a)
        #expect(try JSONValue.parse(utf8: text.utf8) == a)
    }

    @Test("many keys: duplicate detection past the linear-scan size")
    func manyKeys() throws {
        let members = (0..<200).map { "\"k\($0)\":\($0)" }
        let object = try JSONValue.parse("{" + members.joined(separator: ",") + "}")
        #expect(object.objectValue?.count == 200)
        #expect(object["k199"] == .int(199))
        let duplicated = "{" + (members + ["\"k150\":0"]).joined(separator: ",") + "}"
        #expect(throws: JSONParseError.self) { try JSONValue.parse(duplicated) }
    }

    @Test("random bytes never crash the parser; what parses round-trips")
    func fuzzRandomBytes() {
        var rng = SplitMix64(seed: 0xA17E)
        let alphabet = Array("{}[]\",:-+.eE0123456789 \n\\u/tfnrlsaeb".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xE4, 0xBD, 0xA0, 0xF0, 0xFF]
        var parsed = 0
        for _ in 0..<20_000 {
            let n = Int.random(in: 0...24, using: &rng)
            let bytes: [UInt8] = (0..<n).map { _ in
                Bool.random(using: &rng) ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            if let value = try? JSONValue.parse(bytes) {
                parsed += 1
                #expect((try? JSONValue.parse(value.jsonString)) == value)
            }
        }
        #expect(parsed > 0)
    }

    @Test("mutated valid documents never crash the parser")
    func fuzzMutations() {
        var rng = SplitMix64(seed: 7)
        let seeds = [
            "{\"rule\":\"loan_quota\",\"facts\":{\"balance\":40000,\"birth\":\"1985-04\",\"talent\":true,\"x\":[1.5e3,null]}}",
            "[\"中文\\u4e2d\\ud83d\\ude00\",-0.000123,{\"a\":{\"b\":{}}}]",
        ]
        for _ in 0..<20_000 {
            var bytes = Array(seeds.randomElement(using: &rng)!.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: i)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: i)
                }
                if bytes.isEmpty { break }
            }
            if let value = try? JSONValue.parse(bytes) {
                #expect((try? JSONValue.parse(value.jsonString)) == value)
            }
        }
    }

    @Test("JSONWriter writes the same text as the tree, commas and all")
    func writer() {
        var w = JSONWriter()
        w.beginObject()
        w.staticKey("a"); w.int(1)
        w.key("b\"q"); w.beginArray(); w.double(4003.4); w.bool(false); w.null(); w.beginObject(); w.endObject(); w.endArray()
        w.staticKey("c"); w.string("中\n")
        w.staticKey("d"); w.string(utf8: Array("x\"y".utf8))
        w.staticKey("e"); w.value(["k": [1, 2]])
        w.endObject()
        let tree: JSONValue = ["a": 1, "b\"q": [4003.4, false, nil, [:]], "c": "中\n", "d": "x\"y", "e": ["k": [1, 2]]]
        #expect(w.string == tree.jsonString)
        #expect(w.bytes == tree.jsonBytes)
    }

    @Test("random values round-trip")
    func randomValues() throws {
        var rng = SplitMix64(seed: 99)
        func make(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &rng) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &rng))
            case 2: return .int(Int.random(in: Int.min...Int.max, using: &rng))
            case 3:
                let d = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng))
                return d.isFinite ? .double(d) : .double(Double.random(in: -1e6...1e6, using: &rng))
            case 4:
                let scalars = (0..<Int.random(in: 0...8, using: &rng)).map { _ in
                    UnicodeScalar(UInt32.random(in: 0...0xD7FF, using: &rng)).map(Character.init) ?? "x"
                }
                return .string(String(scalars))
            case 5: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in make(depth + 1) })
            default:
                var o = JSONObject()
                for k in 0..<Int.random(in: 0...4, using: &rng) { o["k\(k)"] = make(depth + 1) }
                return .object(o)
            }
        }
        for _ in 0..<3_000 {
            let v = make(0)
            #expect(try JSONValue.parse(v.jsonString) == v)
        }
    }
}
