extension ReceivedHop {
    /// Reads one Received field value on its own; `TraceReport` adds what needs the
    /// neighbouring fields (delay, links).
    init(field value: String, number: Int, internalDomains: [DomainName]) {
        let field = ReceivedField(value)
        let sending = field.sendingHost
        let receiving = field.receivingHost
        let (tls, basis) = field.tlsStatus
        let local = field.localRecord

        self.number = number
        fromName = sending?.name
        fromReverseName = sending?.reverseName
        fromNameUnconfirmed = sending?.nameUnconfirmed ?? false
        fromAddress = sending?.address?.text
        byName = receiving?.name
        byAddress = receiving?.address?.text
        self.protocol = field.clause("with")?.value
        id = field.clause("id")?.words.first?.text
        self.tls = tls
        tlsBasis = basis
        timeText = field.dateText
        self.field = value
        problems = Self.structureProblems(field, sending: sending, local: local)

        let date = field.dateText.flatMap(ReceivedDate.init)
        time = date?.date
        delay = nil
        problems += Self.dateProblems(field, date: date)

        scope = Self.scope(local: local, sending: sending, receiving: receiving,
                           internalDomains: internalDomains)
    }

    // MARK: - Problems

    private static func structureProblems(
        _ field: ReceivedField, sending: SendingHost?, local: ReceivedField.LocalRecord?
    ) -> [ReceivedProblem] {
        var problems = field.lexicalProblems.map(describe)
        if field.clauses.isEmpty, local == nil {
            problems.append(ReceivedProblem(
                .unparseable, "not a Received field this reader knows: no from, by or with"))
            return problems
        }
        if !field.leadingWords.isEmpty {
            let text = field.leadingWords.joined(separator: " ")
            problems.append(ReceivedProblem(
                .unexpectedText, "text before the first clause: \(text)"))
        }
        for clause in field.clauses where clause.words.isEmpty {
            problems.append(ReceivedProblem(.unexpectedText, "\"\(clause.keyword)\" has no value"))
        }
        for keyword in ["from", "by", "with", "id"] where field.count(of: keyword) > 1 {
            problems.append(ReceivedProblem(
                .repeatedClause, "\"\(keyword)\" appears \(field.count(of: keyword)) times; "
                    + "the first is used"))
        }
        if field.clause("by") == nil, local == nil {
            problems.append(ReceivedProblem(
                .missingBy, "no \"by\" clause: the receiving host is not recorded"))
        }
        let readableName = sending?.name.map { name in
            DomainName(name) != nil || IPAddressText(name) != nil
        } ?? false
        if let sending, !readableName, sending.address == nil {
            problems.append(ReceivedProblem(
                .unreadableFrom, "the \"from\" clause names no host or address that can be read"))
        }
        if sending?.mayBeForged == true {
            problems.append(ReceivedProblem(
                .reverseNameMayBeForged,
                "the receiving server noted the sending host's name \"may be forged\""))
        }
        return problems
    }

    private static func dateProblems(
        _ field: ReceivedField, date: ReceivedDate?
    ) -> [ReceivedProblem] {
        guard let text = field.dateText else {
            return [ReceivedProblem(.missingDate, "no \";\" and date-time after the clauses")]
        }
        guard let date else {
            let shown = text.isEmpty ? "nothing" : "\"\(text)\""
            return [ReceivedProblem(.unparseableDate, "the date-time is \(shown), not RFC 5322")]
        }
        guard let zone = date.zoneTreatedAsUTC else { return [] }
        return [ReceivedProblem(
            .zoneReadAsUTC, "zone \"\(zone)\" has no defined offset and is read as UTC")]
    }

    private static func describe(_ problem: ReceivedLexicalProblem) -> ReceivedProblem {
        let reason = switch problem {
        case .unterminatedComment: "a comment is not closed with \")\""
        case .unterminatedQuotedString: "a quoted string is not closed"
        case .unterminatedLiteral: "an address literal is not closed with \"]\""
        case .unterminatedAngleAddress: "an address is not closed with \">\""
        case .strayClosingParenthesis: "a \")\" closes no comment"
        }
        return ReceivedProblem(.unbalanced, reason)
    }
}
