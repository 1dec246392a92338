internal import CUnbound
import Foundation

/// Owns one libunbound context and the thread that hands it queries and takes its answers.
///
/// Every libunbound call after setup is made on that one thread, so the Swift concurrency
/// pool never blocks on the network: callers wait on a continuation, and the thread wakes
/// for new queries, for answers on `ub_fd` and for deadlines.
final class UnboundContext: @unchecked Sendable {
    // `context` is used on the resolver thread only; `submitted` and `isClosing` are
    // guarded by `lock`; `inFlight` belongs to the resolver thread.
    let context: OpaquePointer
    private let lock = NSLock()
    private var submitted: [DNSQueryTicket] = []
    private var isClosing = false
    var inFlight: [DNSQueryTicket] = []
    let wakeRead: Int32
    private let wakeWrite: Int32

    init(configuration: DNSResolver.Configuration) throws {
        guard let context = ub_ctx_create() else {
            throw DeliveryError(.dnsConfiguration, "libunbound could not create a context")
        }
        do {
            try Self.apply(configuration, to: context)
        } catch {
            ub_ctx_delete(context)
            throw error
        }

        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            ub_ctx_delete(context)
            throw DeliveryError(.dnsConfiguration, "no pipe for the resolver thread")
        }
        self.context = context
        (wakeRead, wakeWrite) = (fds[0], fds[1])
        _ = fcntl(wakeRead, F_SETFL, O_NONBLOCK)
        _ = fcntl(wakeWrite, F_SETFL, O_NONBLOCK)

        // The thread keeps the context alive until it has failed every waiting query.
        let thread = Thread { [self] in run() }
        thread.name = "MailSeal DNS"
        thread.start()
    }

    deinit {
        ub_ctx_delete(context)
        close(wakeRead)
        close(wakeWrite)
    }

    /// Asks libunbound, through the resolver thread; the ticket's deadline bounds the wait.
    func resolve(_ ticket: DNSQueryTicket) async throws -> DNSAnswer {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                ticket.attach(continuation)
                let accepted = lock.withLock {
                    if !isClosing { submitted.append(ticket) }
                    return !isClosing
                }
                if !accepted { ticket.finish(.failure(Self.closedError)) }
                wakeUp()
            }
        } onCancel: {
            ticket.cancel()
            wakeUp()
        }
    }

    /// Ends the resolver thread after it failed the queries still waiting.
    func shutDown() {
        lock.withLock { isClosing = true }
        wakeUp()
    }

    /// The queries handed in since the last call, and whether the resolver is closing.
    func takeSubmitted() -> (tickets: [DNSQueryTicket], closing: Bool) {
        lock.withLock {
            defer { submitted.removeAll() }
            return (submitted, isClosing)
        }
    }

    static let closedError = DeliveryError(
        .dnsResolverClosed, "the DNS resolver was released before the query finished")

    private func wakeUp() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    // MARK: - Setup

    /// Applies the configuration; libunbound takes no changes once it has resolved.
    private static func apply(
        _ configuration: DNSResolver.Configuration, to context: OpaquePointer
    ) throws {
        // Threaded mode: answers come from a thread of libunbound's, never a forked process.
        try check(ub_ctx_async(context, 1), "threaded mode")
        switch configuration.upstream {
        case .system:
            try check(ub_ctx_resolvconf(context, nil), "/etc/resolv.conf")
        case .resolvConf(let path):
            try check(ub_ctx_resolvconf(context, path), path)
        case .forwarders(let servers):
            for server in servers {
                try check(ub_ctx_set_fwd(context, server), "forwarder \(server)")
            }
        case .stub(let zone, let servers):
            // The servers were named on purpose, so loopback ones are allowed.
            try check(
                ub_ctx_set_option(context, "do-not-query-localhost:", "no"), "loopback stub")
            for server in servers {
                try check(ub_ctx_set_stub(context, zone, server, 0), "stub \(zone) at \(server)")
            }
        }
        for zone in configuration.resolvedSpecialUseZones {
            // A transparent local zone of that name replaces the built-in static one.
            let value = "\(zone) transparent"
            try check(ub_ctx_set_option(context, "local-zone:", value), "zone \(zone)")
        }
        for anchor in configuration.trustAnchors {
            switch anchor {
            case .file(let path):
                // libunbound reads the file only at the first query; fail here instead.
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw DeliveryError(
                        .dnsConfiguration, "the trust anchor file \(path) cannot be read")
                }
                try check(ub_ctx_add_ta_file(context, path), "trust anchor file \(path)")
            case .record(let record):
                try check(ub_ctx_add_ta(context, record), "trust anchor \(record)")
            }
        }
    }

    private static func check(_ status: Int32, _ what: String) throws {
        guard status != 0 else { return }
        throw DeliveryError(
            .dnsConfiguration, "libunbound refused \(what): \(errorText(status))")
    }

    static func errorText(_ status: Int32) -> String {
        ub_strerror(status).map { String(cString: $0) } ?? "error \(status)"
    }
}
