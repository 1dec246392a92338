import Foundation
import MailSealMIME
import MailSealOpenPGP

/// An OpenPGP key from a message's Autocrypt header that the message's own signature
/// vouches for: the caller may import it and record where it came from.
public struct AutocryptKey: Sendable {
    /// The From address, which the header's `addr` and a user ID of the key both name.
    public var address: String
    /// The key's primary fingerprint.
    public var fingerprint: String
    public var preference: AutocryptHeader.Preference
    /// The header's keydata, binary. Never written into a report.
    public var keyData: Data
}

/// An OpenPGP signature whose key the home lacked, as it was found, to be checked again.
enum UnknownSignerCheck {
    case detached(signed: Data, signature: Data)
    case inline(Data)
    /// Signed and encrypted in one OpenPGP message (RFC 3156 s6.2).
    case encrypted(Data)
}

extension MessageOpener {
    /// The key of the message's Autocrypt header, when it may be learned.
    ///
    /// Autocrypt alone is opportunistic: anyone can put a header on a message. So the
    /// key is offered only when it is new to the home, is the one key in the keydata,
    /// names the From address, and makes a signature of this message by that address
    /// check out; all of it judged in a scratch keyring so a bad key never enters the
    /// home. The message's own report is not changed: its signature stays unverified.
    func autocryptKey(
        outer: Header, protected: [HeaderField]?, fromAddress: String?, walk: OpeningWalk
    ) -> AutocryptKey? {
        guard !walk.unknownSignerChecks.isEmpty, let from = fromAddress else { return nil }
        let fields = protected.map { Header($0) } ?? outer
        let header = fields.contains("Autocrypt") ? fields : outer
        guard let autocrypt = AutocryptHeader.select(from: header, fromAddress: from)
        else { return nil }

        let fingerprint = try? OpenPGPContext.withScratchHome { scratch -> String? in
            _ = try scratch.importKeys(autocrypt.keyData)
            let keys = try scratch.listKeys()
            guard keys.count == 1, let key = keys.first,
                  !key.userIDs(forAddress: from).isEmpty,
                  (try? keyring.openPGP.key(fingerprint: key.fingerprint)) == nil
            else { return nil }
            let vouched = walk.unknownSignerChecks.contains { check in
                signatures(of: check, in: scratch).contains {
                    $0.status == .good && !$0.wrongKeyUsage
                        && $0.primaryFingerprint == key.fingerprint
                        && $0.signerAddresses.contains(from)
                }
            }
            return vouched ? key.fingerprint : nil
        }
        guard let found = fingerprint ?? nil else { return nil }
        return AutocryptKey(
            address: from, fingerprint: found, preference: autocrypt.preference,
            keyData: autocrypt.keyData)
    }

    /// The signatures of `check` as `context` judges them; none when it cannot tell.
    private func signatures(
        of check: UnknownSignerCheck, in context: OpenPGPContext
    ) -> [OpenPGPSignature] {
        switch check {
        case .detached(let signed, let signature):
            return (try? context.verifyDetached(signedData: signed, signature: signature)) ?? []
        case .inline(let block):
            return (try? context.verifyInline(block).signatures) ?? []
        case .encrypted(let ciphertext):
            // Decrypted again here, with the home's secret key, only to keep the signed
            // packets that the first decryption turned into plaintext.
            guard let inner = try? keyring.openPGP.unwrap(ciphertext) else { return [] }
            return (try? context.verifyInline(inner).signatures) ?? []
        }
    }
}
