import Foundation
import MailSealKeys
import MailSealMIME

/// One pass over a received message's structure, collecting what each layer proved.
///
/// `whole` is true while the entity being looked at is everything the reader sees: the
/// root, or the entire content of a layer that was itself whole. A signature or an
/// encryption found where `whole` is false covers only a part (RFC 3156 and RFC 8551
/// allow either to wrap any entity; mailing lists add footers outside them).
final class OpeningWalk {
    /// Cryptographic layers peeled at most, so that nested ciphertext cannot loop.
    static let maximumLayers = 16

    let opener: MessageOpener
    var keyring: Keyring { opener.keyring }

    var encryption: [EncryptionLayer] = []
    var signatures: [SignatureReport] = []
    var protectedFields: [HeaderField]?
    var headerProtection: OpenReport.HeaderProtectionStatus = .none
    var warnings: [String] = []
    /// OpenPGP signatures by keys the home lacks, kept to be checked again with a key
    /// the message itself carries (its Autocrypt header).
    var unknownSignerChecks: [UnknownSignerCheck] = []
    private var layers = 0

    init(opener: MessageOpener) {
        self.opener = opener
    }

    /// Returns `entity` with its cryptographic layers replaced by what they protect.
    func unwrap(_ entity: MIMEEntity, path: [Int], whole: Bool, depth: Int) throws
        -> MIMEEntity
    {
        let type = entity.contentType
        switch (type.type, type.subtype) {
        case ("multipart", "encrypted"):
            return try openPGPEncrypted(entity, path: path, whole: whole, depth: depth)
        case ("multipart", "signed"):
            return try openSigned(entity, path: path, whole: whole, depth: depth)
        case ("application", "pkcs7-mime"), ("application", "x-pkcs7-mime"):
            return try openPKCS7(entity, path: path, whole: whole, depth: depth)
        case ("application", "octet-stream") where entity.isPKCS7Attachment:
            return try openPKCS7(entity, path: path, whole: whole, depth: depth)
        case ("multipart", _):
            return try unwrapChildren(entity, path: path, whole: whole, depth: depth)
        case ("text", "plain"):
            return try openInlinePGP(entity, path: path, whole: whole, depth: depth)
        default:
            return entity
        }
    }

    private func unwrapChildren(
        _ entity: MIMEEntity, path: [Int], whole: Bool, depth: Int
    ) throws -> MIMEEntity {
        guard case .multipart(var multipart) = entity.body else { return entity }
        let onlyChild = multipart.parts.count == 1
        for (index, part) in multipart.parts.enumerated() {
            multipart.parts[index] = try unwrap(
                part, path: path + [index + 1], whole: whole && onlyChild, depth: depth + 1)
        }
        var result = entity
        result.body = .multipart(multipart)
        result.rawBytes = nil
        return result
    }

    /// Counts one more cryptographic layer, refusing absurd nesting.
    func enterLayer() throws {
        layers += 1
        guard layers <= Self.maximumLayers else {
            throw MessageError(
                .malformedMessage,
                "more than \(Self.maximumLayers) nested cryptographic layers; refused")
        }
    }

    /// Parses decrypted or verified content as a MIME entity.
    func parseInner(_ data: Data, what: String) throws -> MIMEEntity {
        do {
            return try MIMEParser().parse(data)
        } catch {
            throw MessageError(.malformedMessage, "the \(what) is not a MIME entity: \(error)")
        }
    }

    /// Takes the protected header fields of a layer's content when the layer is whole.
    ///
    /// They count as encrypted only when a whole encryption layer was peeled to reach
    /// them, whatever the `hp` parameter claims (RFC 9788 s4.1).
    func adoptProtectedHeader(of inner: MIMEEntity, whole: Bool) {
        guard whole, let fields = HeaderProtection.protectedFields(in: inner) else { return }
        protectedFields = fields
        let encrypted = encryption.contains { $0.coverage == .entire }
        headerProtection = encrypted ? .encrypted : .signed
    }

    func report(fromAddress: String?) -> OpenReport {
        var signatures = self.signatures
        for index in signatures.indices {
            let addresses = signatures[index].signerAddresses.map { $0.lowercased() }
            signatures[index].matchesFrom = fromAddress.map { addresses.contains($0) } ?? false
            if !signatures[index].matchesFrom {
                signatures[index].details.append(
                    "signer is not the From address \(fromAddress ?? "(none)")")
            }
        }
        let outer = encryption.first
        var warnings = self.warnings
        if encryption.contains(where: { $0.coverage == .partial }) {
            warnings.append("only part of the message was encrypted")
        }
        return OpenReport(
            encrypted: outer != nil,
            method: outer?.method ?? signatures.first?.method,
            cipher: outer?.cipher,
            integrityProtected: outer.map { layer in
                encryption.allSatisfy(\.integrityProtected) && layer.integrityProtected
            },
            encryptionCoverage: outer?.coverage,
            signatures: signatures,
            headerProtection: headerProtection,
            fromAddress: fromAddress,
            warnings: warnings)
    }

    /// The part number in MailSealMIME's scheme: "1" is the message, "1.2" its second part.
    static func partName(_ path: [Int]) -> String {
        (["1"] + path.map(String.init)).joined(separator: ".")
    }
}

/// One encryption layer that was removed.
struct EncryptionLayer {
    var method: CryptoMethod
    var cipher: String
    var integrityProtected: Bool
    var coverage: OpenReport.Coverage
}

extension MIMEEntity {
    /// Outlook and some gateways send S/MIME as application/octet-stream named *.p7m.
    var isPKCS7Attachment: Bool {
        guard let name = filename ?? contentType[parameter: "name"] else { return false }
        return name.lowercased().hasSuffix(".p7m")
    }
}
