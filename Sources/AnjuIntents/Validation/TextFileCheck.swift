/// Checks the plain-text data files: Windows line endings and byte-order marks the loaders
/// do not expect, and `Intents/lexicon/*.txt` lines written in jieba's user-dictionary form.
enum TextFileCheck {
    /// Issues for every text file of `files` that a loader reads line by line.
    static func run(files: [String: String]) -> [DataIssue] {
        var issues: [DataIssue] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let role = DataFileRole.of(path)
            guard role != .unread, role != .documentation else { continue }
            issues += encoding(path: path, text: text, role: role)
            if role == .lexicon { issues += lexicon(path: path, text: text) }
        }
        return issues
    }

    /// A byte-order mark anywhere read; CRLF line endings in the line-by-line tables (the
    /// YAML parser copes with them, those loaders split on LF only and read one long line).
    static func encoding(path: String, text: String, role: DataFileRole) -> [DataIssue] {
        var issues: [DataIssue] = []
        if text.unicodeScalars.first == "\u{FEFF}" {
            issues.append(DataIssue(.warning, .lineEndings, file: path, line: 1,
                                    "starts with a byte-order mark (BOM); save as UTF-8 without BOM",
                                    "文件以 BOM 开头，请另存为无 BOM 的 UTF-8"))
        }
        if role == .lexicon || role == .textTable, let line = firstCRLFLine(text) {
            issues.append(DataIssue(.error, .lineEndings, file: path, line: line,
                                    "Windows (CRLF) line endings: this file is read as one long line; save with LF line endings",
                                    "使用了 Windows 换行符（CRLF），整份文件会被读成一行；请改用 LF 换行"))
        }
        return issues
    }

    /// The first line (1-based) ending in CR LF, if any.
    static func firstCRLFLine(_ text: String) -> Int? {
        var line = 1
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if previousCR { return line }
                line += 1
            }
            previousCR = scalar == "\r"
        }
        return nil
    }

    /// The lines of `text` split on LF (a trailing CR removed), numbered from 1.
    static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, scalars in
            var line = Substring(Substring.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
            return (index + 1, line)
        }
    }

    /// One term per line, `#` comments. jieba's `词 频 词性` lines are warned about: the word
    /// is the term; frequency and part of speech mean nothing here, and the loader, which
    /// deletes spaces, would read them into the term.
    static func lexicon(path: String, text: String) -> [DataIssue] {
        var issues: [DataIssue] = []
        for (number, raw) in lines(text) {
            let body = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = body.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }).map(String.init)
            guard let word = fields.first else { continue }
            if let jieba = jiebaFields(fields) {
                issues.append(DataIssue(
                    .warning, .jiebaLine, file: path, line: number,
                    "jieba-style line '\(fields.joined(separator: " "))': taking the word '\(word)' (\(jieba.english) not used here); write the word alone, or the loader reads '\(fields.joined())'",
                    "jieba 词典格式「\(fields.joined(separator: " "))」：取词「\(word)」（\(jieba.chinese)在此无用）；请只写词语，否则会被读成「\(fields.joined())」"))
            } else if fields.count == 1, word.count == 1 {
                issues.append(DataIssue(.warning, .ignoredTerm, file: path, line: number,
                                        "single character '\(word)' is ignored: lexicon terms are two characters or more",
                                        "单字「\(word)」不起作用：词表词语至少两个字"))
            }
        }
        return issues
    }

    /// What the extra fields of a jieba user-dictionary line are, or nil if it is not one:
    /// `word freq`, `word freq tag` or `word tag` (tag: a short ASCII part-of-speech code).
    static func jiebaFields(_ fields: [String]) -> (english: String, chinese: String)? {
        func isFrequency(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        func isTag(_ s: String) -> Bool { (1...4).contains(s.count) && s.allSatisfy { $0.isASCII && $0.isLetter } }
        switch fields.count {
        case 2 where isFrequency(fields[1]): return ("frequency", "词频")
        case 2 where isTag(fields[1]) && !fields[0].allSatisfy(\.isASCII): return ("part of speech", "词性")
        case 3 where isFrequency(fields[1]) && isTag(fields[2]): return ("frequency and part of speech", "词频和词性")
        default: return nil
        }
    }
}
