/// A failure of an evaluation run: a stable code and a message in English and Chinese.
public struct EvaluationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What failed; the raw value is printed.
    public enum Code: String, Sendable {
        /// `--folds` below 2, or more folds than examples.
        case badFolds = "bad-folds"
        /// Cross-validation could not rebuild the catalogue without the held-out examples.
        case foldCatalog = "fold-catalog"
        /// The report folder cannot be created or written.
        case unwritableOutput = "unwritable-output"
    }

    /// What failed.
    public let code: Code
    /// What to do about it, in English and Chinese.
    public let message: String

    /// An error of kind `code`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `[code] message`.
    public var description: String { "[\(code.rawValue)] \(message)" }
}
