/// ID numbers and PINs as callers say them on the phone or type them: in groups
/// ("330902 19880715 0013"), in Chinese digits the normaliser may have left as they were
/// (三 三 零 …), with 叉 or x for the last character.
extension FactExtractor {
    /// The 18-character resident ID number in `text` (normalised): 17 digits and a digit or
    /// X, written at once or in groups separated by spaces that add up to 18 characters.
    public static func idNumber(in text: String) -> String? {
        idGroups(in: digitRuns(in: text)).map { $0.id }
    }

    /// The 6-digit PIN in `text` (normalised): a group of six digits, or groups that add up to
    /// six (135 790); the groups of an ID number said in the same breath are not a PIN.
    public static func pin(in text: String) -> String? {
        var runs = digitRuns(in: text)
        if let id = idGroups(in: runs) { runs[id.run].replaceSubrange(id.groups, with: []) }
        for run in runs {
            if let six = run.first(where: { $0.count == 6 && !$0.contains("X") }) { return six }
            let joined = run.joined()
            if joined.count == 6, !joined.contains("X") { return joined }
        }
        return nil
    }

    /// Where the ID number stands: which run, which of its groups, and the number.
    private static func idGroups(in runs: [[String]]) -> (run: Int, groups: Range<Int>, id: String)? {
        for (r, run) in runs.enumerated() {
            for start in run.indices {
                var joined = ""
                var end = start
                while end < run.endIndex, joined.count < 18 {
                    joined += run[end]
                    end += 1
                }
                if joined.count == 18, isIDNumber(joined) { return (r, start..<end, joined) }
            }
        }
        return nil
    }

    /// Whether `s` is 17 digits and a last digit or X.
    private static func isIDNumber(_ s: String) -> Bool {
        s.count == 18 && s.dropLast().allSatisfy(\.isASCIIDigit) && (s.last!.isASCIIDigit || s.last == "X")
    }

    /// Runs of digit groups: groups are separated by spaces, runs by anything else. Chinese
    /// digits count as digits (幺 is 1), x and 叉 as X.
    static func digitRuns(in text: String) -> [[String]] {
        var runs: [[String]] = []
        var run: [String] = []
        var group = ""
        func endGroup() { if !group.isEmpty { run.append(group); group = "" } }
        func endRun() { endGroup(); if !run.isEmpty { runs.append(run); run = [] } }
        for c in text {
            if let d = digit(c) { group.append(d) } else if c == " " { endGroup() } else { endRun() }
        }
        endRun()
        return runs
    }

    /// The digit (or X) a character stands for.
    private static func digit(_ c: Character) -> Character? {
        if c.isASCIIDigit { return c }
        // Every digit word is one plain scalar: a character of several scalars is none of them
        // (and a scalar compares faster than a Character; a turn reads every character here).
        guard let s = c.plainScalar else { return nil }
        switch s {
        case "零", "〇": return "0"
        case "一", "幺": return "1"
        case "二", "两": return "2"
        case "三": return "3"
        case "四": return "4"
        case "五": return "5"
        case "六": return "6"
        case "七": return "7"
        case "八": return "8"
        case "九": return "9"
        case "x", "X", "叉": return "X"
        default: return nil
        }
    }
}
