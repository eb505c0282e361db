import AnjuJSON

/// libFuzzer entry: any bytes through the protocol's JSON parser. Invariants: no trap (deep
/// nesting is refused, not recursed into); a value that parses serialises to JSON that
/// parses back to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
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
