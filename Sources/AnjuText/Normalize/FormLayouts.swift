/// Layouts of a clerk's pasted form, rewritten before the text is read so every fact reader
/// sees "label value": ticks in square brackets, lettered options with the letter chosen,
/// labels and values in two slash-separated lists, question–answer pairs, and values struck
/// through in markdown.
///
/// Each rewrite works on raw scalars (before punctuation becomes space) and returns its input
/// unchanged when the text has no sign of the layout, so most queries cost one scan.
extension Normalizer {
    /// All the layout rewrites, in order.
    static func formLayouts(_ input: [UInt32]) -> [UInt32] {
        questionsAndAnswers(slashLists(chosenOptions(bracketTicks(withoutStruckText(withoutLabelUnits(pipeTables(labelsThenValues(changeArrows(crossedFields(withoutPageButtons(jsonRecords(callTranscripts(quotedReplies(circledOptions(withoutListNumbers(withoutTimestamps(input)))))))))))))))))
    }

    // MARK: List numbers

    /// `3.是否首套住房？是 4.还款方式？等额本息` → `…是 ； 还款方式…`: the number of a list's item
    /// (one or two digits and a stop . ． 、 before a Chinese character, at the start or after a
    /// space or punctuation) becomes a clause break, so it is never read as the value before it
    /// (住房是 4 → four homes). 2.5万 and A1. keep theirs.
    static func withoutListNumbers(_ input: [UInt32]) -> [UInt32] {
        // The end of the item number at `i`, when one stands there.
        func itemNumberEnd(_ i: Int) -> Int? {
            guard CharClass.isASCIIDigit(input[i]) else { return nil }
            if i > 0, CharClass.isASCIIDigit(input[i - 1]) || CharClass.isIdeograph(input[i - 1]) || CharClass.isASCIILetter(input[i - 1])
                || input[i - 1] == 0x2E || input[i - 1] == 0x2C || input[i - 1] == 0x3A || input[i - 1] == 0xFF1A { return nil }
            var j = i
            while j < input.count, j - i < 2, CharClass.isASCIIDigit(input[j]) { j += 1 }
            guard j + 1 < input.count, input[j] == 0x2E || input[j] == 0xFF0E || input[j] == 0x3001, CharClass.isIdeograph(input[j + 1]) else { return nil }
            return j + 1
        }
        // (most texts have none: no copy for them)
        guard input.contains(where: { $0 == 0x2E || $0 == 0xFF0E || $0 == 0x3001 }), input.indices.contains(where: { itemNumberEnd($0) != nil }) else { return input }
        return replacingSpans(input) { i, out in
            guard let end = itemNumberEnd(i) else { return nil }
            out += [0x20, 0xFF1B, 0x20]
            return end
        }
    }

    // MARK: Circled options

    /// Whether `v` is a circled number ① … ⑳.
    static func isCircledNumber(_ v: UInt32) -> Bool { (0x2460...0x2473).contains(v) }

    /// `本市是否已有住房？①是 【②否】` → `本市是否已有住房？ 否`: a printed form's options numbered
    /// ①②③ with the one chosen in 【】 — the others go, and the chosen one loses its marks.
    /// Options with none chosen stay.
    static func circledOptions(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(where: isCircledNumber), input.contains(0x3010) else { return input }
        // Each option: a circled number (after 【 when chosen) up to the next option or the end
        // of the group (a space followed by something else, or a clause end).
        var out: [UInt32] = []
        var i = 0
        while i < input.count {
            // the start of a group of options
            guard isCircledNumber(input[i]) || (input[i] == 0x3010 && i + 1 < input.count && isCircledNumber(input[i + 1])) else {
                out.append(input[i]); i += 1; continue
            }
            var options: [(text: [UInt32], chosen: Bool)] = []
            var j = i
            while j < input.count {
                let chosen = input[j] == 0x3010
                let start = chosen ? j + 1 : j
                guard start < input.count, isCircledNumber(input[start]) else { break }
                var k = start + 1
                while k < input.count, !isCircledNumber(input[k]), input[k] != 0x3010, input[k] != 0x3011, !isTypedSpace(input[k]), !clauseEnds.contains(input[k]) { k += 1 }
                options.append((Array(input[(start + 1)..<k]), chosen))
                if chosen, k < input.count, input[k] == 0x3011 { k += 1 }
                while k < input.count, isTypedSpace(input[k]) { k += 1 }
                j = k
            }
            if let picked = options.first(where: \.chosen) {
                out += [0x20] + picked.text + [0x20]
            } else {
                out += input[i..<j]
            }
            i = max(j, i + 1)
        }
        return out
    }

    // MARK: E-mail replies

    /// `应为6,200元，不是8,200元 … > 税前月收入：8,200元 > 本市住房：无` → the quoted message first,
    /// then the reply: an e-mail's reply with the message it answers quoted after it (each quoted
    /// line begins with `>`), put in the order written, so the reply's correction comes after
    /// the figure it corrects. Needs text before the first quote mark and two quote marks.
    static func quotedReplies(_ input: [UInt32]) -> [UInt32] {
        let isMark: (Int) -> Bool = { i in
            (input[i] == 0x3E || input[i] == 0xFF1E) && (i == 0 || isTypedSpace(input[i - 1]) || input[i - 1] == 0x0A)
                && i + 1 < input.count && (isTypedSpace(input[i + 1]) || CharClass.isIdeograph(input[i + 1]))
        }
        guard input.contains(where: { $0 == 0x3E || $0 == 0xFF1E }) else { return input }
        let marks = input.indices.filter(isMark)
        guard marks.count >= 2, let first = marks.first, input[..<first].contains(where: CharClass.isIdeograph) else { return input }
        var quoted = Array(input[first...])
        for m in marks { quoted[m - first] = 0x20 }
        return quoted + [0x20, 0xFF1B, 0x20] + Array(input[..<first])
    }

    // MARK: Call transcripts

    /// Speaker tags of a hotline's call transcript: the agent's, and the caller's.
    static let agentTags: [[UInt32]] = ["坐席", "客服", "话务员", "工作人员"].map(\.scalarValues)
    static let callerTags: [[UInt32]] = ["来电人", "来电者", "客户", "市民", "用户"].map(\.scalarValues)
    /// What an agent's question asks for, by a word in it, and the label its answer is read
    /// under (连续缴存几个月了？ → 连续缴存). The first that the question holds wins.
    static let questionLabels: [([UInt32], [UInt32])] = [
        ("封存", "封存"), ("缴存", "连续缴存"), ("交了", "连续缴存"), ("余额", "余额"), ("收入", "月收入"), ("工资", "月收入"),
        ("婚", "婚姻"), ("孩子", "子女"), ("子女", "子女"), ("出生", "出生年月"), ("性别", "性别"), ("总价", "总价"), ("房价", "总价"),
        ("合同", "合同签订"), ("逾期", "逾期"), ("还完", "公积金贷款"), ("未结清", "公积金贷款"), ("住房", "本市住房"), ("房吗", "本市住房"),
        ("几套", "本市住房"), ("贷多少", "贷款"), ("贷几年", "贷款期限"), ("几年", "期限"),
    ].map { ($0.0.scalarValues, $0.1.scalarValues) }

    /// `坐席：您连续缴存多久了？ 来电人：三十九个月。` → `连续缴存 三十九个月。`: a hotline's call
    /// transcript with speaker tags (its timestamps gone before) becomes the caller's answers, each under the label its question asked for; a
    /// caller's words after a question that asks for nothing known, or after none, stay as
    /// they are. Needs both an agent's and a caller's tag, each before a colon.
    static func callTranscripts(_ input: [UInt32]) -> [UInt32] {
        // (a quick test by the colons alone: an agent's tag must end right before one)
        guard input.indices.contains(where: { c in
            (input[c] == 0xFF1A || input[c] == 0x3A) && agentTags.contains { t in c >= t.count && input[(c - t.count)..<c].elementsEqual(t) }
        }) else { return input }
        func tag(at i: Int, in tags: [[UInt32]]) -> Int? {
            for t in tags where i + t.count < input.count && input[i..<(i + t.count)].elementsEqual(t)
                && (input[i + t.count] == 0xFF1A || input[i + t.count] == 0x3A) { return i + t.count + 1 }
            return nil
        }
        var turns: [(agent: Bool, start: Int, text: Int)] = []
        for i in input.indices {
            if let end = tag(at: i, in: agentTags) { turns.append((true, i, end)) } else if let end = tag(at: i, in: callerTags) { turns.append((false, i, end)) }
        }
        guard turns.contains(where: \.agent), turns.contains(where: { !$0.agent }) else { return input }
        var out = Array(input[..<turns[0].start])
        var label: [UInt32]? = nil
        for (n, turn) in turns.enumerated() {
            let end = n + 1 < turns.count ? turns[n + 1].start : input.count
            let text = Array(input[turn.text..<end])
            if turn.agent {
                label = questionLabels.first { q in text.count >= q.0.count && (0...(text.count - q.0.count)).contains { text[$0..<($0 + q.0.count)].elementsEqual(q.0) } }?.1
                // (what follows the agent's question and no caller's turn — the clerk's own
                // request after the transcript — stays)
                if n + 1 == turns.count { out += [0x20] + text }
                continue
            }
            out += [0x20] + (label ?? []) + [0x20] + text
            label = nil
        }
        return out
    }

    /// `[00:00:14]`, `[03:12]` and a chat export's `[28/11/2026, 09:12]` → a space: a message's
    /// time stamp in square brackets (digits with a colon, and / , - . or spaces), which
    /// would otherwise read as numbers.
    static func withoutTimestamps(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(where: { $0 == 0x5B || $0 == 0xFF3B }) else { return input }
        return replacingSpans(input) { i, out in
            guard input[i] == 0x5B || input[i] == 0xFF3B else { return nil }
            var j = i + 1
            var colon = false
            while j < input.count, j - i <= 24, CharClass.isASCIIDigit(input[j]) || [0x3A, 0x2F, 0x2C, 0x2D, 0x2E, 0x20, 0xFF0C].contains(input[j]) {
                if input[j] == 0x3A { colon = true }
                j += 1
            }
            guard colon, j < input.count, j - i >= 5, input[j] == 0x5D || input[j] == 0xFF3D else { return nil }
            out.append(0x20)
            return j + 1
        }
    }

    // MARK: JSON records

    /// Units a JSON key may end with after an underscore (贷款期限_年): a label's units.
    static let keyUnits: [([UInt32], [UInt32])] = labelUnits.map { ([0x5F] + $0.0, $0.1) }

    /// `{"贷款本金":350000,"贷款期限_年":22,"zhanghu_yue":42000}` → `贷款本金 350000， 贷款期限 22年，
    /// zhanghu_yue 42000，`: a record copied from a system's export or a browser console, each key
    /// before its value (a key's unit after an underscore goes after the value). Keys in pinyin
    /// are the synonym table's to name. Text that is no flat object of "key": value pairs stays.
    static func jsonRecords(_ input: [UInt32]) -> [UInt32] {
        guard let open = input.firstIndex(of: 0x7B), input[open...].contains(0x22), let close = input[open...].firstIndex(of: 0x7D) else { return input }
        var out = Array(input[..<open])
        out.append(0x20)
        var i = open + 1
        func skipSpaces() { while i < close, isTypedSpace(input[i]) { i += 1 } }
        var pairs = 0
        while i < close {
            skipSpaces()
            guard i < close, input[i] == 0x22, let keyEnd = input[(i + 1)..<close].firstIndex(of: 0x22) else { return input }
            var key = Array(input[(i + 1)..<keyEnd])
            i = keyEnd + 1
            skipSpaces()
            guard i < close, input[i] == 0x3A else { return input }   // :
            i += 1
            skipSpaces()
            var value: [UInt32]
            if i < close, input[i] == 0x22 {
                guard let valueEnd = input[(i + 1)..<close].firstIndex(of: 0x22) else { return input }
                value = Array(input[(i + 1)..<valueEnd])
                i = valueEnd + 1
            } else {
                let valueEnd = input[i..<close].firstIndex(of: 0x2C) ?? close
                value = Array(input[i..<valueEnd])
                while let last = value.last, isTypedSpace(last) { value.removeLast() }
                i = valueEnd
            }
            if let (suffix, unit) = keyUnits.first(where: { key.count > $0.0.count && Array(key.suffix($0.0.count)) == $0.0 }) {
                key.removeLast(suffix.count)
                if value.last.map(CharClass.isASCIIDigit) == true { value += unit }
            }
            out += key + [0x20] + value + [0xFF0C, 0x20]
            pairs += 1
            skipSpaces()
            if i < close, input[i] == 0x2C { i += 1 }
        }
        guard pairs >= 2 else { return input }
        out.append(0x20)
        out += input[(close + 1)...]
        return out
    }

    // MARK: A phone page's buttons

    /// Words a government-service app shows as buttons and links beside its fields, copied with
    /// them from a phone (爱山东-style pages): 复制 after a value, 分享 and 返回 in the title bar.
    static let pageButtons: [[UInt32]] = ["复制", "分享", "收起", "展开", "返回", "更多", "<", "‹", "···", "…", "⋯", ">", "›"].map(\.scalarValues)

    /// `缴存状态 封存 复制 连续缴存月数 38 复制` → `缴存状态 封存 连续缴存月数 38`: a page's button
    /// words, standing alone between spaces, go — only when two of them at least do (复制 alone
    /// is a word someone may say: 复制一份).
    static func withoutPageButtons(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(where: { $0 == 0x590D || $0 == 0x4EAB || $0 == 0x8FD4 || $0 == 0xB7 || $0 == 0x22EF }) else { return input }   // 复 享 返 · ⋯
        let tokens = input.split(omittingEmptySubsequences: false, whereSeparator: isTypedSpace)
        guard tokens.count(where: { t in pageButtons.contains { $0.elementsEqual(t) } }) >= 2 else { return input }
        return Array(tokens.filter { t in !pageButtons.contains { $0.elementsEqual(t) } }.joined(separator: [0x20]))
    }

    // MARK: Crossed fields

    /// A checklist's cross before a field says it does not hold: ✘本市有房 is 本市无房, ✘已婚 未婚.
    static let crossedPhrases: [(field: [UInt32], denied: [UInt32])] = [
        ("本市有房", "本市无房"), ("名下有房", "名下无房"), ("有房", "无房"), ("已婚", "未婚"), ("逾期", "无逾期"),
        ("有公积金贷款", "无公积金贷款"), ("有贷款", "无贷款"), ("用过公贷", "未用过公贷"), ("人才", "非人才"),
    ].map { ($0.0.scalarValues, $0.1.scalarValues) }

    /// `✘本市有房` → `本市无房`; a cross before anything else goes, the words stay.
    static func crossedFields(_ input: [UInt32]) -> [UInt32] {
        let cross: (UInt32) -> Bool = { $0 == 0x2718 || $0 == 0x2717 || $0 == 0x274C }   // ✘ ✗ ❌
        guard input.contains(where: cross) else { return input }
        return replacingSpans(input) { i, out in
            guard cross(input[i]) else { return nil }
            var j = i + 1
            while j < input.count, isTypedSpace(input[j]) { j += 1 }
            for (field, denied) in crossedPhrases where j + field.count <= input.count && Array(input[j..<(j + field.count)]) == field {
                out.append(contentsOf: denied)
                return j + field.count
            }
            out.append(0x20)
            return i + 1
        }
    }

    // MARK: Change arrows

    /// Values a clerk marks as changed in words (单身→已婚).
    static let changedValueWords: [[UInt32]] = ["单身", "已婚", "未婚", "离异", "丧偶", "无", "有", "是", "否", "男", "女", "正常", "封存"]
        .map(\.scalarValues).sorted { $0.count > $1.count }

    /// `余额 2.7w→2.95w`, `单身→已婚`: a clerk's note of a value changed — only the value after the
    /// arrow stands. Only a figure (digits, . , w k 万 千 元) changed to a figure, or one value word
    /// to another; an arrow between a label and its value (连缴→14个月) is a separator.
    static func changeArrows(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(0x2192) else { return input }   // →
        var s = input
        var i = s.count - 1
        while i > 0 {
            defer { i -= 1 }
            guard s[i] == 0x2192 else { continue }
            var after = i + 1
            while after < s.count, isTypedSpace(s[after]) { after += 1 }
            var afterEnd = after
            while afterEnd < s.count, !isTypedSpace(s[afterEnd]), !clauseEnds.contains(s[afterEnd]), s[afterEnd] != 0x2192, s[afterEnd] != 0xFF08, s[afterEnd] != 0x28 { afterEnd += 1 }
            guard afterEnd > after else { continue }
            var start = i
            while start > 0, isTypedSpace(s[start - 1]) { start -= 1 }
            let figure: (UInt32) -> Bool = { v in CharClass.isASCIIDigit(v) || v == 0x2E || v == 0x2C || v == 0x77 || v == 0x57 || v == 0x6B || v == 0x4B || v == 0x4E07 || v == 0x5343 || v == 0x5143 }
            // (a figure changed to a figure; or a value word to another — an arrow after a
            // label, 连缴→14个月 or 婚姻→已婚, joins the label to its value and stays)
            if start > 0, figure(s[start - 1]), CharClass.isASCIIDigit(s[after]) {
                while start > 0, figure(s[start - 1]) { start -= 1 }
            } else if let word = Self.changedValueWords.first(where: { w in start >= w.count && Array(s[(start - w.count)..<start]) == w }),
                      Self.changedValueWords.contains(where: { w in afterEnd - after >= w.count && Array(s[after..<(after + w.count)]) == w }) {
                start -= word.count
            } else {
                continue
            }
            guard start < i else { continue }
            s.replaceSubrange(start...i, with: [0x20])
            i = start
        }
        return s
    }

    // MARK: Labels, then values

    /// A screenshot read by OCR with its columns apart, or spreadsheet rows pasted with tabs and
    /// the line breaks lost: the labels first, then the values in the same order —
    ///
    ///     合同日期 成交价(元) 贷款额(元) 账户余额(元) 2026-09 950,000 700,000 260,000.00
    ///     租房提取审核 表格复制 连续缴存（月）⇥本市住房（套）⇥婚姻状况 20⇥1⇥已婚
    ///
    /// becomes `合同日期 2026-09 成交价 950,000元 …`; a second row of values (a co-borrower's, after
    /// its own first cell) is written after the labels again. The labels are k label-like words
    /// (no digit, no closing punctuation) of a run — a title before them stays as it is —, and
    /// rows of k values follow, each with two values holding a digit at least. Of the ways to
    /// cut the run, the one whose values fit their labels best wins (`alignment`). Needs four
    /// labels, or three when the text has tabs and no value is a word a label could be (three
    /// words then three values is as often a list of label–value pairs: 公积金贷款 首套 本金
    /// 360,000 期数 240).
    static func labelsThenValues(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(where: CharClass.isASCIIDigit), input.count(where: isTypedSpace) >= 5 else { return input }
        let tokens = input.split(whereSeparator: isTypedSpace).map(Array.init)
        let fewest = input.contains(0x09) ? 3 : 4
        var out: [[UInt32]] = []
        var i = 0
        var rewrote = false
        while i < tokens.count {
            // the longest run of label-like words from i
            var run = 0
            while i + run < tokens.count, isLabelLike(tokens[i + run]) { run += 1 }
            var matched = false
            if run >= fewest, let cut = alignment(tokens, run: i..<(i + run), fewest: fewest) {
                out.append(contentsOf: tokens[i..<cut.labels.lowerBound])
                let labelled = cut.labels.map { labelAndUnit(tokens[$0]) }
                let k = cut.labels.count
                for r in 0..<cut.rows {
                    let row = tokens[(cut.labels.upperBound + r * k)..<(cut.labels.upperBound + (r + 1) * k)]
                    for (c, value) in row.enumerated() where !(value.count == 1 && (value[0] == 0x2014 || value[0] == 0x2D)) {
                        out.append(labelled[c].0)
                        out.append(value + (hasDigit(value) && CharClass.isASCIIDigit(value.last!) ? labelled[c].1 : []))
                    }
                    out.append([0xFF0C])
                }
                i = cut.labels.upperBound + cut.rows * k
                matched = true
                rewrote = true
            }
            if !matched {
                out.append(tokens[i])
                i += 1
            }
        }
        guard rewrote else { return input }
        return Array(out.joined(separator: [0x20]))
    }

    static func hasDigit(_ t: [UInt32]) -> Bool { t.contains(where: CharClass.isASCIIDigit) }

    /// A word that may be a column's label: two to ten characters, opening with an ideograph,
    /// no digit, no closing punctuation.
    static func isLabelLike(_ t: [UInt32]) -> Bool {
        !hasDigit(t) && t.count >= 2 && t.count <= 10 && CharClass.isIdeograph(t[0]) && !clauseEnds.contains(t[t.count - 1])
    }

    /// The labels (a stretch of `run` that the values follow) and the number of value rows
    /// after them that fit best: each value with a digit counts one; a value under a label
    /// with a unit (余额(元)) counts two more when it holds a digit and two less when it is a
    /// word; a row with a value that names a unit in brackets (a label read as a value) is no
    /// row. As good: the labels that end the run, then the more labels (a co-borrower's
    /// row under the applicant's tells 5 labels from 6).
    static func alignment(_ tokens: [[UInt32]], run: Range<Int>, fewest: Int) -> (labels: Range<Int>, rows: Int)? {
        var best: (labels: Range<Int>, rows: Int, score: Int, ends: Bool)?
        for start in run {
            for k in stride(from: run.upperBound - start, through: fewest, by: -1) {
                let labels = start..<(start + k)
                guard labels.upperBound + k <= tokens.count else { continue }
                let units = labels.map { !labelAndUnit(tokens[$0]).1.isEmpty }
                var rows = 0, score = 0
                var next = labels.upperBound
                while next + k <= tokens.count, case let row = tokens[next..<(next + k)], row.count(where: hasDigit) >= 2 {
                    // three labels: no value may be a word a label could be; no value is a
                    // label with its unit (a list of label–value pairs: 贷款期限（年） 30)
                    if k < 4, row.contains(where: isLabelLike) { break }
                    if row.contains(where: { !labelAndUnit($0).1.isEmpty }) { break }
                    for (c, value) in row.enumerated() {
                        if hasDigit(value) { score += 1 }
                        if units[c], !(value.count == 1 && (value[0] == 0x2014 || value[0] == 0x2D)) { score += hasDigit(value) ? 2 : -2 }
                    }
                    rows += 1
                    next += k
                }
                guard rows > 0, score > 0 else { continue }
                let ends = labels.upperBound == run.upperBound
                if let b = best, b.score > score || (b.score == score && (b.ends || !ends)) { continue }
                best = (labels, rows, score, ends)
            }
        }
        return best.map { ($0.labels, $0.rows) }
    }

    // MARK: Pipe tables

    /// Units a column label names in brackets (余额(元), 缴存情况(月)), and what follows a value of
    /// that column: 月 is a count of months.
    /// Label units `withoutLabelUnits` leaves alone.
    static let countedUnits: [[UInt32]] = ["个", "次", "万"].map(\.scalarValues)

    static let labelUnits: [([UInt32], [UInt32])] = [("万元", "万元"), ("万", "万"), ("元", "元"), ("个月", "个月"), ("月", "个月"), ("年", "年"), ("套", "套"),
                                                      ("个", "个"), ("岁", "岁"), ("次", "次")]
        .map { ($0.0.scalarValues, $0.1.scalarValues) }

    /// A column label without its bracketed unit, and the unit a value takes.
    static func labelAndUnit(_ label: [UInt32]) -> ([UInt32], [UInt32]) {
        guard let close = label.last, close == 0x29 || close == 0xFF09,
              let open = label.lastIndex(where: { $0 == 0x28 || $0 == 0xFF08 }) else { return (label, []) }
        let inside = Array(label[(open + 1)..<(label.count - 1)])
        guard let unit = labelUnits.first(where: { $0.0 == inside }) else { return (label, []) }
        return (Array(label[..<open]), unit.1)
    }

    /// Rows of a spreadsheet pasted with | between cells, the rows apart by ` / ` or a line
    /// break — a header row (and a second one under merged cells), then rows of values:
    ///
    ///     姓名|缴存情况(月)|余额(元) / |连续| / 赵**|40|41,600
    ///
    /// becomes `姓名 赵** 缴存情况(月)连续 40 余额(元) 41,600`: each value after its column's
    /// label (a merged header's label carried over its empty cells, a second header row's
    /// label after it). Text with fewer than four bars, or no row of values, is left as it is.
    static func pipeTables(_ input: [UInt32]) -> [UInt32] {
        let bar: (UInt32) -> Bool = { $0 == 0x7C || $0 == 0xFF5C || $0 == 0xA6 }   // | ｜ ¦
        guard input.count(where: bar) >= 4 else { return input }
        // Rows: split at line breaks and at a slash with a space on either side.
        var rows: [[UInt32]] = []
        var current: [UInt32] = []
        var i = 0
        while i < input.count {
            let v = input[i]
            if v == 0x0A || v == 0x0D {
                rows.append(current); current = []
            } else if (v == 0x2F || v == 0xFF0F), i > 0, i + 1 < input.count, isTypedSpace(input[i - 1]), isTypedSpace(input[i + 1]) {
                rows.append(current); current = []
            } else {
                current.append(v)
            }
            i += 1
        }
        rows.append(current)
        let cellsOf: ([UInt32]) -> [[UInt32]] = { row in
            row.split(omittingEmptySubsequences: false, whereSeparator: bar)
                .map { Array($0.drop(while: isTypedSpace).reversed().drop(while: isTypedSpace).reversed()) }
        }
        let isTableRow: ([UInt32]) -> Bool = { $0.count(where: bar) >= 2 }
        var out: [UInt32] = []
        var r = 0
        var rewroteAny = false
        while r < rows.count {
            guard isTableRow(rows[r]) else {
                if !out.isEmpty { out.append(0xFF0C) }
                out.append(contentsOf: rows[r])
                r += 1
                continue
            }
            var header = cellsOf(rows[r])
            // (merged cells: a label carries over the empty cells after it)
            for c in header.indices.dropFirst() where header[c].isEmpty { header[c] = header[c - 1] }
            // (a label's unit in brackets goes after its values: 余额(元) 41,600 → 余额 41,600元)
            var units = [[UInt32]](repeating: [], count: header.count)
            for c in header.indices { (header[c], units[c]) = labelAndUnit(header[c]) }
            var labels = header
            var k = r + 1
            var table: [UInt32] = []
            while k < rows.count, isTableRow(rows[k]) {
                let cells = cellsOf(rows[k])
                if !cells.contains(where: { $0.contains(where: CharClass.isASCIIDigit) }) {
                    // a second header row under merged cells: its labels after the first's
                    for (c, cell) in cells.enumerated() where !cell.isEmpty {
                        let (label, unit) = labelAndUnit(cell)
                        if c < labels.count {
                            labels[c] = header[c] + label
                            if !unit.isEmpty { units[c] = unit }
                        } else {
                            labels.append(label); units.append(unit)
                        }
                    }
                } else {
                    for (c, cell) in cells.enumerated() where !cell.isEmpty && c < labels.count {
                        table.append(contentsOf: labels[c]); table.append(0x20)
                        table.append(contentsOf: cell)
                        // (the label's unit goes after a value that ends in a digit: 期限(年) 25 → 25年)
                        if let last = cell.last, CharClass.isASCIIDigit(last) { table.append(contentsOf: units[c]) }
                        table.append(0x20)
                    }
                    table.append(0xFF0C)
                }
                k += 1
            }
            if table.isEmpty {
                // no row of values: the rows stay as they were
                for row in rows[r..<k] { if !out.isEmpty { out.append(0xFF0C) }; out.append(contentsOf: row) }
            } else {
                if !out.isEmpty { out.append(0xFF0C) }
                out.append(contentsOf: table)
                rewroteAny = true
            }
            r = k
        }
        return rewroteAny ? out : input
    }

    // MARK: A label's unit

    /// `账户余额（元）：33,500` → `账户余额 ：33,500`: a form label's unit in brackets right after
    /// it says how the value is written, not a word of the label (余额元 hid the sum from its
    /// label). A unit that changes the value or names what it counts goes after the number that
    /// follows: `贷款金额（万元） 50` → `贷款金额 50万`, `贷款期限（年） 30` → `贷款期限 30年`.
    static func withoutLabelUnits(_ input: [UInt32]) -> [UInt32] {
        // (a column's count unit — 子女（个）, 次数（次）, 万 — stays where it is: a spreadsheet's
        // header then values is `labelsThenValues`' to read)
        // (only a bracket right after a Chinese character and closing within a few characters:
        // most texts have none, and are not copied)
        guard input.indices.contains(where: { i in
            (input[i] == 0xFF08 || input[i] == 0x28) && i > 0 && CharClass.isIdeograph(input[i - 1])
                && input[(i + 1)...].prefix(4).contains(where: { $0 == 0xFF09 || $0 == 0x29 })
        }) else { return input }
        var out: [UInt32] = []
        out.reserveCapacity(input.count)
        var i = 0
        var pendingUnit: [UInt32]? = nil
        while i < input.count {
            let v = input[i]
            if v == 0xFF08 || v == 0x28, i > 0, CharClass.isIdeograph(input[i - 1]),
               let close = input[(i + 1)...].prefix(4).firstIndex(where: { $0 == 0xFF09 || $0 == 0x29 }),
               let unit = labelUnits.first(where: { $0.0.elementsEqual(input[(i + 1)..<close]) }), !Self.countedUnits.contains(unit.0) {
                out.append(0x20)
                i = close + 1
                // the number after (spaces and a colon between) takes the unit
                var k = i
                while k < input.count, isTypedSpace(input[k]) || input[k] == 0x3A || input[k] == 0xFF1A { k += 1 }
                // (元 only goes: the sum is read as money without it)
                pendingUnit = k < input.count && CharClass.isASCIIDigit(input[k]) && unit.0 != [0x5143] ? unit.1 : nil
                continue
            }
            out.append(v)
            if let unit = pendingUnit, CharClass.isASCIIDigit(v) || v == 0x2E || v == 0x2C {
                let next = i + 1 < input.count ? input[i + 1] : 0x20
                if !(CharClass.isASCIIDigit(next) || ((next == 0x2E || next == 0x2C) && i + 2 < input.count && CharClass.isASCIIDigit(input[i + 2]))) {
                    out += unit
                    pendingUnit = nil
                }
            }
            i += 1
        }
        return out
    }

    // MARK: Struck-through text

    /// How far (scalars) a struck-through span may run before its closing `~~`.
    static let struckSpanLimit = 40

    /// `总价：~~98万~~ 89万` as a clerk corrects a figure in markdown: the struck value is gone
    /// (a space stands in its place), so only the figure meant is read. A `~~` with no closing
    /// one near it stays.
    static func withoutStruckText(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(0x7E) /* ~ */ else { return input }
        return replacingSpans(input) { i, out in
            guard i + 1 < input.count, input[i] == 0x7E, input[i + 1] == 0x7E else { return nil }
            var j = i + 2
            while j + 1 < input.count, j - i <= struckSpanLimit {
                if input[j] == 0x7E, input[j + 1] == 0x7E {
                    out.append(0x20)
                    return j + 2
                }
                j += 1
            }
            return nil
        }
    }

    // MARK: Ticks in square brackets

    /// `[ ]男 [x]女` as a form prints check boxes: an empty `[ ]` becomes ☐ and a ticked
    /// `[x]` (x, X, v, V, √, ✓, ✔, *) becomes ☑, which `withoutUncheckedOptions` then reads.
    static func bracketTicks(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(0x5B) /* [ */ else { return input }
        return replacingSpans(input) { i, out in
            guard input[i] == 0x5B else { return nil }
            // [] or [ ] (any spaces) is empty; [x] is ticked.
            var j = i + 1
            while j < input.count, isTypedSpace(input[j]) { j += 1 }
            if j < input.count, input[j] == 0x5D {
                out.append(0x2610)
                return j + 1
            }
            guard j + 1 < input.count, tickMarks.contains(input[j]), input[j + 1] == 0x5D else { return nil }
            out.append(0x2611)
            return j + 2
        }
    }

    /// `input` with spans rewritten: at each index `span` may append the span's rewriting to
    /// the output and return where the span ends; where it returns nil the character stays.
    static func replacingSpans(_ input: [UInt32], _ span: (Int, inout [UInt32]) -> Int?) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            if let end = span(i, &out) {
                i = end
                continue
            }
            out.append(input[i])
            i += 1
        }
        return out
    }

    /// Marks that tick a bracketed box: x X v V √ ✓ ✔ *.
    static let tickMarks: Set<UInt32> = [0x78, 0x58, 0x76, 0x56, 0x221A, 0x2713, 0x2714, 0x2A]

    // MARK: Lettered options

    /// `本市住房（A无 B一套 C两套及以上）选A` → `本市住房 无`: a bracketed list of options lettered
    /// A, B, C… in order, followed by the letter chosen (after 选, 选择, 勾, 勾选, 为, ：, =, or
    /// nothing), is replaced by the chosen option's words. Anything else is left as it is.
    static func chosenOptions(_ input: [UInt32]) -> [UInt32] {
        guard input.contains(0x41), input.contains(where: { openBrackets.contains($0) }) else { return input }
        return replacingSpans(input) { i, out in
            guard openBrackets.contains(input[i]), let (choice, end) = chosenOption(input, open: i) else { return nil }
            out.append(0x20)
            out.append(contentsOf: choice)
            out.append(0x20)
            return end
        }
    }

    /// Words that may stand between an option list and the letter chosen.
    static let choosingWords: [[UInt32]] = ["选择", "勾选", "选", "勾", "为", "：", ":", "="].map(\.scalarValues)

    /// The chosen option's words and where the layout ends, for an option list opening at `open`.
    private static func chosenOption(_ s: [UInt32], open: Int) -> ([UInt32], Int)? {
        var options: [[UInt32]] = []
        var i = open + 1
        while i < s.count, !closeBrackets.contains(s[i]) {
            if isTypedSpace(s[i]) || s[i] == 0x3001 /* 、 */ || s[i] == 0x2C || s[i] == 0xFF0C || s[i] == 0x3B || s[i] == 0xFF1B { i += 1; continue }
            // Each option starts with the next letter (A, B, C…), then optional . 、 ．
            guard s[i] == 0x41 + UInt32(options.count), options.count < 8 else { return nil }
            i += 1
            if i < s.count, s[i] == 0x2E || s[i] == 0x3001 || s[i] == 0xFF0E || s[i] == 0x3A || s[i] == 0xFF1A { i += 1 }
            var words: [UInt32] = []
            while i < s.count, !closeBrackets.contains(s[i]), !isTypedSpace(s[i]), s[i] != 0x3001, s[i] != 0x2C, s[i] != 0xFF0C,
                  s[i] != 0x3B, s[i] != 0xFF1B, !(s[i] == 0x41 + UInt32(options.count + 1) && !words.isEmpty) {
                words.append(s[i])
                i += 1
            }
            guard !words.isEmpty, words.count <= 12 else { return nil }
            options.append(words)
        }
        guard i < s.count, options.count >= 2 else { return nil }
        i += 1
        while i < s.count, isTypedSpace(s[i]) { i += 1 }
        for word in choosingWords where s[i...].starts(with: word) {
            i += word.count
            break
        }
        while i < s.count, isTypedSpace(s[i]) { i += 1 }
        guard i < s.count else { return nil }
        let letter = s[i]
        guard letter >= 0x41, letter < 0x41 + UInt32(options.count) else { return nil }
        // A lone letter: not the start of a Latin word.
        if i + 1 < s.count, CharClass.isASCIILetter(s[i + 1]) { return nil }
        return (options[Int(letter - 0x41)], i + 1)
    }

    // MARK: Labels and values in two lists

    /// `类型/月供/逾期/余额：商贷/3,150元/无/2.96万元` → `类型 商贷 月供 3,150元 逾期 无 余额 2.96万元`:
    /// two or more labels of Chinese characters joined by slashes, a colon (or =), then as
    /// many values joined by slashes. Any other use of the slash (a date 1965/9, 余额 3万 / 月收入
    /// 9000) is left as it is.
    static func slashLists(_ input: [UInt32]) -> [UInt32] {
        guard input.count(where: { $0 == 0x2F || $0 == 0xFF0F }) >= 2 else { return input }
        var s = input
        var searchFrom = 0
        while let colon = s[searchFrom...].firstIndex(where: { $0 == 0xFF1A || $0 == 0x3A || $0 == 0x3D }) {
            searchFrom = colon + 1
            // The labels: ideograph runs joined by slashes, ending at the colon.
            var labels: [[UInt32]] = []
            var k = colon
            while true {
                var start = k
                while start > 0, CharClass.isIdeograph(s[start - 1]), k - start < 8 { start -= 1 }
                guard start < k else { break }
                labels.insert(Array(s[start..<k]), at: 0)
                guard start > 0, s[start - 1] == 0x2F || s[start - 1] == 0xFF0F else { k = start; break }
                k = start - 1
            }
            guard labels.count >= 2 else { continue }
            let labelsStart = k
            // The values: up to the end of the clause, split at slashes.
            var end = colon + 1
            while end < s.count, !clauseEnds.contains(s[end]) { end += 1 }
            let values = s[(colon + 1)..<end].split(omittingEmptySubsequences: false, whereSeparator: { $0 == 0x2F || $0 == 0xFF0F })
                .map { Array($0.drop(while: isTypedSpace).reversed().drop(while: isTypedSpace).reversed()) }
            guard values.count == labels.count, values.allSatisfy({ !$0.isEmpty }) else { continue }
            var rewritten: [UInt32] = []
            for (label, value) in zip(labels, values) {
                rewritten.append(contentsOf: label)
                rewritten.append(0x20)
                rewritten.append(contentsOf: value)
                rewritten.append(0x20)
            }
            s.replaceSubrange(labelsStart..<end, with: rewritten)
            searchFrom = labelsStart + rewritten.count
            if searchFrom >= s.count { break }
        }
        return s
    }

    /// What ends a clause of values: a space would split 3,150 元 wrongly, so only
    /// punctuation that ends a clause and a line break do.
    static let clauseEnds: Set<UInt32> = [0xFF0C, 0x3002, 0xFF1B, 0x3B, 0x0A, 0x0D, 0xFF01, 0xFF1F, 0x21, 0x3F]

    // MARK: Questions and answers

    /// `Q: 贷多少 A: 35万 Q: 贷几年 A: 20年` → `贷 35万 贷几年 20年`: a clerk's notes as question
    /// and answer (Q:/A: or 问：/答：, at least two answers) lose their markers, and a 多少 that
    /// asks for the answer right after it goes, so the question reads as the answer's label.
    static func questionsAndAnswers(_ input: [UInt32]) -> [UInt32] {
        let markers = answerMarkers(in: input)
        guard markers.answers.count >= 2, !markers.questions.isEmpty else { return input }
        let answerStarts = Dictionary(uniqueKeysWithValues: markers.answers.map { ($0.start, $0.end) })
        let questionStarts = Dictionary(uniqueKeysWithValues: markers.questions.map { ($0.start, $0.end) })
        return replacingSpans(input) { i, out in
            if let end = questionStarts[i] {
                out.append(0x20)
                return end
            }
            guard let end = answerStarts[i] else { return nil }
            while let last = out.last, isTypedSpace(last) { out.removeLast() }
            if let asking = askingBeforeAnswer.first(where: { out.ends(with: $0) }) { out.removeLast(asking.count) }
            out.append(0x20)
            return end
        }
    }

    /// Question words that ask for the answer after them (贷多少 A: 35万 reads 贷 35万).
    static let askingBeforeAnswer: [[UInt32]] = ["多少钱", "多少", "是多少", "几多"].map(\.scalarValues)
        .sorted { $0.count > $1.count }

    /// Where the question and answer markers are: Q/A (either case) or 问/答, each followed by
    /// a colon — or, numbered as a web form exports them, by a number and a stop (Q1. 办理事项？
    /// A1. 可贷额度试算) — at the start or after a space or punctuation.
    public static func answerMarkers(in s: [UInt32]) -> (questions: [(start: Int, end: Int)], answers: [(start: Int, end: Int)]) {
        var questions: [(start: Int, end: Int)] = []
        var answers: [(start: Int, end: Int)] = []
        guard s.contains(where: { $0 == 0x3A || $0 == 0xFF1A || $0 == 0x2E || $0 == 0xFF0E || $0 == 0x3001 }) else { return ([], []) }
        for i in s.indices.dropLast() {
            guard let end = markerEnd(s, after: i) else { continue }
            let before = i == 0 ? nil : s[i - 1]
            let starts = before == nil || isTypedSpace(before!) || !(CharClass.isIdeograph(before!) || CharClass.isASCIILetter(before!) || CharClass.isASCIIDigit(before!))
            guard starts else { continue }
            switch s[i] {
            case 0x51, 0x71, 0x95EE: questions.append((i, end))  // Q q 问
            case 0x41, 0x61, 0x7B54: answers.append((i, end))    // A a 答
            default: continue
            }
        }
        return (questions, answers)
    }

    /// The end of a marker whose letter is at `i`: a colon right after it, or one or two digits
    /// and a stop (. ． 、) that no digit follows (A1. 57, not A1.5).
    private static func markerEnd(_ s: [UInt32], after i: Int) -> Int? {
        let next = s[i + 1]
        if next == 0x3A || next == 0xFF1A { return i + 2 }
        var k = i + 1
        while k < s.count, k - i <= 2, CharClass.isASCIIDigit(s[k]) { k += 1 }
        guard k > i + 1, k < s.count, s[k] == 0x2E || s[k] == 0xFF0E || s[k] == 0x3001 else { return nil }
        if k + 1 < s.count, CharClass.isASCIIDigit(s[k + 1]) { return nil }
        return k + 1
    }
}

extension Array where Element == UInt32 {
    /// Whether the array ends with `suffix`.
    func ends(with suffix: [UInt32]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
