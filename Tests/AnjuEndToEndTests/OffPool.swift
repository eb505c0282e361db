import Foundation

/// Runs blocking test work (waiting for a process, blocking socket reads) on a thread of
/// its own, so it does not hold one of the few Swift concurrency threads that the other
/// suites' async tests — some timing-sensitive — run on meanwhile.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 1 << 22
        thread.start()
    }
}
