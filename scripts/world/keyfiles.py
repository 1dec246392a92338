#!/usr/bin/env python3
"""Turns test keys into the forms the test world publishes (DNS records, WKD files).

  keyfiles.py dearmor FILE          binary OpenPGP key from an ASCII-armored file
  keyfiles.py pem-to-der FILE       DER certificate from a PEM file
  keyfiles.py dane-owner LOCAL      RFC 7929/8162 owner label: SHA2-256, 28 octets, hex
  keyfiles.py wkd-hash LOCAL        WKD hash: z-base-32 of SHA-1 of the lowercased part
"""
import base64
import hashlib
import sys

ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769"


def dearmor(text: str, kind: str) -> bytes:
    lines = text.replace("\r", "").split("\n")
    begin = next(i for i, line in enumerate(lines) if line.startswith(f"-----BEGIN {kind}"))
    end = next(i for i, line in enumerate(lines) if line.startswith(f"-----END {kind}"))
    body = lines[begin + 1:end]
    if kind == "PGP":
        # Armor headers end at the first blank line; the CRC line starts with '='.
        if "" in body:
            body = body[body.index("") + 1:]
        body = [line for line in body if not line.startswith("=")]
    return base64.b64decode("".join(body))


def zbase32(data: bytes) -> str:
    bits = "".join(f"{byte:08b}" for byte in data)
    bits += "0" * (-len(bits) % 5)
    return "".join(ZBASE32[int(bits[i:i + 5], 2)] for i in range(0, len(bits), 5))


def main() -> None:
    command, argument = sys.argv[1], sys.argv[2]
    if command == "dearmor":
        sys.stdout.buffer.write(dearmor(open(argument).read(), "PGP"))
    elif command == "pem-to-der":
        sys.stdout.buffer.write(dearmor(open(argument).read(), "CERTIFICATE"))
    elif command == "dane-owner":
        print(hashlib.sha256(argument.encode()).hexdigest()[:56])
    elif command == "wkd-hash":
        print(zbase32(hashlib.sha1(argument.lower().encode()).digest()))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
