import Foundation

/// Everything gathered for one recipient.
public struct RecipientEvidence: Codable, Sendable, Equatable {
    public var address: String
    public var knownKeys: [KnownKey]
    public var discoveredKeys: [DiscoveredKey]
    public var learned: [LearnedCapability]
    public var domain: DomainEvidence
    /// Problems met while gathering, worth showing (a failed key lookup).
    public var notes: [String]

    public init(
        address: String, knownKeys: [KnownKey] = [], discoveredKeys: [DiscoveredKey] = [],
        learned: [LearnedCapability] = [], domain: DomainEvidence, notes: [String] = []
    ) {
        self.address = address
        self.knownKeys = knownKeys
        self.discoveredKeys = discoveredKeys
        self.learned = learned
        self.domain = domain
        self.notes = notes
    }
}
