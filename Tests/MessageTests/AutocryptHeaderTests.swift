import Foundation
import MailSealMIME
import Testing
@testable import MailSealMessage

/// The `Autocrypt` header field as Autocrypt Level 1 section 2.1 defines it.
@Suite struct AutocryptHeaderTests {
    private let keyData = Data([0x99, 0x00, 0x33, 0x04, 0x61, 0x62, 0x63])
    private var base64: String { keyData.base64EncodedString() }

    @Test func validHeaderGivesAddressPreferenceAndKey() throws {
        let header = try #require(AutocryptHeader(
            value: "addr=Alice@Example.org; prefer-encrypt=mutual; keydata=\(base64)"))

        #expect(header.address == "alice@example.org")
        #expect(header.preference == .mutual)
        #expect(header.keyData == keyData)
    }

    @Test func foldedKeydataAndMissingPreferenceAreAccepted() throws {
        let folded = base64.prefix(4) + "\r\n " + base64.dropFirst(4)
        let header = try #require(AutocryptHeader(value: "addr=a@b.example; keydata=\(folded)"))

        #expect(header.preference == .noPreference)
        #expect(header.keyData == keyData)
    }

    @Test func underscoreAttributesAreIgnoredButUnknownOnesInvalidate() {
        #expect(AutocryptHeader(
            value: "addr=a@b.example; _venue=home; keydata=\(base64)") != nil)
        #expect(AutocryptHeader(
            value: "addr=a@b.example; venue=home; keydata=\(base64)") == nil)
    }

    @Test func headerWithoutAddressOrKeyOrWithBadBase64IsInvalid() {
        #expect(AutocryptHeader(value: "keydata=\(base64)") == nil)
        #expect(AutocryptHeader(value: "addr=a@b.example") == nil)
        #expect(AutocryptHeader(value: "addr=a@b.example; keydata=not*base64!") == nil)
        #expect(AutocryptHeader(value: "addr=<a@b.example>; keydata=\(base64)") == nil)
        #expect(AutocryptHeader(
            value: "addr=a@b.example; addr=c@d.example; keydata=\(base64)") == nil)
    }

    @Test func selectTakesTheOneValidHeaderForTheFromAddress() throws {
        var header = Header()
        header.append("Autocrypt", "addr=other@example.org; keydata=\(base64)")
        header.append("Autocrypt", "addr=alice@example.org; bogus=1; keydata=\(base64)")
        header.append("Autocrypt", "addr=ALICE@example.org; keydata=\(base64)")

        let selected = try #require(
            AutocryptHeader.select(from: header, fromAddress: "alice@example.org"))
        #expect(selected.address == "alice@example.org")
    }

    @Test func twoValidHeadersForTheFromAddressCountAsNone() {
        var header = Header()
        header.append("Autocrypt", "addr=alice@example.org; keydata=\(base64)")
        header.append("Autocrypt", "addr=alice@example.org; keydata=\(base64)")

        #expect(AutocryptHeader.select(from: header, fromAddress: "alice@example.org") == nil)
        #expect(AutocryptHeader.select(from: Header(), fromAddress: "alice@example.org") == nil)
    }
}
