import Foundation
import Testing
import TestSupport

/// One entity of a message as Python's `email` package (policy=default) sees it.
struct ParsedPart: Decodable {
    /// "message" for the root, "1", "1.2" below it.
    var path: String
    var contentType: String
    var params: [String: String]
    var subject: String?
    var from: String?
    var defects: [String]
    /// The decoded body of a leaf.
    var payload: Data?
    /// The decoded text of a text/* leaf, line ends made LF.
    var text: String?
}

/// Python's `email` package as an independent MIME reader and writer.
enum PythonEmail {
    /// Every entity of `message`, in depth-first order.
    static func parts(of message: Data) throws -> [ParsedPart] {
        let result = try ProcessRunner.run("python3", ["-c", parseScript], input: message)
        try result.requireSuccess()
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .base64
        return try decoder.decode([ParsedPart].self, from: result.stdout)
    }

    /// The entities of `message` by path, with none of them showing a parse defect.
    static func tree(of message: Data, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> [String: ParsedPart]
    {
        let parts = try parts(of: message)
        for part in parts {
            #expect(part.defects.isEmpty, "part \(part.path): \(part.defects)",
                    sourceLocation: sourceLocation)
        }
        return Dictionary(uniqueKeysWithValues: parts.map { ($0.path, $0) })
    }

    /// A multipart/encrypted (RFC 3156 s4) around `ciphertext`, composed by Python.
    static func pgpEncrypted(_ ciphertext: Data, subject: String) throws -> Data {
        try compose("encrypted", ciphertext, subject: subject, from: aliceFrom)
    }

    /// An application/pkcs7-mime entity (RFC 8551 s3.2) around `der`, composed by Python.
    static func pkcs7MIME(
        _ der: Data, smimeType: String, subject: String, from: String = aliceFrom
    ) throws -> Data {
        try compose("pkcs7-\(smimeType)", der, subject: subject, from: from)
    }

    static let aliceFrom = "Alice Example <alice@example.org>"

    private static func compose(_ kind: String, _ body: Data, subject: String, from: String)
        throws -> Data
    {
        let result = try ProcessRunner.run(
            "python3", ["-c", composeScript, kind, subject, from], input: body)
        try result.requireSuccess()
        return result.stdout
    }

    private static let parseScript = #"""
    import base64, email, email.policy, email.utils, json, sys

    def params(part):
        found = {}
        for name, value in (part.get_params() or [])[1:]:
            found[name.lower()] = email.utils.collapse_rfc2231_value(value)
        return found

    def walk(part, path, out):
        info = {"path": ".".join(map(str, path)) or "message",
                "contentType": part.get_content_type(), "params": params(part),
                "defects": [type(d).__name__ for d in part.defects]}
        for name in ("subject", "from"):
            if part[name] is not None:
                info[name] = str(part[name])
        out.append(info)
        if part.get_content_maintype() == "multipart":
            for index, child in enumerate(part.iter_parts(), 1):
                walk(child, path + [index], out)
            return
        payload = part.get_payload(decode=True) or b""
        info["payload"] = base64.b64encode(payload).decode()
        if part.get_content_maintype() == "text":
            info["text"] = part.get_content().replace("\r\n", "\n")

    message = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
    found = []
    walk(message, [], found)
    json.dump(found, sys.stdout)
    """#

    private static let composeScript = #"""
    import email.policy, sys
    from email.encoders import encode_7or8bit
    from email.mime.application import MIMEApplication
    from email.mime.multipart import MIMEMultipart

    kind, subject, sender = sys.argv[1], sys.argv[2], sys.argv[3]
    body = sys.stdin.buffer.read()
    if kind == "encrypted":
        message = MIMEMultipart("encrypted", protocol="application/pgp-encrypted")
        message.attach(MIMEApplication(b"Version: 1\n", "pgp-encrypted", encode_7or8bit))
        message.attach(MIMEApplication(body, "octet-stream", encode_7or8bit,
                                       name="encrypted.asc"))
    else:
        message = MIMEApplication(body, "pkcs7-mime", smime_type=kind[len("pkcs7-"):],
                                  name="smime.p7m")
    message["From"] = sender
    message["To"] = "Bob Example <bob@example.org>"
    message["Subject"] = subject
    sys.stdout.buffer.write(message.as_bytes(policy=email.policy.SMTP))
    """#
}
