import Crypto
import Foundation
import _CryptoExtras

/// Salted, slow hashes of the 6-digit enquiry PINs: PBKDF2-HMAC-SHA256, a random 16-byte
/// salt per PIN, 32-byte output.
///
/// A 6-digit PIN has only a million values, so no hash makes a stolen database safe by
/// itself; the rounds make each guess cost as much as a chat turn can afford, and the
/// lock-out after five wrong tries is the real defence. 100,000 rounds take about 31 ms on
/// the development machine in a release build (a whole `AccountStore.verify`, about
/// 27 ms median), inside the ~50 ms a chat reply can spend on it; a debug build, whose
/// BoringSSL is unoptimised, takes about 75 ms (`PINStorageTests` prints it). The rounds
/// are stored with each hash, so they can be raised later without invalidating existing
/// PINs.
public struct PINHasher: Sendable {
    /// The rounds new hashes are made with.
    public let iterations: Int

    /// The default rounds for new PINs.
    public static let defaultIterations = 100_000

    /// - Parameter iterations: rounds for new hashes; tests may lower it to run fast.
    public init(iterations: Int = PINHasher.defaultIterations) {
        self.iterations = max(1, iterations)
    }

    /// Whether `pin` has the shape of an enquiry PIN: exactly 6 ASCII digits.
    public static func isWellFormed(_ pin: String) -> Bool {
        let bytes = pin.utf8
        return bytes.count == 6 && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A new random salt from the system's secure generator.
    func makeSalt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The PBKDF2 hash of `pin` under `salt` with `iterations` rounds.
    func hash(pin: String, salt: Data, iterations: Int) -> Data {
        // PBKDF2 only fails for bad parameters (zero rounds or output length), which
        // cannot happen here.
        let key = try! KDF.Insecure.PBKDF2.deriveKey(
            from: Array(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32,
            unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Data($0) }
    }

    /// A new salt and the hash of `pin` with the current rounds.
    func makeCredential(pin: String) -> (hash: Data, salt: Data, iterations: Int) {
        let salt = makeSalt()
        return (hash(pin: pin, salt: salt, iterations: iterations), salt, iterations)
    }

    /// Whether `pin` hashes to `expected`; the comparison takes the same time wherever the
    /// bytes differ.
    func matches(pin: String, salt: Data, iterations: Int, expected: Data) -> Bool {
        PINHasher.constantTimeEqual(hash(pin: pin, salt: salt, iterations: iterations), expected)
    }

    /// Burns the time of one verification, so an unknown ID number answers as slowly as a
    /// known one with a wrong PIN.
    func simulateVerification(pin: String) {
        _ = hash(pin: pin, salt: Data(repeating: 0, count: 16), iterations: iterations)
    }

    /// Compares two byte strings without an early exit.
    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
