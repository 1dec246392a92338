import Foundation
import MailSealMIME
import Testing

/// RFC 2047 encoded words.
struct EncodedWordTests {
    @Test func qAndBWordsDecode() {
        #expect(EncodedWord.decode("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=")
            == "Keld Jørn Simonsen")
        #expect(EncodedWord.decode("=?utf-8?b?w6TDtsO8?=") == "äöü")
        #expect(EncodedWord.decode("=?UTF-8?B?w6TDtsO8?= and =?utf-8?q?=C3=A4?=")
            == "äöü and ä")
    }

    @Test func whitespaceBetweenAdjacentWordsIsDroppedEvenAcrossCharsets() throws {
        let message = try MIMEParser().parse(Vectors.mimetoolsMessage("intl"))

        #expect(message.header.decoded("Subject")
            == "If you can read this you understand the example... so, cool!")
        #expect(EncodedWord.decode("=?ISO-8859-1?Q?a?= \r\n\t =?ISO-8859-1?Q?b?=") == "ab")
        #expect(EncodedWord.decode("=?ISO-8859-1?Q?a?= x =?ISO-8859-1?Q?b?=") == "a x b")
        #expect(EncodedWord.decode("=?ISO-8859-1?Q?Andr=E9_?= Pirard") == "André  Pirard")
    }

    @Test func aCharacterSplitBetweenTwoWordsIsJoined() {
        // "€" is E2 82 AC in UTF-8; here its bytes sit in two words.
        #expect(EncodedWord.decode("=?utf-8?Q?=E2=82?= =?utf-8?Q?=AC?=") == "€")
        #expect(EncodedWord.decode("=?utf-8?B?4oI=?= =?utf-8?B?rA==?=") == "€")
    }

    @Test func wordsInsideOtherTextAndLanguageTagsAreDecoded() {
        let filename = "/evil/because:of\\path\\3d-=?ISO-8859-1?Q?=63?=om"
            + "=?US-ASCII*EN?Q?pr?=ess.gif"

        #expect(EncodedWord.decode(filename) == "/evil/because:of\\path\\3d-compress.gif")
    }

    @Test func malformedWordsAndUnknownCharsetsAreKeptReadable() {
        #expect(EncodedWord.decode("=?utf-8?X?abc?= plain") == "=?utf-8?X?abc?= plain")
        #expect(EncodedWord.decode("=?utf-8?Q?unterminated") == "=?utf-8?Q?unterminated")
        #expect(EncodedWord.decode("a =? b ?= c") == "a =? b ?= c")
        #expect(EncodedWord.decode("=?x-unknown?Q?caf=C3=A9?=") == "café")
        #expect(EncodedWord.decode("=?x-unknown?Q?caf=E9?=") == "café")
    }

    @Test func asciiTextIsLeftAlone() {
        let plain = "Plain subject, nothing to do"
        #expect(EncodedWord.encode(plain) == plain)
    }

    @Test(arguments: [
        "Grüße aus Köln", "日本語メールテスト (testing Japanese emails)",
        "Ωmega and 🦊 fox 👩‍👩‍👧", String(repeating: "Ünïcödé ", count: 30),
        "looks =?like?Q?a?= word", "tab\tand\u{7}bell",
    ])
    func encodedTextDecodesBackInWordsOfAtMostSeventyFive(_ text: String) {
        let encoded = EncodedWord.encode(text)
        let words = encoded.split(separator: " ")

        #expect(EncodedWord.decode(encoded) == text)
        #expect(words.allSatisfy {
            $0.count <= 75 && $0.hasPrefix("=?utf-8?") && $0.hasSuffix("?=")
        })
        #expect(encoded.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F || $0 == 0x20 })
        // Each word holds whole characters: it decodes alone to valid UTF-8.
        #expect(words.allSatisfy { !EncodedWord.decode(String($0)).contains("\u{FFFD}") })
    }

    @Test func mostlyASCIITextUsesQAndMostlyOtherTextUsesB() {
        #expect(EncodedWord.encode("Résumé attached for the meeting")
            .hasPrefix("=?utf-8?Q?R=C3=A9sum=C3=A9_attached"))
        #expect(EncodedWord.encode("日本語のテキスト").hasPrefix("=?utf-8?B?"))
    }
}
