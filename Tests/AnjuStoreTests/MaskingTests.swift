import Testing
@testable import AnjuStore
import AnjuIntents

@Suite("Masking and redaction")
struct MaskingTests {
    @Test("ID numbers keep the first 3 and last 4 characters")
    func idMask() {
        #expect(Masking.idNumber("330902198807150013") == "330***********0013")
        #expect(Masking.idNumber("32090219751108003X") == "320***********003X")
    }

    @Test("phone numbers keep the first 3 and last 4 digits")
    func phoneMask() {
        #expect(Masking.phone("13857201234") == "138****1234")
        #expect(Masking.phone("") == "")
        #expect(Masking.phone("1234") == "****")
    }

    @Test("ID numbers in free text are masked, with X or x")
    func redactsIDs() {
        #expect(Redactor.mask("我的身份证是330902198807150013") == "我的身份证是330***********0013")
        #expect(Redactor.mask("32090219751108003x，查余额") == "320***********003x，查余额")
        #expect(Redactor.mask("老号码330902880715001") == "老号码330********5001")
    }

    @Test("mobile numbers in free text are masked")
    func redactsPhones() {
        #expect(Redactor.mask("手机13857201234换了") == "手机138****1234换了")
        #expect(Redactor.mask("打138 5720 1234") == "打138 **** 1234")
        #expect(Redactor.mask("打138-5720-1234") == "打138-****-1234")
    }

    @Test("a standalone 6-digit number is hidden entirely: it could be a PIN")
    func redactsSixDigits() {
        #expect(Redactor.mask("密码是135790") == "密码是******")
        #expect(Redactor.mask("135790") == "******")
        #expect(Redactor.mask("１３５７９０") == "******")
        #expect(Redactor.mask("一三五七九零") == "******")
    }

    @Test("other numbers are left alone")
    func keepsOtherNumbers() {
        #expect(Redactor.mask("贷款100万30年月供多少") == "贷款100万30年月供多少")
        #expect(Redactor.mask("2026-11-22 余额12345.67元") == "2026-11-22 余额12345.67元")
        #expect(Redactor.mask("余额123456.78元") == "余额123456.78元")
        #expect(Redactor.mask("电话0580-2021234") == "电话0580-2021234")
        #expect(Redactor.mask("12345 和 1234567") == "12345 和 1234567")
    }

    @Test("grouped ID numbers are masked as one number")
    func redactsGroupedID() {
        #expect(Redactor.mask("330902 19880715 0013") == "330*** ******** 0013")
    }

    @Test("the shortcut for texts without a long number never leaves a number unmasked (random texts)")
    func shortcutAgreesWithFullMasking() {
        // Digits of every kind, separators and decimal points, words and an X, drawn so that
        // chains of 5 to 7 digits are common.
        let alphabet: [String] = ["1", "3", "0", "９", "一", "零", "幺", "〇", " ", "-", ",", "，", "、", ".", "．", "\u{3000}",
                                  "X", "e", "+", "元", "月", "余额", "\u{F9B2}", "3\u{301}", "\u{301}", "\u{200D}", "5\u{FE0F}", "\u{0600}3"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let length = Int(random.next() % 16)
            let text = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
            if !Redactor.mayHoldLongNumber(text) {
                #expect(Redactor.maskCharacters(text) == text, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }
}
