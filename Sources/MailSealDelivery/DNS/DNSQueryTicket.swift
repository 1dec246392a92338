import Foundation

/// One query on its way through libunbound: its deadline, and the continuation that is
/// resumed exactly once, by the answer, the timeout, a cancellation or the resolver closing.
final class DNSQueryTicket: @unchecked Sendable {
    // `continuation`, `outcome` and `isCancelled` are guarded by `lock`; the other
    // mutable fields are touched only on the resolver's thread.
    let name: String
    let type: DNSRecordType
    let deadline: ContinuousClock.Instant

    /// libunbound's id for the query, once it was handed over.
    var asyncID: Int32 = 0

    /// Set by libunbound's callback: nothing is left to cancel.
    var isAnswered = false

    private let lock = NSLock()
    private var continuation: CheckedContinuation<DNSAnswer, Error>?
    private var outcome: Result<DNSAnswer, Error>?
    private var isCancelled = false

    init(name: String, type: DNSRecordType, timeout: Duration) {
        self.name = name
        self.type = type
        self.deadline = .now + timeout
    }

    /// Whether the caller has its result (or was told why there is none).
    var isFinished: Bool { lock.withLock { outcome != nil } }

    /// Whether the waiting task was cancelled.
    var wasCancelled: Bool { lock.withLock { isCancelled } }

    /// Keeps the continuation, or resumes it at once when the ticket already finished.
    func attach(_ continuation: CheckedContinuation<DNSAnswer, Error>) {
        let early: Result<DNSAnswer, Error>? = lock.withLock {
            if let outcome { return outcome }
            self.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// Records the outcome; only the first call counts.
    func finish(_ result: Result<DNSAnswer, Error>) {
        let waiting: CheckedContinuation<DNSAnswer, Error>? = lock.withLock {
            guard outcome == nil else { return nil }
            outcome = result
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(with: result)
    }

    /// The task waiting for this query was cancelled.
    func cancel() {
        lock.withLock { isCancelled = true }
        finish(.failure(CancellationError()))
    }

    /// The error for a query that ran out of time.
    var timeoutError: DeliveryError {
        DeliveryError(
            .dnsTimeout,
            "no answer for \(name) \(type) within the resolver's timeout; "
                + "check that the DNS server is reachable")
    }
}
