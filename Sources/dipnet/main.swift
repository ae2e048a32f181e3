import ArgumentParser
import CStandardStreams
import DiplomaticNetwork
import Foundation
import GLPKSolver

// Exit codes: 0 success, 1 failed expectations, solver failure or the machine's (a full
// disk), 2 invalid input (scenario, command line, an output path), 130 interrupted.
Interrupts.shared.start()   // first: SIGINT blocked before any thread could take it
/// Flushes standard output; false (said on standard error) when a write to it failed,
/// a full disk for one: what was printed is then incomplete, and the exit status says so (1).
func flushStandardOutput() -> Bool {
    let out = cstreams_stdout()
    if fflush(out) == 0, ferror(out) == 0 { return true }
    let reason = String(cString: strerror(errno))
    note("error: could not write to standard output (\(reason)): what was printed is incomplete")
    return false
}

// `--version` alone (or after a subcommand's name): the version, then what tells builds
// apart (ArgumentParser's own handler prints the first line only).
let arguments = Array(CommandLine.arguments.dropFirst())
(runArguments, runCommand) = (arguments, shellCommand(arguments))
if arguments == ["--version"] || (arguments.count == 2 && arguments[1] == "--version" && !arguments[0].hasPrefix("-")) {
    #if DEBUG
    let debugBuild = true
    #else
    let debugBuild = false
    #endif
    print(DipnetVersion.report(solver: GLPKSolver().name, debug: debugBuild))
    exit(flushStandardOutput() ? 0 : 1)
}
do {
    let repeated = RepeatedOptions.problems(in: arguments)
    if !repeated.isEmpty { throw UserError(repeated.joined(separator: "\nerror: ")) }
    var command = try Dipnet.parseAsRoot()
    try command.run()
    if !flushStandardOutput() { exit(1) }
} catch let error as ScenarioProblems {
    note(error.description)
    exit(2)
} catch let error as UserError {
    note("error: \(error.message)")
    exit(2)
} catch let error as SolverFailure {
    note("error: \(error.message)")
    // A solve that Ctrl-C cut short can surface as a failure or as "no plan" (a local CI run
    // exited 1 after a Ctrl-C 1.5 s into explain): after Ctrl-C the status is 130.
    exit(Interrupts.shared.requested ? 130 : 1)
} catch let error as ExitCode {
    exit(flushStandardOutput() ? error.rawValue : max(error.rawValue, 1))
} catch where Interrupts.shared.requested {
    note("interrupted: \(Dipnet.fullMessage(for: error))")
    exit(130)
} catch {
    let code = Dipnet.exitCode(for: error)
    let message = Dipnet.fullMessage(for: error)
    if !message.isEmpty {
        let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
        try? stream.write(contentsOf: Data((message + "\n").utf8))
    }
    // Usage errors are bad input too: exit 2 as for scenarios.
    exit(code == .success ? 0 : (code == .validationFailure ? 2 : code.rawValue))
}
