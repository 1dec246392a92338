import Foundation

/// The short phrases decisions give as reasons; one place, so they read alike.
enum DecisionPhrases {
    private static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()

    static func date(_ date: Date) -> String { day.string(from: date) }

    // MARK: - Keys

    static func key(_ key: KnownKey) -> String {
        let noun = key.method == .smime ? "certificate" : "key"
        let origin: String
        switch key.origin {
        case .imported: origin = "in the home"
        case .discovered: origin = key.discoveredBy?.phrase ?? "found by discovery"
        case .learned: origin = "learned from earlier mail"
        }
        let validity = key.validUntil.map { "valid until \(date($0))" } ?? "no expiry"
        return "\(noun) \(key.shortFingerprint) \(origin), \(validity)"
    }

    static func noKey(_ method: DeliveryMethod) -> String {
        method == .smime ? "no S/MIME certificate" : "no PGP key"
    }

    static func keyRefusal(
        _ method: DeliveryMethod, candidates: [KnownKey], allowed: [KnownKey]
    ) -> String {
        guard !candidates.isEmpty else { return noKey(method) }
        let noun = method == .smime ? "certificate" : "key"
        if allowed.isEmpty, let first = candidates.first {
            let finder = first.discoveredBy?.phrase ?? "found by discovery"
            return "\(noun) \(first.shortFingerprint) \(finder), "
                + "but the policy refuses discovered keys"
        }
        let problems = allowed.map {
            "\(noun) \($0.shortFingerprint) \($0.problem ?? "not usable")"
        }
        return problems.joined(separator: ", ")
    }

    static func learned(_ learned: [LearnedCapability], for method: DeliveryMethod) -> [String] {
        learned.filter { ($0.kind == .smimeCapabilities) == (method == .smime) }.map {
            let what = $0.kind == .smimeCapabilities ? "S/MIME capabilities" : "Autocrypt"
            let when = $0.learnedAt.map { " on \(date($0))" } ?? ""
            return "\(what) learned from earlier mail\(when): \($0.detail)"
        }
    }

    // MARK: - Mail servers

    /// One phrase per mail server, in preference order.
    static func servers(_ domain: DomainEvidence) -> [String] {
        if let problem = domainProblem(domain) { return [problem] }
        return domain.servers.map(server)
    }

    static func server(_ server: MXServerEvidence) -> String {
        let probe = server.probe
        let name = "MX \(server.host)"
        guard probe.reachedServer else {
            guard let failure = probe.failure else { return "\(name) was not probed" }
            if failure.timedOut { return "\(name) timed out (\(stepWords(failure.name)))" }
            return "\(name) unreachable: \(failure.detail)"
        }
        guard probe.offersSTARTTLS else { return "\(name) offers no STARTTLS" }
        guard let tls = probe.tls else {
            let failure = probe.failure
            let detail = failure?.timedOut == true ? "timed out" : (failure?.detail ?? "failed")
            return "\(name) offers STARTTLS but TLS failed: \(detail)"
        }
        let version = tls.version.replacingOccurrences(of: "TLSv", with: "TLS ")
        var parts = ["\(name) offers STARTTLS", version]
        if tls.certificateValid {
            parts.append("certificate valid")
        } else if !tls.chainVerified {
            parts.append("certificate not trusted (\(tls.verifyError ?? "unverified"))")
        } else {
            parts.append("certificate not valid for \(server.host)")
        }
        switch (server.mtaSTSMode, server.mtaSTSMatches) {
        case (.enforce?, true?): parts.append("MTA-STS enforce")
        case (.testing?, true?): parts.append("MTA-STS testing")
        case (.enforce?, false?), (.testing?, false?):
            parts.append("not listed in the MTA-STS policy")
        default: break
        }
        switch server.dane.status {
        case .validated: parts.append("DANE validated")
        case .mismatch: parts.append("DANE TLSA mismatch")
        case .bogus: parts.append("TLSA answer failed DNSSEC validation")
        case .insecure: parts.append("TLSA not DNSSEC-validated")
        default: break
        }
        if probe.offersREQUIRETLS { parts.append("REQUIRETLS") }
        return parts.joined(separator: ", ")
    }

    /// Why TLS-only delivery is not enough for this recipient.
    static func tlsRefusal(_ domain: DomainEvidence, rules: RecipientRules) -> [String] {
        if let problem = domainProblem(domain) { return [problem] }
        let level = domain.tlsLevel
        guard level != .none || !domain.reachedServers.isEmpty else {
            return domain.servers.isEmpty ? ["no mail server to probe"]
                : domain.servers.map(server) + ["no MX answered"]
        }
        let weakest = domain.reachedServers.filter { $0.tlsLevel == level }.map(server)
        guard level != .none else { return weakest }
        let context = rules.sensitive ? " for sensitive mail" : ""
        let required = rules.tlsMinimum.rawValue
        return weakest + ["TLS \(level.rawValue) is below the required \(required)\(context)"]
    }

    private static func domainProblem(_ domain: DomainEvidence) -> String? {
        if let problem = domain.problem { return problem }
        guard let mx = domain.mx else { return "no MX evidence" }
        if mx.nullMX { return "\(domain.domain) accepts no mail (null MX)" }
        if let error = mx.error { return "MX lookup for \(domain.domain) failed: \(error)" }
        return nil
    }

    private static func stepWords(_ step: SMTPProbeStep.Name) -> String {
        switch step {
        case .resolve: return "resolving its address"
        case .connect: return "connecting"
        case .greeting: return "no greeting"
        case .ehlo, .ehloAfterTLS: return "no EHLO reply"
        case .starttls: return "no STARTTLS reply"
        case .handshake: return "TLS handshake"
        case .quit: return "QUIT"
        }
    }
}
