extension ReceivedField {
    /// The RFC 3848 s1 and RFC 6531 s3.7.3 protocol names that mean TLS, with `SMTPS`
    /// (Exim's HELO over TLS) and `HTTPS` (Microsoft's webmail and REST submission).
    static let secureProtocolNames: Set<String> = [
        "ESMTPS", "ESMTPSA", "LMTPS", "LMTPSA", "UTF8SMTPS", "UTF8SMTPSA",
        "UTF8LMTPS", "UTF8LMTPSA", "SMTPS", "HTTPS",
    ]

    /// What this field says about TLS, and what that answer rests on.
    ///
    /// In order:
    /// 1. A TLS comment in a syntax this reader knows gives `.yes` with what it records:
    ///    sendmail and Proofpoint `(version=TLSv1.3 cipher=... bits=256 verify=NOT)`,
    ///    Gmail `(version=TLS1_3 cipher=... bits=256/256)`, Exchange
    ///    `(version=TLS1_2, cipher=...)` and `(TLS)`, Postfix `(using TLSv1.3 with cipher
    ///    ... (256/256 bits))`, Exim `(TLSv1.2:CIPHER:256)` and `(TLS1.3) tls CIPHER`,
    ///    qmail's TLS patch `(CIPHER encrypted)`, Courier `(TLS: TLSv1.3,256bits,CIPHER)`.
    /// 2. Else a protocol name of `secureProtocolNames` gives `.yesByProtocolName`.
    /// 3. Else `.no`, but only for servers whose record of TLS cannot be switched off:
    ///    Exim, which names the protocol itself and adds `s` whenever TLS is up (a field
    ///    with an `(Exim x.y)` comment and `smtp`, `esmtp` or `esmtpa`), and Exchange,
    ///    which always writes its TLS comment after `with Microsoft SMTP Server`.
    /// 4. Else `.notRecorded`. A bare `with ESMTP` or `with SMTP` proves nothing: Postfix
    ///    writes its `using TLS` comment only when `smtpd_tls_received_header = yes`
    ///    (off by default), sendmail's comment is part of a Received template that
    ///    sites rewrite, qmail records TLS only through third-party patches, and
    ///    `ESMTPA` names authentication without obliging the server to say `ESMTPSA`.
    var tlsStatus: (status: TLSStatus, basis: String) {
        if let found = recordedTLS { return found }

        let protocolName = clause("with")?.value
        let upper = protocolName?.uppercased() ?? ""
        if Self.secureProtocolNames.contains(upper), let protocolName {
            return (.yesByProtocolName, "protocol name \(protocolName) means TLS (RFC 3848)")
        }

        if let version = eximVersion, ["SMTP", "ESMTP", "ESMTPA"].contains(upper),
           let protocolName {
            return (.no, "\(version) names the protocol with \"s\" whenever TLS is used; "
                + "this field says \(protocolName)")
        }
        if upper.hasPrefix("MICROSOFT SMTP SERVER") {
            return (.no, "Microsoft Exchange records TLS after \"with Microsoft SMTP Server\" "
                + "whenever it is used; this field records none")
        }
        return (.notRecorded, silenceBasis(protocolName))
    }

    /// Why silence is only silence, in the words of the server that wrote the field.
    private func silenceBasis(_ protocolName: String?) -> String {
        let comments = allComments
        if comments.contains(where: { $0.hasPrefix("Postfix") }) {
            return "Postfix writes its TLS comment only with smtpd_tls_received_header = yes;"
                + " this field has none"
        }
        if comments.contains(where: Self.isSendmailVersion) {
            return "sendmail writes its TLS comment only if its Received template keeps it;"
                + " this field has none"
        }
        guard let protocolName else { return "no protocol and no TLS comment recorded" }
        return "protocol \(protocolName) and no TLS comment: nothing recorded either way"
    }

    /// The Exim version in a comment such as `(Exim 4.96)`.
    var eximVersion: String? {
        allComments.first { comment in
            let words = comment.split(separator: " ")
            return words.count == 2 && words[0] == "Exim"
                && words[1].first?.isASCIIDigit == true
        }
    }

    /// sendmail's `(8.17.1/8.17.1)` or `(8.17.1/8.17.1/Submit)` after `by`.
    static func isSendmailVersion(_ comment: String) -> Bool {
        let parts = comment.split(separator: "/")
        return parts.count >= 2 && parts.prefix(2).allSatisfy { part in
            part.split(separator: ".").count >= 2
                && part.allSatisfy { $0.isASCIIDigit || $0 == "." }
        }
    }

    // MARK: - TLS comments

    /// The first TLS record found in any comment or in Exim's `tls` clause.
    private var recordedTLS: (TLSStatus, String)? {
        let withComments = clause("with")?.comments ?? []
        let eximCipher = clause("tls")?.value

        for comment in withComments {
            if let found = TLSComment.exim(comment, cipher: eximCipher)
                ?? TLSComment.microsoftBare(comment) ?? TLSComment.qmail(comment) {
                return (found, "comment (\(comment))" + (eximCipher.map { " tls \($0)" } ?? ""))
            }
        }
        if let eximCipher {
            return (.yes(version: nil, cipher: eximCipher, bits: nil), "clause tls \(eximCipher)")
        }
        for comment in allComments {
            if let found = TLSComment.postfix(comment) ?? TLSComment.keyValue(comment)
                ?? TLSComment.courier(comment) {
                return (found, "comment (\(comment))")
            }
        }
        return nil
    }
}
