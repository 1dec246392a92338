extension ReceivedField {
    /// How a field shows that no network was crossed, in the syntax of the server.
    enum LocalRecord: Equatable {
        /// A program on the host submitted the message.
        case submission
        /// qmail-queue's own stamp for a message qmail-smtpd took from the network; the
        /// hop itself is the qmail-smtpd field below it.
        case qmailQueue
    }

    /// The local record this field is, if any:
    /// - Postfix pickup `by HOST (Postfix, from userid 1000)`;
    /// - sendmail `(from alice@localhost) by HOST (8.17.1/8.17.1/Submit)`;
    /// - Exim `with local`, `local-esmtp`, `local-smtp`, `local-bsmtp`;
    /// - qmail `(qmail 4242 invoked by uid 1000)`, `invoked by alias`, `invoked for
    ///   bounce`, and `invoked from network` (the queue's stamp, `.qmailQueue`).
    var localRecord: LocalRecord? {
        if let qmail = leadingComments.lazy.compactMap(Self.qmailInvocation).first {
            return qmail
        }
        let byComments = clause("by")?.comments ?? []
        if byComments.contains(where: { $0.contains("from userid") }) { return .submission }
        if byComments.contains(where: { Self.isSendmailVersion($0) && $0.hasSuffix("/Submit") }) {
            return .submission
        }
        if clause("from") == nil,
           leadingComments.contains(where: { $0.lowercased().hasPrefix("from ") }) {
            return .submission
        }
        let protocolName = clause("with")?.value?.lowercased() ?? ""
        if protocolName == "local" || protocolName.hasPrefix("local-") { return .submission }
        return nil
    }

    /// `qmail 4242 invoked from network`, `... invoked by uid 1000`, `... by alias`.
    private static func qmailInvocation(_ comment: String) -> LocalRecord? {
        let words = comment.split(separator: " ")
        guard words.count >= 4, words[0] == "qmail", words[1].allSatisfy(\.isASCIIDigit),
              words[2] == "invoked" else { return nil }
        return words[3] == "from" ? .qmailQueue : .submission
    }
}
