/// A failure of `anju data validate` or `anju eval` that the command line reports as one
/// line and exit status 1: a stable code for scripts and a message in English and Chinese.
struct CommandError: Error, CustomStringConvertible {
    enum Code: String {
        /// A file given on the command line cannot be read.
        case unreadableFile = "unreadable-file"
        /// A folder given on the command line does not exist or cannot be read.
        case unreadableFolder = "unreadable-folder"
        /// The report folder cannot be created or written.
        case unwritableOutput = "unwritable-output"
        /// An option value out of range.
        case badOption = "bad-option"
        /// Nothing to evaluate.
        case emptySet = "empty-set"
        /// The data cannot be loaded.
        case dataLoad = "data-load"
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "[\(code.rawValue)] \(message)" }
}
