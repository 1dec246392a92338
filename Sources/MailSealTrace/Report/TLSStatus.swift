/// What a Received field says about TLS on the hop it records.
///
/// `notRecorded` and `no` are different answers: many servers use TLS and write nothing
/// about it, so silence is `notRecorded`. `no` is given only where the server's syntax
/// always records TLS when it was used (see `ReceivedField.tlsStatus`).
public enum TLSStatus: Equatable, Sendable {
    /// TLS was used; each detail is as the server wrote it, nil where it wrote none.
    case yes(version: String?, cipher: String?, bits: Int?)
    /// Only the protocol name says TLS was used: `ESMTPS`, `ESMTPSA`, `LMTPS`
    /// (RFC 3848 s1, RFC 6531 s3.7.3).
    case yesByProtocolName
    /// The server's syntax records TLS whenever it is used, and this field records none.
    case no
    /// The field says nothing either way.
    case notRecorded

    /// Whether the hop is known to have used TLS.
    public var isEncrypted: Bool {
        switch self {
        case .yes, .yesByProtocolName: return true
        case .no, .notRecorded: return false
        }
    }
}

// MARK: - Codable

extension TLSStatus: Codable {
    private enum CodingKeys: String, CodingKey {
        case status, version, cipher, bits
    }

    /// The `status` values in JSON.
    private enum Status: String, Codable {
        case yes, yesByProtocolName, no, notRecorded
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Status.self, forKey: .status) {
        case .yes:
            self = .yes(
                version: try container.decodeIfPresent(String.self, forKey: .version),
                cipher: try container.decodeIfPresent(String.self, forKey: .cipher),
                bits: try container.decodeIfPresent(Int.self, forKey: .bits))
        case .yesByProtocolName: self = .yesByProtocolName
        case .no: self = .no
        case .notRecorded: self = .notRecorded
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .yes(let version, let cipher, let bits):
            try container.encode(Status.yes, forKey: .status)
            try container.encodeIfPresent(version, forKey: .version)
            try container.encodeIfPresent(cipher, forKey: .cipher)
            try container.encodeIfPresent(bits, forKey: .bits)
        case .yesByProtocolName:
            try container.encode(Status.yesByProtocolName, forKey: .status)
        case .no:
            try container.encode(Status.no, forKey: .status)
        case .notRecorded:
            try container.encode(Status.notRecorded, forKey: .status)
        }
    }
}
