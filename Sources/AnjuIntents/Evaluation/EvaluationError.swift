/// A failure of an evaluation run: a stable code and a message in English and Chinese.
public struct EvaluationError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// `--folds` below 2, or more folds than examples.
        case badFolds = "bad-folds"
        /// Cross-validation could not rebuild the catalogue without the held-out examples.
        case foldCatalog = "fold-catalog"
        /// The report folder cannot be created or written.
        case unwritableOutput = "unwritable-output"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "[\(code.rawValue)] \(message)" }
}
