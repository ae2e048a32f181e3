import Foundation
import LinearProgramming

/// Runs independent jobs on worker OS threads (each GLPK solve stays on its
/// thread), handing each result to `record` one at a time, in completion order.
public enum Workers {
    /// - Parameters:
    ///   - count: number of jobs; job `i` is `work(i)`.
    ///   - shouldStop: polled before each job; true stops scheduling (finished jobs are kept).
    public static func run<Output: Sendable>(
        count: Int, parallelism: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        work: @escaping @Sendable (Int) -> Output, record: @escaping @Sendable (Int, Output) -> Void
    ) {
        run(count: count, parallelism: parallelism, shouldStop: shouldStop, state: { () as Void },
            work: { i, _ in work(i) }, record: record)
    }

    /// The same with a state per worker thread (e.g. its last solution, for warm starts).
    public static func run<Output: Sendable, State>(
        count: Int, parallelism: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        state: @escaping @Sendable () -> State,
        work: @escaping @Sendable (Int, inout State) -> Output, record: @escaping @Sendable (Int, Output) -> Void
    ) {
        let next = Counter()
        let lock = NSLock()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(parallelism, count)) {
            group.enter()
            let thread = Thread {
                var local = state()
                while !shouldStop(), let i = next.take(below: count) {
                    let out = work(i, &local)
                    lock.lock()
                    record(i, out)
                    lock.unlock()
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }
}

/// `--shard i/n`: this process runs the jobs whose index is `i` modulo `n`.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int
    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "i/n" with 0 ≤ i < n.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    public func owns(_ job: Int) -> Bool { job % count == index }
    public var description: String { "\(index)/\(count)" }
}

/// Appends JSON lines to a file, one whole line per write, so that a killed
/// run leaves every finished record intact (and at worst drops a partial
/// last line, which readers skip).
public final class JSONLinesWriter: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()
    public let path: String

    public init(path: String, truncate: Bool) throws {
        self.path = path
        if truncate || !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ParameterError("cannot create \(path)")
            }
        }
        guard let h = FileHandle(forWritingAtPath: path) else { throw ParameterError("cannot write \(path)") }
        handle = h
        handle.seekToEndOfFile()
    }

    deinit { try? handle.close() }

    public func write<T: Encodable>(_ value: T) throws {
        var data = try JSONLines.encoder.encode(value)
        data.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        handle.write(data)
    }
}

public enum JSONLines {
    /// Sorted keys and shortest numbers: the same records give the same bytes.
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    /// Reads the complete lines of a JSON-lines file: the first decoded as a
    /// header, the rest as records. A partial or unreadable line (an
    /// interrupted write) is skipped and counted.
    public static func read<H: Decodable, R: Decodable>(_ path: String, header: H.Type, record: R.Type) throws -> (H, [R], skipped: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ParameterError("cannot read \(path)") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard let first = lines.first, let h = try? decoder.decode(H.self, from: Data(first)) else {
            throw ParameterError("\(path) does not start with a dipnet run header")
        }
        lines.removeFirst()
        var out: [R] = []
        var skipped = 0
        for line in lines {
            if let r = try? decoder.decode(R.self, from: Data(line)) { out.append(r) } else { skipped += 1 }
        }
        return (h, out, skipped)
    }
}

/// Shows progress on standard error when it is a terminal.
public final class Progress: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private let label: String
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    public init(total: Int, label: String, enabled: Bool) {
        self.total = total
        self.label = label
        self.enabled = enabled && isatty(2) == 1
    }

    public func tick() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        guard enabled, done == total || Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "\r[%@] %d/%d %@, %.1f/s, %.0f s left ", bar, done, total, label, rate, eta)
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Stops runs cleanly on SIGINT: the solves under way stop at their next
/// branch-and-bound step and return their best plan as `interrupted`, no new
/// solve starts, finished records stay; a second Ctrl-C quits at once.
public final class Interruption: @unchecked Sendable {
    public static let shared = Interruption()
    /// Cancels every solve that was given it (`SolveOptions.cancellation`).
    public let cancellation = SolveCancellation()
    private let lock = NSLock()
    private var source: DispatchSourceSignal?

    /// True once Ctrl-C was pressed.
    public var requested: Bool { cancellation.isCancelled }

    /// Installs the handler (once).
    public func install() {
        lock.lock()
        defer { lock.unlock() }
        guard source == nil else { return }
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler { [weak self] in
            guard let self else { return }
            if self.cancellation.isCancelled { exit(130) }
            FileHandle.standardError.write(Data("\ninterrupted: stopping the solves under way and keeping their best plans so far (Ctrl-C again to quit at once)\n".utf8))
            self.cancellation.cancel()
        }
        s.resume()
        source = s
    }
}

/// FNV-1a, 64 bits: identifies a scenario's content in run headers and reports.
public struct ContentHash: Sendable {
    private var value: UInt64 = 0xcbf29ce484222325
    public init() {}
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x100000001b3
        }
    }
    public var hex: String { String(value, radix: 16).leftPadded(to: 16) }
}

extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
