internal import COpenSSL
import Foundation

// MARK: - Names, numbers and dates (RFC 5280 s4.1)

extension Certificate {
    /// The subject name in one line, `CN = Alice, emailAddress = alice@example.org`.
    public var subject: String {
        OpenSSLErrorQueue.runQuietly { ASN1Conversions.oneLine(X509_get_subject_name(x509)) }
    }

    /// The issuer name in one line.
    public var issuer: String {
        OpenSSLErrorQueue.runQuietly { ASN1Conversions.oneLine(X509_get_issuer_name(x509)) }
    }

    /// The serial number in upper-case hexadecimal, `-` first when negative.
    public var serialNumber: String {
        OpenSSLErrorQueue.runQuietly {
            guard let serial = X509_get0_serialNumber(x509) else { return "" }
            let digits = ASN1Conversions.hex(ASN1Conversions.bytes(serial))
            let negative = ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER
            return (negative ? "-" : "") + (digits.isEmpty ? "00" : digits)
        }
    }

    /// The start of the validity period.
    public var notBefore: Date {
        OpenSSLErrorQueue.runQuietly {
            ASN1Conversions.date(X509_get0_notBefore(x509)) ?? .distantFuture
        }
    }

    /// The end of the validity period.
    public var notAfter: Date {
        OpenSSLErrorQueue.runQuietly {
            ASN1Conversions.date(X509_get0_notAfter(x509)) ?? .distantPast
        }
    }

    /// The SHA-256 digest of the DER encoding, upper-case hexadecimal.
    public var fingerprintSHA256: String {
        OpenSSLErrorQueue.runQuietly {
            var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var count: UInt32 = 0
            guard X509_digest(x509, EVP_sha256(), &digest, &count) == 1 else { return "" }
            return ASN1Conversions.hex(Data(digest[0..<Int(count)]))
        }
    }

    /// The mail addresses the certificate names, lower-cased, each once.
    ///
    /// RFC 8550 s3 puts them in the subjectAltName rfc822Name entries; older
    /// certificates carry them in the subject's emailAddress attribute, so both count.
    public var emailAddresses: [String] {
        OpenSSLErrorQueue.runQuietly {
            guard let stack = X509_get1_email(x509) else { return [] }
            defer { X509_email_free(stack) }

            var addresses: [String] = []
            for index in 0..<OPENSSL_sk_num(stack) {
                guard let entry = OPENSSL_sk_value(stack, index) else { continue }
                let address = String(cString: entry.assumingMemoryBound(to: CChar.self))
                    .lowercased()
                if !addresses.contains(address) { addresses.append(address) }
            }
            return addresses
        }
    }
}
