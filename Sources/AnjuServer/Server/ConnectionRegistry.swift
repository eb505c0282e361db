import AnjuProtocol
import NIOCore
import Synchronization

/// The connections being served: counted against ``LineServer/Configuration/maxConnections``
/// and reachable for graceful shutdown. A connection leaves when its channel closes.
final class ConnectionRegistry: Sendable {
    /// What to do with a new connection.
    enum Admission {
        /// Serve it.
        case serve
        /// Over capacity (all connections, or this peer's): tell it `busy` (this error), then close.
        case refuse(ProtocolError)
        /// Over capacity while many are being refused (or shutting down): close it unanswered.
        case drop
    }

    private struct State {
        var served: [ObjectIdentifier: any NIOCore.Channel] = [:]
        var perPeer: [String: Int] = [:]
        var refusing = 0
        var accepting = true
    }

    private let state = Mutex(State())
    let limit: Int
    /// Connections served at once per client address.
    let perPeerLimit: Int
    /// Refusing takes a moment (the `busy` line, then a short linger): bounded too, so a
    /// flood of connections cannot grow memory.
    let refusalLimit: Int

    init(limit: Int, perPeerLimit: Int = .max) {
        self.limit = limit
        self.perPeerLimit = max(1, perPeerLimit)
        self.refusalLimit = max(16, limit / 8)
    }

    /// The address part of a remote address (`10.0.0.1`, `::1`), the key of per-peer limits.
    static func peer(of address: SocketAddress?) -> String {
        address?.ipAddress ?? address?.pathname ?? "?"
    }

    /// Decides about `channel` and, for `serve` and `refuse`, tracks it until it closes.
    func admit(_ channel: any NIOCore.Channel) -> Admission {
        let key = ObjectIdentifier(channel)
        let peer = Self.peer(of: channel.remoteAddress)
        let admission: Admission = state.withLock { state in
            guard state.accepting else { return .drop }
            let fromPeer = state.perPeer[peer, default: 0]
            if state.served.count < limit, fromPeer < perPeerLimit {
                state.served[key] = channel
                state.perPeer[peer] = fromPeer + 1
                return .serve
            }
            if state.refusing < refusalLimit {
                state.refusing += 1
                return .refuse(fromPeer >= perPeerLimit ? .busyPeerConnections : .busyConnections)
            }
            return .drop
        }
        switch admission {
        case .serve:
            channel.closeFuture.whenComplete { _ in
                self.state.withLock { state in
                    _ = state.served.removeValue(forKey: key)
                    let left = state.perPeer[peer, default: 1] - 1
                    state.perPeer[peer] = left > 0 ? left : nil
                }
            }
        case .refuse:
            channel.closeFuture.whenComplete { _ in self.state.withLock { $0.refusing -= 1 } }
        case .drop:
            break
        }
        return admission
    }

    /// Connections being served now.
    var count: Int { state.withLock { $0.served.count } }

    /// Stops admitting; returns the connections being served.
    func stopAccepting() -> [any NIOCore.Channel] {
        state.withLock { state in
            state.accepting = false
            return Array(state.served.values)
        }
    }

    /// The connections being served.
    var channels: [any NIOCore.Channel] { state.withLock { Array($0.served.values) } }

    /// Waits until no connection is served (true), or `timeout` passes (false). Throws when
    /// the task is cancelled.
    func waitUntilEmpty(timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while count > 0 {
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}
