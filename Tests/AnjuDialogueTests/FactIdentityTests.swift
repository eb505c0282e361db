import AnjuDialogue
import Testing

/// ID numbers and PINs as callers say them: in groups, in Chinese digits, with X or 叉.
@Suite("ID numbers and PINs in speech")
struct FactIdentityTests {
    let analyzer = Fixtures.shared.classifier.analyzer

    @Test("an ID number is read across the groups it is said in", arguments: [
        ("330902 19880715 0013", "330902198807150013"),
        ("330902198807150013", "330902198807150013"),
        ("三三零九零二 一九八八零七一五 零零一三", "330902198807150013"),
        ("三 三 零 九 零 二 一 九 八 八 零 七 一 五 零 零 一 三", "330902198807150013"),
        ("三三零九零二一九八八零七一五零零一X", "33090219880715001X"),
        ("身份证号11010519491231002x", "11010519491231002X"),
        ("110105 19491231 002叉", "11010519491231002X"),
        ("330902198807150013\u{1B}[31m", "330902198807150013"),
        ("我的身份证是 330902 1988 0715 0013 密码135790", "330902198807150013"),
    ])
    func idNumber(said: String, id: String) {
        let normalized = analyzer.normalize(said)
        #expect(FactExtractor.idNumber(in: normalized) == id, "\(said) «\(normalized)»")
    }

    @Test("no ID number where the groups do not make 18 characters, or X is not last", arguments: [
        "330902 19880715 001", "3309021988071500131", "33090219880715X013", "1234 5678", "租房能提多少", "",
    ])
    func noIDNumber(said: String) {
        #expect(FactExtractor.idNumber(in: analyzer.normalize(said)) == nil, "\(said)")
    }

    @Test("a six-digit PIN, said at once, in groups or in Chinese digits", arguments: [
        ("135790", "135790"), ("135 790", "135790"), ("幺三五七九零", "135790"), ("密码是一三五七九零", "135790"),
        ("1 3 5 7 9 0", "135790"), ("330902 19880715 0013 135790", "135790"),
    ])
    func pin(said: String, pin: String) {
        let normalized = analyzer.normalize(said)
        #expect(FactExtractor.pin(in: normalized) == pin, "\(said) «\(normalized)»")
    }

    @Test("no PIN in other numbers", arguments: ["12345", "1234567", "330902 19880715 0013", "余额三万"])
    func noPIN(said: String) {
        let normalized = analyzer.normalize(said)
        #expect(FactExtractor.pin(in: normalized) == nil, "\(said) «\(normalized)»")
    }
}
