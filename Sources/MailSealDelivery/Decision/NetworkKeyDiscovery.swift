import Foundation

/// Finds keys for an address: WKD (advanced, then direct), DNS OPENPGPKEY (RFC 7929)
/// and DNS SMIMEA (RFC 8162). What is found is returned as found; whether it may be
/// trusted (DNSSEC for the DNS records) is the caller's to weigh.
public struct NetworkKeyDiscovery: KeyDiscovery {
    public let resolver: DNSResolver
    public let wkd: WKDClient

    public init(resolver: DNSResolver, https: HTTPSClient) {
        self.resolver = resolver
        self.wkd = WKDClient(resolver: resolver, https: https)
    }

    public func discoverKeys(for address: String) async -> [DiscoveredKey] {
        async let web = wkdKeys(address)
        async let openPGP = openPGPKeys(address)
        async let smime = smimeaCertificates(address)
        return await web + openPGP + smime
    }

    private func wkdKeys(_ address: String) async -> [DiscoveredKey] {
        guard let lookup = try? await wkd.lookup(address), let key = lookup.key else { return [] }
        return [DiscoveredKey(
            source: lookup.method == .direct ? .wkdDirect : .wkdAdvanced, method: .pgp,
            dnssecValidated: nil, keyData: key)]
    }

    private func openPGPKeys(_ address: String) async -> [DiscoveredKey] {
        guard let name = try? DNSName.openPGPKey(for: address),
              let answer = try? await resolver.query(name, type: .openpgpkey).requireUsable(),
              let keys = try? answer.openPGPKeys() else { return [] }
        return keys.map {
            DiscoveredKey(
                source: .openpgpkey, method: .pgp, dnssecValidated: answer.isSecure, keyData: $0)
        }
    }

    /// SMIMEA records that carry the whole end-entity certificate (usage 3, selector 0,
    /// matching 0); the others only name a certificate that would have to come from
    /// elsewhere (RFC 8162 §2).
    private func smimeaCertificates(_ address: String) async -> [DiscoveredKey] {
        guard let name = try? DNSName.smimea(for: address),
              let answer = try? await resolver.query(name, type: .smimea).requireUsable(),
              let records = try? answer.smimeaRecords() else { return [] }
        return records.filter {
            $0.usage == .daneEE && $0.selector == .fullCertificate && $0.matchingType == .exact
        }.compactMap { record in
            guard let certificate = X509Handle(der: record.data) else { return nil }
            return DiscoveredKey(
                source: .smimea, method: .smime, dnssecValidated: answer.isSecure,
                keyData: record.data, fingerprint: Digest.sha256(record.data).hexString,
                validUntil: certificate.notAfter)
        }
    }
}
