/// How a message is protected end to end.
public enum CryptoMethod: String, Sendable, Codable, CaseIterable {
    /// OpenPGP with PGP/MIME framing (RFC 3156).
    case pgp
    /// S/MIME 4.0 (RFC 8551) over CMS.
    case smime

    public var displayName: String {
        switch self {
        case .pgp: "OpenPGP"
        case .smime: "S/MIME"
        }
    }
}
