import Foundation

/// How a message reaches one recipient safely.
public enum DeliveryMethod: String, Codable, Sendable, CaseIterable {
    /// Encrypted with the recipient's S/MIME certificate.
    case smime
    /// Encrypted with the recipient's OpenPGP key.
    case pgp
    /// Sent as it is, over TLS to the recipient's mail server.
    case tls
    /// Held on a secure portal; the recipient is told where to fetch it.
    case portal
}

/// How well the connection to the recipient's mail server is protected, lowest first.
public enum TLSLevel: String, Codable, Sendable, Comparable, CaseIterable {
    /// No TLS: no STARTTLS, or a failed handshake.
    case none
    /// TLS, but the certificate does not prove the server's name.
    case opportunistic
    /// TLS with a certificate that chains to a trusted CA and names the MX.
    case verified
    /// Verified and required by the domain: MTA-STS `enforce` listing the MX
    /// (RFC 8461), or DANE-validated (RFC 7672).
    case enforced

    public static func < (lhs: TLSLevel, rhs: TLSLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The organisation's rules for choosing a delivery method per recipient.
public struct DeliveryPolicy: Sendable, Equatable {
    /// Changes to the rules for one domain or one address.
    public struct Override: Sendable, Equatable {
        /// The methods allowed, in order; one method forces it.
        public var methods: [DeliveryMethod]?
        public var tlsMinimum: TLSLevel?
        public var allowDiscoveredKeys: Bool?

        public init(
            methods: [DeliveryMethod]? = nil, tlsMinimum: TLSLevel? = nil,
            allowDiscoveredKeys: Bool? = nil
        ) {
            self.methods = methods
            self.tlsMinimum = tlsMinimum
            self.allowDiscoveredKeys = allowDiscoveredKeys
        }
    }

    /// The methods in order of preference; the first one the evidence supports wins.
    public var methods: [DeliveryMethod]
    /// The lowest TLS level at which TLS-only delivery counts as safe.
    public var tlsMinimum: TLSLevel
    /// The lowest TLS level for a message marked sensitive; never `opportunistic`.
    public var sensitiveTLSMinimum: TLSLevel
    /// Whether keys found by WKD, OPENPGPKEY or SMIMEA may be used.
    public var allowDiscoveredKeys: Bool
    /// Overrides by lower-case domain; a key starting with "." covers subdomains.
    public var domains: [String: Override]
    /// Overrides by lower-case address; they win over domain overrides.
    public var addresses: [String: Override]

    public init(
        methods: [DeliveryMethod] = [.smime, .pgp, .tls, .portal],
        tlsMinimum: TLSLevel = .verified, sensitiveTLSMinimum: TLSLevel = .enforced,
        allowDiscoveredKeys: Bool = true, domains: [String: Override] = [:],
        addresses: [String: Override] = [:]
    ) {
        self.methods = methods
        self.tlsMinimum = tlsMinimum
        self.sensitiveTLSMinimum = sensitiveTLSMinimum
        self.allowDiscoveredKeys = allowDiscoveredKeys
        self.domains = domains
        self.addresses = addresses
    }

    /// The built-in policy: S/MIME, then PGP, then TLS with a verified certificate,
    /// then the portal; enforced TLS for sensitive messages; discovered keys allowed.
    public static let builtIn = DeliveryPolicy()

    /// The rules that apply to `address`, overrides and sensitivity folded in.
    public func rules(for address: String, sensitive: Bool) -> RecipientRules {
        let address = address.lowercased()
        let domain = address.split(separator: "@").last.map(String.init) ?? address
        var rules = RecipientRules(
            methods: methods, tlsMinimum: tlsMinimum,
            allowDiscoveredKeys: allowDiscoveredKeys, sensitive: sensitive, overrides: [])
        if let (name, override) = domainOverride(for: domain) {
            rules.apply(override, named: "domain \(name)")
        }
        if let override = addresses[address] {
            rules.apply(override, named: "address \(address)")
        }
        if sensitive { rules.tlsMinimum = max(rules.tlsMinimum, sensitiveTLSMinimum) }
        return rules
    }

    /// The exact domain's override, else the closest ".parent" one.
    private func domainOverride(for domain: String) -> (String, Override)? {
        if let exact = domains[domain] { return (domain, exact) }
        var labels = domain.split(separator: ".")
        while labels.count > 1 {
            labels.removeFirst()
            let key = "." + labels.joined(separator: ".")
            if let override = domains[key] { return (key, override) }
        }
        return nil
    }
}

/// The policy as it applies to one recipient.
public struct RecipientRules: Codable, Sendable, Equatable {
    public var methods: [DeliveryMethod]
    public var tlsMinimum: TLSLevel
    public var allowDiscoveredKeys: Bool
    public var sensitive: Bool
    /// The overrides that applied, as "domain partner.example" or "address a@b".
    public var overrides: [String]

    mutating func apply(_ override: DeliveryPolicy.Override, named name: String) {
        if let methods = override.methods { self.methods = methods }
        if let level = override.tlsMinimum { tlsMinimum = level }
        if let allow = override.allowDiscoveredKeys { allowDiscoveredKeys = allow }
        overrides.append(name)
    }
}
