import AnjuKnowledge

/// Money, rates and durations as each channel shows them.
enum Figures {
    /// chat/staff: 45万元 or 12,345.67元; ivr: 四十五万元.
    static func money(_ yuan: Double, _ channel: Channel) -> String {
        channel == .ivr ? SpokenNumber.money(yuan) : WrittenNumber.money(yuan)
    }

    /// Exact money for statements of an account (always 12,345.67元 in writing).
    static func exactMoney(_ yuan: Double, _ channel: Channel) -> String {
        if channel == .ivr { return SpokenNumber.money(yuan) }
        let text = WrittenNumber.grouped(yuan)
        return (text.contains(".") ? text : text + ".00") + "元"
    }

    static func percent(_ value: Double, _ channel: Channel) -> String {
        channel == .ivr ? "百分之" + SpokenNumber.decimal(value) : WrittenNumber.decimal(value) + "%"
    }

    static func count(_ n: Int, _ channel: Channel, unit: String) -> String {
        (channel == .ivr ? SpokenNumber.count(Int64(n)) : String(n)) + unit
    }

    /// A year as 1972 / 一九七二 (digit by digit, as a year is read).
    static func year(_ year: Int, _ channel: Channel) -> String {
        channel == .ivr ? SpokenNumber.digitByDigit(String(year)) : String(year)
    }

    /// YYYY-MM as 2025年5月 / 二〇二五年五月.
    static func month(_ ym: String, _ channel: Channel) -> String {
        let p = ym.split(separator: "-")
        guard p.count >= 2, let y = Int(p[0]), let m = Int(p[1]) else { return ym }
        return channel == .ivr ? SpokenNumber.date("\(y)-\(m)") : "\(y)年\(m)月"
    }
}

/// The phone line's last safety net: at most 120 characters, no digits, symbols, lists or URLs.
enum IVRText {
    static let limit = 120

    /// Units after which a number is a quantity, read as one (61岁 → 六十一岁, 10月 → 十月).
    static let quantityUnits: Set<Character> = ["岁", "个", "月", "日", "号", "天", "期", "套", "元", "万", "千", "百", "次", "倍", "年", "%", "成"]

    /// How a run of digits is read: a year (4 digits before 年) and long codes (phone numbers,
    /// over 4 digits with no unit after) digit by digit; a decimal (2.6) as one; any other
    /// number as a quantity (61岁 六十一岁, not 六一岁).
    static func spoken(_ digits: String, next: Character?) -> String {
        if digits.contains(".") { return Double(digits).map(SpokenNumber.decimal) ?? SpokenNumber.digitByDigit(digits) }
        let unit = next.map(quantityUnits.contains) ?? false
        if digits.count == 4, next == "年" { return SpokenNumber.digitByDigit(digits) }
        if digits.count > 4 && !unit || digits.count > 12 || digits.count > 1 && digits.hasPrefix("0") { return SpokenNumber.digitByDigit(digits) }
        return Int64(digits).map(SpokenNumber.integer) ?? SpokenNumber.digitByDigit(digits)
    }

    static func clean(_ text: String) -> String {
        var out = ""
        var digits = ""
        let chars = Array(text)
        func flushDigits(next: Character?) {
            if !digits.isEmpty { out += spoken(digits, next: next); digits = "" }
        }
        for (i, ch) in chars.enumerated() {
            if ch.isASCII && ch.isNumber { digits.append(ch); continue }
            // A decimal point between digits stays in the number (2.6 → 二点六).
            if ch == ".", !digits.isEmpty, !digits.contains("."), i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber {
                digits.append(ch)
                continue
            }
            flushDigits(next: ch)
            if ch == "%" { out += "百分比"; continue }
            if ch.isNewline || ch == "-" || ch == "•" || ch == "*" || ch == "/" || ch == ":" || ch == "：" || ch == ";" || ch == "；"
                || ch == "(" || ch == ")" || ch == "（" || ch == "）" || ch == "、" || ch == "\"" || ch == "“" || ch == "”"
                || ch == "【" || ch == "】" || ch == "《" || ch == "》" || ch == "〔" || ch == "〕" || ch == "~" || ch == "×" {
                if let last = out.last, last != "，" && last != "。" { out += "，" }
                continue
            }
            if ch.isASCII && (ch.isLetter || ch.isPunctuation || ch.isSymbol) && ch != "," && ch != "." && ch != "?" {
                continue
            }
            let mapped: Character = ch == "," ? "，" : ch == "." ? "。" : ch == "?" ? "？" : ch
            // A pause after a pause is one pause (（…），截至 → …，截至).
            if mapped == "，", let last = out.last, last == "，" || last == "。" { continue }
            if mapped == "。", out.last == "，" { out.removeLast() }
            out.append(mapped)
        }
        flushDigits(next: nil)
        while out.hasPrefix("，") { out.removeFirst() }
        return truncate(out)
    }

    /// Cuts at the last sentence end within the limit.
    static func truncate(_ text: String) -> String {
        guard text.count > limit else { return text }
        let head = String(text.prefix(limit))
        if let end = head.lastIndex(where: { "。？！".contains($0) }), head.distance(from: head.startIndex, to: end) > 20 {
            return String(head[...end])
        }
        if let end = head.lastIndex(of: "，"), head.distance(from: head.startIndex, to: end) > 20 {
            return String(head[..<end]) + "。"
        }
        return String(head.prefix(limit - 1)) + "。"
    }
}
