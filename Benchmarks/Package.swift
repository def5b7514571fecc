// swift-tools-version: 6.0
// Timing harnesses for scripts/bench-extraction and scripts/bench-counting; kept out of the root package.
import PackageDescription

let package = Package(
  name: "stance-benchmarks",
  dependencies: [.package(name: "stance", path: "..")],
  targets: [
    .systemLibrary(name: "CLibXML2Bench", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .executableTarget(
      name: "ExtractionTiming",
      dependencies: ["CLibXML2Bench", .product(name: "StanceKit", package: "stance")]),
    .executableTarget(name: "CountingTiming", dependencies: [.product(name: "StanceKit", package: "stance")]),
  ]
)
