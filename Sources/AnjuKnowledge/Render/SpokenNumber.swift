/// Numbers written out the way they are spoken (for the phone line): 800000 → 八十万,
/// 15000 → 一万五千, 2.6 → 二点六, 2025 (as a year) → 二〇二五.
public enum SpokenNumber {
    static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// An integer in Chinese words (0 ≤ n < 10¹²), e.g. 1200000 → 一百二十万, 2 → 二.
    public static func integer(_ n: Int64) -> String {
        if n == 0 { return "零" }
        if n < 0 { return "负" + integer(-n) }
        let yi = n / 100_000_000, wan = (n / 10_000) % 10_000, rest = n % 10_000
        var out = ""
        var needZero = false
        // (a number that starts with a lone 2 before its unit says 两: 两万, 两亿)
        if yi > 0 { out += (yi == 2 ? "两" : below10k(Int(yi), leading: true)) + "亿"; needZero = true }
        if wan > 0 {
            if needZero && wan < 1000 { out += "零" }
            out += (wan == 2 && out.isEmpty ? "两" : below10k(Int(wan), leading: out.isEmpty)) + "万"
            needZero = true
        } else if yi > 0 && rest > 0 {
            out += "零"; needZero = false
        }
        if rest > 0 {
            if needZero && rest < 1000 && !out.hasSuffix("零") { out += "零" }
            out += below10k(Int(rest), leading: out.isEmpty)
        }
        return out
    }

    /// 0 < n < 10000; `leading` drops the 一 of 一十 (十五, not 一十五).
    static func below10k(_ n: Int, leading: Bool) -> String {
        let units = ["千", "百", "十", ""]
        let parts = [n / 1000, (n / 100) % 10, (n / 10) % 10, n % 10]
        var out = ""
        var zero = false
        var started = false
        for (i, d) in parts.enumerated() {
            if d == 0 {
                if started { zero = true }
                continue
            }
            if zero { out += "零"; zero = false }
            if i == 2 && d == 1 && !started && leading { out += "十" }
            // 两千 at the head of a number (两千六百三十六; 一万二千 keeps its 二)
            else if i == 0 && d == 2 && !started && leading { out += "两千" }
            else { out += digits[d] + units[i] }
            started = true
        }
        return out
    }

    /// A decimal number: 2.6 → 二点六, 3.075 → 三点零七五, 15 → 十五.
    public static func decimal(_ x: Double) -> String {
        var text = String(format: "%.4f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        let parts = text.split(separator: ".")
        var out = integer(Int64(parts[0]) ?? 0)
        if parts.count == 2 { out += "点" + parts[1].map { digits[Int(String($0)) ?? 0] }.joined() }
        return out
    }

    /// A count before a measure word: 2 → 两 (两年, 两套), others as `integer`.
    public static func count(_ n: Int64) -> String { n == 2 ? "两" : integer(n) }

    /// Digits one by one: a year (二〇二五) or a phone number (一二三二九).
    public static func digitByDigit(_ text: String) -> String {
        text.map { c in c == "0" ? "〇" : (c.wholeNumberValue.map { digits[$0] } ?? String(c)) }.joined()
    }

    /// An amount of money in yuan: 450000 → 四十五万元, 12345.67 → 一万二千三百四十五元六角七分.
    public static func money(_ yuan: Double) -> String {
        let cents = Int64((yuan * 100).rounded())
        var out = integer(cents / 100) + "元"
        let jiao = (cents / 10) % 10, fen = cents % 10
        if jiao > 0 { out += digits[Int(jiao)] + "角" }
        if fen > 0 { out += (jiao == 0 ? "零" : "") + digits[Int(fen)] + "分" }
        return out
    }

    /// A date YYYY-MM-DD or YYYY-MM: 二〇二五年五月八日.
    public static func date(_ iso: String) -> String {
        let p = iso.split(separator: "-").map(String.init)
        guard p.count >= 2, let m = Int64(p[1]) else { return iso }
        var out = digitByDigit(p[0]) + "年" + integer(m) + "月"
        if p.count >= 3, let d = Int64(p[2]) { out += integer(d) + "日" }
        return out
    }
}

/// Figures written for reading (chat and staff): money as 80万元 or 12,345.67元.
public enum WrittenNumber {
    /// 800000 → 80万元, 1200000 → 120万元, 30000 → 30,000元, 12345.67 → 12,345.67元
    /// (万 from 10万 up, so a list of caps reads 15,000元 / 30,000元 / 36,000元).
    public static func money(_ yuan: Double) -> String {
        let cents = (yuan * 100).rounded()
        if cents.truncatingRemainder(dividingBy: 1_000_000) == 0 && abs(yuan) >= 100_000 {
            return "\(Int64(yuan / 10_000))万元"
        }
        return grouped(yuan) + "元"
    }

    /// 12345.67 → 12,345.67; 15000 → 15,000 (no decimals when whole).
    public static func grouped(_ value: Double) -> String {
        let cents = Int64((abs(value) * 100).rounded())
        var integer = String(cents / 100)
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        var out = (value < 0 ? "-" : "") + groups.joined(separator: ",")
        if cents % 100 != 0 { out += "." + String(format: "%02d", cents % 100) }
        return out
    }

    /// 2.6 → 2.6, 2.10 → 2.1, 15 → 15.
    public static func decimal(_ x: Double) -> String {
        var text = String(format: "%.4f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
