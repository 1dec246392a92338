import Foundation
import MailSealKeys
import MailSealOpenPGP
import MailSealSMIME

/// Finds the key or certificate each recipient can be encrypted to, and says why not.
struct RecipientResolver {
    let keyring: Keyring
    var now = Date()

    /// The recipient's usable OpenPGP key, or the reason there is none.
    func openPGPKey(for address: String) -> Result<OpenPGPKey, MessageError> {
        do {
            return .success(try keyring.openPGP.usableKey(forAddress: address, purpose: .encrypt))
        } catch {
            return .failure(MessageError(.noUsableKey, "\(address): \(error)"))
        }
    }

    /// The recipient's newest usable S/MIME certificate, or the reason there is none.
    ///
    /// Usable: valid now, allowed to encrypt mail, and chaining to a trust anchor of the
    /// home or of this run (RFC 8550 s4), with the store's certificates as issuers.
    func certificate(for address: String) -> Result<Certificate, MessageError> {
        let candidates: [Certificate]
        let anchors: [Certificate]
        let intermediates: [Certificate]
        do {
            candidates = try keyring.smime.certificates(forAddress: address)
            anchors = try keyring.trustAnchors()
            intermediates = try keyring.smime.certificates()
        } catch {
            return .failure(MessageError(.noUsableKey, "\(address): \(error)"))
        }
        guard !candidates.isEmpty else {
            return .failure(MessageError(.noUsableKey, "\(address): no S/MIME certificate"))
        }

        var problems: [String] = []
        for certificate in candidates {
            if let problem = unusableReason(certificate) ?? chainProblem(
                certificate, of: address, anchors: anchors, intermediates: intermediates)
            {
                problems.append(problem)
            } else {
                return .success(certificate)
            }
        }
        return .failure(MessageError(
            .noUsableKey, "\(address): " + problems.joined(separator: "; ")))
    }

    /// Looks up every address; throws one error naming each address that has no key.
    func resolveAll<Key>(
        _ addresses: [String], _ lookup: (String) -> Result<Key, MessageError>
    ) throws -> [(address: String, key: Key)] {
        var found: [(address: String, key: Key)] = []
        var problems: [String] = []
        for address in addresses {
            switch lookup(address) {
            case .success(let key): found.append((address.lowercased(), key))
            case .failure(let error): problems.append(error.reason)
            }
        }
        guard problems.isEmpty else {
            throw MessageError(.noUsableKey, problems.joined(separator: "; "))
        }
        return found
    }

    /// The first method every recipient has a key for, S/MIME before OpenPGP.
    func commonMethod(for addresses: [String]) throws -> CryptoMethod {
        var problems: [String] = []
        for method in [CryptoMethod.smime, .pgp] {
            let failures = addresses.compactMap { address -> String? in
                switch method {
                case .smime: certificate(for: address).failureReason
                case .pgp: openPGPKey(for: address).failureReason
                }
            }
            if failures.isEmpty { return method }
            problems.append("\(method.displayName): " + failures.joined(separator: "; "))
        }
        throw MessageError(
            .noUsableKey,
            "no method reaches every recipient; " + problems.joined(separator: ". "))
    }

    private func unusableReason(_ certificate: Certificate) -> String? {
        let name = "S/MIME certificate \(certificate.fingerprintSHA256.prefix(16))"
        if certificate.notAfter < now {
            return "\(name) expired on \(ReportDate.day(certificate.notAfter))"
        }
        if certificate.notBefore > now {
            return "\(name) is not valid before \(ReportDate.day(certificate.notBefore))"
        }
        if !certificate.canEncrypt {
            return "\(name) does not allow encryption (key usage)"
        }
        if !certificate.allowsEmailProtection {
            return "\(name) is not for email protection (extended key usage)"
        }
        return nil
    }

    /// Why `certificate`'s path to the trust anchors is not valid now, or nil.
    private func chainProblem(
        _ certificate: Certificate, of address: String, anchors: [Certificate],
        intermediates: [Certificate]
    ) -> String? {
        let status = certificate.validateChain(
            trustAnchors: anchors, intermediates: intermediates, at: now,
            purpose: .emailEncryption)
        let why: String
        switch status {
        case .valid: return nil
        case .untrusted(let reason): why = reason
        default: why = status.description
        }
        return "S/MIME certificate \(certificate.fingerprintSHA256.prefix(16)) for \(address) "
            + "does not chain to a trusted CA: \(why)"
    }
}

extension Result {
    var failureReason: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}
