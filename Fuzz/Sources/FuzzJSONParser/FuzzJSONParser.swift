import CFuzzDriver
import Foundation
import AnjuJSON

/// libFuzzer entry: any bytes through the protocol's JSON parser. Invariants: no trap (deep
/// nesting is refused, not recursed into); a value that parses serialises to JSON that
/// parses back to the same value.
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    let text = value.jsonString
    guard let again = try? JSONValue.parse(text) else {
        preconditionFailure("serialised JSON does not parse: \(text)")
    }
    precondition(again.jsonString == text, "round trip changed the value: \(text) → \(again.jsonString)")
    return 0
}

// SwiftPM makes this one-file target's `main`; it hands over to libFuzzer's driver.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
    guard let data else { return 0 }
    return fuzz(data, size)
})
