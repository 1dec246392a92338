import Foundation

/// The delivery method chosen for one recipient, why, and on what evidence.
public struct DeliveryDecision: Codable, Sendable, Equatable {
    public var address: String
    /// The method, or nil when the policy allows none that the evidence supports.
    public var method: DeliveryMethod?
    /// Short phrases a person reads: `key 0xABCD… found by WKD, valid until 2027-05-01`.
    public var reasons: [String]
    /// The protection the recipient's mail servers give.
    public var tlsLevel: TLSLevel
    /// The policy as it applied to this recipient.
    public var rules: RecipientRules
    public var evidence: RecipientEvidence

    /// `pgp: key 0xABCD… found by WKD, valid until 2027-05-01`, the one-line form.
    public var summary: String {
        "\(method?.rawValue ?? "none"): " + reasons.joined(separator: "; ")
    }
}

extension DeliveryPolicy {
    /// Picks the first method in the recipient's order that the evidence supports.
    public func decide(_ evidence: RecipientEvidence, sensitive: Bool = false) -> DeliveryDecision {
        let rules = rules(for: evidence.address, sensitive: sensitive)
        var decision = DeliveryDecision(
            address: evidence.address, method: nil, reasons: [],
            tlsLevel: evidence.domain.tlsLevel, rules: rules, evidence: evidence)
        var refusals = Refusals()
        // No method reaches a domain that takes no mail: not even the portal's notice.
        if evidence.domain.mx?.nullMX == true || evidence.domain.domain.isEmpty {
            decision.reasons = [
                evidence.domain.problem ?? "\(evidence.domain.domain) accepts no mail (null MX)",
            ]
            return decision
        }

        for method in rules.methods {
            switch method {
            case .smime, .pgp:
                if let key = usableKey(method, evidence, rules, &refusals) {
                    decision.method = method
                    decision.reasons = [DecisionPhrases.key(key)]
                        + DecisionPhrases.learned(evidence.learned, for: method)
                    return decision
                }
            case .tls:
                let level = evidence.domain.tlsLevel
                if level != .none, level >= rules.tlsMinimum {
                    decision.method = .tls
                    decision.reasons = DecisionPhrases.servers(evidence.domain)
                    return decision
                }
                refusals.tls = DecisionPhrases.tlsRefusal(evidence.domain, rules: rules)
            case .portal:
                decision.method = .portal
                decision.reasons = refusals.phrases
                if decision.reasons.isEmpty {
                    decision.reasons = ["the policy asks for the portal"]
                }
                if let override = rules.overrides.last, rules.methods == [.portal] {
                    decision.reasons = ["policy override for \(override) forces the portal"]
                }
                return decision
            }
        }
        let allowed = rules.methods.map(\.rawValue).joined(separator: ", ")
        decision.reasons = refusals.phrases
            + ["the policy allows no other method (\(allowed))"]
        return decision
    }

    private func usableKey(
        _ method: DeliveryMethod, _ evidence: RecipientEvidence, _ rules: RecipientRules,
        _ refusals: inout Refusals
    ) -> KnownKey? {
        let candidates = evidence.knownKeys.filter { $0.method == method }
        let allowed = candidates.filter { rules.allowDiscoveredKeys || $0.origin != .discovered }
        let usable = allowed.filter(\.usable)
        // The key that stays valid longest; one without expiry beats all.
        let best = usable.max {
            ($0.validUntil ?? .distantFuture) < ($1.validUntil ?? .distantFuture)
        }
        if let best { return best }
        refusals.keys[method] = DecisionPhrases.keyRefusal(
            method, candidates: candidates, allowed: allowed)
        return nil
    }
}

/// Why the methods tried before the chosen one did not fit.
private struct Refusals {
    var keys: [DeliveryMethod: String] = [:]
    var tls: [String]?

    var phrases: [String] {
        var result: [String] = []
        let plainMissing = keys.values.filter { $0 == DecisionPhrases.noKey(.pgp)
            || $0 == DecisionPhrases.noKey(.smime) }
        if keys.count == 2, plainMissing.count == 2 {
            result.append("no key or certificate")
        } else {
            result += [DeliveryMethod.smime, .pgp].compactMap { keys[$0] }
        }
        return result + (tls ?? [])
    }
}
