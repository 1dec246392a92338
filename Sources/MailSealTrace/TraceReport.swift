import Foundation

/// The path of a received message read from its Received fields, with a verdict.
public struct TraceReport: Codable, Equatable, Sendable {
    /// The hops in the order they happened: the last Received field first.
    public var hops: [ReceivedHop]
    public var verdict: TraceVerdict

    /// Reads a message's Received field values.
    ///
    /// - Parameters:
    ///   - receivedFields: the unfolded values, newest first as they stand in the header
    ///     (RFC 5321 s4.4: each server prepends its own).
    ///   - internalDomains: domains of one organisation; a hop with both sides under
    ///     them is internal. A leading `.` is ignored.
    /// - Throws: `TraceError` with `.invalidInternalDomain` for a name that is not a
    ///   domain name.
    public init(receivedFields: [String], internalDomains: [String] = []) throws {
        let domains = try internalDomains.map(Self.internalDomain)
        var hops = receivedFields.reversed().enumerated().map { offset, value in
            ReceivedHop(field: value, number: offset + 1, internalDomains: domains)
        }

        for index in hops.indices.dropFirst() {
            hops[index].compare(with: hops[index - 1])
        }
        for index in hops.indices.dropFirst() {
            let previous = hops[..<index].last { $0.byName != nil || $0.byAddress != nil }
            if let previous, let problem = hops[index].linkProblem(after: previous) {
                hops[index].problems.append(problem)
            }
        }

        self.hops = hops
        verdict = TraceVerdict(hops: hops)
    }

    private static func internalDomain(_ written: String) throws -> DomainName {
        let trimmed = written.hasPrefix(".") ? String(written.dropFirst()) : written
        guard trimmed.contains("."), let domain = DomainName(trimmed) else {
            throw TraceError(
                .invalidInternalDomain,
                "'\(written)' is not a domain name; give one such as example.org")
        }
        return domain
    }
}
