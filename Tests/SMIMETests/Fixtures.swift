import Foundation
import MailSealSMIME
import Testing
import TestSupport

/// The S/MIME test identities in TestKeys/smime, read in place.
enum TestIdentity {
    static let folder = ProjectPaths.testKeys.appendingPathComponent("smime")

    static func url(_ file: String) -> URL { folder.appendingPathComponent(file) }

    static func data(_ file: String) throws -> Data { try Data(contentsOf: url(file)) }

    /// `NAME.crt`.
    static func certificate(_ name: String) throws -> Certificate {
        try Certificate(pemEncoded: data("\(name).crt"))
    }

    /// `NAME.key`.
    static func key(_ name: String) throws -> PrivateKey {
        try PrivateKey(pemEncoded: data("\(name).key"))
    }

    static var ca: Certificate { get throws { try certificate("ca") } }
}

/// The shared public vectors of ../shared/vectors/smime.
enum SMIMEVector {
    static let folder = ProjectPaths.vectors.appendingPathComponent("smime")

    static func data(_ file: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(file))
    }
}

/// Runs a peer program and fails the test, showing its stderr, when it fails.
@discardableResult
func peer(
    _ program: String, _ arguments: [String], input: Data? = nil,
    environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
) throws -> ProcessResult {
    let result = try ProcessRunner.run(
        program, arguments, input: input, environment: environment)
    #expect(
        result.status == 0, "\(program) \(arguments.first ?? "") failed: \(result.stderrText)",
        sourceLocation: sourceLocation)
    return result
}

extension Data {
    /// A copy with the byte at `index` (negative: from the end) XORed with 0x01.
    func flippingByte(at index: Int) -> Data {
        var copy = self
        let position = index >= 0 ? startIndex + index : endIndex + index
        copy[position] ^= 0x01
        return copy
    }

    /// Writes the data to `name` in `directory` and returns the path.
    func written(to directory: TemporaryDirectory, as name: String) throws -> String {
        let url = directory.file(name)
        try write(to: url)
        return url.path
    }
}

/// A certificate a test needs and TestKeys does not have, issued by the test CA into
/// the test's own temporary directory.
struct ThrowawayIdentity {
    var certificate: Certificate
    var key: PrivateKey
    var certificatePath: String
    var keyPath: String

    /// Issues an RSA-2048 certificate with `extensions` (openssl x509 -extfile syntax).
    init(subject: String, extensions: String, in directory: TemporaryDirectory) throws {
        keyPath = directory.file("throwaway.key").path
        certificatePath = directory.file("throwaway.crt").path
        let request = directory.file("throwaway.csr").path
        let extensionFile = try Data(extensions.utf8).written(to: directory, as: "ext.cnf")
        try peer("openssl", [
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath,
            "-subj", subject, "-out", request,
        ])
        try peer("openssl", [
            "x509", "-req", "-in", request, "-CA", TestIdentity.url("ca.crt").path,
            "-CAkey", TestIdentity.url("ca.key").path, "-set_serial", "0x7001",
            "-days", "30", "-extfile", extensionFile, "-out", certificatePath,
        ])
        certificate = try Certificate(
            pemEncoded: Data(contentsOf: URL(fileURLWithPath: certificatePath)))
        key = try PrivateKey(pemEncoded: Data(contentsOf: URL(fileURLWithPath: keyPath)))
    }
}
