// Times one scenario through dipnet's pipeline (load, build, solve) with peak
// memory, and glpsol on the same model exported as MPS (same presolve, MIR cuts,
// time limit). Prints one Markdown row; scripts/bench-network.sh drives it.
//
//   network-bench SCENARIO [--variant V] [--time-limit S] [--build-only] [--glpsol PATH|none] [--no-linking]
@_spi(Benchmarks) import DiplomaticNetwork
import Foundation
import GLPKSolver
import LinearProgramming

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
func peakMB() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Double(u.ru_maxrss) / 1024
}

var args = Array(CommandLine.arguments.dropFirst())
guard let path = args.first else { FileHandle.standardError.write(Data("usage: network-bench SCENARIO [options]\n".utf8)); exit(2) }
var variant = "base", timeLimit = 600.0, buildOnly = false, glpsol = "/usr/bin/glpsol", linking = true
var i = 1
while i < args.count {
    switch args[i] {
    case "--variant": variant = args[i + 1]; i += 1
    case "--time-limit": timeLimit = Double(args[i + 1]) ?? timeLimit; i += 1
    case "--build-only": buildOnly = true
    case "--glpsol": glpsol = args[i + 1]; i += 1
    case "--no-linking": linking = false
    default: FileHandle.standardError.write(Data("unknown option \(args[i])\n".utf8)); exit(2)
    }
    i += 1
}

let clock = ContinuousClock()
let t0 = clock.now
let file: ScenarioFile
do { file = try ScenarioFile.load(path) } catch { print(error); exit(2) }
let scenario = try file.scenario(variant)
let t1 = clock.now
let f = NetworkFormulation(scenario, elastic: nil, linkingRows: linking)
let t2 = clock.now
let size = "\(scenario.countries.count) c + \(scenario.posts.count) p, v\(scenario.formatVersion)\(linking ? "" : ", no linking")"
let model = "\(f.model.variableCount) vars (\(f.flows.count) flows), \(f.model.constraintCount) rows"
if buildOnly {
    print(String(format: "| %@ | %@ | %.3f | %.3f | – | %.3f | %.0f | build only |", size, model, seconds(t1 - t0), seconds(t2 - t1), seconds(t2 - t0), peakMB()))
    exit(0)
}
let r = try GLPKSolver().solve(f.model, options: SolveOptions(timeLimit: timeLimit))
let t3 = clock.now
let plan = Plan(f, r)
let ours = String(format: "%.3f | %.3f | %.3f | %.3f | %.0f", seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2), seconds(t3 - t0), peakMB())
var theirs = "– | –"
if FileManager.default.isExecutableFile(atPath: glpsol) {
    let mps = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(getpid()).mps").path
    try GLPKSolver().write(f.model, as: .freeMPS, to: mps)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    p.arguments = ["-f", "%e %M", glpsol, "--freemps", mps, "--mir", "--tmlim", String(Int(timeLimit))]
    let err = Pipe()
    p.standardOutput = FileHandle.nullDevice
    p.standardError = err
    try p.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let last = text.split(separator: "\n").last.map(String.init) ?? ""
    let parts = last.split(separator: " ").compactMap { Double($0) }
    if parts.count == 2 { theirs = String(format: "%.3f | %.0f", parts[0], parts[1] / 1024) }
    unlink(mps)
}
let status = plan.status + (plan.gap.map { $0 > 0 ? String(format: " (gap %.2f%%)", $0 * 100) : "" } ?? "")
print("| \(size) | \(model) | \(ours) | \(theirs) | \(status) |")
