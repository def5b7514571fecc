// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "stance",
  products: [
    .library(name: "StanceKit", targets: ["StanceKit"]),
    .executable(name: "stance", targets: ["stance"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // System libraries
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    // A header only: the compiler's prefetch builtin.
    .systemLibrary(name: "CPrefetch"),

    // Library
    .target(name: "StanceKit", dependencies: ["CLibXML2", "CZlib", "CPrefetch"]),

    // CLI
    .executableTarget(
      name: "stance",
      dependencies: [
        "StanceKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // Tests
    .testTarget(name: "StanceKitTests", dependencies: ["StanceKit"]),
    .testTarget(name: "StanceEndToEndTests", dependencies: ["stance"]),
  ]
)
