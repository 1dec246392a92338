
extension Certificate {
    /// The certificate as PEM text (RFC 7468 s5), ending in a newline.
    public var pemRepresentation: String {
        let base64 = derRepresentation.base64EncodedString(
            options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }
}
