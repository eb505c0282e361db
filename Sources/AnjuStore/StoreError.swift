/// An error of the member store: a code to branch on and a message for people.
///
/// The message names the file (and for CSV errors the line and column), says what is
/// wrong and what to do, in Chinese and English. Codes are values of `StoreError.Code`,
/// so new ones can be added without breaking callers' `switch`es (compare with `==`).
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable snake_case name, e.g. `read_only`.
        public let name: String
        private init(_ name: String) { self.name = name }

        /// No member with that account number or ID number.
        public static let notFound = Code("not_found")
        /// The CSV file has a bad row or header (see `issues`); nothing was written.
        public static let badCSV = Code("bad_csv")
        /// The database file or its directory is read-only (SQLITE_READONLY, SQLITE_PERM).
        public static let readOnly = Code("read_only")
        /// Another connection holds the database lock past the busy timeout
        /// (SQLITE_BUSY, SQLITE_LOCKED). Not to be confused with a member locked out after
        /// five wrong PINs, which is `VerificationOutcome.locked`.
        public static let databaseLocked = Code("database_locked")
        /// The file is damaged or not a SQLite database (SQLITE_CORRUPT, SQLITE_NOTADB).
        public static let corrupt = Code("corrupt")
        /// The file or its directory cannot be opened or created (SQLITE_CANTOPEN).
        public static let cannotOpen = Code("cannot_open")
        /// A disk read or write failed, or the disk is full (SQLITE_IOERR, SQLITE_FULL), or
        /// a file could not be read.
        public static let io = Code("io")
        /// The database was written by a newer version of Anju (unknown migrations).
        public static let newerSchema = Code("newer_schema")
        /// A conversation turn needs the store (verification) and another program holds its
        /// write lock past the short verification timeout: the protocol's `store_unavailable`.
        /// The citizen is told to try again shortly; nothing was counted.
        public static let storeUnavailable = Code("store_unavailable")
        /// Any other SQLite error; the message carries SQLite's own words.
        public static let database = Code("database")

        public var description: String { name }
    }

    /// What kind of failure this is.
    public let code: Code
    /// The full explanation, Chinese then English, naming the file and what to do.
    public let message: String
    /// The database or CSV file concerned, when there is one.
    public let path: String?
    /// For `.badCSV`: the 1-based line of the first bad row (the header is line 1).
    public let line: Int?
    /// For `.badCSV`: the column of the first bad value, as named in the header.
    public let column: String?
    /// For `.badCSV`: every problem found (the message lists the first 20).
    public let issues: [ImportIssue]

    public init(_ code: Code, _ message: String, path: String? = nil, line: Int? = nil, column: String? = nil,
                issues: [ImportIssue] = []) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.issues = issues
    }

    public var description: String { message }
}

/// One problem with one value of an imported CSV file.
public struct ImportIssue: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line where the row starts (the header is line 1).
    public let line: Int
    /// The column as named in the header (or the expected name when it is missing).
    public let column: String
    /// What is wrong, Chinese then English.
    public let message: String

    public init(line: Int, column: String, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `第3行 id_number 列：… / line 3, column id_number: …`
    public var description: String {
        "第\(line)行 \(column) 列 (line \(line), column \(column)): \(message)"
    }
}
