extension ReceivedHop {
    /// How far back a hop may be dated before it is flagged: servers' clocks differ by
    /// seconds, rarely by more than a minute.
    static let clockTolerance: Double = 60

    /// Sets the delay since `previous` and flags a hop dated well before it.
    mutating func compare(with previous: ReceivedHop) {
        guard let time, let earlier = previous.time else { return }
        let seconds = time.timeIntervalSince(earlier)
        delay = seconds
        if seconds < -Self.clockTolerance {
            problems.append(ReceivedProblem(
                .earlierThanPreviousHop,
                "dated \(Int(-seconds)) s before hop \(previous.number)"))
        }
    }

    /// A problem when this hop's sending host is plainly not the host that wrote
    /// `previous`, the nearest older field naming a receiving host.
    ///
    /// Linked when a name matches (or shares a registered domain) or an address matches.
    /// Not checked when either side gives nothing to compare, or this hop is local:
    /// Gmail's `by 2001:db8::1` and a sender known only by address cannot be compared.
    func linkProblem(after previous: ReceivedHop) -> ReceivedProblem? {
        switch scope {
        case .crossing, .internal(.sameRegisteredDomain), .internal(.internalDomain): break
        default: return nil
        }

        let names = [fromName, fromReverseName].compactMap { $0.flatMap(DomainName.init) }
        let previousName = previous.byName.flatMap(DomainName.init)
        let canCompareNames = !names.isEmpty && previousName != nil
        let canCompareAddresses = fromAddress != nil && previous.byAddress != nil
        guard canCompareNames || canCompareAddresses else { return nil }

        if let previousName, names.contains(where: { name in
            name == previousName || (name.registeredDomain != nil
                && name.registeredDomain == previousName.registeredDomain)
        }) {
            return nil
        }
        if canCompareAddresses, fromAddress == previous.byAddress { return nil }

        let sender = names.map(\.text).first ?? fromAddress ?? "?"
        let writer = previous.byName ?? previous.byAddress ?? "?"
        return ReceivedProblem(
            .notLinkedToPreviousHop,
            "sent by \(sender), but hop \(previous.number) was received by \(writer)")
    }
}
