import AnjuProtocol
import CoreMetrics

/// The protocol's request (Hummingbird has a `Request` of its own).
typealias ProtocolRequest = AnjuProtocol.Request
/// swift-metrics' counter (Prometheus has a `Counter` of its own).
typealias MetricCounter = CoreMetrics.Counter
