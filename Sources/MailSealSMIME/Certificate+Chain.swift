import Foundation

// MARK: - Certification path of one certificate (RFC 5280 s6, RFC 8550 s4)

extension Certificate {
    /// What a certificate's path is checked for.
    public enum Purpose: Sendable, Hashable {
        /// Signing mail: the key usage must allow digital signatures.
        case emailSigning
        /// Encrypting mail to it: key transport (RSA) or key agreement (EC, RFC 5753).
        case emailEncryption
    }

    /// Checks that this certificate chains to one of `trustAnchors` at `time`, for
    /// `purpose`, with the same path building as `CMS.verify`.
    ///
    /// The end certificate must allow email protection (extended key usage) and the
    /// purpose's key usage; every certificate on the path must be valid at `time`.
    /// Revocation is not checked.
    ///
    /// - Parameter intermediates: candidate issuers, such as every certificate the
    ///   store holds; none of them is trusted for being here.
    /// - Returns: `.valid`, else the problem that matters most; a path that cannot even
    ///   be built (out of memory) is `.invalid`.
    public func validateChain(
        trustAnchors: [Certificate], intermediates: [Certificate] = [],
        at time: Date = Date(), purpose: Purpose
    ) -> ChainStatus {
        let function = "Certificate.validateChain"
        let verifier = ChainVerifier(
            anchors: trustAnchors, intermediates: intermediates, purpose: purpose)
        do {
            let checked = try OpenSSLErrorQueue.run {
                try verifier.check(self, at: time, function: function)
            }
            return ChainStatus.headline(of: checked.problems)
        } catch let error as SMIMEError {
            return .invalid(reason: error.reason)
        } catch {
            return .invalid(reason: "\(error)")
        }
    }
}
