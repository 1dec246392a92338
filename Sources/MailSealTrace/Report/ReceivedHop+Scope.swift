extension ReceivedHop {
    /// Decides whether the hop stayed inside one organisation.
    ///
    /// Internal needs positive evidence, taken in this order: a local record, no sending
    /// host, a loopback sender, the same host on both sides, both sides under the
    /// `--internal` domains, both sides under one registered domain. Without any, the hop
    /// is `crossing`, so that it is judged. The sending side's name is the one the
    /// receiving server confirmed by reverse DNS; where the server's syntax records no
    /// reverse lookup at all (Exchange, Dovecot), the name the sender announced; and
    /// none where the server recorded that the lookup failed.
    static func scope(
        local: ReceivedField.LocalRecord?, sending: SendingHost?,
        receiving: (name: String?, address: IPAddressText?)?,
        internalDomains: [DomainName]
    ) -> HopScope {
        switch local {
        case .submission: return .internal(.localSubmission)
        case .qmailQueue: return .internal(.sameHost)
        case nil: break
        }
        guard let receiving else { return .unknown }
        guard let sending else { return .internal(.noSendingHost) }
        guard sending.name != nil || sending.address != nil else { return .unknown }

        let names = trustedNames(sending)
        if let address = sending.address {
            if address.isLoopback { return .internal(.loopback) }
        } else if names.contains(where: \.isLocalhost) {
            return .internal(.loopback)
        }

        if let address = sending.address, address == receiving.address {
            return .internal(.sameHost)
        }
        let addressesDiffer = sending.address != nil && receiving.address != nil
        let byName = receiving.name.flatMap(DomainName.init)
        if let byName, names.contains(byName), !addressesDiffer {
            return .internal(.sameHost)
        }
        guard let byName else { return .crossing }

        if let byDomain = internalDomains.first(where: byName.isWithin),
           names.contains(where: { name in internalDomains.contains(where: name.isWithin) }) {
            return .internal(.internalDomain(byDomain.text))
        }
        if let registered = byName.registeredDomain,
           names.contains(where: { $0.registeredDomain == registered }) {
            return .internal(.sameRegisteredDomain(registered))
        }
        return .crossing
    }

    /// The sending names that may count as evidence (see `scope`).
    private static func trustedNames(_ sending: SendingHost) -> [DomainName] {
        guard !sending.nameUnconfirmed else { return [] }
        let written = sending.reverseName ?? sending.name
        return written.flatMap(DomainName.init).map { [$0] } ?? []
    }
}
