import Foundation

extension DNSResolver {
    /// Where queries go, which keys DNSSEC validation starts from, and how long to wait.
    public struct Configuration: Sendable {
        /// Where the resolver sends its queries.
        public enum Upstream: Sendable, Equatable {
            /// The name servers of `/etc/resolv.conf`, as forwarders.
            case system
            /// The name servers of another resolv.conf file.
            case resolvConf(path: String)
            /// These servers as forwarders, each `address` or `address@port`.
            case forwarders([String])
            /// Full recursion from the root, with `zone` sent to these servers
            /// (`address` or `address@port`), as an unbound stub zone.
            case stub(zone: String, servers: [String])
        }

        /// A starting point for DNSSEC validation.
        public enum TrustAnchor: Sendable, Equatable {
            /// A file of DS or DNSKEY records in zone-file format.
            case file(String)
            /// One DS or DNSKEY record in zone-file format.
            case record(String)
        }

        public var upstream: Upstream

        /// Validation is done only below these; with none, every answer is insecure.
        public var trustAnchors: [TrustAnchor]

        /// How long one query may take before it fails with `dnsTimeout`.
        public var timeout: Duration

        /// Special-use zones (RFC 6761) that libunbound answers itself with NXDOMAIN,
        /// such as `test.`, to be asked upstream instead. Only test worlds need this.
        public var resolvedSpecialUseZones: [String]

        public init(
            upstream: Upstream = .system, trustAnchors: [TrustAnchor] = Self.rootAnchors,
            timeout: Duration = .seconds(10), resolvedSpecialUseZones: [String] = []
        ) {
            self.upstream = upstream
            self.trustAnchors = trustAnchors
            self.timeout = timeout
            self.resolvedSpecialUseZones = resolvedSpecialUseZones
        }

        /// The system resolver, validating from the root key when Debian's dns-root-data
        /// is installed.
        public static var system: Self { Self() }

        /// Where Debian's dns-root-data keeps the root zone's key.
        public static let rootKeyPath = "/usr/share/dns/root.key"

        /// The root key when it is installed, else none (answers are then all insecure).
        public static var rootAnchors: [TrustAnchor] {
            FileManager.default.isReadableFile(atPath: rootKeyPath) ? [.file(rootKeyPath)] : []
        }
    }
}
