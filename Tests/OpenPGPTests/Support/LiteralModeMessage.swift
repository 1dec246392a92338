import Foundation
import TestSupport

/// Builds a message whose literal data packet says `m` (MIME, RFC 4880 s5.9), which
/// GnuPG 2.2 never writes: gpg makes the session key packet, python3 (with the
/// `cryptography` package) re-encrypts a hand-made literal packet under that session key.
enum LiteralModeMessage {
    static func make(
        for peer: GPGPeer, recipient: String, recipientPassphrase: String, content: Data
    ) throws -> Data {
        let seed = try peer.run(
            ["--always-trust", "-r", recipient, "--encrypt"], input: Data("seed".utf8))
        guard seed.status == 0 else { throw PeerFailure(seed) }
        let shown = try peer.run(
            ["--show-session-key", "--decrypt"], input: seed.stdout,
            passphrase: recipientPassphrase)
        let line = shown.stderrText.split(separator: "\n")
            .first { $0.hasPrefix("[GNUPG:] SESSION_KEY ") }
        guard let sessionKey = line?.split(separator: " ").last else { throw PeerFailure(shown) }

        let seedFile = try peer.write("seed.gpg", seed.stdout)
        let contentFile = try peer.write("content", content)
        let built = try ProcessRunner.run(
            "python3", ["-c", script, seedFile.path, String(sessionKey), contentFile.path])
        guard built.status == 0 else { throw PeerFailure(built) }
        return built.stdout
    }

    /// PKESK copied from the seed; then SEIPD v1 (RFC 4880 s5.13): CFB with a zero IV over
    /// random prefix, literal packet and MDC packet.
    private static let script = #"""
import hashlib, os, sys
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

seed = open(sys.argv[1], "rb").read()
algo, key = sys.argv[2].split(":")
assert algo == "9", "expected AES-256"
key = bytes.fromhex(key)
content = open(sys.argv[3], "rb").read()

def packet_end(data):
    ctb = data[0]
    if ctb & 0x40:
        first = data[1]
        if first < 192: return 2 + first
        if first < 224: return 3 + ((first - 192) << 8) + data[2] + 192
        return 6 + int.from_bytes(data[2:6], "big")
    size = [1, 2, 4][ctb & 3]
    return 1 + size + int.from_bytes(data[1:1 + size], "big")

def new_packet(tag, body):
    assert len(body) < 8384
    if len(body) < 192: header = bytes([len(body)])
    else:
        n = len(body) - 192
        header = bytes([(n >> 8) + 192, n & 0xFF])
    return bytes([0xC0 | tag]) + header + body

pkesk = seed[:packet_end(seed)]
literal = new_packet(11, b"m" + b"\x00" + (0).to_bytes(4, "big") + content)
prefix = os.urandom(16)
prefix += prefix[-2:]
inner = prefix + literal + b"\xd3\x14"
inner += hashlib.sha1(inner).digest()
encryptor = Cipher(algorithms.AES(key), modes.CFB(bytes(16))).encryptor()
seipd = new_packet(18, b"\x01" + encryptor.update(inner) + encryptor.finalize())
sys.stdout.buffer.write(pkesk + seipd)
"""#
}
