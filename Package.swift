// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Bitext",
    products: [
        .library(name: "Bitext", targets: ["BitextCore", "BitextICU", "BitextXML", "Segmentation", "Glossary", "Exchange", "Jobs", "BitextMarkup", "TranslationMemory"]),
        .executable(name: "bitext", targets: ["BitextCLI"]),
        .executable(name: "bitext-bench", targets: ["BitextBench"]),
        .executable(name: "bitext-match-bench", targets: ["BitextMatchBench"]),
        .executable(name: "bitext-exchange-bench", targets: ["BitextExchangeBench"]),
        .executable(name: "bitext-tm-bench", targets: ["BitextTMBench"]),
        .executable(name: "bitext-fuzz", targets: ["BitextFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        .target(name: "BitextICU", dependencies: ["CICU", "BitextXML"]),
        .systemLibrary(name: "CCMark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Foundation-free: libxml2's headers include ICU's, which clash with Foundation's copy.
        .target(name: "BitextMarkup", dependencies: ["BitextCore", "CCMark", "CLibXML2"]),
        .target(name: "BitextCore"),
        .target(name: "BitextXML"),
        .target(name: "Segmentation", dependencies: ["BitextCore", "BitextICU", "BitextXML"]),
        .target(name: "Glossary", dependencies: ["BitextCore", "BitextICU", "BitextXML"]),
        .target(name: "Exchange", dependencies: ["BitextCore", "BitextXML", "BitextICU"]),
        .target(
            name: "TranslationMemory",
            dependencies: ["BitextCore", "BitextICU", "BitextXML", "Exchange", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "Jobs", dependencies: ["BitextCore", "Segmentation", "Glossary", "Exchange", "BitextMarkup", "TranslationMemory"]),
        .executableTarget(
            name: "BitextCLI",
            dependencies: [
                "BitextCore",
                "Segmentation",
                "Glossary",
                "Exchange",
                "Jobs",
                "TranslationMemory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "BitextBench",
            dependencies: ["BitextCore", "Segmentation"],
            path: "Benchmarks/BitextBench"
        ),
        .executableTarget(
            name: "BitextMatchBench",
            dependencies: ["Glossary", "Segmentation"],
            path: "Benchmarks/BitextMatchBench"
        ),
        .executableTarget(
            name: "BitextExchangeBench",
            dependencies: ["Exchange"],
            path: "Benchmarks/BitextExchangeBench"
        ),
        // Hostile inputs through every reader, each target in a supervised worker (Tests/README.md).
        .executableTarget(name: "BitextFuzz", dependencies: ["BitextCore", "Exchange", "Glossary", "Jobs", "Segmentation", "TranslationMemory"]),
        .executableTarget(name: "BitextTMBench", dependencies: ["TranslationMemory"], path: "Benchmarks/BitextTMBench"),
        .testTarget(name: "BitextICUTests", dependencies: ["BitextICU"]),
        .testTarget(name: "BitextXMLTests", dependencies: ["BitextXML"]),
        // Fixtures are read from the source tree through #filePath.
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation"], exclude: ["Fixtures"]),
        .testTarget(name: "GlossaryTests", dependencies: ["Glossary"]),
        .testTarget(name: "ExchangeTests", dependencies: ["Exchange"], exclude: ["Fixtures"]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs"]),
        .testTarget(name: "BitextMarkupTests", dependencies: ["BitextMarkup"]),
        .testTarget(name: "TranslationMemoryTests", dependencies: ["TranslationMemory"]),
        .testTarget(name: "BitextCLITests", dependencies: ["BitextCLI", "Exchange"]),
    ],
    swiftLanguageModes: [.v6]
)
