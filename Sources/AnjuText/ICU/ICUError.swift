import CICU

/// An ICU call that failed, with ICU's own error name (e.g. `U_FILE_ACCESS_ERROR`).
public struct ICUError: Error, CustomStringConvertible, Sendable {
    /// What was being done.
    public let operation: String
    /// ICU's error code.
    public let code: Int32

    init(_ operation: String, _ code: Int32) {
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "ICU \(operation) failed: \(String(cString: cicu_error_name(code))) / ICU 调用失败"
    }
}
