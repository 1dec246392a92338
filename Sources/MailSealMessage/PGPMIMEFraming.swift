import Foundation
import MailSealMIME

/// The PGP/MIME entities of RFC 3156.
enum PGPMIMEFraming {
    static let encryptedProtocol = "application/pgp-encrypted"
    static let signatureProtocol = "application/pgp-signature"

    /// `multipart/encrypted` (RFC 3156 s4): a version part, then the armored ciphertext.
    static func encrypted(armoredCiphertext: Data) -> MIMEEntity {
        let control = MIMEEntity.leaf(
            ContentType("application", "pgp-encrypted"), body: Data("Version: 1\r\n".utf8),
            encoding: .sevenBit, header: description("PGP/MIME version identification"))
        let ciphertext = MIMEEntity.leaf(
            ContentType("application", "octet-stream", parameters: [("name", "encrypted.asc")]),
            body: armoredCiphertext, encoding: .sevenBit,
            header: description("OpenPGP encrypted message", inline: "encrypted.asc"))
        return MIMEEntity.multipart(
            "encrypted", parameters: [("protocol", encryptedProtocol)],
            parts: [control, ciphertext])
    }

    /// `multipart/signed` (RFC 3156 s5): the signed part exactly as signed, then the
    /// detached signature.
    static func signed(
        signedPart: MIMEEntity, armoredSignature: Data, micalg: String
    ) -> MIMEEntity {
        let signature = MIMEEntity.leaf(
            ContentType("application", "pgp-signature", parameters: [("name", "signature.asc")]),
            body: armoredSignature, encoding: .sevenBit,
            header: description("OpenPGP digital signature", inline: "signature.asc"))
        return MIMEEntity.multipart(
            "signed", parameters: [("micalg", micalg), ("protocol", signatureProtocol)],
            parts: [signedPart, signature])
    }

    private static func description(_ text: String, inline filename: String? = nil) -> Header {
        var header = Header()
        header.append("Content-Description", text)
        if let filename {
            header.append("Content-Disposition", "inline; filename=\"\(filename)\"")
        }
        return header
    }
}
