/// The sending side of a hop as one field records it.
struct SendingHost: Equatable {
    var name: String?
    var reverseName: String?
    /// The record shows the announced name was not confirmed by reverse DNS.
    var nameUnconfirmed = false
    var mayBeForged = false
    var address: IPAddressText?
}

extension ReceivedField {
    /// Reads the `from` clause and its TCP-info comments (RFC 5321 s4.4 Extended-Domain).
    ///
    /// Servers put the two names in opposite places. Postfix, sendmail, Gmail and RFC 5321
    /// write `from HELO (REVERSE [ADDRESS])`, with `unknown` for a failed lookup. Exim
    /// and qmail write `from REVERSE ([ADDRESS] helo=HELO)` and `from REVERSE (HELO
    /// HELO) (ADDRESS)`, with the bare address or `unknown` when no name was found.
    /// Exchange and Dovecot write `from HELO (ADDRESS)` and look up nothing.
    var sendingHost: SendingHost? {
        guard let clause = clause("from") else { return nil }
        var host = SendingHost()
        let domain = clause.words.first
        var commentAddress: IPAddressText?
        var helo: String?
        var reverse: String?
        var reverseUnknown = false

        for comment in clause.comments {
            let info = TCPInfo(comment)
            commentAddress = commentAddress ?? info.address
            helo = helo ?? info.helo
            if let name = info.reverseName {
                if name.lowercased() == "unknown" { reverseUnknown = true } else { reverse = name }
            }
            host.mayBeForged = host.mayBeForged || info.mayBeForged
        }

        let domainText = domain.map(\.text)
        let domainAddress = domainText.flatMap(IPAddressText.init)
        host.address = commentAddress ?? domainAddress

        if let helo {
            // Exim and qmail: the clause's own name is the one the server looked up.
            host.name = helo
            if let domainText, domainAddress == nil, domainText.lowercased() != "unknown" {
                host.reverseName = domainText
            } else {
                host.nameUnconfirmed = true
            }
        } else {
            if domainAddress == nil || commentAddress != nil { host.name = domainText }
            host.reverseName = reverse
            host.nameUnconfirmed = reverseUnknown
        }
        if host.mayBeForged { host.nameUnconfirmed = true }
        return host
    }

    /// The receiving host: `by NAME`, `by [ADDRESS]` or Gmail's bare `by 2001:db8::1`,
    /// with the address Exchange adds in a comment (`by EX2.example.org (192.0.2.6)`).
    var receivingHost: (name: String?, address: IPAddressText?)? {
        guard let clause = clause("by"), let first = clause.words.first else { return nil }
        let written = first.text
        if let address = IPAddressText(written) { return (nil, address) }
        let commentAddress = clause.comments.lazy.compactMap { TCPInfo($0).address }.first
        return (written, commentAddress)
    }
}
