import Foundation

/// What one SMTP probe of one mail server found, step by step.
///
/// The probe never sends mail: it reads the greeting, says EHLO, tries STARTTLS
/// (RFC 3207), says EHLO again inside TLS, and says QUIT.
public struct SMTPProbeResult: Codable, Sendable, Equatable {
    /// The mail server's name, as the MX record gave it.
    public var host: String
    public var port: UInt16
    /// The address the probe reached, or nil when none could be reached.
    public var address: String?
    /// Each step in the order it ran; the last failed one ends the probe.
    public var steps: [SMTPProbeStep]
    /// The EHLO keywords before STARTTLS.
    public var extensions: SMTPExtensions?
    /// The EHLO keywords inside TLS; RFC 8689 servers offer REQUIRETLS only here.
    public var extensionsAfterTLS: SMTPExtensions?
    /// The handshake, when STARTTLS was offered and accepted.
    public var tls: TLSHandshakeResult?
    /// When the probe ran.
    public var date: Date

    public init(host: String, port: UInt16, date: Date = Date()) {
        self.host = host
        self.port = port
        self.steps = []
        self.date = date
    }

    /// Whether the server listed STARTTLS in its EHLO reply.
    public var offersSTARTTLS: Bool { extensions?.contains("STARTTLS") ?? false }

    /// Whether the server offered REQUIRETLS (RFC 8689 §4), inside TLS or before.
    public var offersREQUIRETLS: Bool {
        (extensionsAfterTLS ?? extensions)?.contains("REQUIRETLS") ?? false
    }

    /// Whether a TLS session was established.
    public var tlsEstablished: Bool { tls != nil }

    /// The first step that failed, if any.
    public var failure: SMTPProbeStep? { steps.first { !$0.succeeded } }

    /// Whether the probe ended because the server did not answer in time.
    public var timedOut: Bool { failure?.timedOut ?? false }

    /// Whether the probe reached the server and read its EHLO reply.
    public var reachedServer: Bool { extensions != nil }
}

/// One step of a probe and how it went.
public struct SMTPProbeStep: Codable, Sendable, Equatable {
    public enum Name: String, Codable, Sendable {
        case resolve, connect, greeting, ehlo, starttls, handshake
        case ehloAfterTLS = "ehlo-tls"
        case quit
    }

    public var name: Name
    public var succeeded: Bool
    /// The server's reply or the reason for the failure.
    public var detail: String
    public var timedOut: Bool

    public init(_ name: Name, succeeded: Bool, detail: String, timedOut: Bool = false) {
        self.name = name
        self.succeeded = succeeded
        self.detail = detail
        self.timedOut = timedOut
    }
}

/// The service extensions a server listed in its EHLO reply (RFC 5321 §4.1.1.1).
public struct SMTPExtensions: Codable, Sendable, Equatable {
    /// The keywords in upper case, in the order the server gave them.
    public var keywords: [String]
    /// The parameters after each keyword, keyed by the upper-case keyword.
    public var parameters: [String: String]

    /// Reads the lines of a 250 EHLO reply; the first line is the server's name.
    public init(ehloLines: [String]) {
        keywords = []
        parameters = [:]
        for line in ehloLines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let first = parts.first else { continue }
            let keyword = first.uppercased()
            keywords.append(keyword)
            if parts.count == 2 { parameters[keyword] = String(parts[1]) }
        }
    }

    public func contains(_ keyword: String) -> Bool { keywords.contains(keyword.uppercased()) }

    /// The server's message size limit (RFC 1870), when it announced one.
    public var sizeLimit: Int? { parameters["SIZE"].flatMap { Int($0) } }
}
