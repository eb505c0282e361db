import AnjuProtocol
import NIOPosix

extension AnjuProtocol.Request {
    /// Answers the request without blocking a Swift concurrency thread: calls that may
    /// wait on the member database (``Request/mayBlock``) run on NIO's shared thread pool,
    /// the others (tens of microseconds of CPU) inline.
    func answer(with backend: any AssistantBackend) async -> Reply {
        guard mayBlock else { return run(on: backend) }
        do {
            return try await NIOThreadPool.singleton.runIfActive { run(on: backend) }
        } catch {
            return .error(.internalError, id: id, format: .json)
        }
    }
}
