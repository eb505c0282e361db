import CICU
import Synchronization

/// ICU's word break iterator (`UBRK_WORD`), wrapped.
///
/// ICU iterators are not thread-safe, so a breaker is used by one caller at a time;
/// `WordBreakerPool` hands out clones so concurrent callers never share one.
final class ICUWordBreaker {
    private let handle: OpaquePointer
    private var boundaries: [Int32] = Array(repeating: 0, count: 256)
    private var statuses: [Int32] = Array(repeating: 0, count: 256)

    init(locale: String = "zh") throws(ICUError) {
        var error: Int32 = 0
        guard let h = cicu_breaker_open(locale, &error) else { throw ICUError("ubrk_open(\(locale))", error) }
        handle = h
    }

    private init(handle: OpaquePointer) { self.handle = handle }

    func clone() throws(ICUError) -> ICUWordBreaker {
        var error: Int32 = 0
        guard let h = cicu_breaker_clone(handle, &error) else { throw ICUError("ubrk_clone", error) }
        return ICUWordBreaker(handle: h)
    }

    deinit { cicu_breaker_close(handle) }

    /// Calls `body` with the boundaries of `utf16` (UTF-16 offsets, first 0, last
    /// `utf16.count`) and their rule statuses, straight from the breaker's own buffers —
    /// no array per call (the segmenter asks once per query).
    func withBoundaries<R>(_ utf16: [UInt16], _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> R) -> R {
        let needed = utf16.count + 2
        if boundaries.count < needed {
            boundaries = Array(repeating: 0, count: needed)
            statuses = Array(repeating: 0, count: needed)
        }
        var error: Int32 = 0
        let capacity = Int32(boundaries.count)
        let n = utf16.withUnsafeBufferPointer { text in
            boundaries.withUnsafeMutableBufferPointer { b in
                statuses.withUnsafeMutableBufferPointer { s in
                    cicu_breaker_segment(handle, text.baseAddress, Int32(text.count), b.baseAddress, s.baseAddress, capacity, &error)
                }
            }
        }
        if n <= 0 {
            // ICU failed: the whole text as one segment.
            boundaries[0] = 0
            boundaries[1] = Int32(utf16.count)
            statuses[0] = 0
            statuses[1] = 0
            return boundaries.withUnsafeBufferPointer { b in statuses.withUnsafeBufferPointer { s in
                body(UnsafeBufferPointer(rebasing: b[0..<2]), UnsafeBufferPointer(rebasing: s[0..<2]))
            } }
        }
        return boundaries.withUnsafeBufferPointer { b in statuses.withUnsafeBufferPointer { s in
            body(UnsafeBufferPointer(rebasing: b[0..<Int(n)]), UnsafeBufferPointer(rebasing: s[0..<Int(n)]))
        } }
    }
}

/// A pool of word breakers, so the segmenter can be called from many threads at once.
///
/// Each breaker is taken out of the pool for the duration of one call and put back after,
/// so no two threads ever touch the same ICU iterator.
final class WordBreakerPool: Sendable {
    // Safety: an `ICUWordBreaker` is only reachable through this mutex while idle; a caller
    // removes it from the array under the lock, uses it alone, and returns it under the lock.
    private struct Idle: @unchecked Sendable { var breakers: [ICUWordBreaker] }
    private let idle: Mutex<Idle>
    private let prototype: Mutex<Idle>

    init(locale: String = "zh") throws(ICUError) {
        let first = try ICUWordBreaker(locale: locale)
        prototype = Mutex(Idle(breakers: [first]))
        idle = Mutex(Idle(breakers: []))
    }

    /// Runs `body` with a breaker no other thread is using.
    func withBreaker<R>(_ body: (ICUWordBreaker) -> R) -> R {
        var breaker = idle.withLock { $0.breakers.popLast() }
        if breaker == nil {
            breaker = prototype.withLock { try? $0.breakers[0].clone() }
        }
        guard let breaker else {
            // Cloning cannot fail short of memory exhaustion; serialise on the prototype then.
            return prototype.withLock { body($0.breakers[0]) }
        }
        let result = body(breaker)
        idle.withLock { $0.breakers.append(breaker) }
        return result
    }
}
