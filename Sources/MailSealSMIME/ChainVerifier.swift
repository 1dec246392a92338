internal import COpenSSL
import Foundation

/// Builds and checks a certificate's path with X509_verify_cert (RFC 5280 s6) at a
/// chosen moment, collecting every problem instead of stopping at the first.
struct ChainVerifier {
    /// The certificates the caller trusts; any of them may end a path.
    let anchors: [Certificate]
    /// Candidate issuers: the message's certificates and any the caller supplied.
    let intermediates: [Certificate]
    /// What the end certificate is to be used for.
    var purpose: Certificate.Purpose = .emailSigning

    /// The problems of `certificate`'s best path at `time` (the end certificate first,
    /// none when valid) and the path above it.
    func check(_ certificate: Certificate, at time: Date, function: String) throws
        -> (problems: [ChainStatus], path: [Certificate])
    {
        guard let store = X509_STORE_new() else {
            throw SMIMEError.openSSL(.operationFailed, "out of memory", function: function)
        }
        defer { X509_STORE_free(store) }
        for anchor in anchors { X509_STORE_add_cert(store, anchor.x509) }

        guard let context = X509_STORE_CTX_new() else {
            throw SMIMEError.openSSL(.operationFailed, "out of memory", function: function)
        }
        defer { X509_STORE_CTX_free(context) }

        return try CertificateStack.with(intermediates, function: function) { untrusted in
            guard X509_STORE_CTX_init(context, store, certificate.x509, untrusted) == 1 else {
                throw SMIMEError.openSSL(
                    .operationFailed, "cannot start path validation", function: function)
            }
            configure(context, at: time)

            let collector = ProblemCollector()
            let result = withExtendedLifetime(collector) { () -> Int32 in
                X509_STORE_CTX_set_ex_data(
                    context, 0, Unmanaged.passUnretained(collector).toOpaque())
                return X509_verify_cert(context)
            }
            var problems = collector.statuses()
            if result != 1, problems.isEmpty {
                let text = String(cString: X509_verify_cert_error_string(
                    Int(X509_STORE_CTX_get_error(context))))
                problems = [.invalid(reason: text)]
            }
            if purpose == .emailEncryption {
                problems = Self.judgingEncryptionUse(of: certificate, problems)
            }
            let built = CertificateStack.certificates(
                borrowing: X509_STORE_CTX_get0_chain(context))
            return (problems, Array(built.dropFirst()))
        }
    }

    /// S/MIME purpose and email trust, the given time, and anchors that need not be
    /// self-signed roots (a trust anchor is whatever the caller trusts).
    private func configure(_ context: OpaquePointer, at time: Date) {
        X509_STORE_CTX_set_default(context, "smime_sign")
        let parameters = X509_STORE_CTX_get0_param(context)
        if purpose == .emailEncryption {
            // The CAs above are checked as for signing; only the end certificate differs.
            X509_VERIFY_PARAM_set_purpose(parameters, X509_PURPOSE_SMIME_ENCRYPT)
        }
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970))
        X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        X509_STORE_CTX_set_verify_cb(context, ProblemCollector.callback)
    }

    /// OpenSSL's S/MIME encryption purpose demands keyEncipherment, which refuses the EC
    /// keys of key agreement (RFC 5753); the end certificate is judged by RFC 8550 s4.4
    /// instead, as `canEncrypt` and `allowsEmailProtection` do.
    private static func judgingEncryptionUse(
        of certificate: Certificate, _ problems: [ChainStatus]
    ) -> [ChainStatus] {
        let others = problems.filter { $0 != .notForEmailProtection }
        guard certificate.canEncrypt, certificate.allowsEmailProtection else {
            return [.notForEmailProtection] + others
        }
        return others
    }
}

/// Receives OpenSSL's verify callbacks for one X509_verify_cert call.
private final class ProblemCollector {
    struct Problem {
        var error: Int32
        var depth: Int32
        var certificate: Certificate?
    }

    var problems: [Problem] = []

    /// Notes each error and answers "carry on", so that one run finds all of them.
    static let callback: @convention(c) (Int32, OpaquePointer?) -> Int32 = { ok, context in
        if ok != 0 { return ok }
        guard let context, let raw = X509_STORE_CTX_get_ex_data(context, 0) else { return 0 }
        let collector = Unmanaged<ProblemCollector>.fromOpaque(raw).takeUnretainedValue()
        let current = X509_STORE_CTX_get_current_cert(context)
        collector.problems.append(Problem(
            error: X509_STORE_CTX_get_error(context),
            depth: X509_STORE_CTX_get_error_depth(context),
            certificate: current.map { Certificate(retaining: $0) }))
        return 1
    }

    /// The problems as statuses, signer's certificate (depth 0) first, each once.
    func statuses() -> [ChainStatus] {
        var result: [ChainStatus] = []
        for problem in problems.sorted(by: { $0.depth < $1.depth }) {
            let status = Self.status(for: problem)
            if !result.contains(status) { result.append(status) }
        }
        return result
    }

    private static func status(for problem: Problem) -> ChainStatus {
        let subject = problem.certificate?.subject ?? "certificate at depth \(problem.depth)"
        let text = String(cString: X509_verify_cert_error_string(Int(problem.error)))
        switch problem.error {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return .expired(
                subject: subject, notAfter: problem.certificate?.notAfter ?? .distantPast)
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return .notYetValid(
                subject: subject, notBefore: problem.certificate?.notBefore ?? .distantFuture)
        case X509_V_ERR_INVALID_PURPOSE where problem.depth == 0:
            return .notForEmailProtection
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            let issuer = problem.certificate?.issuer ?? "unknown"
            return .untrusted(
                reason: "the issuer of \(subject) (\(issuer)) is neither a trust anchor "
                    + "nor among the certificates available")
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            return .untrusted(
                reason: "\(subject) is a self-signed certificate that is not a trust anchor")
        case X509_V_ERR_CERT_UNTRUSTED, X509_V_ERR_CERT_REJECTED:
            return .untrusted(reason: "\(text) (at \(subject))")
        default:
            return .invalid(reason: "\(text) (at \(subject))")
        }
    }
}
