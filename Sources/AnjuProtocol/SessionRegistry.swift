import Crypto
import Foundation
import Synchronization

/// The session ids this server issued (protocol 1.1: `open`, or `ask` without `session`).
///
/// An issued id is 128 random bits from the system's secure generator, written as 32
/// lowercase hex digits — unguessable, so holding it is the proof of being the end user it
/// was issued to. The registry remembers each id until it has been idle for
/// `idleTimeout` (the dialogue's session timeout), and holds at most `capacity` ids (the
/// least recently used go first), so memory stays bounded. An id it no longer knows is
/// treated as client-chosen: it still gets policy answers, never member data.
///
/// Several instances sharing sessions (issue 14: `--sessions postgres`) must recognise each
/// other's ids: given a shared `secret` (env `ANJU_SESSION_SECRET`, the same on every
/// instance), an id is 64 random bits followed by 64 bits of their HMAC-SHA256 under the
/// secret — still 32 hex digits — and an id this instance never saw is accepted when its
/// tag is right (then remembered and expired like its own). A revocation (`reset`) is only
/// known to the instance that received it.
public final class SessionRegistry: Sendable {
    private struct State {
        var lastUsed: [String: ContinuousClock.Instant] = [:]
        var operations = 0
    }

    private let state = Mutex(State())
    /// How long an unused id stays valid.
    public let idleTimeout: Duration
    /// Ids kept at most.
    public let capacity: Int

    /// The key of signed ids, when instances share sessions.
    private let keyBytes: Data?
    private var key: SymmetricKey? { keyBytes.map { SymmetricKey(data: $0) } }

    /// - Parameter secret: shared by the instances of one deployment (default: env
    ///   `ANJU_SESSION_SECRET`); nil or empty: ids are known only to this instance.
    public init(idleTimeout: Duration = .seconds(600), capacity: Int = 200_000,
                secret: String? = ProcessInfo.processInfo.environment["ANJU_SESSION_SECRET"]) {
        self.idleTimeout = idleTimeout
        self.capacity = max(1, capacity)
        self.keyBytes = secret.flatMap { $0.isEmpty ? nil : Data(SHA256.hash(data: Data($0.utf8))) }
    }

    /// A new id, remembered as issued.
    public func issue(now: ContinuousClock.Instant = .now) -> String {
        let id = key.map(Self.signedID) ?? Self.randomID()
        state.withLock { state in
            state.lastUsed[id] = now
            state.operations += 1
            if state.lastUsed.count > capacity || state.operations % 4096 == 0 { prune(&state, now: now) }
        }
        return id
    }

    /// Whether `id` was issued here and has not expired; using it keeps it alive.
    public func isIssued(_ id: String, now: ContinuousClock.Instant = .now) -> Bool {
        let signed = key.map { Self.verify(id, key: $0) } ?? false
        return state.withLock { state in
            guard let last = state.lastUsed[id] else {
                guard signed else { return false }
                // Issued by another instance of this deployment.
                state.lastUsed[id] = now
                return true
            }
            if now - last > idleTimeout {
                state.lastUsed[id] = nil
                return false
            }
            state.lastUsed[id] = now
            return true
        }
    }

    /// Forgets `id` (after `reset`: the id is spent).
    public func revoke(_ id: String) {
        _ = state.withLock { $0.lastUsed.removeValue(forKey: id) }
    }

    /// Ids held now.
    public var count: Int { state.withLock { $0.lastUsed.count } }

    private func prune(_ state: inout State, now: ContinuousClock.Instant) {
        state.lastUsed = state.lastUsed.filter { now - $0.value <= idleTimeout }
        if state.lastUsed.count > capacity {
            let keep = capacity - capacity / 10
            let sorted = state.lastUsed.sorted { $0.value > $1.value }.prefix(max(1, keep))
            state.lastUsed = Dictionary(uniqueKeysWithValues: sorted.map { ($0.key, $0.value) })
        }
    }

    /// 32 lowercase hex digits of `SystemRandomNumberGenerator` (getrandom / arc4random).
    public static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex16(high) + hex16(low)
    }

    /// 16 hex digits of randomness, then 16 of their HMAC under `key`.
    static func signedID(key: SymmetricKey) -> String {
        var generator = SystemRandomNumberGenerator()
        let nonce = hex16(generator.next() as UInt64)
        return nonce + tag(nonce, key: key)
    }

    static func tag(_ nonce: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: key)
        return Data(mac).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `id` carries a right tag (compared without an early exit).
    static func verify(_ id: String, key: SymmetricKey) -> Bool {
        guard id.utf8.count == 32 else { return false }
        let expected = Array(tag(String(id.prefix(16)), key: key).utf8)
        let given = Array(id.suffix(16).utf8)
        var difference: UInt8 = 0
        for (x, y) in zip(expected, given) { difference |= x ^ y }
        return difference == 0
    }

    static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
