// Measures what building and solving a model through the Swift layer costs,
// against glpsol solving the same model exported as free MPS (same presolve).
//
//   swift run -c release solver-bench [--repeat N] [--glpsol PATH]
//
// Prints a Markdown table; docs/benchmarks.md quotes it.
import Foundation
import GLPKSolver
import LinearProgramming

struct Rng {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}

/// Transportation LP: 100 sources × 100 sinks = 10,000 variables, 200 rows.
func transportationLP() -> Model {
    var rng = Rng(state: 42)
    let n = 100
    var m = Model(name: "transport")
    let supply = (0..<n).map { _ in 50 + 100 * rng.next() }
    let total = supply.reduce(0, +)
    let demand = (0..<n).map { _ in total / Double(n) * (0.8 + 0.2 * rng.next()) }
    var x: [[Variable]] = []
    var cost = LinearExpression()
    for i in 0..<n {
        x.append((0..<n).map { j in m.addVariable("ship[\(i),\(j)]") })
        for j in 0..<n { cost.add(x[i][j], 1 + 99 * rng.next()) }
    }
    for i in 0..<n { m.add("supply[\(i)]", LinearExpression.sum(x[i]) <= supply[i]) }
    for j in 0..<n { m.add("demand[\(j)]", LinearExpression.sum(0..<n) { x[$0][j].linearExpression } >= demand[j]) }
    m.minimize(cost)
    return m
}

/// Capacitated facility location: 200 binary sites, 40 customers.
func facilityMIP() -> Model {
    var rng = Rng(state: 7)
    let sites = 200, customers = 40
    var m = Model(name: "facility")
    let open = (0..<sites).map { m.addVariable("open[\($0)]", .binary) }
    let sx = (0..<sites).map { _ in rng.next() }, sy = (0..<sites).map { _ in rng.next() }
    let demand = (0..<customers).map { _ in 10 + 40 * rng.next() }
    var objective = LinearExpression()
    var load = Array(repeating: LinearExpression(), count: sites)
    for i in 0..<customers {
        let cx = rng.next(), cy = rng.next()
        var served = LinearExpression()
        for j in 0..<sites {
            let x = m.addVariable("serve[\(i),\(j)]")
            served.add(x)
            load[j].add(x, demand[i])
            let d = ((cx - sx[j]) * (cx - sx[j]) + (cy - sy[j]) * (cy - sy[j])).squareRoot()
            objective.add(x, demand[i] * 100 * d)
            m.add("link[\(i),\(j)]", x <= open[j])
        }
        m.add("demand[\(i)]", .equal(served, 1))
    }
    for j in 0..<sites {
        m.add("cap[\(j)]", load[j] <= 120 * open[j])
        objective.add(open[j], 150 + 100 * rng.next())
    }
    m.minimize(objective)
    return m
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func runGlpsol(_ path: String, mps: String) -> (Double, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    // Same options as the Swift layer's defaults: presolve and MIR cuts.
    p.arguments = ["--freemps", mps, "--mir"]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    let clock = ContinuousClock()
    let t0 = clock.now
    do { try p.run() } catch { return (.nan, "cannot run \(path): \(error)") }
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (seconds(clock.now - t0), out)
}

var repeats = 5
var glpsol = "/usr/bin/glpsol"
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--repeat": repeats = Int(args.next() ?? "") ?? repeats
    case "--glpsol": glpsol = args.next() ?? glpsol
    default: FileHandle.standardError.write(Data("unknown argument \(a)\n".utf8)); exit(2)
    }
}

let dir = FileManager.default.temporaryDirectory.appendingPathComponent("solver-bench-\(getpid())")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: dir) }

print("| model | size | build (s) | solve via Swift (s) | Swift total (s) | glpsol on MPS (s) | overhead | objective |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
let solver = GLPKSolver()
let haveGlpsol = FileManager.default.isExecutableFile(atPath: glpsol)
for (name, make) in [("transportation LP", transportationLP), ("facility-location MIP", facilityMIP)] {
    var builds: [Double] = [], solves: [Double] = [], totals: [Double] = [], glp: [Double] = []
    var objective = 0.0
    var size = ""
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let t0 = clock.now
        let model = make()
        let t1 = clock.now
        let result = try solver.solve(model)
        let t2 = clock.now
        guard result.termination == .optimal, let obj = result.objective else {
            print("\(name): not optimal (\(result.termination))")
            exit(1)
        }
        objective = obj
        size = "\(model.variableCount) vars (\(model.variables.filter { $0.kind != .continuous }.count) binary), \(model.constraintCount) rows, \(model.nonZeroCount) nz"
        builds.append(seconds(t1 - t0))
        solves.append(seconds(t2 - t1))
        totals.append(seconds(t2 - t0))
        if haveGlpsol {
            let mps = dir.appendingPathComponent("\(name.filter(\.isLetter)).mps").path
            try solver.write(model, as: .freeMPS, to: mps)
            let (t, out) = runGlpsol(glpsol, mps: mps)
            guard out.contains("OPTIMAL") else { print("glpsol failed:\n\(out)"); exit(1) }
            glp.append(t)
        }
    }
    let g = haveGlpsol ? median(glp) : .nan
    let overhead = haveGlpsol ? String(format: "%+.1f%%", (median(totals) / g - 1) * 100) : "n/a"
    print(String(format: "| %@ | %@ | %.3f | %.3f | %.3f | %.3f | %@ | %.4f |",
                 name, size, median(builds), median(solves), median(totals), g, overhead, objective))
}
print("\nMedians of \(repeats) runs; glpsol times include its reading of the MPS file (GLPK \(GLPKSolver.version)).")
