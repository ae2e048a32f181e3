// swift-tools-version: 6.0
import PackageDescription

/// Swift code that imports CGLPK sees glpk.h through it: on macOS, Homebrew's prefixes.
let homebrewGLPK: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-I/opt/homebrew/include", "-Xcc", "-I/usr/local/include"], .when(platforms: [.macOS])),
]

let package = Package(
    name: "dipnet",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPKSolver", targets: ["GLPKSolver"]),
        .library(name: "DiplomaticNetwork", targets: ["DiplomaticNetwork"]),
        .executable(name: "dipnet", targets: ["dipnet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "5.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        // SHA-256 of scenario files (a hash users can check with sha256sum).
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
        // xlsx workbooks are ZIP archives (Linux: needs zlib's headers, Debian zlib1g-dev).
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        // C shim over GLPK (Debian: libglpk-dev, which ships no pkg-config file).
        // The setjmp/longjmp error trap must live in C.
        // macOS: Homebrew's glpk (`brew install glpk`), in /opt/homebrew on
        // Apple silicon and /usr/local on Intel; a missing header says how to
        // install it (Sources/CGLPK/include/cglpk.h).
        .target(
            name: "CGLPK",
            cSettings: [.unsafeFlags(["-I/opt/homebrew/include", "-I/usr/local/include"], .when(platforms: [.macOS]))],
            linkerSettings: [
                .linkedLibrary("glpk"),
                .unsafeFlags(["-L/opt/homebrew/lib", "-L/usr/local/lib"], .when(platforms: [.macOS])),
            ]
        ),
        // Solver-agnostic modelling layer: pure Swift, no C, no I/O.
        .target(name: "LinearProgramming"),
        // Files that appear whole or not at all (every output of dipnet).
        .target(name: "FileSupport"),
        // The only code that touches GLPK pointers.
        .target(name: "GLPKSolver", dependencies: ["CGLPK", "LinearProgramming", "FileSupport"], swiftSettings: homebrewGLPK),
        // The domain: scenarios (YAML + CSV, variants, validation), the
        // formulation of model.md, plans, comparisons, expectations, analyses
        // and the runs that drive them (records, resume, shards, merge).
        .target(name: "DiplomaticNetwork", dependencies: [
            "LinearProgramming", "GLPKSolver", "FileSupport",
            .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Renderers: neutral tables to terminal text, Markdown, CSV (two
        // dialects), xlsx, Frictionless data packages, JSON and HTML.
        .target(name: "Reports", dependencies: ["DiplomaticNetwork", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // C's stdout for the tool's final flush and error check (Swift 6 refuses the global).
        .target(name: "CStandardStreams"),
        // The command-line tool: argument parsing and dispatch only.
        .executableTarget(name: "dipnet", dependencies: [
            "DiplomaticNetwork", "Reports", "GLPKSolver", "CStandardStreams",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Measures the Swift layer against glpsol (see docs/benchmarks.md).
        .executableTarget(name: "solver-bench", dependencies: ["GLPKSolver", "LinearProgramming"],
                          path: "Benchmarks/solver-bench"),
        // Times dipnet's pipeline on generated scenarios against glpsol (scripts/bench-network.sh).
        .executableTarget(name: "network-bench", dependencies: ["DiplomaticNetwork", "GLPKSolver", "LinearProgramming"],
                          path: "Benchmarks/network-bench"),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "GLPKSolverTests", dependencies: ["GLPKSolver", "LinearProgramming", "CGLPK"], swiftSettings: homebrewGLPK),
        .testTarget(name: "DiplomaticNetworkTests", dependencies: ["DiplomaticNetwork", "Reports", "GLPKSolver", "FileSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DipnetCLITests", dependencies: ["dipnet"]),
        .testTarget(name: "FuzzTests", dependencies: ["DiplomaticNetwork", "LinearProgramming"], exclude: ["Corpus"]),
    ]
)
