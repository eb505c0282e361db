#if canImport(Glibc)
import AnjuProtocol
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Logging
import NIOCore
import ServiceLifecycle

/// Runs the line-protocol server until SIGTERM or SIGINT, then shuts it down gracefully
/// (stop accepting, answer the requests in flight, close the connections) and returns —
/// so the process can exit 0. Prints `anju: listening on HOST:PORT` to standard output once
/// listening (and logs it).
///
/// SIGHUP does not stop the server: it calls `onHangup` (e.g. to reload data), or — when
/// there is none — logs that reloading is not supported and carries on.
///
/// `alongside` are run in the same group after the line server (e.g. the HTTP server) and
/// shut down before it.
///
/// `gate` is shared with the `alongside` HTTP server (see ``LineServer/init(configuration:backend:logger:eventLoopGroup:gate:onListening:)``).
/// `onServer` is called once with the line server before it starts (e.g. to sample its
/// open connections for metrics).
///
/// Throws when the address cannot be bound (e.g. the port is in use).
public func runServer(
    configuration: LineServer.Configuration,
    backend: any AssistantBackend,
    logger: Logger,
    onHangup: (@Sendable () -> Void)? = nil,
    onServer: (LineServer) -> Void = { _ in },
    gate: SessionGate? = nil,
    alongside: [any Service] = []
) async throws {
    // SIGHUP's default action ends the process; a terminal closing or a careless
    // `kill -HUP` must not take the service down.
    signal(SIGHUP, SIG_IGN)
    let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
    hangup.setEventHandler {
        if let onHangup {
            logger.notice("SIGHUP received: reloading")
            onHangup()
        } else {
            logger.notice("SIGHUP received: reload not supported, ignoring (restart the server to load new data)")
        }
    }
    hangup.resume()
    defer { hangup.cancel() }

    // Each connection takes a file descriptor; the common soft limit (1024) would refuse
    // connections at the OS level before `maxConnections` is reached.
    let wanted = configuration.maxConnections + configuration.maxConnections / 8 + 64
    let limit = raiseOpenFileLimit(toAtLeast: wanted)
    if limit < wanted {
        logger.warning("open file limit below what maxConnections needs", metadata: ["limit": "\(limit)", "wanted": "\(wanted)"])
    }
    let server = LineServer(configuration: configuration, backend: backend, logger: logger, gate: gate) { address in
        print("anju: listening on \(LineServer.describe(address))")
        fflush(nil)
    }
    onServer(server)
    var groupConfiguration = ServiceGroupConfiguration(
        services: [server] + alongside,
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
    )
    // The server cuts lingering connections itself after shutdownTimeout; these are backstops.
    groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout + .seconds(5)
    groupConfiguration.maximumCancellationDuration = .seconds(5)
    try await ServiceGroup(configuration: groupConfiguration).run()
}

/// Raises the soft limit on open file descriptors towards `wanted` (never above the hard
/// limit, never lowering it); returns the soft limit now in force.
@discardableResult
func raiseOpenFileLimit(toAtLeast wanted: Int) -> Int {
    var limits = rlimit()
    #if canImport(Glibc)
    let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    let resource = RLIMIT_NOFILE
    #endif
    guard getrlimit(resource, &limits) == 0 else { return 0 }
    let current = Int(clamping: limits.rlim_cur)
    guard current < wanted else { return current }
    limits.rlim_cur = min(limits.rlim_max, rlim_t(wanted))
    guard setrlimit(resource, &limits) == 0 else { return current }
    return Int(clamping: limits.rlim_cur)
}
