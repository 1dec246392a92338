import Foundation
import MailSealOpenPGP
import MailSealSMIME

/// Everything in one home that seals and opens mail: the OpenPGP keyring through GPGME,
/// the S/MIME store, and what received mail taught.
public final class Keyring: @unchecked Sendable {
    // Immutable after init; GPGME contexts are made per operation inside OpenPGPContext.
    public let home: MailSealHome
    public let openPGP: OpenPGPContext
    public let smime: SMIMEStore
    public let capabilities: CapabilityStore
    /// Extra trust anchors for this run only (`--trust FILE`).
    public let extraTrustAnchors: [Certificate]

    /// - Parameters:
    ///   - passphrase: for OpenPGP secret keys, through GPGME's loopback callback.
    ///   - smimePassphrase: for S/MIME private keys stored encrypted.
    public init(
        home: MailSealHome, passphrase: OpenPGPPassphrase? = nil,
        smimePassphrase: String? = nil, extraTrustAnchors: [Certificate] = []
    ) throws {
        try home.prepare()
        self.home = home
        openPGP = try OpenPGPContext(homeDirectory: home.gnupgHome, passphrase: passphrase)
        smime = SMIMEStore(home: home, passphrase: smimePassphrase)
        capabilities = try CapabilityStore(home: home)
        self.extraTrustAnchors = extraTrustAnchors
    }

    /// The home's trust anchors plus the ones given for this run.
    public func trustAnchors() throws -> [Certificate] {
        try smime.trustAnchors() + extraTrustAnchors
    }
}
