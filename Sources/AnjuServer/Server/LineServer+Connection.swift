import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

extension LineServer {
    /// One connection's request loop. Catches its own errors: one client can never take the
    /// server down.
    func serveConnection(_ connection: Connection, id: UInt64, runner: BackendRunner) async {
        let channel = connection.channel
        let remote = Self.describe(channel.remoteAddress)
        let started = ContinuousClock.now
        var logger = self.logger
        logger[metadataKey: "conn"] = "\(id)"
        logger.info("connection opened", metadata: ["remote": "\(remote)"])

        var state = ConnectionState()
        var requests = 0
        var ending = "client closed"
        // Errors the server itself detects (idle timeout) are worded like the last line.
        var lastFormat = ReplyFormat.json
        do {
            try await connection.executeThenClose { inbound, outbound in
                try await withGracefulShutdownHandler {
                    var frames = inbound.makeAsyncIterator()
                    while let frame = try await frames.next() {
                        let reply: Reply
                        switch frame {
                        case .line(let line):
                            requests += 1
                            reply = try await answer(line, state: &state, runner: runner)
                        case .tooLong(let format):
                            requests += 1
                            reply = .error(.lineTooLong(limit: configuration.maxLine), id: nil, format: format)
                        case .badUTF8(let format):
                            requests += 1
                            reply = .error(.badUTF8, id: nil, format: format)
                        case .idleTimeout:
                            ending = "idle timeout"
                            let seconds = configuration.idleTimeout.components.seconds
                            let reply = Reply.error(.idleTimeout(seconds: seconds), id: nil, format: lastFormat)
                            logErrorReply(reply, logger: logger)
                            try? await outbound.write(Self.buffer(reply, allocator: channel.allocator))
                            await closeGently(channel, frames: &frames)
                            return
                        case .shutdown:
                            ending = "server shutdown"
                            await closeGently(channel, frames: &frames)
                            return
                        }
                        lastFormat = reply.format
                        logErrorReply(reply, logger: logger)
                        try await outbound.write(Self.buffer(reply, allocator: channel.allocator))
                    }
                    // The client ended its side: the replies are written; send ours.
                    await flushAndCloseOutput(channel)
                } onGracefulShutdown: {
                    channel.pipeline.fireUserInboundEventTriggered(ShutdownConnectionEvent())
                }
            }
        } catch is CancellationError {
            ending = "cancelled"
        } catch {
            ending = "connection error"
            logger.debug("connection error", metadata: ["error": "\(type(of: error))"])
        }
        let duration = ContinuousClock.now - started
        logger.info(
            "connection closed",
            metadata: [
                "remote": "\(remote)",
                "duration_ms": "\(duration.milliseconds)",
                "requests": "\(requests)",
                "reason": "\(ending)",
            ])
        if state.plainSessionUsed {
            // Forget the connection's plain-text conversation (even when cancelled; the pool
            // outlives the connections).
            await runner.runEvenIfCancelled(
                .forget(session: state.plainSession), on: handler.backend, eventLoop: channel.eventLoop)
        }
    }

    /// Over capacity: one `busy` line, then close.
    func refuseConnection(_ connection: Connection, id: UInt64) async {
        let channel = connection.channel
        logger.warning(
            "connection refused: too many connections",
            metadata: ["conn": "\(id)", "remote": "\(Self.describe(channel.remoteAddress))", "code": "busy"])
        try? await connection.executeThenClose { inbound, outbound in
            try? await outbound.write(
                Self.buffer(.error(.busyConnections, id: nil, format: .json), allocator: channel.allocator))
            var frames = inbound.makeAsyncIterator()
            await closeGently(channel, frames: &frames)
        }
    }

    /// The reply to a line: parsing and validation here, the backend call on the runner.
    private func answer(_ line: String, state: inout ConnectionState, runner: BackendRunner) async throws -> Reply {
        switch handler.prepare(line: line, connection: &state) {
        case .reply(let reply):
            return reply
        case .call(let call):
            do {
                return try await runner.run(call, on: handler.backend)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // The pool is gone (shutting down): the request could not run.
                return .error(.internalError, id: call.id, format: call.format)
            }
        }
    }

    private func logErrorReply(_ reply: Reply, logger: Logger) {
        guard let code = reply.errorCode else { return }
        let level: Logger.Level
        switch code {
        case .internal: level = .error
        case .busy: level = .warning
        default: level = .notice
        }
        logger.log(level: level, "error reply", metadata: ["code": "\(code.rawValue)"])
    }

    /// Ends a connection without losing the replies already written: send FIN once they are
    /// out, then wait (at most ``Configuration/closeLinger``) for the client to close its side,
    /// discarding anything it still sends. Closing while unread bytes sit in the socket would
    /// make the kernel send a reset, which can destroy replies the client has not read yet.
    private func closeGently(_ channel: any NIOCore.Channel, frames: inout NIOAsyncChannelInboundStream<LineFrame>.AsyncIterator) async {
        await flushAndCloseOutput(channel)
        let linger = channel.eventLoop.scheduleTask(in: TimeAmount(configuration.closeLinger)) {
            channel.close(promise: nil)
        }
        // Frames after the cut are dropped by ConnectionControlHandler, so this only waits
        // for the end of input (or the linger deadline's close).
        do {
            while try await frames.next() != nil {}
        } catch {}
        linger.cancel()
    }

    /// Half-closes the output once every queued reply is written, waiting at most
    /// ``Configuration/closeLinger`` for a client that does not read (then closes outright).
    private func flushAndCloseOutput(_ channel: any NIOCore.Channel) async {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        channel.close(mode: .output, promise: promise)
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(configuration.closeLinger)) {
            channel.close(promise: nil)
        }
        try? await promise.futureResult.get()
        deadline.cancel()
    }

    static func buffer(_ reply: Reply, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: reply.bytes.count + 1)
        buffer.writeBytes(reply.bytes)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
