internal import COpenSSL
import Foundation

/// Runs the signed content through OpenSSL's digest BIOs and checks each SignerInfo's
/// signature against it (RFC 5652 s5.4, s5.6).
enum SignedContent {
    /// The content, and for each SignerInfo nil when its signature is intact or the
    /// reason it is not.
    static func read(
        _ cms: CMSContentInfo, detached: Data?, signerInfos: [OpaquePointer],
        function: String
    ) throws -> (Data, [String?]) {
        if let detached {
            return try MemoryBIO.reading(detached, function: function) { input in
                try digest(cms, input: input, signerInfos: signerInfos, function: function)
            }
        }
        return try digest(cms, input: nil, signerInfos: signerInfos, function: function)
    }

    private static func digest(
        _ cms: CMSContentInfo, input: OpaquePointer?, signerInfos: [OpaquePointer],
        function: String
    ) throws -> (Data, [String?]) {
        guard let chain = CMS_dataInit(cms.pointer, input) else {
            throw SMIMEError.openSSL(
                .malformedInput, "the signed content cannot be read from the message",
                function: function)
        }
        defer { release(chain, keeping: input) }

        let content = MemoryBIO.contents(of: chain)
        let problems = signerInfos.map { info -> String? in
            let problem = check(SignerInfoReader(info: info), chain: chain)
            ERR_clear_error()
            return problem
        }
        return (content, problems)
    }

    private static func check(_ reader: SignerInfoReader, chain: OpaquePointer) -> String? {
        guard let certificate = reader.certificate else {
            return "the signer's certificate (\(reader.identifier)) is neither in the "
                + "message nor among the certificates given, so the signature cannot be checked"
        }
        if reader.hasSignedAttributes, CMS_SignerInfo_verify(reader.info) != 1 {
            return "the signature does not match the signed attributes under the key of "
                + "\(certificate.subject): the signature or its attributes were altered"
        }
        guard CMS_SignerInfo_verify_content(reader.info, chain) == 1 else {
            return reader.hasSignedAttributes
                ? "the content's \(reader.digestAlgorithm) digest differs from the one the "
                    + "signer signed: the content was altered"
                : "the signature does not match the content under the key of "
                    + "\(certificate.subject)"
        }
        return nil
    }

    /// Frees the digest BIOs CMS_dataInit pushed, but not `input`, which its lender frees.
    private static func release(_ chain: OpaquePointer, keeping input: OpaquePointer?) {
        guard let input else {
            BIO_free_all(chain)
            return
        }
        var current: OpaquePointer? = chain
        while let bio = current, bio != input {
            current = BIO_pop(bio)
            BIO_free(bio)
        }
    }
}
