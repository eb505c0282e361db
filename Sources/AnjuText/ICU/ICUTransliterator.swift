import CICU

/// An ICU transliterator (e.g. `Traditional-Simplified`, `Han-Latin; Latin-ASCII`).
///
/// Used only at start-up to build per-character tables: per-query transliteration costs
/// 10–200 µs, a table lookup nanoseconds, and the tables are immutable and thread-safe.
final class ICUTransliterator {
    private let handle: OpaquePointer

    init(_ id: String) throws(ICUError) {
        var error: Int32 = 0
        guard let h = cicu_translit_open(id, &error) else { throw ICUError("utrans_open(\(id))", error) }
        handle = h
    }

    deinit { cicu_translit_close(handle) }

    func transliterate(_ text: String) throws(ICUError) -> String {
        var buffer = Array(text.utf16)
        let length = Int32(buffer.count)
        var capacity = max(64, buffer.count * 8)
        while true {
            buffer.reserveCapacity(capacity)
            var work = buffer + Array(repeating: 0, count: capacity - buffer.count)
            var error: Int32 = 0
            let n = work.withUnsafeMutableBufferPointer {
                cicu_translit_apply(handle, $0.baseAddress, length, Int32(capacity), &error)
            }
            if n >= 0 { return String(decoding: work[0..<Int(n)], as: UTF16.self) }
            // U_BUFFER_OVERFLOW_ERROR is 15
            guard error == 15, capacity < 1 << 26 else { throw ICUError("utrans_transUChars", error) }
            capacity *= 4
        }
    }
}

/// Decodes legacy-encoded bytes with ICU's converters.
enum ICUDecoder {
    static func decode(_ bytes: [UInt8], encoding: String) throws(ICUError) -> String {
        var out = [UInt16](repeating: 0, count: bytes.count * 2 + 16)
        var error: Int32 = 0
        let n = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { c in
                out.withUnsafeMutableBufferPointer { o in
                    cicu_decode(encoding, c.baseAddress, Int32(b.count), o.baseAddress, Int32(o.count), &error)
                }
            }
        }
        guard n >= 0 else { throw ICUError("ucnv_toUChars(\(encoding))", error) }
        return String(decoding: out[0..<Int(n)], as: UTF16.self)
    }
}
