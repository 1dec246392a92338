import Foundation

/// The MX answer for a domain.
public struct MXLookupEvidence: Codable, Sendable, Equatable {
    /// The mail hosts in preference order; the domain itself when it has no MX.
    public var hosts: [MailExchanger]
    public var dnssecValidated: Bool
    /// No MX records: the domain's own address is used (RFC 5321 §5.1).
    public var implicit: Bool
    /// A null MX (RFC 7505): the domain accepts no mail at all.
    public var nullMX: Bool
    /// Why the lookup failed.
    public var error: String?

    public init(
        hosts: [MailExchanger], dnssecValidated: Bool, implicit: Bool = false,
        nullMX: Bool = false, error: String? = nil
    ) {
        self.hosts = hosts
        self.dnssecValidated = dnssecValidated
        self.implicit = implicit
        self.nullMX = nullMX
        self.error = error
    }
}

/// One mail server of a domain: how its SMTP probe went, DANE and MTA-STS for it.
public struct MXServerEvidence: Codable, Sendable, Equatable {
    public var host: String
    public var preference: UInt16
    public var probe: SMTPProbeResult
    public var dane: DANEResult
    /// Whether the domain's MTA-STS policy lists this host; nil without a policy.
    public var mtaSTSMatches: Bool?
    /// The MTA-STS mode in force for the domain, copied here for the level.
    public var mtaSTSMode: MTASTSEvidence.Mode?

    public init(
        host: String, preference: UInt16, probe: SMTPProbeResult, dane: DANEResult,
        mtaSTSMatches: Bool?, mtaSTSMode: MTASTSEvidence.Mode?
    ) {
        self.host = host
        self.preference = preference
        self.probe = probe
        self.dane = dane
        self.mtaSTSMatches = mtaSTSMatches
        self.mtaSTSMode = mtaSTSMode
    }

    /// The protection mail to this server gets.
    ///
    /// DANE-validated is enforced whatever the CA says (RFC 7672 §3.1.1); a DANE
    /// mismatch or a bogus TLSA answer is none, because the domain said the certificate
    /// must match, or someone forges what it said. MTA-STS
    /// enforce counts only for a listed MX with a valid certificate (RFC 8461 §4).
    public var tlsLevel: TLSLevel {
        guard let tls = probe.tls else { return .none }
        switch dane.status {
        case .validated: return .enforced
        case .mismatch, .bogus: return .none
        default: break
        }
        guard tls.certificateValid else { return .opportunistic }
        if mtaSTSMode == .enforce, mtaSTSMatches == true { return .enforced }
        return .verified
    }
}
