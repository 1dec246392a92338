import Foundation

/// The hosts that accept mail for a domain, in the order to try them (RFC 5321 s5.1).
public struct MXResolution: Sendable, Equatable, Codable {
    /// How the hosts were found.
    public enum Source: String, Sendable, Codable {
        /// From the domain's MX records.
        case mxRecords = "mx"
        /// No MX records: the domain's own address is the implicit MX (RFC 5321 s5.1).
        case implicitMX = "implicit"
        /// A null MX (RFC 7505): the domain says it accepts no mail.
        case nullMX = "null-mx"
        /// Neither MX records nor an address: nowhere to deliver.
        case noMailHost = "none"
    }

    /// One mail host and its addresses.
    public struct Host: Sendable, Equatable, Codable {
        public let name: String
        public let preference: UInt16
        /// IPv4 addresses first, then IPv6; empty when the lookups found none.
        public let addresses: [String]
        /// Whether both address answers were DNSSEC-validated.
        public let addressesAreSecure: Bool
        /// Why there are no addresses, when a lookup failed rather than found nothing.
        public let addressProblem: String?
    }

    public let domain: String
    public let source: Source

    /// Sorted by preference; hosts of equal preference stay in the order of the answer.
    public let hosts: [Host]

    /// Whether the MX answer (or, for an implicit MX, the address answers) was validated.
    public let isSecure: Bool

    /// The TTL of the MX answer, for caching.
    public let ttl: UInt32

    public var isNullMX: Bool { source == .nullMX }
}

extension DNSResolver {
    /// Finds the mail hosts of `domain`: its MX records in preference order, else the
    /// domain itself when it has an address; a null MX is reported, not followed.
    /// - Throws: `DeliveryError` with `dnsNameNotFound` when the domain does not exist,
    ///   `dnsBogus` when an answer failed validation, or a query error.
    public func resolveMX(for domain: String) async throws -> MXResolution {
        let domain = DNSName.trimmed(domain)
        let answer = try await query(domain, type: .mx).requireUsable()
        guard !answer.nxdomain else {
            throw DeliveryError(.dnsNameNotFound, "the domain \(domain) does not exist")
        }

        let records = try answer.mxRecords()
        if records.isEmpty {
            return try await implicitMX(for: domain, ttl: answer.ttl)
        }
        // RFC 7505 s3: a null MX is the only MX record of its domain.
        if records.allSatisfy(\.isNullMX) {
            return MXResolution(
                domain: domain, source: .nullMX, hosts: [], isSecure: answer.isSecure,
                ttl: answer.ttl)
        }

        // A null MX beside real ones breaks RFC 7505 s3; the real ones are still used.
        let ordered = records.filter { !$0.isNullMX }.enumerated()
            .sorted { ($0.element.preference, $0.offset) < ($1.element.preference, $1.offset) }
            .map(\.element)
        let hosts = try await withThrowingTaskGroup(of: (Int, MXResolution.Host).self) { group in
            for (index, record) in ordered.enumerated() {
                group.addTask {
                    (index, await self.host(record.exchange, preference: record.preference))
                }
            }
            var found: [(Int, MXResolution.Host)] = []
            for try await entry in group { found.append(entry) }
            return found.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return MXResolution(
            domain: domain, source: .mxRecords, hosts: hosts, isSecure: answer.isSecure,
            ttl: answer.ttl)
    }

    /// RFC 5321 s5.1: with no MX records the domain's own A/AAAA records stand for one MX.
    private func implicitMX(for domain: String, ttl: UInt32) async throws -> MXResolution {
        let host = await host(domain, preference: 0)
        guard !host.addresses.isEmpty else {
            if let problem = host.addressProblem {
                throw DeliveryError(.dnsQueryFailed, problem)
            }
            return MXResolution(
                domain: domain, source: .noMailHost, hosts: [], isSecure: false, ttl: ttl)
        }
        return MXResolution(
            domain: domain, source: .implicitMX, hosts: [host],
            isSecure: host.addressesAreSecure, ttl: ttl)
    }

    /// Looks up a mail host's A and AAAA records side by side.
    private func host(_ name: String, preference: UInt16) async -> MXResolution.Host {
        async let v4 = addressLookup(name, type: .a)
        async let v6 = addressLookup(name, type: .aaaa)
        let (four, six) = await (v4, v6)
        let problems = [four.problem, six.problem].compactMap { $0 }
        return MXResolution.Host(
            name: name, preference: preference, addresses: four.addresses + six.addresses,
            addressesAreSecure: four.isSecure && six.isSecure,
            addressProblem: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }

    private func addressLookup(
        _ name: String, type: DNSRecordType
    ) async -> (addresses: [String], isSecure: Bool, problem: String?) {
        do {
            let answer = try await query(name, type: type).requireUsable()
            return (try answer.addresses(), answer.isSecure, nil)
        } catch let error as DeliveryError {
            return ([], false, error.reason)
        } catch {
            return ([], false, "the \(type) lookup for \(name) failed: \(error)")
        }
    }
}
