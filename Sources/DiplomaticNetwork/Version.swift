/// The version of dipnet, and the names of the formats of what it writes.
public enum DipnetVersion {
    /// dipnet's version, in every JSON output and records file.
    public static let string = "0.5.0"
}

/// What a JSON output or records file holds, named `dipnet/<kind>-<version>`;
/// its JSON Schema is `docs/schema/<kind>.schema.json`.
public enum OutputFormatName {
    public static func of(_ kind: String, version: Int = 1) -> String { "dipnet/\(kind)-\(version)" }
}
