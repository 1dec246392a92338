import Foundation
import MailSealSMIME

/// The S/MIME half of MailSeal's home: certificates, private keys and trust anchors.
///
/// Certificates are PEM files named by their SHA-256 fingerprint; a private key is
/// stored under the fingerprint of the certificate it belongs to, mode 0600, encrypted
/// when it was imported with a passphrase. Its file name records that it matched that
/// certificate at import, so telling which certificates have keys needs no passphrase.
public struct SMIMEStore: Sendable {
    public let home: MailSealHome

    /// Unlocks the private keys that were stored encrypted; never printed.
    private let passphrase: String?

    /// - Parameter passphrase: for reading keys stored encrypted (signing, decrypting).
    public init(home: MailSealHome, passphrase: String? = nil) {
        self.home = home
        self.passphrase = passphrase
    }

    // MARK: - Certificates

    /// Every certificate in the store, trust anchors excluded.
    public func certificates() throws -> [Certificate] {
        try pemFiles(in: home.certificatesFolder).flatMap { try Certificate.all(fromPEM: $0) }
    }

    /// Certificates whose addresses include `address`, newest first.
    public func certificates(forAddress address: String) throws -> [Certificate] {
        let wanted = address.lowercased()
        return try certificates()
            .filter { $0.emailAddresses.contains(wanted) }
            .sorted { $0.notAfter > $1.notAfter }
    }

    /// Adds `certificate`; returns false when it was already there.
    @discardableResult
    public func add(_ certificate: Certificate) throws -> Bool {
        try home.prepare()
        let url = certificateURL(certificate)
        if FileManager.default.fileExists(atPath: url.path) { return false }
        try AtomicFile.write(
            Data(certificate.pemRepresentation.utf8), to: url, permissions: 0o644)
        return true
    }

    // MARK: - Private keys

    /// Stores `key` beside `certificate`, readable by the user only (0600).
    ///
    /// With a passphrase the file is encrypted PKCS#8 (PBES2, AES-256-CBC) and reading it
    /// needs that passphrase; without one (nil or empty) it is plain PKCS#8, as imported.
    public func add(_ key: PrivateKey, for certificate: Certificate, passphrase: String?) throws {
        try home.prepare()
        let pem: Data
        if let passphrase, !passphrase.isEmpty {
            pem = try key.pemRepresentation(passphrase: passphrase)
        } else {
            pem = key.pemRepresentation
        }
        try AtomicFile.write(pem, to: privateKeyURL(certificate), permissions: 0o600)
    }

    /// Whether a private key is stored for `certificate`; reads no key.
    public func hasPrivateKey(for certificate: Certificate) -> Bool {
        FileManager.default.fileExists(atPath: privateKeyURL(certificate).path)
    }

    /// The private key stored for `certificate`, unlocked with the store's passphrase;
    /// nil when there is none.
    ///
    /// - Throws: `SMIMEError` `.wrongPassphrase`, naming the certificate's address, when
    ///   the key is protected and the passphrase is missing or wrong.
    public func privateKey(for certificate: Certificate) throws -> PrivateKey? {
        let url = privateKeyURL(certificate)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try PrivateKey(pemEncoded: data, passphrase: passphrase)
        } catch let error as SMIMEError where error.code == .wrongPassphrase {
            // The new error drops OpenSSL's queue: "bad decrypt" says nothing more here.
            let owner = certificate.emailAddresses.first ?? certificate.subject
            let why = passphrase == nil
                ? "no passphrase was given (set MAILSEAL_PASSPHRASE or use --passphrase-file)"
                : "the passphrase is wrong"
            throw SMIMEError(
                .wrongPassphrase, "the private key for \(owner) is protected and \(why)",
                function: "SMIMEStore.privateKey(for:)")
        }
    }

    /// Finds a stored key matching `key` by trying each certificate without one.
    public func certificate(matching key: PrivateKey) throws -> Certificate? {
        try certificates().first { key.matches($0) }
    }

    /// Every certificate that has a private key: the identities that can sign and
    /// decrypt. Decides by the stored files alone; no key is read or unlocked.
    public func certificatesWithPrivateKey() throws -> [Certificate] {
        try certificates().filter(hasPrivateKey(for:))
    }

    /// The newest certificate for `address` that has a private key; unlocks nothing.
    public func certificateWithPrivateKey(forAddress address: String) throws -> Certificate? {
        try certificates(forAddress: address).first(where: hasPrivateKey(for:))
    }

    /// The newest certificate for `address` that has a private key, with that key
    /// unlocked.
    ///
    /// - Throws: `.wrongPassphrase` as `privateKey(for:)` does.
    public func identity(forAddress address: String) throws -> SMIMEIdentity? {
        guard let certificate = try certificateWithPrivateKey(forAddress: address),
              let key = try privateKey(for: certificate)
        else { return nil }
        return SMIMEIdentity(certificate: certificate, key: key)
    }

    // MARK: - Trust anchors

    /// The CA certificates the user chose to trust.
    public func trustAnchors() throws -> [Certificate] {
        try pemFiles(in: home.trustFolder).flatMap { try Certificate.all(fromPEM: $0) }
    }

    /// Makes `certificate` a trust anchor.
    @discardableResult
    public func trust(_ certificate: Certificate) throws -> Bool {
        try home.prepare()
        let url = home.trustFolder
            .appendingPathComponent(certificate.fingerprintSHA256 + ".pem")
        if FileManager.default.fileExists(atPath: url.path) { return false }
        try AtomicFile.write(
            Data(certificate.pemRepresentation.utf8), to: url, permissions: 0o644)
        return true
    }

    // MARK: - Files

    private func certificateURL(_ certificate: Certificate) -> URL {
        home.certificatesFolder.appendingPathComponent(certificate.fingerprintSHA256 + ".pem")
    }

    private func privateKeyURL(_ certificate: Certificate) -> URL {
        home.privateKeysFolder.appendingPathComponent(certificate.fingerprintSHA256 + ".pem")
    }

    private func pemFiles(in folder: URL) throws -> [Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pem") }.sorted().compactMap {
            FileManager.default.contents(atPath: folder.appendingPathComponent($0).path)
        }
    }
}

extension SMIMEStore: CustomStringConvertible, CustomReflectable {
    public var description: String { "SMIMEStore(\(home.url.path))" }

    // Keeps the passphrase out of dump() and debuggers' summaries.
    public var customMirror: Mirror { Mirror(self, children: ["home": home]) }
}

/// A certificate together with its private key: what signs and decrypts.
public struct SMIMEIdentity: Sendable {
    public var certificate: Certificate
    public var key: PrivateKey
}
