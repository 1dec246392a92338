import Foundation

// MARK: - Typed records

extension DNSAnswer {
    /// The MX records, in the order of the answer (RFC 1035 s3.3.9).
    public func mxRecords() throws -> [MXRecord] {
        try parse(.mx) { reader in
            let preference = try reader.uint16()
            return MXRecord(preference: preference, exchange: try reader.domainName())
        }
    }

    /// The addresses of an A or AAAA answer, in their usual text form.
    public func addresses() throws -> [String] {
        guard type == .a || type == .aaaa else { throw wrongType("an address") }
        let family = type == .a ? AF_INET : AF_INET6
        let size = type == .a ? 4 : 16
        return try parse(type) { reader in
            let octets = try reader.bytes(size)
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(family, octets, &text, socklen_t(text.count)) != nil else {
                throw reader.malformed("holds an address that cannot be written out")
            }
            return String(cString: text)
        }
    }

    /// Each TXT record's character-strings joined into one string (RFC 7208 s3.3 and
    /// RFC 8461 s3.1 read TXT records this way). Invalid UTF-8 is replaced, not refused.
    public func texts() throws -> [String] {
        try parse(.txt) { reader in
            var joined: [UInt8] = []
            repeat { joined += try reader.characterString() } while !reader.isAtEnd
            return String(decoding: joined, as: UTF8.self)
        }
    }

    /// The TLSA records (RFC 6698 s2.1).
    public func tlsaRecords() throws -> [TLSARecord] {
        try parse(.tlsa, Self.certificateAssociation)
    }

    /// The SMIMEA records (RFC 8162 s2: the RDATA of TLSA).
    public func smimeaRecords() throws -> [SMIMEARecord] {
        try parse(.smimea, Self.certificateAssociation)
    }

    /// The transferable public keys of the OPENPGPKEY records, in binary form
    /// (RFC 7929 s2.1).
    public func openPGPKeys() throws -> [Data] {
        try parse(.openpgpkey) { reader in
            let key = reader.rest()
            guard !key.isEmpty else { throw reader.malformed("is empty") }
            return Data(key)
        }
    }

    // MARK: - Parsing

    private static func certificateAssociation(_ reader: inout RDataReader) throws -> TLSARecord {
        let usage = try reader.uint8(), selector = try reader.uint8()
        let matching = try reader.uint8()
        return TLSARecord(
            usage: .init(rawValue: usage), selector: .init(rawValue: selector),
            matchingType: .init(rawValue: matching), data: Data(reader.rest()))
    }

    private func parse<Record>(
        _ expected: DNSRecordType, _ read: (inout RDataReader) throws -> Record
    ) throws -> [Record] {
        guard type == expected else { throw wrongType("\(expected)") }
        return try records.map { rdata in
            var reader = RDataReader(rdata, type: type)
            let record = try read(&reader)
            try reader.finish()
            return record
        }
    }

    private func wrongType(_ wanted: String) -> DeliveryError {
        DeliveryError(
            .dnsMalformedRecord,
            "\(wanted) record was asked of the \(type) answer for \(name)")
    }
}
