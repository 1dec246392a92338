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
    /// Only names can show a break: linked when a name matches or shares a registered
    /// domain. A matching address also links, but a differing one proves nothing, since
    /// servers send from other addresses than they receive on. Not checked when either
    /// side has no name (Gmail's `by 2001:db8::1`) or this hop is local.
    func linkProblem(after previous: ReceivedHop) -> ReceivedProblem? {
        switch scope {
        case .crossing, .internal(.sameRegisteredDomain), .internal(.internalDomain): break
        default: return nil
        }

        var names = [fromName, fromReverseName].compactMap { $0.flatMap(DomainName.init) }
        if names.count == 2, names[0] == names[1] { names.removeLast() }
        guard !names.isEmpty, let previousName = previous.byName.flatMap(DomainName.init)
        else { return nil }

        if names.contains(where: { name in
            name == previousName || (name.registeredDomain != nil
                && name.registeredDomain == previousName.registeredDomain)
        }) {
            return nil
        }
        if fromAddress != nil, fromAddress == previous.byAddress { return nil }

        let sender = names.map(\.text).joined(separator: " / ")
        let writer = previousName.text
        return ReceivedProblem(
            .notLinkedToPreviousHop,
            "sent by \(sender), but hop \(previous.number) was received by \(writer)")
    }
}
