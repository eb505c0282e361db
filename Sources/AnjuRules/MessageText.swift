import AnjuJSON

/// A message under construction as UTF-8, written with ordinary string interpolation
/// (`"连续缴存需满\(n)个月"`): literals are copied as bytes and integers written as digits,
/// which is much cheaper than building `String`s piece by piece.
struct MessageText: ExpressibleByStringInterpolation, Sendable {
    var bytes: [UInt8]

    init(stringLiteral value: StaticString) {
        bytes = Array(UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var bytes: [UInt8]

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes = []
            bytes.reserveCapacity(literalCapacity + 12 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }

        mutating func appendInterpolation(_ n: Int) {
            if n < 0 { bytes.append(UInt8(ascii: "-")) }
            var magnitude = n.magnitude
            let start = bytes.count
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            bytes[start...].reverse()
        }

        mutating func appendInterpolation(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        mutating func appendInterpolation(_ text: MessageText) {
            bytes.append(contentsOf: text.bytes)
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
