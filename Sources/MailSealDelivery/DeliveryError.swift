/// The one error type of MailSealDelivery: what failed, why in words a person can act on,
/// and where in MailSeal it was raised.
public struct DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; stable, for callers that branch on it.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }
    }

    public let code: Code

    /// A sentence saying what went wrong and, where possible, what to do about it.
    public let reason: String

    /// `File.swift:line` of the place that raised the error.
    public let raisedAt: String

    public init(
        _ code: Code, _ reason: String, fileID: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.reason = reason
        let file = fileID.split(separator: "/").last.map(String.init) ?? fileID
        self.raisedAt = "\(file):\(line)"
    }

    public var description: String { "\(reason) [\(code), \(raisedAt)]" }
}

// MARK: - DNS

extension DeliveryError.Code {
    /// The resolver could not be set up: a bad upstream address or trust anchor.
    public static let dnsConfiguration = Self(rawValue: "dns-configuration")
    /// libunbound gave an error instead of an answer.
    public static let dnsQueryFailed = Self(rawValue: "dns-query-failed")
    /// No answer arrived within the resolver's timeout.
    public static let dnsTimeout = Self(rawValue: "dns-timeout")
    /// An answer failed DNSSEC validation, so its records must not be used.
    public static let dnsBogus = Self(rawValue: "dns-bogus")
    /// The domain does not exist (NXDOMAIN).
    public static let dnsNameNotFound = Self(rawValue: "dns-name-not-found")
    /// A record's RDATA does not have the shape its type requires.
    public static let dnsMalformedRecord = Self(rawValue: "dns-malformed-record")
    /// The resolver was released while the query was waiting.
    public static let dnsResolverClosed = Self(rawValue: "dns-resolver-closed")
}

// MARK: - HTTPS

extension DeliveryError.Code {
    /// The request could not be prepared (bad URL, libcurl refused an option).
    public static let httpsConfiguration = Self(rawValue: "https-configuration")
    /// The transfer failed: connection, TLS, certificate or timeout; the reason has curl's text.
    public static let httpsFailed = Self(rawValue: "https-failed")
    /// The body was larger than the limit for that kind of document.
    public static let httpsBodyTooLarge = Self(rawValue: "https-body-too-large")
}

// MARK: - MTA-STS and WKD

extension DeliveryError.Code {
    /// No `_mta-sts` TXT record that starts with `v=STSv1` (RFC 8461 s3.1).
    public static let mtaSTSNoRecord = Self(rawValue: "mta-sts-no-record")
    /// The `_mta-sts` TXT record is present but invalid, or there is more than one.
    public static let mtaSTSBadRecord = Self(rawValue: "mta-sts-bad-record")
    /// The policy could not be fetched over HTTPS, or the answer was not 200 text/plain.
    public static let mtaSTSFetchFailed = Self(rawValue: "mta-sts-fetch-failed")
    /// The policy text does not follow RFC 8461 s3.2; the reason names the line.
    public static let mtaSTSBadPolicy = Self(rawValue: "mta-sts-bad-policy")
}

// MARK: - Addresses

extension DeliveryError.Code {
    /// The address given is not `local-part@domain`.
    public static let badAddress = Self(rawValue: "bad-address")
}
