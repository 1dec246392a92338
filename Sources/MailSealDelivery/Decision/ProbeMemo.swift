import Foundation

/// The SMTP probes of one prober, in flight or done, by host, port and trusted CAs.
actor ProbeMemo {
    private var probes: [String: Task<SMTPProbeResult, Never>] = [:]

    func result(
        for key: String, _ make: @escaping @Sendable () async -> SMTPProbeResult
    ) async -> SMTPProbeResult {
        if let running = probes[key] { return await running.value }
        let task = Task { await make() }
        probes[key] = task
        return await task.value
    }
}

/// A thread-safe count.
final class Counter: @unchecked Sendable {
    // Guarded by `lock`.
    private var count = 0
    private let lock = NSLock()

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
