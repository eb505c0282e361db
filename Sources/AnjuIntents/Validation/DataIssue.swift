/// One problem `anju data validate` found in the data a domain expert edits: where it is,
/// what kind it is (a stable code), and what to do about it, in English and Chinese.
public struct DataIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// Errors fail validation (exit status 1); warnings are reported only.
    public enum Severity: String, Sendable, Comparable {
        case error, warning

        /// Errors sort before warnings.
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    /// What kind of problem it is; the raw value is printed and stable for scripts.
    public enum Code: String, Sendable, CaseIterable {
        /// The file is not valid YAML.
        case yamlSyntax = "yaml-syntax"
        /// A key no loader reads (a misspelt `exampels:`).
        case unknownKey = "unknown-key"
        /// A required field is missing or empty.
        case missingField = "missing-field"
        /// A field has the wrong shape (a string where a list belongs …).
        case wrongType = "wrong-type"
        /// An id that does not follow the naming rule.
        case malformedID = "malformed-id"
        /// An id used twice.
        case duplicateID = "duplicate-id"
        /// An intent id that differs from its file name.
        case idFileMismatch = "id-file-mismatch"
        /// The same example twice, in one intent or in two.
        case duplicateExample = "duplicate-example"
        /// An empty example.
        case emptyExample = "empty-example"
        /// A jieba user-dictionary line (`词 频 词性`) in a lexicon file.
        case jiebaLine = "jieba-line"
        /// A lexicon term the segmenter ignores (a single character).
        case ignoredTerm = "ignored-term"
        /// Windows line endings or a byte-order mark where the loader does not expect them.
        case lineEndings = "line-endings"
        /// A file under Intents/ or Corpus/ that nothing reads.
        case unreadFile = "unread-file"
        /// A data file in a folder a loader reads, but with a name the loader skips (.yml).
        case wrongExtension = "wrong-extension"
        /// A referenced intent id that no intent file defines.
        case unknownIntent = "unknown-intent"
        /// An FAQ entry citing a passage that does not exist.
        case unknownPassage = "unknown-passage"
        /// A `{{kind:path}}` placeholder of an unknown kind.
        case placeholderKind = "placeholder-kind"
        /// A placeholder path that is not in a policy profile.
        case placeholderPath = "placeholder-path"
        /// A placeholder whose profile value is not a number (or not a date, for `date`).
        case placeholderValue = "placeholder-value"
        /// A stray `{{` or `}}`.
        case placeholderMalformed = "placeholder-malformed"
        /// Digits or symbols in a spoken answer outside placeholders.
        case spokenSymbols = "spoken-symbols"
        /// A URL or a list in a spoken answer.
        case spokenFormat = "spoken-format"
        /// A spoken answer too long for the phone.
        case spokenLength = "spoken-long"
        /// A passage of more than six sentences.
        case passageLength = "passage-long"
        /// A figure typed in an answer that probably belongs in the profile.
        case literalFigure = "literal-figure"
        /// An intent with fewer than three FAQ entries.
        case fewFAQEntries = "few-faq-entries"
        /// A long run of text copied verbatim from the shared facts or seeds.
        case verbatimText = "verbatim-text"
        /// An intent of the specification (shared/spec/intents.md) with no intent file.
        case specIntentMissing = "spec-intent-missing"
        /// The real loaders refused the data.
        case loadFailure = "load-failure"
    }

    /// A place in a data file (line 1-based; nil when the whole file is meant).
    public struct Location: Sendable, Equatable, CustomStringConvertible {
        /// Path relative to the package root, e.g. `Intents/greeting.yaml`.
        public let file: String
        /// 1-based line, nil for the whole file.
        public let line: Int?

        /// A place in `file`.
        public init(file: String, line: Int?) {
            self.file = file
            self.line = line
        }

        /// `file:line`, or `file`.
        public var description: String { line.map { "\(file):\($0)" } ?? file }
    }

    /// Whether it fails validation.
    public let severity: Severity
    /// What kind of problem it is.
    public let code: Code
    /// Where it is.
    public let location: Location
    /// What is wrong and what to do, in English.
    public let message: String
    /// The same in Chinese.
    public let chinese: String
    /// A second place involved (the first copy of a duplicate), if any.
    public let related: Location?

    /// An issue at `file`:`line` with its message in English and Chinese.
    public init(_ severity: Severity, _ code: Code, file: String, line: Int?, _ message: String, _ chinese: String, related: Location? = nil) {
        self.severity = severity
        self.code = code
        self.location = Location(file: file, line: line)
        self.message = message
        self.chinese = chinese
        self.related = related
    }

    /// `ERROR Intents/a.yaml:3 [unknown-key] … / …`, one line.
    public var description: String {
        let tag = severity == .error ? "ERROR" : "WARN "
        return "\(tag) \(location) [\(code.rawValue)] \(message) / \(chinese)"
    }
}
