import CFuzzDriver
import Foundation
import AnjuServer
import NIOCore

/// libFuzzer entry: the first byte sets the line limit and how the bytes are cut into
/// reads; the rest is what a client sends. Invariants: no trap; every complete line is
/// within the limit, and a kept line never holds a newline; the buffer never keeps more
/// than the limit plus one read.
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let limit = Int(data[0] & 0x3F)
    let chunk = Int(data[0] >> 6) * 7 + 1
    var splitter = LineSplitter(maximumLineLength: limit)
    var buffer = ByteBufferAllocator().buffer(capacity: 64)
    var offset = 1
    while offset < size {
        let end = min(size, offset + chunk)
        buffer.writeBytes(UnsafeBufferPointer(start: data + offset, count: end - offset))
        offset = end
        while let frame = splitter.nextFrame(&buffer) {
            if case .line(let line) = frame {
                precondition(line.utf8.count <= limit, "line over the limit: \(line.utf8.count) > \(limit)")
                precondition(!line.utf8.contains(UInt8(ascii: "\n")), "a line kept its newline")
            }
        }
        precondition(buffer.readableBytes <= limit + 1 + chunk, "buffer kept \(buffer.readableBytes) bytes")
    }
    _ = splitter.lastFrame(&buffer)
    return 0
}

// SwiftPM makes this one-file target's `main`; it hands over to libFuzzer's driver.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
    guard let data else { return 0 }
    return fuzz(data, size)
})
