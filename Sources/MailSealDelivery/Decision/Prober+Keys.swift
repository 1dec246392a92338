import Foundation

extension Prober {
    /// The keys for one recipient: those in the home, and those discovery finds.
    func recipientEvidence(_ address: String, domain: DomainEvidence) async -> RecipientEvidence {
        var evidence = RecipientEvidence(address: address, domain: domain)
        do {
            evidence.knownKeys = try knownKeyLookup?.knownKeys(for: address) ?? []
        } catch {
            evidence.notes.append("known keys could not be read: \(Self.describe(error))")
        }
        evidence.learned = (try? knownKeyLookup?.learnedCapabilities(for: address)) ?? []
        guard !configuration.offline, let discovery = discoverer else { return evidence }

        let key = address.lowercased()
        let cached = probeCache?.value([DiscoveredKey].self, kind: .keys, key: key)
        var discovered = cached ?? []
        if cached == nil {
            discovered = await discovery.discoverKeys(for: address)
            try? probeCache?.store(
                discovered, kind: .keys, key: key, lifetime: configuration.discoveryCacheLifetime)
        }
        evidence.discoveredKeys = discovered
        for found in discovered {
            guard found.trustworthy else {
                evidence.notes.append(
                    "\(found.source.label) answer not DNSSEC-validated: its key is not used")
                continue
            }
            if let fingerprint = found.fingerprint,
               evidence.knownKeys.contains(where: { $0.fingerprint == fingerprint }) {
                continue
            }
            if cached == nil, let importer = discoveredKeyImporter {
                do {
                    evidence.knownKeys.append(try importer.importDiscovered(found, for: address))
                } catch {
                    evidence.notes.append(
                        "key found by \(found.source.label) not imported: \(Self.describe(error))")
                }
            } else {
                evidence.knownKeys.append(Self.knownKey(from: found))
            }
        }
        return evidence
    }

    /// A discovered key as a known one, when it was not (or could not be) imported.
    static func knownKey(from found: DiscoveredKey, now: Date = Date()) -> KnownKey {
        let expired = found.validUntil.map { $0 <= now } ?? false
        let problem = found.fingerprint == nil ? "could not be read"
            : expired ? "expired \(DecisionPhrases.date(found.validUntil!))" : nil
        return KnownKey(
            method: found.method, fingerprint: found.fingerprint ?? "unknown",
            origin: .discovered, discoveredBy: found.source, validUntil: found.validUntil,
            usable: problem == nil, problem: problem)
    }
}
