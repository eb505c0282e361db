#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AnjuJSON
import Foundation
import Logging

/// A swift-log handler that writes one JSON object per line to standard error:
/// `{"time":"2026-12-05T14:00:00.123Z","level":"info","label":"anju.server","message":"…",…metadata}`
/// — for log collectors (`--log-format json`).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.staticKey("time")
        writer.string(Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)))
        writer.staticKey("level")
        writer.string(event.level.rawValue)
        writer.staticKey("label")
        writer.string(label)
        writer.staticKey("message")
        writer.string(event.message.description)
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        for (key, value) in all.sorted(by: { $0.key < $1.key }) where !["time", "level", "label", "message"].contains(key) {
            writer.key(key)
            writer.string(value.description)
        }
        writer.endObject()
        var line = writer.bytes
        line.append(0x0A)
        // One write per line: lines from several threads do not interleave.
        line.withUnsafeBytes { _ = Foundation.write(2, $0.baseAddress, $0.count) }
    }
}
