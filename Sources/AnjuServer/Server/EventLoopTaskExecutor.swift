import NIOCore

/// A Swift concurrency task executor that runs its jobs on one NIO event loop.
///
/// The request handler starts an `ask` turn as a task that prefers this executor: the turn
/// then runs on the connection's own event loop, from where its reply is written, instead
/// of hopping to the cooperative pool and back for every turn (two thread switches, which
/// on two cores cost more than a policy question's whole answer). A turn that waits — a
/// store on its dispatch queue, PostgreSQL, another turn of the same session — suspends
/// as before and resumes here; nothing in a turn blocks the thread (the stores' blocking
/// calls run on their own queues).
///
/// Sendable as a final class whose only stored property is an immutable, Sendable event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }
}
