internal import COpenSSL
import Foundation

// MARK: - Verification (RFC 5652 s5.6, RFC 8550 s4)

extension CMS {
    /// Verifies every signer of a SignedData, keeping apart whether each signature is
    /// intact and whether its certificate chains to `trustAnchors`, at the signing
    /// time and at `now`.
    ///
    /// Certificates inside the message, and `additionalCertificates`, serve to find
    /// the signer and as untrusted intermediates. Revocation is not checked.
    ///
    /// - Parameter detachedContent: the signed bytes of a detached signature, exactly
    ///   as signed (for multipart/signed, the canonical first part, RFC 8551 s3.5.3).
    /// - Throws: only when the input is not a SignedData that can be read, or when
    ///   detached content is missing or superfluous; a bad signature is a result.
    public static func verify(
        _ der: Data, detachedContent: Data? = nil, trustAnchors: [Certificate],
        additionalCertificates: [Certificate] = [], at now: Date = Date()
    ) throws -> CMSVerification {
        let function = "CMS.verify"
        return try OpenSSLErrorQueue.run {
            let cms = try CMSContentInfo(parsing: der, function: function)
            guard cms.kind == .signedData else {
                throw SMIMEError(
                    .wrongContentType, "the message is \(cms.kind), not SignedData",
                    function: function)
            }
            let isDetached = CMS_is_detached(cms.pointer) == 1
            try checkContent(isDetached: isDetached, given: detachedContent, function)

            let messageCertificates = CertificateStack.certificates(
                taking: CMS_get1_certs(cms.pointer))
            try CertificateStack.with(additionalCertificates, function: function) { extra in
                // Finds each SignerInfo's certificate among these and the message's own.
                _ = CMS_set1_signers_certs(cms.pointer, extra, 0)
            }
            ERR_clear_error()

            let infos = OpenSSLStack.entries(CMS_get0_SignerInfos(cms.pointer))
            let (content, signatureProblems) = try SignedContent.read(
                cms, detached: detachedContent, signerInfos: infos, function: function)

            let verifier = ChainVerifier(
                anchors: trustAnchors,
                intermediates: messageCertificates + additionalCertificates)
            let signers = try zip(infos, signatureProblems).map { info, problem in
                try signer(
                    SignerInfoReader(info: info), signatureProblem: problem,
                    verifier: verifier, others: messageCertificates, now: now, function)
            }
            return CMSVerification(
                content: content, contentType: cms.innerKind, isDetached: isDetached,
                signers: signers)
        }
    }

    /// Detached content must come with a detached signature, and only then.
    private static func checkContent(
        isDetached: Bool, given content: Data?, _ function: String
    ) throws {
        if isDetached, content == nil {
            throw SMIMEError(
                .invalidArgument,
                "the signature is detached; the signed content must be given with it",
                function: function)
        }
        if !isDetached, content != nil {
            throw SMIMEError(
                .invalidArgument,
                "the signed content is inside the message; do not give it separately",
                function: function)
        }
    }

    /// The report on one signer: its signature result and its path at both moments.
    private static func signer(
        _ reader: SignerInfoReader, signatureProblem: String?, verifier: ChainVerifier,
        others: [Certificate], now: Date, _ function: String
    ) throws -> CMSSigner {
        let certificate = reader.certificate
        let signingTime = reader.signingTime
        var problemsNow: [ChainStatus] = [.noSignerCertificate]
        var problemsThen: [ChainStatus] = [.noSignerCertificate]
        var chain = others

        if let certificate {
            let checkedNow = try verifier.check(certificate, at: now, function: function)
            problemsNow = checkedNow.problems
            chain = checkedNow.path
            if let signingTime {
                problemsThen = try verifier.check(
                    certificate, at: signingTime, function: function).problems
            } else {
                problemsThen = [.noSigningTime]
            }
        }
        return CMSSigner(
            certificate: certificate, signerIdentifier: reader.identifier, chain: chain,
            signatureIntact: signatureProblem == nil, signatureProblem: signatureProblem,
            signingTime: signingTime,
            chainAtSigningTime: ChainStatus.headline(of: problemsThen),
            chainNow: ChainStatus.headline(of: problemsNow),
            chainProblemsAtSigningTime: problemsThen, chainProblemsNow: problemsNow,
            digestAlgorithm: reader.digestAlgorithm,
            signatureAlgorithm: reader.signatureAlgorithm, capabilities: reader.capabilities)
    }
}
