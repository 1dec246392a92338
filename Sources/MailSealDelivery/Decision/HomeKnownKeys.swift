import Foundation
import MailSealKeys
import MailSealOpenPGP
import MailSealSMIME

/// The keys and certificates of a MailSeal home as evidence, and the importer that
/// adds discovered ones to it, marked as discovered in the probe cache.
public struct HomeKnownKeys: KnownKeyLookup, DiscoveredKeyImporter {
    public let keyring: Keyring
    let cache: ProbeCache?

    public init(keyring: Keyring, cache: ProbeCache?) {
        self.keyring = keyring
        self.cache = cache
    }

    public func knownKeys(for address: String) throws -> [KnownKey] {
        try openPGPKeys(for: address) + certificates(for: address)
    }

    public func learnedCapabilities(for address: String) throws -> [LearnedCapability] {
        let algorithms = try keyring.capabilities.algorithms(for: address)
        guard !algorithms.isEmpty else { return [] }
        return [LearnedCapability(
            kind: .smimeCapabilities, detail: algorithms.map(\.rawValue).joined(separator: ", "))]
    }

    public func importDiscovered(_ key: DiscoveredKey, for address: String) throws -> KnownKey {
        let fingerprints: [String]
        switch key.method {
        case .smime:
            let certificate = try Certificate(derEncoded: key.keyData)
            guard certificate.emailAddresses.contains(where: {
                $0.caseInsensitiveCompare(address) == .orderedSame
            }) else {
                throw DeliveryError(
                    .badAddress,
                    "the certificate \(key.source.phrase) does not name \(address)")
            }
            try keyring.smime.add(certificate)
            fingerprints = [certificate.fingerprintSHA256]
        default:
            let named = try Self.fingerprints(in: key.keyData, naming: address)
            guard !named.isEmpty else {
                throw DeliveryError(
                    .badAddress, "the key \(key.source.phrase) does not name \(address)")
            }
            fingerprints = try keyring.openPGP.importKeys(key.keyData).fingerprints
                .filter { named.contains($0.lowercased()) }
        }
        for fingerprint in fingerprints {
            try cache?.markDiscovered(
                fingerprint: fingerprint, source: key.source, address: address)
        }
        let wanted = Set(fingerprints.map { $0.lowercased() })
        let known = try knownKeys(for: address).filter {
            wanted.contains($0.fingerprint.lowercased())
        }
        guard let first = known.first else {
            throw DeliveryError(
                .badAddress, "the key \(key.source.phrase) does not name \(address)")
        }
        return first
    }

    // MARK: - OpenPGP

    /// The fingerprints of the keys in `data` that carry `address`, read in a keyring of
    /// their own so that a key for someone else never enters the home (WKD servers may
    /// serve more than asked for; draft-koch-openpgp-webkey-service §3.1).
    private static func fingerprints(
        in data: Data, naming address: String
    ) throws -> Set<String> {
        try OpenPGPContext.withScratchHome { context in
            _ = try context.importKeys(data)
            return Set(try context.keys(forAddress: address).map { $0.fingerprint.lowercased() })
        }
    }

    private func openPGPKeys(for address: String) throws -> [KnownKey] {
        try keyring.openPGP.keys(forAddress: address).map { key in
            var problem: String?
            do {
                _ = try keyring.openPGP.usableKey(fingerprint: key.fingerprint, purpose: .encrypt)
            } catch let error as OpenPGPError {
                problem = Self.shortProblem(error, key: key)
            }
            let source = cache?.discoverySource(fingerprint: key.fingerprint)
            let expiry = key.usableSubkeys(for: .encrypt).compactMap(\.expires).max() ?? key.expires
            return KnownKey(
                method: .pgp, fingerprint: key.fingerprint,
                origin: source == nil ? .imported : .discovered, discoveredBy: source,
                validUntil: expiry, usable: problem == nil, problem: problem)
        }
    }

    private static func shortProblem(_ error: OpenPGPError, key: OpenPGPKey) -> String {
        switch error.code {
        case .keyRevoked: return "revoked"
        case .keyExpired: return "expired " + (key.expires.map(DecisionPhrases.date) ?? "")
        case .keyDisabled: return "disabled"
        case .notUsableForEncryption: return "cannot encrypt"
        default: return error.reason
        }
    }

    // MARK: - S/MIME

    private func certificates(for address: String, now: Date = Date()) throws -> [KnownKey] {
        let anchors = try keyring.trustAnchors()
        return try keyring.smime.certificates(forAddress: address).map { certificate in
            let source = cache?.discoverySource(fingerprint: certificate.fingerprintSHA256)
            let problem = Self.problem(certificate, anchors: anchors, now: now)
            return KnownKey(
                method: .smime, fingerprint: certificate.fingerprintSHA256,
                origin: source == nil ? .imported : .discovered, discoveredBy: source,
                validUntil: certificate.notAfter, usable: problem == nil, problem: problem)
        }
    }

    private static func problem(
        _ certificate: Certificate, anchors: [Certificate], now: Date
    ) -> String? {
        if certificate.notAfter < now {
            return "expired \(DecisionPhrases.date(certificate.notAfter))"
        }
        if certificate.notBefore > now {
            return "not valid before \(DecisionPhrases.date(certificate.notBefore))"
        }
        if !certificate.canEncrypt { return "does not allow encryption" }
        if !certificate.allowsEmailProtection { return "is not for email protection" }
        // Key usage and email protection were checked above, the way RFC 8550 s4.4 says
        // for RSA and EC keys alike; the chain check judges the CAs above it.
        let chain = certificate.validateChain(
            trustAnchors: anchors, at: now, purpose: .emailEncryption)
        if chain != .valid { return "chain not valid: \(chain)" }
        return nil
    }
}
