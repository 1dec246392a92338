import Foundation
import MailSealDelivery
import Testing

/// RDATA parsing and owner names, without a server.
@Suite struct DNSRecordParsingTests {
    private func answer(_ type: DNSRecordType, _ records: [[UInt8]]) -> DNSAnswer {
        DNSAnswer(
            name: "example.net", type: type, records: records.map { Data($0) }, rcode: .noError)
    }

    @Test func mxRecordReadsPreferenceAndExchange() throws {
        let rdata: [UInt8] = [0, 10, 2] + Array("mx".utf8) + [7] + Array("example".utf8)
            + [3] + Array("net".utf8) + [0]
        #expect(try answer(.mx, [rdata]).mxRecords() == [
            MXRecord(preference: 10, exchange: "mx.example.net"),
        ])
    }

    @Test func nullMXIsRecognised() throws {
        let record = try #require(try answer(.mx, [[0, 0, 0]]).mxRecords().first)
        #expect(record.isNullMX)
        #expect(record.exchange == ".")
    }

    @Test func txtCharacterStringsAreJoined() throws {
        let rdata: [UInt8] = [9] + Array("v=STSv1; ".utf8) + [9] + Array("id=split1".utf8)
        #expect(try answer(.txt, [rdata]).texts() == ["v=STSv1; id=split1"])
    }

    @Test func addressesAreWrittenInTheirUsualForm() throws {
        #expect(try answer(.a, [[192, 0, 2, 1]]).addresses() == ["192.0.2.1"])
        let v6: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1]
        #expect(try answer(.aaaa, [v6]).addresses() == ["2001:db8::1"])
    }

    @Test func shortTLSARecordIsMalformed() throws {
        let error = #expect(throws: DeliveryError.self) {
            try answer(.tlsa, [[3, 1]]).tlsaRecords()
        }
        #expect(error?.code == .dnsMalformedRecord)
        #expect(error?.reason.contains("TLSA") == true)
    }

    @Test func trailingOctetsMakeARecordMalformed() throws {
        let error = #expect(throws: DeliveryError.self) {
            try answer(.a, [[192, 0, 2, 1, 9]]).addresses()
        }
        #expect(error?.code == .dnsMalformedRecord)
    }

    @Test func askingForTheWrongTypeIsAnError() throws {
        #expect(throws: DeliveryError.self) { try answer(.txt, [[1, 65]]).mxRecords() }
    }

    // MARK: - Owner names

    @Test func openPGPKeyOwnerNameFollowsTheRFCExample() throws {
        // RFC 7929 s3 works this one through.
        #expect(try DNSName.openPGPKey(for: "hugh@example.com")
            == "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey.example.com")
    }

    @Test func smimeaOwnerNameUsesTheSameHashUnderSmimecert() throws {
        #expect(try DNSName.smimea(for: "hugh@Example.COM")
            == "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.example.com")
    }

    @Test func localPartIsHashedAsGiven() throws {
        #expect(try DNSName.openPGPKey(for: "Hugh@example.com")
            != DNSName.openPGPKey(for: "hugh@example.com"))
    }

    @Test func addressWithoutAtIsRefused() throws {
        let error = #expect(throws: DeliveryError.self) { try DNSName.openPGPKey(for: "hugh") }
        #expect(error?.code == .badAddress)
    }

    @Test func serviceNamesAreBuiltFromTheHost() {
        #expect(DNSName.tlsa(host: "MX.Example.NET.") == "_25._tcp.mx.example.net")
        #expect(DNSName.mtaSTS(domain: "example.net") == "_mta-sts.example.net")
        #expect(DNSName.tlsReporting(domain: "example.net") == "_smtp._tls.example.net")
    }

    @Test func tlsReportingRecordNeedsVersionAndAddresses() {
        let policy = TLSReportingPolicy(
            record: "v=TLSRPTv1; rua=mailto:a@example.net, https://r.example.net/")
        #expect(policy?.reportURIs == ["mailto:a@example.net", "https://r.example.net/"])
        #expect(TLSReportingPolicy(record: "v=TLSRPTv2; rua=mailto:a@example.net") == nil)
        #expect(TLSReportingPolicy(record: "v=TLSRPTv1;") == nil)
    }
}
