import Foundation

/// What MailSeal learned about a recipient domain's mail servers.
public struct DomainEvidence: Codable, Sendable, Equatable {
    public var domain: String
    /// The MX lookup; nil when it was not made (offline without a cached answer).
    public var mx: MXLookupEvidence?
    /// Each mail server probed, in preference order.
    public var servers: [MXServerEvidence]
    public var mtaSTS: MTASTSEvidence?
    public var tlsReporting: TLSRPTEvidence?
    /// Why nothing more could be learned: offline, a failed lookup.
    public var problem: String?

    public init(domain: String) {
        self.domain = domain
        self.servers = []
    }

    /// The servers that answered SMTP; the mail would go to one of them.
    public var reachedServers: [MXServerEvidence] { servers.filter(\.probe.reachedServer) }

    /// The protection every reachable server gives: the weakest of them, since a
    /// sending MTA may use any MX that answers.
    public var tlsLevel: TLSLevel {
        let reached = reachedServers
        guard !reached.isEmpty else { return .none }
        return reached.map(\.tlsLevel).min() ?? .none
    }
}
