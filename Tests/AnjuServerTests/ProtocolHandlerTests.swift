import AnjuJSON
import AnjuProtocol
@testable import AnjuServer
import Testing

@Suite("ProtocolHandler: one line in, one line out")
struct ProtocolHandlerTests {
    let backend = FakeBackend()
    var handler: ProtocolHandler { ProtocolHandler(backend: backend) }

    func reply(_ line: String) async -> Reply {
        var state = ConnectionState(plainSession: "plain:test")
        return await handler.reply(toLine: line, connection: &state)
    }

    // MARK: ops

    @Test func pingWithoutID() async {
        #expect(await reply(#"{"op":"ping"}"#).text == #"{"ok":true,"pong":true}"#)
    }

    @Test(arguments: [
        (#""a-1""#, #""a-1""#), ("7", "7"), ("-3", "-3"), ("2.5", "2.5"), ("1e2", "1e2"), (#""""#, #""""#),
        (#""编号""#, #""编号""#),
    ])
    func idIsEchoed(id: String, echoed: String) async {
        #expect(await reply(#"{"id":\#(id),"op":"ping"}"#).text == #"{"ok":true,"id":\#(echoed),"pong":true}"#)
    }

    @Test func idIsEchoedOnErrors() async {
        let r = await reply(#"{"id":42,"op":"nope"}"#)
        #expect(r.object["id"] == 42)
        #expect(r.code == "unknown_op")
        #expect(r.text.hasPrefix(#"{"ok":false,"id":42,"error":{"code":"unknown_op","message":"#))
    }

    @Test(arguments: ["true", "null", "[1]", #"{"a":1}"#])
    func idOfWrongTypeIsBadRequestWithoutEcho(id: String) async {
        let r = await reply(#"{"id":\#(id),"op":"ping"}"#)
        #expect(r.code == "bad_request")
        #expect(r.object["id"] == nil)
        #expect(r.message.contains("id"))
    }

    @Test func askReturnsBackendFieldsAfterOkAndID() async {
        let r = await reply(#"{"id":"q1","op":"ask","session":"s-1","text":"怎么提取公积金"}"#)
        #expect(r.errorCode == nil)
        #expect(Array(r.object.keys.prefix(3)) == ["ok", "id", "session"])
        #expect(r.object["ok"] == true)
        #expect(r.object["session"] == "s-1")
        #expect(r.object["reply"]?.stringValue?.hasPrefix("答：怎么提取公积金") == true)
        #expect(r.object["expecting"] == .null)
        #expect(backend.calls == ["ask:chat"])
    }

    @Test func opDefaultsToAsk() async {
        let r = await reply(#"{"session":"s","text":"你好"}"#)
        #expect(r.object["intent"] == "withdraw_purchase")
    }

    @Test(arguments: Channel.allCases)
    func askPassesTheChannel(channel: Channel) async {
        _ = await reply(#"{"session":"s","text":"你好","channel":"\#(channel.rawValue)"}"#)
        #expect(backend.calls == ["ask:\(channel.rawValue)"])
    }

    @Test func askKeepsSessionsApart() async {
        _ = await reply(#"{"session":"a","text":"一"}"#)
        let second = await reply(#"{"session":"a","text":"二"}"#)
        let other = await reply(#"{"session":"b","text":"三"}"#)
        #expect(second.object["reply"]?.stringValue?.contains("第 2 轮") == true)
        #expect(other.object["reply"]?.stringValue?.contains("第 1 轮") == true)
    }

    @Test func classifyUsesLimitDefaultFive() async {
        let r = await reply(#"{"op":"classify","text":"提取"}"#)
        #expect(r.object["candidates"]?.arrayValue?.count == 5)
        #expect(r.object["tokens"] == ["提", "取"])
        let three = await reply(#"{"op":"classify","text":"提取","limit":3.0}"#)
        #expect(three.object["candidates"]?.arrayValue?.count == 3)
    }

    @Test func classifyFastPathWritesTheSameLineAsTheObjectPath() {
        let object: JSONObject = ["intent": "loan_quota", "confidence": 0.9876, "candidates": [["intent": "loan_quota", "score": 0.9876]], "tokens": ["能", "贷"]]
        var writer = JSONWriter()
        writer.members(of: object)
        for value: JSONValue? in [nil, 7, "x-1"] {
            let id = value.map(RequestID.init)
            #expect(Reply.success(id: id, members: writer.bytes).text == Reply.success(id: id, fields: object).text)
        }
        #expect(Reply.success(id: nil, members: []).text == #"{"ok":true}"#)
        // Both are the value tree's own serialisation, with `ok` first.
        #expect(Reply.success(id: nil, fields: object).text == #"{"ok":true,"# + JSONValue.object(object).jsonString.dropFirst())
    }

    @Test func faqReturnsResults() async {
        let r = await reply(#"{"id":1,"op":"faq","query":"贷款额度","limit":20}"#)
        #expect(r.object["results"]?.arrayValue?.count == 20)
        #expect(r.object["id"] == 1)
    }

    @Test func checkRunsRule() async {
        let r = await reply(#"{"op":"check","rule":"loan_eligibility","facts":{"balance":1000,"continuous_months":12}}"#)
        #expect(r.object["result"]?["eligible"] == true)
        #expect(r.object["result"]?["facts"] == 2)
    }

    @Test func checkUnknownRuleComesFromBackend() async {
        let r = await reply(#"{"id":"c","op":"check","rule":"fly","facts":{}}"#)
        #expect(r.code == "unknown_rule")
        #expect(r.object["id"] == "c")
    }

    @Test func resetForgetsTheSession() async {
        _ = await reply(#"{"session":"r","text":"一"}"#)
        let r = await reply(#"{"id":9,"op":"reset","session":"r"}"#)
        #expect(r.text == #"{"ok":true,"id":9,"session":"r"}"#)
        #expect(backend.resets == ["r"])
        let again = await reply(#"{"session":"r","text":"二"}"#)
        #expect(again.object["reply"]?.stringValue?.contains("第 1 轮") == true)
    }

    // MARK: errors

    @Test(arguments: [#"{"#, #"{"op":"ping""#, #"{"op":ping}"#, #"{"op":"ping"} x"#, #"{"op":"ping",}"#,
                      #"{"a":1,"a":2}"#, #"{"text":"\x"}"#])
    func badJSON(line: String) async {
        let r = await reply(line)
        #expect(r.code == "bad_json")
        #expect(r.object["id"] == nil)
        #expect(r.message.contains("JSON"))
        #expect(r.message.contains("请"))  // says what to do, in Chinese …
        #expect(r.message.contains("Send one complete JSON object per line"))  // … and English
    }

    @Test func nonObjectRequestIsBadRequest() async {
        for value: JSONValue in [[1, 2], "ping", 3, nil, true] {
            let r = await handler.reply(toRequest: value)
            #expect(r.code == "bad_request")
            #expect(r.message.contains("JSON 对象"))
        }
    }

    @Test func opOfWrongType() async {
        let r = await reply(#"{"id":"x","op":5}"#)
        #expect(r.code == "bad_request")
        #expect(r.message.contains("`op`"))
        #expect(r.object["id"] == "x")
    }

    @Test func unknownOpNamesTheOps() async {
        let r = await reply(#"{"op":"delete"}"#)
        #expect(r.code == "unknown_op")
        #expect(r.message.contains("delete"))
        #expect(r.message.contains("ask, open, classify, faq, check, reset, ping"))
    }

    /// Each case: request, the field the message must name.
    @Test(arguments: [
        (#"{"op":"ask","session":"","text":"hi"}"#, "session"),
        (#"{"op":"ask","session":"has space","text":"hi"}"#, "session"),
        (#"{"op":"ask","session":"会话","text":"hi"}"#, "session"),
        (#"{"op":"ask","session":7,"text":"hi"}"#, "session"),
        (#"{"op":"ask","session":"\#(String(repeating: "a", count: 65))","text":"hi"}"#, "session"),
        (#"{"op":"ask","session":"s","text":"hi","channel":"sms"}"#, "channel"),
        (#"{"op":"ask","session":"s","text":"hi","channel":1}"#, "channel"),
        (#"{"op":"ask","session":"s"}"#, "text"),
        (#"{"op":"ask","session":"s","text":""}"#, "text"),
        (#"{"op":"ask","session":"s","text":["a"]}"#, "text"),
        (#"{"op":"ask","session":"s","text":null}"#, "text"),
        (#"{"op":"classify"}"#, "text"),
        (#"{"op":"classify","text":"x","limit":0}"#, "limit"),
        (#"{"op":"classify","text":"x","limit":21}"#, "limit"),
        (#"{"op":"classify","text":"x","limit":2.5}"#, "limit"),
        (#"{"op":"classify","text":"x","limit":"5"}"#, "limit"),
        (#"{"op":"faq"}"#, "query"),
        (#"{"op":"faq","query":""}"#, "query"),
        (#"{"op":"faq","query":{}}"#, "query"),
        (#"{"op":"faq","query":"q","limit":-1}"#, "limit"),
        (#"{"op":"check","facts":{}}"#, "rule"),
        (#"{"op":"check","rule":1,"facts":{}}"#, "rule"),
        (#"{"op":"check","rule":"loan_eligibility"}"#, "facts"),
        (#"{"op":"check","rule":"loan_eligibility","facts":[1]}"#, "facts"),
        (#"{"op":"reset"}"#, "session"),
        (#"{"op":"reset","session":"a/b"}"#, "session"),
    ])
    func badRequestNamesTheField(line: String, field: String) async {
        let r = await reply(line)
        #expect(r.code == "bad_request", "\(line)")
        #expect(r.message.contains("`\(field)`"), "\(r.message)")  // English part
        #expect(r.message.contains("字段 \(field)"), "\(r.message)")  // Chinese part
        #expect(backend.calls.isEmpty)
    }

    @Test func textLengthCountsUnicodeScalars() async {
        let fiveHundred = String(repeating: "公", count: 500)
        #expect(await reply(#"{"session":"s","text":"\#(fiveHundred)"}"#).errorCode == nil)
        let r = await reply(#"{"session":"s","text":"\#(fiveHundred)积"}"#)
        #expect(r.code == "bad_request")
        #expect(r.message.contains("501"))
        // 250 thumbs-up with a skin tone: 250 characters but 500 scalars (accepted) …
        let thumbs = String(repeating: "👍🏽", count: 250)
        #expect(await reply(#"{"session":"s","text":"\#(thumbs)"}"#).errorCode == nil)
        // … one more is 502 scalars.
        #expect(await reply(#"{"session":"s","text":"\#(thumbs)👍🏽"}"#).code == "bad_request")
    }

    @Test func sessionOfSixtyFourAllowedCharactersIsFine() async {
        let session = String(repeating: "aZ0_.:-", count: 9) + "x"
        #expect(session.count == 64)
        #expect(await reply(#"{"op":"reset","session":"\#(session)"}"#).errorCode == nil)
    }

    @Test func unusedAndUnknownFieldsAreIgnored() async {
        #expect(await reply(#"{"op":"ping","limit":"many","future_field":[1,2]}"#).text == #"{"ok":true,"pong":true}"#)
    }

    @Test func backendInternalFailureIsAnInternalReply() async {
        let r = await reply(#"{"id":"z","session":"s","text":"boom"}"#)
        #expect(r.code == "internal")
        #expect(r.object["id"] == "z")
    }

    @Test func lockedComesFromBackend() async {
        #expect(await reply(#"{"session":"s","text":"locked"}"#).code == "locked")
    }

    @Test func messagesAreBilingual() async {
        for line in [#"{"op":"ask"}"#, #"{"op":"x"}"#, "{", #"{"id":true}"#] {
            let message = await reply(line).message
            #expect(message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(message)")
            #expect(message.contains(" / "), "\(message)")
        }
    }

    // MARK: mode detection

    @Test func leadingSpacesAndBOMBeforeBraceAreJSON() async {
        #expect(await reply(#"  {"op":"ping"}"#).text == #"{"ok":true,"pong":true}"#)
        #expect(await reply("\u{FEFF}\t{\"op\":\"ping\"}").text == #"{"ok":true,"pong":true}"#)
    }

    @Test func otherJSONValuesArePlainText() async {
        let r = await reply("[1,2]")
        #expect(r.format == .plain)
        #expect(backend.calls == ["ask:chat"])
    }

    // MARK: plain text

    @Test func plainLineIsAskedInTheConnectionSession() async {
        var state = ConnectionState(plainSession: "plain:abc")
        let first = await handler.reply(toLine: "怎么提取公积金？", connection: &state)
        let second = await handler.reply(toLine: "  买房  ", connection: &state)
        #expect(first.format == .plain)
        #expect(first.text == "答：怎么提取公积金？ 第 1 轮 （chat）")
        #expect(second.text == "答：买房 第 2 轮 （chat）")
        #expect(state.plainSessionUsed)
        #expect(backend.calls == ["ask:chat", "ask:chat"])
    }

    @Test func plainEmptyLineGetsAHint() async {
        var state = ConnectionState()
        for line in ["", "   ", "\u{3000}", "\u{FEFF}"] {
            let r = await handler.reply(toLine: line, connection: &state)
            #expect(r.format == .plain)
            #expect(r.errorCode == nil)
            #expect(r.text.contains("请输入"))
        }
        #expect(!state.plainSessionUsed)
        #expect(backend.calls.isEmpty)
    }

    @Test func plainErrorsArePlainLines() async {
        var state = ConnectionState()
        let boom = await handler.reply(toLine: "boom", connection: &state)
        #expect(boom.text.hasPrefix("错误："))
        #expect(boom.errorCode == .internal)
        let long = await handler.reply(toLine: String(repeating: "长", count: 501), connection: &state)
        #expect(long.text.hasPrefix("错误："))
        #expect(long.errorCode == .badRequest)
    }

    @Test func invalidUTF8Bytes() async {
        var state = ConnectionState()
        let plain = await handler.reply(toLineBytes: [0x61, 0xFF, 0x62], connection: &state)
        #expect(plain.errorCode == .badUTF8)
        #expect(plain.format == .plain)
        let json = await handler.reply(toLineBytes: Array(#"{"text":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), connection: &state)
        #expect(json.code == "bad_utf8")
        let good = await handler.reply(toLineBytes: Array(#"{"op":"ping"}"#.utf8), connection: &state)
        #expect(good.text == #"{"ok":true,"pong":true}"#)
    }

    @Test func everyReplyIsOneLine() async {
        let lines = [
            #"{"session":"s","text":"a\nb"}"#, "多行\n回复", #"{"op":"x\ny"}"#, "{\"op\":\"ping\"\n", "boom",
        ]
        for line in lines {
            let r = await reply(line)
            #expect(!r.bytes.contains(UInt8(ascii: "\n")) && !r.bytes.contains(UInt8(ascii: "\r")), "\(r.text)")
        }
    }

    @Test func plainSessionIDsAreValidAndDistinct() {
        let ids = (0..<100).map { _ in ConnectionState.makePlainSessionID() }
        #expect(Set(ids).count == 100)
        for id in ids {
            #expect(id.count == 38)  // "plain:" and 128 bits in hex
            #expect(id.utf8.allSatisfy(Fields.isSessionByte))
        }
    }

    @Test func oneLineFlattening() {
        #expect(PlainText.oneLine("甲\n\n乙") == "甲 乙")
        #expect(PlainText.oneLine("甲 \r\n 乙\u{2028}丙") == "甲 乙 丙")
        #expect(PlainText.oneLine("\n甲  乙\n") == "甲  乙")
    }
}
