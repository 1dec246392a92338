// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MailSeal",
    products: [
        .library(name: "MailSealMIME", targets: ["MailSealMIME"]),
        .library(name: "MailSealOpenPGP", targets: ["MailSealOpenPGP"]),
        .library(name: "MailSealSMIME", targets: ["MailSealSMIME"]),
        .library(name: "MailSealMessage", targets: ["MailSealMessage"]),
        .library(name: "MailSealDelivery", targets: ["MailSealDelivery"]),
        .library(name: "MailSealTrace", targets: ["MailSealTrace"]),
        .executable(name: "mailseal", targets: ["mailseal"]),
    ],
    targets: [
        // MARK: - C libraries from Debian's -dev packages
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CGPGME", pkgConfig: "gpgme",
            providers: [.apt(["libgpgme-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CUnbound", pkgConfig: "libunbound",
            providers: [.apt(["libunbound-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        // Only the C macros that Swift cannot import.
        .target(
            name: "CMailSealShims",
            dependencies: ["COpenSSL", "CGPGME", "CCurl"]),

        // MARK: - MailSeal modules
        .target(name: "MailSealMIME"),
        .target(
            name: "MailSealOpenPGP",
            dependencies: ["CGPGME", "CMailSealShims"]),
        .target(
            name: "MailSealSMIME",
            dependencies: ["COpenSSL", "CMailSealShims"]),
        .target(
            name: "MailSealKeys",
            dependencies: ["CSQLite", "MailSealOpenPGP", "MailSealSMIME"]),
        .target(
            name: "MailSealMessage",
            dependencies: [
                "MailSealMIME", "MailSealOpenPGP", "MailSealSMIME", "MailSealKeys",
            ]),
        .target(
            name: "MailSealDelivery",
            dependencies: [
                "CUnbound", "CCurl", "COpenSSL", "CMailSealShims",
                "MailSealKeys", "MailSealOpenPGP", "MailSealSMIME",
            ]),
        .target(name: "MailSealTrace", dependencies: ["MailSealMIME"]),
        .executableTarget(
            name: "mailseal",
            dependencies: [
                "MailSealMIME", "MailSealMessage", "MailSealKeys",
                "MailSealDelivery", "MailSealTrace",
            ]),

        // MARK: - Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MIMETests", dependencies: ["MailSealMIME", "TestSupport"]),
        .testTarget(
            name: "OpenPGPTests", dependencies: ["MailSealOpenPGP", "TestSupport"]),
        .testTarget(name: "SMIMETests", dependencies: ["MailSealSMIME", "TestSupport"]),
        .testTarget(
            name: "MessageTests",
            dependencies: ["MailSealMessage", "MailSealKeys", "TestSupport"]),
        .testTarget(
            name: "DeliveryTests", dependencies: ["MailSealDelivery", "TestSupport"]),
        .testTarget(name: "TraceTests", dependencies: ["MailSealTrace", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
