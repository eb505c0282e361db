import Testing
import AnjuStore

/// Every way an ID number, phone or PIN may be written reaches the log masked (issue 13, #9).
@Suite("Redaction of every digit form")
struct RedactionFormsTests {
    /// Text in, the digits that must not survive in the masked text.
    static let cases: [(text: String, secret: String)] = [
        ("身份证330902198807150013", "198807150013"),
        ("身份证３３０９０２１９８８０７１５００１３", "１９８８０７１５"),
        ("三三零九零二一九八八零七一五零零一三", "一九八八零七一五"),
        ("三三〇九〇二一九八八〇七一五〇〇一三", "一九八八〇七一五"),
        ("330 902 198 807 150 013", "198 807 150"),
        ("3 3 0 9 0 2 1 9 8 8 0 7 1 5 0 0 1 3", "1 9 8 8 0 7 1 5"),
        ("330902　19880715　0013", "19880715"),
        ("330,902,198,807,150,013", "198,807,150"),
        ("号码3.3090219880715e+17", "3090219880715"),
        ("号码3.3090219880715E17", "3090219880715"),
        ("号码３.３０９０２１９８８０７１５ｅ＋１７", "９０２１９８８"),
        ("手机幺三八五七二零幺二三四", "五七二零"),
        ("手机1 3 8 5 7 2 0 1 2 3 4", "5 7 2 0"),
        ("手机１３８５７２０１２３４", "５７２０"),
        ("密码1 3 5 7 9 0", "1 3 5 7 9 0"),
        ("密码135 790", "135 790"),
        ("密码一三五七九零", "一三五七九零"),
    ]

    @Test("no form of a personal number survives masking", arguments: cases.indices)
    func masked(_ index: Int) {
        let (text, secret) = Self.cases[index]
        let masked = Redactor.mask(text)
        #expect(!masked.contains(secret), "\(text) → \(masked)")
        #expect(masked.count == text.count)
    }

    @Test("amounts, dates and short numbers stay readable")
    func kept() {
        #expect(Redactor.mask("贷款100万30年月供多少") == "贷款100万30年月供多少")
        #expect(Redactor.mask("2026-11-22 余额12345.67元") == "2026-11-22 余额12345.67元")
        #expect(Redactor.mask("月供4003.4 利率2.6e-2") == "月供4003.4 利率2.6e-2")
        #expect(Redactor.mask("价格1,200,000元") == "价格1,200,000元")
    }
}
