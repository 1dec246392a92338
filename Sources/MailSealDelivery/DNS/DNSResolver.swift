import Foundation

/// A validating DNS resolver over libunbound: every answer says whether DNSSEC proved it.
///
/// Queries run on a thread of the resolver's own and each has a deadline, so a dead server
/// costs one timeout and never holds a thread of the Swift concurrency pool.
public final class DNSResolver: Sendable {
    public let configuration: Configuration
    private let context: UnboundContext

    /// Sets libunbound up; fails when an upstream address or trust anchor is refused.
    public init(configuration: Configuration = .system) throws {
        self.configuration = configuration
        self.context = try UnboundContext(configuration: configuration)
    }

    deinit {
        context.shutDown()
    }

    /// Asks for the records of one type at `name`, in class IN.
    ///
    /// Any RCODE comes back as an answer (look at `rcode`, `nxdomain`, `isBogus`); only a
    /// failure to get an answer at all throws.
    /// - Throws: `DeliveryError` with `dnsTimeout` after the configured timeout,
    ///   `dnsQueryFailed` when libunbound gives up, or `CancellationError`.
    public func query(_ name: String, type: DNSRecordType) async throws -> DNSAnswer {
        try Task.checkCancellation()
        let ticket = DNSQueryTicket(name: name, type: type, timeout: configuration.timeout)
        return try await context.resolve(ticket)
    }
}

// MARK: - Answers that are evidence

extension DNSAnswer {
    /// Throws unless the answer is one that can be used: not bogus and not a server failure.
    /// NXDOMAIN and NODATA are usable; they simply hold no records.
    public func requireUsable() throws -> DNSAnswer {
        if isBogus {
            throw DeliveryError(
                .dnsBogus,
                "the \(type) answer for \(name) failed DNSSEC validation: "
                    + (whyBogus ?? "no reason given"))
        }
        guard rcode == .noError || rcode == .nameError else {
            throw DeliveryError(
                .dnsQueryFailed, "the DNS server answered \(rcode) for \(name) \(type)")
        }
        return self
    }
}
