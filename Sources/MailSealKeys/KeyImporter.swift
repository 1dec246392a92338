import Foundation
import MailSealOpenPGP
import MailSealSMIME

/// Imports key files of any kind MailSeal reads, telling them apart by their bytes.
///
/// OpenPGP: armored or binary (every packet header has bit 7 set, RFC 9580 s4.2).
/// S/MIME: PEM or DER certificates, PEM or DER private keys, PKCS#12 bundles.
public struct KeyImporter {
    public let keyring: Keyring
    /// For PKCS#12 bundles and encrypted PEM keys; S/MIME private keys are stored
    /// encrypted under it (unencrypted, 0600, when there is none).
    public var passphrase: String?

    public init(keyring: Keyring, passphrase: String? = nil) {
        self.keyring = keyring
        self.passphrase = passphrase
    }

    /// Imports the keys in `data`, read from `source` (named in errors).
    public func importKeys(_ data: Data, source: String) throws -> [ImportedKey] {
        guard let first = data.first else { throw KeyImportError(source, "the file is empty") }

        if data.starts(with: Data("-----BEGIN PGP".utf8)) || first & 0x80 != 0 {
            return try importOpenPGP(data, source: source)
        }
        if data.range(of: Data("-----BEGIN ".utf8)) != nil {
            return try importPEM(data, source: source)
        }
        if first == 0x30 {
            return try importDER(data, source: source)
        }
        throw KeyImportError(source, "not an OpenPGP key, a certificate, a private key "
            + "or a PKCS#12 file")
    }

    // MARK: - OpenPGP

    private func importOpenPGP(_ data: Data, source: String) throws -> [ImportedKey] {
        let result = try keyring.openPGP.importKeys(data)
        guard !result.fingerprints.isEmpty else {
            throw KeyImportError(source, "no OpenPGP key could be imported")
        }
        return try result.fingerprints.map { fingerprint in
            let key = try keyring.openPGP.key(fingerprint: fingerprint)
            return ImportedKey(
                kind: key.hasSecret ? .openPGPSecretKey : .openPGPPublicKey,
                fingerprint: fingerprint, addresses: key.addresses)
        }
    }

    // MARK: - S/MIME

    private func importPEM(_ data: Data, source: String) throws -> [ImportedKey] {
        let certificates = (try? Certificate.all(fromPEM: data)) ?? []
        let key = try pemPrivateKey(data, source: source)
        guard !certificates.isEmpty || key != nil else {
            throw KeyImportError(source, "no certificate or private key in this PEM file")
        }
        return try store(certificates: certificates, key: key, source: source)
    }

    private func pemPrivateKey(_ data: Data, source: String) throws -> PrivateKey? {
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("PRIVATE KEY-----") else { return nil }
        do {
            return try PrivateKey(pemEncoded: data, passphrase: passphrase)
        } catch {
            throw KeyImportError(source, "cannot read the private key: \(error)")
        }
    }

    private func importDER(_ data: Data, source: String) throws -> [ImportedKey] {
        if let certificate = try? Certificate(derEncoded: data) {
            return try store(certificates: [certificate], key: nil, source: source)
        }
        if let key = try? PrivateKey(derEncoded: data) {
            return try store(certificates: [], key: key, source: source)
        }
        guard let passphrase else {
            throw KeyImportError(source, "looks like PKCS#12 but no passphrase was given "
                + "(set MAILSEAL_PASSPHRASE or use --passphrase-file)")
        }
        do {
            let bundle = try PKCS12Bundle(derEncoded: data, passphrase: passphrase)
            return try store(
                certificates: [bundle.certificate] + bundle.chain, key: bundle.key,
                source: source)
        } catch {
            throw KeyImportError(source, "cannot read it as a certificate, a private key "
                + "or PKCS#12: \(error)")
        }
    }

    private func store(
        certificates: [Certificate], key: PrivateKey?, source: String
    ) throws -> [ImportedKey] {
        var imported: [ImportedKey] = []
        for certificate in certificates {
            try keyring.smime.add(certificate)
            let hasKey = key?.matches(certificate) ?? false
            if let key, hasKey {
                try keyring.smime.add(key, for: certificate, passphrase: passphrase)
            }
            imported.append(ImportedKey(
                kind: hasKey ? .smimeIdentity : .smimeCertificate,
                fingerprint: certificate.fingerprintSHA256,
                addresses: certificate.emailAddresses))
        }
        guard let key, !imported.contains(where: { $0.kind == .smimeIdentity }) else {
            return imported
        }

        guard let certificate = try keyring.smime.certificate(matching: key) else {
            throw KeyImportError(source, "the private key matches no certificate; "
                + "import its certificate first or in the same file")
        }
        try keyring.smime.add(key, for: certificate, passphrase: passphrase)
        return imported + [ImportedKey(
            kind: .smimeIdentity, fingerprint: certificate.fingerprintSHA256,
            addresses: certificate.emailAddresses)]
    }
}

/// One key or certificate that an import added or confirmed.
public struct ImportedKey: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case openPGPPublicKey = "openpgp-public"
        case openPGPSecretKey = "openpgp-secret"
        case smimeCertificate = "smime-certificate"
        /// A certificate with its private key.
        case smimeIdentity = "smime-identity"
    }

    public var kind: Kind
    public var fingerprint: String
    public var addresses: [String]
}

/// A key file could not be imported; names the file and the problem.
public struct KeyImportError: Error, CustomStringConvertible {
    public var source: String
    public var reason: String

    init(_ source: String, _ reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}
