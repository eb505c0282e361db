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

    static func clean(_ text: String) -> String {
        var out = ""
        var digits = ""
        func flushDigits() {
            if !digits.isEmpty { out += SpokenNumber.digitByDigit(digits); digits = "" }
        }
        for ch in text {
            if ch.isASCII && ch.isNumber { digits.append(ch); continue }
            flushDigits()
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
            out.append(ch == "," ? "，" : ch == "." ? "。" : ch == "?" ? "？" : ch)
        }
        flushDigits()
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
