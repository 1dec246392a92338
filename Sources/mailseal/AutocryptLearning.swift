import Foundation
import MailSealDelivery
import MailSealKeys
import MailSealMessage

/// Learns the key an opened message's Autocrypt header carries, for `decrypt` and
/// `verify`.
///
/// The opener only judges whether the key may be learned (its signature on this
/// message checks out, by the From address); importing it and marking it as learned
/// from Autocrypt is done here, through the probe's importer, so that the probe reports
/// it by that source and a policy refusing discovered keys refuses it too.
enum AutocryptLearning {
    /// Imports `opened.autocryptKey`, if any, and notes it in the report's warnings.
    static func learn(_ opened: inout OpenedMessage, keyring: Keyring) {
        guard let offered = opened.autocryptKey else { return }
        let key = DiscoveredKey(
            source: .autocrypt, method: .pgp, dnssecValidated: nil, keyData: offered.keyData,
            fingerprint: offered.fingerprint)
        let shortFingerprint = "0x\(offered.fingerprint.uppercased().prefix(16))…"
        do {
            let cache = try keyring.home.prepareCache()
            let importer = HomeKnownKeys(keyring: keyring, cache: cache)
            let known = try importer.importDiscovered(key, for: offered.address)
            opened.report.warnings.append(
                "learned the OpenPGP key \(known.shortFingerprint) for \(offered.address) "
                    + "from its Autocrypt header")
        } catch {
            opened.report.warnings.append(
                "the OpenPGP key \(shortFingerprint) in the Autocrypt header for "
                    + "\(offered.address) was not learned: \(error)")
        }
    }
}
