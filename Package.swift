// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dipnet",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPKSolver", targets: ["GLPKSolver"]),
    ],
    targets: [
        // C shim over GLPK (Debian: libglpk-dev, which ships no pkg-config file).
        // The setjmp/longjmp error trap must live in C.
        .target(
            name: "CGLPK",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        // Solver-agnostic modelling layer: pure Swift, no C, no I/O.
        .target(name: "LinearProgramming"),
        // The only code that touches GLPK pointers.
        .target(name: "GLPKSolver", dependencies: ["CGLPK", "LinearProgramming"]),
        // Measures the Swift layer against glpsol (see README, "Benchmarks").
        .executableTarget(name: "solver-bench", dependencies: ["GLPKSolver", "LinearProgramming"],
                          path: "Benchmarks/solver-bench"),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "GLPKSolverTests", dependencies: ["GLPKSolver", "LinearProgramming", "CGLPK"]),
    ]
)
