// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Bitext",
    products: [
        .library(name: "Bitext", targets: ["BitextCore", "BitextICU", "BitextXML", "Segmentation", "Glossary", "Exchange", "Jobs"]),
        .executable(name: "bitext", targets: ["BitextCLI"]),
        .executable(name: "bitext-bench", targets: ["BitextBench"]),
        .executable(name: "bitext-match-bench", targets: ["BitextMatchBench"]),
        .executable(name: "bitext-exchange-bench", targets: ["BitextExchangeBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        .target(name: "BitextICU", dependencies: ["CICU"]),
        .target(name: "BitextCore"),
        .target(name: "BitextXML"),
        .target(name: "Segmentation", dependencies: ["BitextCore", "BitextICU", "BitextXML"]),
        .target(name: "Glossary", dependencies: ["BitextCore", "BitextICU", "BitextXML"]),
        .target(name: "Exchange", dependencies: ["BitextCore", "BitextXML"]),
        .target(name: "Jobs", dependencies: ["BitextCore", "Segmentation", "Glossary", "Exchange"]),
        .executableTarget(
            name: "BitextCLI",
            dependencies: [
                "BitextCore",
                "Segmentation",
                "Glossary",
                "Exchange",
                "Jobs",
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
        .testTarget(name: "BitextICUTests", dependencies: ["BitextICU"]),
        .testTarget(name: "BitextXMLTests", dependencies: ["BitextXML"]),
        // Fixtures are read from the source tree through #filePath.
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation"], exclude: ["Fixtures"]),
        .testTarget(name: "GlossaryTests", dependencies: ["Glossary"]),
        .testTarget(name: "ExchangeTests", dependencies: ["Exchange"], exclude: ["Fixtures"]),
        .testTarget(name: "BitextCLITests", dependencies: ["BitextCLI", "Exchange"]),
    ],
    swiftLanguageModes: [.v6]
)
