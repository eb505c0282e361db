import NIOCore
import NIOPosix

/// Where backend calls run: on a `NIOThreadPool` (the default: they may block), or inline in
/// the connection's task (``LineServer/Configuration/backendThreads`` = 0: only for backends
/// that never block, since a blocked call would hold one of Swift's few cooperative threads).
/// Never on an event loop. Calls that cannot block (classify, faq, check, reset: CPU work on
/// in-memory data, tens of microseconds) run inline even with a pool, because the hop to a
/// pool thread and back costs more than the call itself; `ask` may touch the member
/// database, so it always goes to the pool.
enum BackendRunner: Sendable {
    case threadPool(NIOThreadPool)
    case inline

    /// Runs `call`; throws `CancellationError` when the task is cancelled before it ran,
    /// and `NIOThreadPoolError.ThreadPoolInactive` when the pool has stopped.
    func run(_ call: BackendCall, on backend: any AssistantBackend) async throws -> Reply {
        switch self {
        case .threadPool(let pool) where call.mayBlock:
            return try await pool.runIfActive { call.run(on: backend) }
        case .threadPool, .inline:
            try Task.checkCancellation()
            return call.run(on: backend)
        }
    }

    /// Runs `call` even when the task is cancelled (clean-up work).
    func runEvenIfCancelled(_ call: BackendCall, on backend: any AssistantBackend, eventLoop: any EventLoop) async {
        switch self {
        case .threadPool(let pool):
            _ = try? await pool.runIfActive(eventLoop: eventLoop) { call.run(on: backend) }.get()
        case .inline:
            _ = call.run(on: backend)
        }
    }
}
