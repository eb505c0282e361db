#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import NIOCore
import ServiceLifecycle

/// Runs the line-protocol server until SIGTERM or SIGINT, then shuts it down gracefully
/// (stop accepting, answer the requests in flight, close the connections) and returns —
/// so the process can exit 0. Prints `anju: listening on HOST:PORT` to standard output once
/// listening (and logs it).
///
/// Throws when the address cannot be bound (e.g. the port is in use).
public func runServer(
    configuration: LineServer.Configuration,
    backend: any AssistantBackend,
    logger: Logger
) async throws {
    let server = LineServer(configuration: configuration, backend: backend, logger: logger) { address in
        print("anju: listening on \(LineServer.describe(address))")
        fflush(nil)
    }
    var groupConfiguration = ServiceGroupConfiguration(
        services: [server],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
    )
    // The server cuts lingering connections itself after shutdownTimeout; these are backstops.
    groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout + .seconds(5)
    groupConfiguration.maximumCancellationDuration = .seconds(5)
    try await ServiceGroup(configuration: groupConfiguration).run()
}
