import Foundation
@testable import DiplomaticNetwork

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func path(_ name: String) -> String { root.appendingPathComponent(name).path }
}

/// A scratch directory with files written from strings.
struct Scratch {
    let dir: URL
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("dipnet-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
    func remove() { try? FileManager.default.removeItem(at: dir) }
}

/// Loads a scenario written inline; returns its diagnostics (empty when valid).
func diagnostics(of yaml: String, files: [String: String] = [:]) throws -> [Diagnostic] {
    let s = try Scratch()
    defer { s.remove() }
    for (name, text) in files { try s.write(name, text) }
    let path = try s.write("s.yaml", yaml)
    do {
        _ = try ScenarioFile.load(path)
        return []
    } catch {
        return error.diagnostics
    }
}

func load(_ yaml: String, files: [String: String] = [:]) throws -> ScenarioFile {
    let s = try Scratch()
    defer { s.remove() }
    for (name, text) in files { try s.write(name, text) }
    return try ScenarioFile.load(try s.write("s.yaml", yaml))
}

/// A small valid scenario to mutate in tests.
let miniYAML = """
dipnet: 1
name: Mini
currency: EUR
criteria:
  geo: {weight: 1000}
presence: {accredited: 0.5, represented: 0.25}
costs: {case_cost: 10, remote_case_cost_per_1000km: 20, unserved_case_penalty: 100}
countries:
  - {id: A, region: west, lat: 0, lon: 0, demand: 100, scores: {geo: 10}}
  - {id: B, region: west, lat: 0, lon: 8.993216059187306, demand: 50, scores: {geo: 4}}
posts:
  - {id: PA, country: A, status: existing, annual_cost: 6000, close_cost: 4000, capacity: 200, covers: [B]}
  - {id: PB, country: B, status: existing, annual_cost: 7000, capacity: 80}

"""
