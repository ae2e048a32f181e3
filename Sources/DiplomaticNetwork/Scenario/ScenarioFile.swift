import Foundation
import Synchronization

/// A scenario file as loaded: its document (CSV tables inlined), variants,
/// comparisons and expectations, every variant decoded and validated.
///
/// Loading reports every problem of the file and of its CSV tables at once,
/// before anything is solved.
public struct ScenarioFile: Sendable {
    public let path: String
    public let document: DocNode
    /// Declared variants in file order (without `base` and `status-quo`).
    public let declaredVariants: [VariantSpec]
    public let comparisons: [ComparisonSpec]
    public let expectations: [ExpectationSet]
    /// SHA-256 of what was read (see `ContentHash`: checkable with `sha256sum`).
    public var contentHash: String { content.hex }
    /// The files read and their digests.
    public let content: ContentHash
    /// The files this one was read from: itself and every CSV table it reads (paths
    /// as the file gives them, joined to its folder). Exports refuse to overwrite them.
    public var inputFiles: [String] { content.paths(readFor: path) }
    /// The `uncertainty:` section, when the file has one.
    public let uncertainty: UncertaintySpec?
    /// What is legal but almost surely unintended (e.g. `30.000` as an amount).
    public let warnings: [Diagnostic]
    /// Changes given on the command line (`PATH=VALUE`, as written), applied
    /// after every variant's own changes (see `load(_:set:)`).
    public let changes: [String]
    private let decoded: [String: Scenario]
    /// Variants the command line's changes do not fit (a path another variant
    /// reshaped), when the run named the variants it uses and this is not one:
    /// their first problem, raised only if one is asked for after all.
    private var unfit: [String: Diagnostic] = [:]
    /// Each declared variant whose `extends` chain resolves: its own step, the
    /// variant it extends and whether the chain starts from the status quo (the
    /// steps are walked when asked for: a chain of n variants keeps n links, not n²/2 steps).
    private let chains: [String: Link]
    /// The command-line changes as a final step of every variant.
    private let changeStep: VariantSpec?

    struct Chain: Sendable {
        var steps: [VariantSpec]
        var fromStatusQuo: Bool
        /// The mode the chain plans in: the last a step sets, else evaluate for a chain
        /// from `status-quo`, optimize otherwise.
        var mode: Scenario.Mode { steps.compactMap(\.mode).last ?? (fromStatusQuo ? .evaluate : .optimize) }
    }

    /// One declared variant of a resolved chain.
    struct Link: Sendable {
        var spec: VariantSpec
        /// The declared variant it extends (nil for `base` and `status-quo`).
        var parent: String?
        var fromStatusQuo: Bool
    }

    public static let builtInVariants = ["base", "status-quo"]
    /// Largest file read, in bytes.
    public static let maxFileBytes = 64 << 20

    /// Every variant name: `base`, `status-quo`, then the declared ones.
    public var variantNames: [String] { Self.builtInVariants + declaredVariants.map(\.name) }

    public var base: Scenario { decoded["base"]! }

    /// The scenario with one variant applied, or with several: `a+b` applies
    /// `a`'s changes, then `b`'s (steps of `b`'s parents that `a` already
    /// applied are not repeated); the mode is the last one a step states, else
    /// evaluate when either chain starts from `status-quo`.
    ///
    /// - Throws: `ScenarioError` naming the unknown variant (with the closest
    ///   name), or the problems of a combination's document.
    public func scenario(_ variant: String) throws(ScenarioError) -> Scenario {
        // (The base is decoded without the command line's changes when they do not fit it
        // but fit the variants the run names: refused here, as a variant they do not fit is.)
        if let d = unfit[variant] { throw ScenarioError([d]) }
        if let s = decoded[variant] { return s }
        if variant.contains("+") { return try scenario(variant, set: []) }
        throw unknownVariant(variant)
    }

    /// The scenarios of `names` (variants or `a+b` combinations), in order: for a
    /// command that solves many combinations (`attribute`), so that it reports every
    /// one the file refuses at once, after its own checks of what it was asked.
    ///
    /// - Throws: `ScenarioError` with the problems of every name refused, a problem
    ///   found in several combinations once, naming them all.
    public func scenarios(_ names: [String]) throws(ScenarioError) -> [Scenario] {
        var out: [Scenario] = []
        var problems: [Diagnostic] = []
        var seen = Set<Diagnostic>()
        for name in names {
            do { out.append(try scenario(name)) } catch {
                for d in error.diagnostics where seen.insert(d).inserted { problems.append(d) }
            }
        }
        guard problems.isEmpty else { throw ScenarioError(DiagnosticBag.mergingVariants(problems).sorted()) }
        return out
    }

    func unknownVariant(_ variant: String) -> ScenarioError {
        ScenarioError([Diagnostic(SourceLocation(file: path, line: 1, column: 1), path: "variants",
                                  "no variant \"\(variant)\"\(didYouMean(variant, variantNames)), as asked; the file's variants are: \(variantNames.joined(separator: ", "))")])
    }

    /// Why a `+` combination may not name a variant twice.
    static func namedTwice(_ combination: String, _ part: String) -> String {
        "\"\(combination)\" names \"\(part)\" more than once; a combination applies each variant's changes once, in order (write a variant that extends \(part) to apply a change again)"
    }

    /// The steps of a variant or a `+` combination, in the order they apply.
    func chain(of variant: String) throws(ScenarioError) -> Chain {
        let parts = variant.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        var given = Set<String>()
        for part in parts {
            guard given.insert(part).inserted else {
                throw ScenarioError([Diagnostic(SourceLocation(file: path, line: 1, column: 1), path: "variants",
                                                Self.namedTwice(variant, part))])
            }
            guard Self.builtInVariants.contains(part) || chains[part] != nil else { throw unknownVariant(part) }
        }
        return Self.chain(of: parts, chains: chains)
    }

    /// The steps of `parts` (each a built-in or a resolved variant, none twice), applied
    /// in order: each part's chain from its root, without a step an earlier part applied.
    /// Warnings for combinations `a+b` among `names` whose parts plan in different modes:
    /// the combination takes the last mode a part sets (a part from `status-quo` makes it
    /// evaluate), so `close-havana+open-panama-hub` evaluates today's network with Havana
    /// closed and the hub open instead of re-optimising around them, as `close-havana`
    /// alone does (an analyst read its −6.0 M for the −0.79 M of the intended plan).
    public func compositionWarnings(_ names: [String]) -> [Diagnostic] {
        func mode(_ parts: [String]) -> Scenario.Mode? { (try? chain(of: parts.joined(separator: "+")))?.mode }
        func word(_ m: Scenario.Mode) -> String { m == .evaluate ? "evaluate" : "optimize" }
        var out: [Diagnostic] = [], seen = Set<String>()
        for name in names where name.contains("+") && seen.insert(name).inserted {
            let parts = name.split(separator: "+").map(String.init)
            guard let whole = mode(parts) else { continue }
            // a part that forces a post is a plan of its own; one that only changes numbers
            // (an argument's line) takes the combination's mode as meant (status-quo+arg-…)
            func forces(_ part: String) -> Bool {
                ((try? chain(of: part).steps) ?? []).contains { $0.set.contains { $0.path.hasPrefix("posts.") && $0.path.hasSuffix(".force") } }
            }
            let others = parts.filter { p in forces(p) && (mode([p]).map { $0 != whole } ?? false) }
            guard !others.isEmpty else { continue }
            let setting = parts.filter { mode([$0]) == whole }
            let what = whole == .evaluate
                ? "every post a part does not force stays as it is today, where \(others.joined(separator: " and ")) alone re-optimises the network"
                : "the network is re-optimised around the forced posts, where \(others.joined(separator: " and ")) alone evaluates it as it stands"
            out.append(Diagnostic(SourceLocation(file: "command line", line: 1, column: 1), path: name,
                                  "\(name) plans in \(word(whole)) mode, which \(setting.joined(separator: " and ")) brings: \(what); "
                                  + "to force one more post in \(others[0]) and still \(whole == .evaluate ? "re-optimise the rest" : "evaluate the network as it stands"), "
                                  + "declare a variant that extends it",
                                  severity: .warning))
        }
        return out
    }

    /// Warnings, one at each command-line change, where it replaces what a variant the run
    /// uses (`names`, `a+b` allowed) sets or scales itself, its own or through `extends`:
    /// a `--set` applies after every variant's own changes, the baseline's too. So
    /// `--set posts.HAV.force=closed` makes `keep-havana` close Havana, and
    /// `--set posts.MPM.force=closed` on `keep-maputo` against `close-maputo` compares two
    /// networks that both close Maputo: with two variants or more, a change any of them
    /// makes on the input is named, even where the --set repeats its value, since the
    /// difference between them on that input is gone; with one, only a change the --set
    /// replaces by another value (or a scale it undoes). Paths meet as `ChangeTarget.meets`
    /// says (equal, one inside the other, or through a `*`); empty without `--set`.
    public func overriddenChanges(_ names: [String]) -> [Diagnostic] {
        guard let changeStep else { return [] }
        func same(_ a: String?, _ b: String?) -> Bool {
            func norm(_ x: String?) -> String { let t = (x ?? "").trimmingCharacters(in: .whitespaces); return ["~", "null", "Null", "NULL"].contains(t) ? "" : t }
            return a != nil && b != nil && norm(a) == norm(b)
        }
        var used: [String] = []
        for n in names where !used.contains(n) { used.append(n) }
        var out: [Diagnostic] = []
        for change in changeStep.set {
            let target = ChangeTarget(change.path)
            var replaced: [String] = [], differs = false, scaled = false
            var values: [String?] = []   // each variant's own value, to tell whether they differed
            for name in used {
                guard let steps = try? chain(of: name).steps else { continue }
                if let own = steps.lazy.flatMap(\.set).last(where: { ChangeTarget($0.path).meets(target) }) {
                    // A mapping the --set names one entry of keeps its other entries.
                    let inside = own.value.scalar == nil && change.path.hasPrefix(own.path + ".")
                    replaced.append("\(name)'s \(own.path): \(own.value.scalar?.text ?? (inside ? "(a mapping, of which the --set writes one entry)" : "(a mapping)"))")
                    if !same(own.value.scalar?.text, change.value.scalar?.text) { differs = true }
                    values.append(own.value.scalar?.text)
                }
                if let own = steps.lazy.flatMap(\.scale).last(where: { ChangeTarget($0.path).meets(target) }) {
                    replaced.append("\(name)'s scale \(own.path): \(Fmt.plain(own.factor))")
                    scaled = true
                }
            }
            guard !replaced.isEmpty else { continue }
            let several = used.count > 1
            // one variant whose own value the --set repeats: nothing changes
            if !several, !differs, !scaled { continue }
            // every variant the run uses sets the same value: nothing changes either
            if several, !differs, !scaled, replaced.count == used.count { continue }
            let value = change.value.scalar?.text ?? "(a mapping)"
            // Every variant set the same value itself: they did not differ on the input before.
            let alike = !scaled && replaced.count == used.count && values.allSatisfy { same($0, values.first ?? nil) }
            let why = several
                ? "a --set applies to every variant the run uses, the baseline too, after each one's own changes, "
                  + (alike ? "so each takes \(value) where all set the same value" : "so they no longer differ on this input")
                : "a --set applies after the variant's own changes"
            out.append(Diagnostic(change.location, path: change.path,
                                  "--set \(change.path)=\(value) replaces what \(several ? "the variants set themselves" : "the variant sets itself") "
                                  + "(\(replaced.joined(separator: "; "))): \(why)",
                                  severity: .warning))
        }
        return out
    }

    /// Warnings, one per input, where an analysis that sets `paths` itself (a sweep's axes,
    /// a tipping search's parameter) replaces what `variant` (`a+b` allowed) sets or scales,
    /// its own or through `extends`, or what a `--set` writes: the analysis applies its
    /// values after every change, so the value the variant sets is solved only where a point
    /// holds it, and a variant's scale does not apply to the values tried. Paths meet as
    /// `ParameterPath.overlaps` says (either way round; `ChangeTarget.meets` for a
    /// variant's path that names no number, such as a whole table); of a path set twice
    /// along `extends`, the last value is named (the one in force). `analysis` names the
    /// analysis in the message ("the sweep"), `each` what it solves ("at every point");
    /// `includingSet: false` leaves the `--set` changes out (a sweep refuses those).
    /// Empty for an unknown variant or a path that names nothing (the analysis reports those).
    public func replacedByAnalysis(_ variant: String, paths: [String], analysis: String, each: String,
                                   includingSet: Bool = true) -> [Diagnostic] {
        guard let steps = try? chain(of: variant).steps, let s = try? scenario(variant) else { return [] }
        var out: [Diagnostic] = []
        // Every input the analysis sets (a sweep's axes together), after every other change.
        let analysed = paths.compactMap { try? ParameterPath($0, in: s) }
        for text in paths {
            guard let path = try? ParameterPath(text, in: s) else { continue }
            func meets(_ own: String) -> Bool {
                if ChangeTarget(own).meets(ChangeTarget(text)) { return true }
                guard let other = try? ParameterPath(own, in: s) else { return false }
                return path.overlaps(other, in: s) || other.overlaps(path, in: s)
            }
            // A change this path replaces only in part (a wildcard of which it is one item, a
            // total it splits by the shares that change made): the rest of what it writes holds,
            // unless changes applied after it overwrite that rest (`posts.*.annual_cost` then a
            // --set of the one other post: nothing of it holds; `ParameterPath.replace`).
            // A mapping (`countries.A.demand={documents: 50}`) writes several numbers or a split
            // that one number set afterwards keeps.
            // `later`: the paths of the plain numbers set after the change, in order.
            func inPart(_ own: String, mapping: Bool = false, later: [String]) -> Bool {
                if mapping { return true }
                guard let other = try? ParameterPath(own, in: s) else { return false }
                // in the order applied: the later changes, then the analysis's values (a total it
                // sets after them keeps the split they made; a hostile pass)
                let writers = later.compactMap { try? ParameterPath($0, in: s) } + analysed
                return !ParameterPath.replace(other, by: writers, in: s)
            }
            // Every plain number set along the chain and then by --set, in the order applied.
            let sets = steps.flatMap { $0.set } + (includingSet ? changeStep?.set ?? [] : [])
            func after(_ k: Int) -> [String] { sets[(k + 1)...].filter { $0.value.scalar != nil }.map(\.path) }
            var partly: [String] = []
            var replaced: [String] = [], scaled = false, byVariant = false, bySet = false
            // Set values by path, the last along the chain in force; scales all apply.
            var setBy: [String: String] = [:], order: [String] = [], lastAt: [String: Int] = [:]
            var k = 0
            for step in steps {
                for own in step.set {
                    defer { k += 1 }
                    guard meets(own.path) else { continue }
                    if setBy[own.path] == nil { order.append(own.path) }
                    setBy[own.path] = "\(step.name)'s \(own.path): \(own.value.scalar?.text ?? "(a mapping)")"
                    lastAt[own.path] = k
                }
            }
            let variantSets = k
            replaced = order.compactMap { setBy[$0] }
            partly = order.filter { p in
                let at = lastAt[p]!
                return inPart(p, mapping: sets[at].value.scalar == nil, later: after(at))
            }.compactMap { setBy[$0] }
            for (n, step) in steps.enumerated() {
                for own in step.scale where meets(own.path) {
                    let written = "\(step.name)'s scale \(own.path): \(Fmt.plain(own.factor))"
                    replaced.append(written)
                    // A scale of a total or a wildcard keeps its factor on what the path does
                    // not set, unless the sets of later steps and --set overwrite it.
                    let laterSets = steps[(n + 1)...].flatMap { $0.set } + (includingSet ? changeStep?.set ?? [] : [])
                    if inPart(own.path, later: laterSets.filter { $0.value.scalar != nil }.map(\.path)) { partly.append(written) }
                    scaled = true
                }
            }
            byVariant = !replaced.isEmpty
            for (j, own) in (includingSet ? changeStep?.set ?? [] : []).enumerated() where meets(own.path) {
                let written = "--set \(own.path)=\(own.value.scalar?.text ?? "(a mapping)")"
                replaced.append(written)
                if inPart(own.path, mapping: own.value.scalar == nil, later: after(variantSets + j)) { partly.append(written) }
                bySet = true
            }
            guard byVariant || bySet else { continue }
            let what = byVariant && bySet ? "what \(variant) and --set write" : byVariant ? "what \(variant) sets" : "what --set writes"
            out.append(Self.replacedWarning(path: text, analysis: analysis, each: each, what: what, replaced: replaced, scaled: scaled, partly: partly))
        }
        return out
    }

    /// The warning of `replacedByAnalysis` (and of a coalition's tipping search): `analysis`
    /// sets the input at `path` `each` time, replacing `what` (`replaced`: each change it
    /// replaces as written; `scaled`: one is a scale).
    /// `partly`: the changes of `replaced` it replaces only in part (a wildcard of which the
    /// input is one item, a total it splits by the shares the change made), whose other
    /// numbers still hold.
    public static func replacedWarning(path: String, analysis: String, each: String, what: String, replaced: [String], scaled: Bool = false,
                                       partly: [String] = []) -> Diagnostic {
        let rest = partly.isEmpty ? "" : "; \(partly.joined(separator: "; ")) \(partly.count == 1 ? "is" : "are") replaced only in part: what "
            + "\(partly.count == 1 ? "it writes" : "they write") beyond this input (the other items of a wildcard, the other services, "
            + "the split of a total between services) still holds \(each)"
        return Diagnostic(SourceLocation(file: "command line", line: 1, column: 1), path: path,
                   "\(analysis) sets this input \(each), after every other change, replacing \(what) "
                   + "(\(replaced.joined(separator: "; "))): that value is solved only where \(analysis) tries it"
                   + (scaled ? ", and the values tried are taken as written, not scaled" : "") + rest,
                   severity: .warning)
    }

    static func chain(of parts: [String], chains: [String: Link]) -> Chain {
        var steps: [VariantSpec] = []
        var fromStatusQuo = false
        for part in parts {
            if part == "status-quo" { fromStatusQuo = true }
            guard let c = chains[part] else { continue }
            fromStatusQuo = fromStatusQuo || c.fromStatusQuo
            var own: [VariantSpec] = []
            var link: Link? = c
            while let l = link { own.append(l.spec); link = l.parent.flatMap { chains[$0] } }
            let taken = Set(steps.map(\.name))
            for step in own.reversed() where !taken.contains(step.name) { steps.append(step) }
        }
        return Chain(steps: steps, fromStatusQuo: fromStatusQuo)
    }

    public func comparison(_ name: String) -> ComparisonSpec? { comparisons.first { $0.name == name } }

    /// Reads, inlines CSV tables and validates the file and all its variants.
    ///
    /// - Parameter changes: `PATH=VALUE` changes from the command line (any
    ///   path a variant may `set`; the value is read as YAML, so `null`,
    ///   `[a, b]` and numbers work), applied after each variant's own changes,
    ///   to `base` and `status-quo` too; they are reported with every result.
    /// - Parameter requested: variant names (or `a+b` combinations) the caller
    ///   will ask for; an unknown one is reported with the file's other problems
    ///   (a bad `--set` no longer hides a mistyped `--variant`).
    /// - Parameter comparison: a comparison the caller will ask for, checked the same way.
    /// - Throws: `ScenarioError` with every problem of the file, its CSV tables
    ///   and the changes (located at `--set N`, the N-th change).
    public static func load(_ path: String, set changes: [String] = [], variants requested: [String] = [],
                            comparison: String? = nil) throws(ScenarioError) -> ScenarioFile {
        let bag = DiagnosticBag()
        let reading = Reading(bag: bag)
        let givenChanges = readChanges(changes, bag: bag)
        guard let text = readText(path, at: nil, bag: bag),
              var root = YAMLReader.read(text, file: path, diagnostics: bag) else {
            throw bag.failure
        }
        // Without its version line the file's keys cannot be read right (a version 2
        // file read as version 1 gave hundreds of errors hiding this one): this alone.
        if let top = root.mapping, top["dipnet"] == nil {
            let near = top.entries.first { suggestion(for: $0.key, among: ["dipnet"]) != nil }
            bag.error(near?.keyLocation ?? top.location, "dipnet",
                      near.map { "missing key \"dipnet\" (the format version, 1 or 2): \"\($0.key)\" looks like a misspelling of it" }
                        ?? "missing key \"dipnet\": a scenario file starts with `dipnet: 1` or `dipnet: 2`, its format version; "
                        + "the rest of the file is read only once it is there")
            throw bag.failure
        }
        let dir = (path as NSString).deletingLastPathComponent
        var hash = ContentHash()
        hash.add(file: (path as NSString).lastPathComponent, bytes: Data(text.utf8))
        CSVTables.inline(&root, directory: dir, reading: reading, hash: &hash)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension

        let variants = readVariants(root, reading: reading)
        let known = builtInVariants + variants.map(\.name)
        // A name asked for on the command line is located at the file's list of
        // variants (or comparisons), where the names it could have meant stand.
        let topLevel = root.mapping
        let variantsAt = topLevel?.entry("variants")?.keyLocation ?? SourceLocation(file: path, line: 1, column: 1)
        let comparisonNames = topLevel?["comparisons"]?.mapping?.entries.map(\.key) ?? []
        for name in requested {
            let parts = name.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            // Each variant's changes apply once (shared parents too), so a name given
            // twice would silently count once: say so instead.
            var given = Set<String>(), repeated = Set<String>()
            for part in parts where known.contains(part) && !given.insert(part).inserted && repeated.insert(part).inserted {
                bag.error(variantsAt, "variants",
                          Self.namedTwice(name, part))
            }
            for part in parts where !known.contains(part) {
                let hint = comparisonNames.contains(part) ? " (\(part) is a comparison: dipnet compare \(path) \(part))" : ""
                bag.error(variantsAt, "variants",
                          "no variant \"\(part)\"\(hint.isEmpty ? didYouMean(part, known) : hint), as the command line asks; the file's variants are: \(known.joined(separator: ", "))")
            }
        }
        let decoder = ScenarioDecoder(reading: reading, defaultName: name)
        var decoded: [String: Scenario] = [:]
        // When the base is invalid, variants are still checked (paths, cycles) and
        // decoded for their own problems; the base's, which they repeat, are dropped.
        var baseDoc = root
        var changeStep = givenChanges
        // Set when the changes do not fit the base but the run names only variants that
        // may reshape what they name (`--set rules.min_coverage.visas=0.4` where the base has
        // one plain share and the variant asked for a mapping by service): the base and
        // `status-quo` are then refused with this problem if asked for, not the run.
        var baseUnfit: Diagnostic? = nil
        // The variants the run uses: those named, or a named comparison's baseline and
        // variants as the file declares them (its baseline defaults to status-quo).
        var runVariants = requested
        if let comparison, let c = root.mapping?["comparisons"]?.mapping?[comparison]?.mapping {
            runVariants += [c["baseline"]?.scalar?.text ?? "status-quo"] + (c["variants"]?.sequence?.items.compactMap { $0.scalar?.text } ?? [])
        }
        if let step = changeStep {
            // A change that fails on the base is reported once, not once per variant.
            let before = bag.items.count, reports = bag.errorReports
            var deferred: [PathEditor.Deferred] = []
            PathEditor(reading: reading).apply(step, to: &baseDoc, deferred: &deferred)
            PathEditor(reading: reading).finish(deferred, on: &baseDoc)
            if bag.items.count > before {
                let parts = runVariants.flatMap { $0.split(separator: "+", omittingEmptySubsequences: false).map(String.init) }
                if !runVariants.isEmpty, !parts.contains(where: builtInVariants.contains),
                   bag.items[before...].allSatisfy({ $0.severity == .error }) {
                    // Each variant of the run is read with the changes below and reports
                    // what does not fit it; the base keeps the changes that fit it (a
                    // `--set currency=USD` beside it still names the run's money).
                    baseUnfit = bag.retract(since: before, reports: reports).first
                } else {
                    changeStep = nil
                }
            }
        }
        // The base is decoded (and validated) with every command-line change that
        // applied, so that a value a change puts in is checked even when another
        // change names nothing: all problems of the command line come together.
        let beforeBase = bag.items.count
        let (readBase, baseValid) = decoder.decodeAll(baseDoc, variant: "base", mode: .optimize)
        // The file's base without the command line's changes: its problems are the file's,
        // which a variant read without the changes finds again. Decoded when first needed
        // (a load per sweep value or margins probe need not).
        var plainBase: Set<Diagnostic.Problem>? = nil
        func plainBaseProblems() -> Set<Diagnostic.Problem> {
            if let known = plainBase { return known }
            let plainBag = DiagnosticBag()
            _ = ScenarioDecoder(reading: Reading(bag: plainBag), defaultName: name).decodeAll(root, variant: "base", mode: .optimize)
            plainBase = Set(plainBag.items.map(Diagnostic.Problem.init)).union(plainBag.collapsedCells)
            return plainBase!
        }
        if !baseValid, changeStep != nil, !changes.isEmpty {
            // A problem the command line's changes made (`--set countries.CUB.lat=null`) is
            // located in the file, where the key stands; it says which change made it (it
            // pointed at a line of the file that is valid, without a word of --set).
            // Over a base with problems of its own, those stay the file's; the others are the changes'.
            bag.relabel(since: beforeBase, as: "with " + changes.map { "--set \($0)" }.joined(separator: " "), except: plainBaseProblems())
        }
        let base = baseValid ? readBase : nil
        if let base {
            decoded["base"] = base
            var statusQuo = base
            statusQuo.mode = .evaluate
            statusQuo.variant = "status-quo"
            decoded["status-quo"] = statusQuo
        }

        let editor = PathEditor(reading: reading)
        // The variants a run names are checked with the command line's changes; the
        // others only for their own problems (a change may not fit a variant that
        // reshapes what it names, and that variant is not used).
        // A combination's parts are not run alone: the combination is checked with the
        // changes (below), not each part (`a+b --set` refused the combination because `a`
        // alone did not fit the change).
        let strict: Set<String>? = runVariants.isEmpty || changeStep == nil
            ? nil : Set(runVariants.filter { !$0.contains("+") })
        var unfit: [String: Diagnostic] = [:]
        let byName = Dictionary(variants.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var chains: [String: Link] = [:]
        // Each variant's chain applied to the file, kept by name: a variant's document is
        // its parent's with its own step applied (an `extends` chain of n variants costs
        // n steps, not n²/2). The problems a step found are kept with it and reported
        // again for every variant that extends it, as applying the chain anew did.
        struct Applied {
            var doc: DocNode
            var deferred: [PathEditor.Deferred]
            var mode: Scenario.Mode?
            var problems: [(location: SourceLocation, path: String, message: String)]
            /// The chain starts from `status-quo` (evaluate mode).
            var fromStatusQuo: Bool
        }
        var applied: [String: Applied] = [:]
        /// Each variant's problems as decoded and as placed (`locateAtChanges`), which its
        /// children reuse for the problems they inherit.
        var located: [String: [ProblemKey: Placed]] = [:]
        /// Over an invalid base, the variants that add no problem of their own: a
        /// combination of them is read for the problems only the parts together make.
        var cleanOverInvalidBase = Set<String>()
        /// The document after `chain` (the variant first, then what it extends),
        /// its problems reported under the current variant's label.
        func apply(_ chain: [VariantSpec], fromStatusQuo: Bool) -> Applied {
            var start = chain.count
            var state = Applied(doc: root, deferred: [], mode: nil, problems: [], fromStatusQuo: fromStatusQuo)
            if let i = chain.firstIndex(where: { applied[$0.name] != nil }), let known = applied[chain[i].name] {
                start = i
                state = known
                for p in known.problems { bag.error(p.location, p.path, p.message) }
            }
            for step in chain[..<start].reversed() {
                let mark = bag.items.count
                editor.apply(step, to: &state.doc, deferred: &state.deferred)
                if let m = step.mode { state.mode = m }
                state.problems += bag.items[mark...].map { ($0.location, $0.path, $0.message) }
                applied[step.name] = state
            }
            return state
        }
        // Parents before their children, whatever the file's order: a child then finds its
        // parent applied and placed, and inherits both (declared child first, a chain of
        // 2,000 reported a root's problem once per variant). Reports are sorted by place,
        // so the order they are found in does not show.
        var order: [VariantSpec] = []
        order.reserveCapacity(variants.count)
        do {
            var firstIndex: [String: Int] = [:]
            for (i, v) in variants.enumerated() where firstIndex[v.name] == nil { firstIndex[v.name] = i }
            var visited = Set<Int>()
            for i in variants.indices where !visited.contains(i) {
                var path = [i]
                visited.insert(i)
                var cursor = i
                while let p = variants[cursor].extends, let j = firstIndex[p], !visited.contains(j) {
                    visited.insert(j)
                    path.append(j)
                    cursor = j
                }
                order += path.reversed().map { variants[$0] }
            }
        }
        // The problems of the base and the command line: a variant that finds one again
        // only repeats it.
        let variantsStart = bag.items.count
        for v in order {
            // Chain of extends, outermost last; a cycle is reported once.
            var chain: [VariantSpec] = [v]
            var seen: Set<String> = [v.name]
            var cursor = v
            var mode: Scenario.Mode = .optimize
            var broken = false
            while let parent = cursor.extends {
                if parent == "base" { break }
                if parent == "status-quo" { mode = .evaluate; break }
                guard let p = byName[parent] else {
                    bag.error(cursor.extendsLocation ?? cursor.location, "variants.\(cursor.name).extends",
                              "no variant \"\(parent)\"\(didYouMean(parent, Array(byName.keys) + builtInVariants))")
                    broken = true
                    break
                }
                if seen.contains(parent) {
                    bag.error(v.extendsLocation ?? v.location, "variants.\(v.name).extends",
                              "extends forms a cycle: \((chain.map(\.name) + [parent]).joined(separator: " → "))")
                    broken = true
                    break
                }
                seen.insert(parent)
                chain.append(p)
                cursor = p
                // A variant whose document is kept ends the walk (its chain was resolved, so
                // has no cycle): declared child first, a chain of n costs n steps, not n²/2.
                if let known = applied[parent] {
                    if known.fromStatusQuo { mode = .evaluate }
                    break
                }
            }
            if broken { continue }
            chains[v.name] = Link(spec: v, parent: v.extends.flatMap { ScenarioFile.builtInVariants.contains($0) ? nil : $0 },
                                  fromStatusQuo: mode == .evaluate)
            let before = bag.items.count, reports = bag.errorReports
            bag.variant = v.name
            let startMode = mode
            /// Applies the chain (and the changes), then decodes; nil when it failed.
            func read(withChanges: Bool) -> Scenario? {
                let state = apply(chain, fromStatusQuo: startMode == .evaluate)
                var doc = state.doc
                mode = state.mode ?? startMode
                var deferred = state.deferred
                if withChanges, let changeStep {
                    editor.apply(changeStep, to: &doc, deferred: &deferred)
                    if let m = changeStep.mode { mode = m }
                }
                let derived = editor.finish(deferred, on: &doc)
                // Decoded even when a change of the chain failed (an inherited bad path), and
                // over an invalid base, so that the variant's own problems come with those
                // (which it would only repeat: those are dropped).
                let afterChanges = bag.items.count
                let s = decoder.decode(doc, variant: v.name, mode: mode)
                let steps = (withChanges ? (changeStep.map { [$0] } ?? []) : []) + chain
                // The walk stops at a parent already applied, so `steps` holds the variant's own
                // changes and its parent's: a problem it inherits is placed where the parent
                // placed it (a root's null read "after the changes at lines 1016, 1017" in each of
                // 2,000 descendants, one message each, instead of once at the root's change).
                // Kept from either read: a variant outside the run is read again without the
                // command line's changes, and its children inherit that placement (with any
                // `--set`, a root's problem was placed at its change for the first two
                // variants of a chain and at the item, as if the file were wrong, for the rest).
                let inherited = chains[v.name]?.parent.flatMap { located[$0] } ?? [:]
                func locate(since mark: Int) {
                    located[v.name] = Self.locateAtChanges(since: mark, of: steps, in: root, bag: bag, inherited: inherited)
                }
                if afterChanges != before {
                    bag.dropRepeatedErrors(since: afterChanges, repeating: [0..<variantsStart, before..<afterChanges])
                    locate(since: afterChanges)
                    return nil
                }
                if base == nil {
                    bag.dropRepeatedErrors(since: before, repeating: [0..<variantsStart])
                    if bag.items.count == before { cleanOverInvalidBase.insert(v.name) }
                    locate(since: before)
                    return nil
                }
                locate(since: before)
                guard var s, bag.items.count == before else { return nil }
                s.variant = v.name
                s.derivedDefaults = derived
                return s
            }
            if let s = read(withChanges: true) {
                decoded[v.name] = s
            } else if let strict, !strict.contains(v.name), base != nil, bag.items.count > before {
                // Not a variant of this run: the changes' problems with it are kept back,
                // its own are reported.
                let problems = bag.retract(since: before, reports: reports)
                let mark = bag.items.count
                if read(withChanges: false) != nil, let first = problems.first { unfit[v.name] = first }
                // Read without the changes, it finds again what the file's base has and the
                // changes mend (`--set costs.case_cost=5` over a base at -1): not its own.
                if changeStep != nil, bag.items.count > mark {
                    let plain = plainBaseProblems()
                    bag.drop(since: mark) { plain.contains(Diagnostic.Problem($0)) }
                }
            }
            bag.variant = nil
        }
        // A combination the command line asks for (`a+b`) is read here, with the file, when
        // each of its variants is valid: a problem that only the two together make is then
        // reported under the combination's name, at the change that made it, and every
        // combination's problems come together (it had been read at solve time: the first
        // broken combination stopped the run, unnamed and at the item, not the change).
        // Over an invalid base too, when its parts add nothing of their own: the base's
        // problems, which the combination repeats, are dropped, and what is left is the
        // combination's (it went unreported until the base was mended).
        // The combinations the file's own `expect` block names (`close-havana+x: {beats:
        // [keep-havana+x]}`) are read the same way, so that `validate` reports their problems.
        do {
            var given = Set<String>()
            for name in requested + Self.combinationsExpected(root) where name.contains("+") && given.insert(name).inserted && decoded[name] == nil {
                let parts = name.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
                func fit(_ part: String) -> Bool {
                    base == nil ? cleanOverInvalidBase.contains(part) : (decoded[part] != nil || unfit[part] != nil)
                }
                guard Set(parts).count == parts.count,
                      parts.allSatisfy({ builtInVariants.contains($0) || (chains[$0] != nil && fit($0)) })
                else { continue }
                let chain = Self.chain(of: parts, chains: chains)
                let applied = chain.steps + (changeStep.map { [$0] } ?? [])
                var doc = root
                var mode: Scenario.Mode = chain.fromStatusQuo ? .evaluate : .optimize
                var deferred: [PathEditor.Deferred] = []
                let before = bag.items.count
                bag.variant = name
                for step in applied {
                    editor.apply(step, to: &doc, deferred: &deferred)
                    if let m = step.mode { mode = m }
                }
                let derived = editor.finish(deferred, on: &doc)
                let s = decoder.decode(doc, variant: name, mode: mode)
                if bag.items.count > before {
                    bag.dropRepeatedErrors(since: before, repeating: [0..<variantsStart])
                    Self.locateAtChanges(since: before, of: applied.reversed(), in: root, bag: bag)
                } else if base != nil, var s {
                    s.variant = name
                    s.derivedDefaults = derived
                    decoded[name] = s
                }
                bag.variant = nil
            }
        }
        let comparisons = readComparisons(root, reading: reading, names: builtInVariants + variants.map(\.name))
        if let comparison, !comparisons.contains(where: { $0.name == comparison }) {
            let names = comparisons.map(\.name)
            bag.error(topLevel?.entry("comparisons")?.keyLocation ?? SourceLocation(file: path, line: 1, column: 1), "comparisons",
                      "no comparison \"\(comparison)\", as the command line asks\(known.contains(comparison) ? " (\(comparison) is a variant: compare it with --variants \(comparison),OTHER)" : didYouMean(comparison, names))"
                      + (names.isEmpty ? "; the file declares none: give the variants to compare" : "; comparisons are: \(names.joined(separator: ", "))"))
        }
        let expectations = readExpectations(root, reading: reading, names: builtInVariants + variants.map(\.name),
                                            posts: postIDs(root))
        // Over an invalid base, as far as it was read: its own problems and the section's
        // come together.
        let uncertainty = readBase.flatMap { readUncertainty(root, reading: reading, base: $0, names: builtInVariants + variants.map(\.name),
                                                             changed: !changes.isEmpty) }
        if !bag.isEmpty { throw bag.failure }
        if !changes.isEmpty {
            for k in decoded.keys { decoded[k]?.changes = changes }
        }
        var file = ScenarioFile(path: path, document: root, declaredVariants: variants, comparisons: comparisons,
                                expectations: expectations, content: hash, uncertainty: uncertainty,
                                warnings: bag.warnings.map(bag.asTyped).sorted(), changes: changes, decoded: decoded, chains: chains,
                                changeStep: changeStep)
        if let baseUnfit {
            // Asked for anyway (a compare without --baseline solves status-quo): refused with
            // the change's problem, under the variant's name and with what to do.
            for name in builtInVariants {
                unfit[name] = Diagnostic(baseUnfit.location, path: baseUnfit.path,
                                         baseUnfit.message + " (the command line's changes fit the variants named, not \(name): "
                                         + "name a variant they fit, e.g. with --baseline)", variant: name, severity: baseUnfit.severity)
            }
        }
        file.unfit = unfit
        return file
    }

    /// The inputs the variants `names` (or combinations) set or scale to a value outside the
    /// range the uncertainty section states for them (an outright range as written; a
    /// relative one about the base's value), as warnings located at the change, each once:
    /// an argument beyond the sources, to be named beside the answers that use it. A path
    /// the command line sets is the command line's and is left out; a wildcard range is
    /// checked item by item, and a change of a parent path (`countries.B.demand`) counts.
    public func outsideStated(_ names: [String]) -> [Diagnostic] {
        guard let uncertainty else { return [] }
        let base = self.base
        let typed = changes.compactMap { c in try? ParameterPath(String(c.prefix { $0 != "=" }), in: base) }
        func shown(_ x: Double) -> String { abs(x) >= 100 ? Fmt.money(x.rounded()) : Reading.format((x * 1000).rounded() / 1000) }
        var out: [Diagnostic] = [], said: [String: Int] = [:]
        // The variants of the run that take a step's change through `extends` (or `a+b`),
        // by the warning's index: named after it, since the warning stands at the step.
        var through: [Int: [String]] = [:]
        for name in names {
            guard let steps = try? chain(of: name).steps, let scenario = try? scenario(name) else { continue }
            // each step's changed paths, parsed once
            let stepPaths = steps.map { step in (step.set.map(\.path) + step.scale.map(\.path)).compactMap { try? ParameterPath($0, in: base) } }
            for (k, step) in steps.enumerated() {
                let entries = step.set.map { ($0.path, $0.location, "sets") } + step.scale.map { ($0.path, $0.location, "scales") }
                for (path, location, verb) in entries {
                    guard let r = try? ParameterPath(path, in: base) else { continue }
                    for p in uncertainty.ranges where p.state == nil && p.holds(inSteps: steps.map(\.name)) {
                        // The value is the last change's to it: a variant that scales what the
                        // step it extends sets was warned of at that step, with its own value
                        // (a set of 9,000 inside the range "set to 18,000": a hostile pass).
                        guard !stepPaths[(k + 1)...].joined().contains(where: { $0.overlaps(p.path, in: base) || p.path.overlaps($0, in: base) }) else { continue }
                        guard r.overlaps(p.path, in: base) || p.path.overlaps(r, in: base),
                              !typed.contains(where: { $0.overlaps(p.path, in: base) || p.path.overlaps($0, in: base) }) else { continue }
                        let support = p.distribution.support(normalSDs: 2)
                        let now = p.path.values(in: scenario), own = p.path.values(in: base)
                        let labels = p.path.isWildcard ? p.path.itemLabels(in: base) : [p.path.text]
                        for i in now.indices {
                            var range = support
                            if p.relative {
                                guard i < own.count, own[i] != 0 else { continue }
                                range = min(own[i] * support.lowerBound, own[i] * support.upperBound)...max(own[i] * support.lowerBound, own[i] * support.upperBound)
                            }
                            let slack = 1e-9 * max(1, abs(range.upperBound))
                            guard now[i] < range.lowerBound - slack || now[i] > range.upperBound + slack else { continue }
                            let item = i < labels.count ? labels[i] : p.path.text
                            if let k = said["\(step.name)|\(item)"] {
                                if name != step.name, !(through[k] ?? []).contains(name) { through[k, default: []].append(name) }
                                continue
                            }
                            said["\(step.name)|\(item)"] = out.count
                            if name != step.name { through[out.count] = [name] }
                            var d = Diagnostic(location, path: "variants.\(step.name).\(path)",
                                               "\(step.name) \(verb) \(path)" + (item == path ? " to" : ", which puts \(item) at") + " \(shown(now[i])), outside the range "
                                               + "the uncertainty section states for it (\(shown(range.lowerBound))–\(shown(range.upperBound))"
                                               + (p.relative && i < own.count ? ", relative to the base's \(shown(own[i])); its draws scale the variant's own value" : "")
                                               // The tool knows the stated range, not the sources: a variant's value
                                               // may have a source of its own (the letter's split of a score).
                                               + "): the answers that use it rest on a value beyond the stated range (cite the variant's own source, if it has one)")
                            d.severity = .warning
                            out.append(d)
                        }
                    }
                }
            }
        }
        for (k, users) in through { out[k].message += " (taken by \(users.joined(separator: ", ")))" }
        return out
    }

    /// A problem as the decoder found it (before `locateAtChanges` placed it).
    typealias ProblemKey = Diagnostic.Problem
    /// Where `locateAtChanges` placed a problem, and its message there.
    struct Placed { let location: SourceLocation, message: String }

    /// Moves a problem a variant's change made in a key it did not write (a `null` that
    /// removes `lat` leaves the country's `lon` alone) from the item, which is valid in
    /// the file, to the change that names it: the latest step first (`steps`: the
    /// command line's changes, then the variant, then what it extends). The item's
    /// place is kept in the message. A problem no change names stays where it is.
    ///
    /// - Parameter inherited: the parent variant's problems as decoded and as placed: one
    ///   found again is placed as there (`steps` hold the variant's and its parent's changes
    ///   only, not the ancestor's that made it).
    /// - Returns: every problem since `mark`, as decoded and as placed.
    @discardableResult
    static func locateAtChanges(since mark: Int, of steps: [VariantSpec], in root: DocNode, bag: DiagnosticBag,
                                inherited: [ProblemKey: Placed] = [:]) -> [ProblemKey: Placed] {
        var out: [ProblemKey: Placed] = [:]
        func record(_ d: Diagnostic, as placed: Diagnostic) { out[ProblemKey(d)] = Placed(location: placed.location, message: placed.message) }
        guard mark < bag.items.count else { return out }
        guard steps.contains(where: { !$0.set.isEmpty || !$0.scale.isEmpty }) || !inherited.isEmpty else {
            for d in bag.items[mark...] { record(d, as: d) }
            return out
        }
        let editor = PathEditor(reading: Reading(bag: DiagnosticBag()))
        // Each change's paths, resolved on the file as written (a change that names
        // nothing was reported already and places nothing).
        var named: [(steps: [PathEditor.Step], at: SourceLocation, inside: Set<SourceLocation>)] = []
        // Latest first: the steps come latest first; within one, `scale` applies after `set`.
        for step in steps {
            for c in step.scale.reversed() {
                for l in editor.resolve(c.path, in: root, at: c.location, label: "") ?? [] { named.append((l, c.location, [])) }
            }
            for c in step.set.reversed() {
                var inside = Set<SourceLocation>()
                c.value.forEachLocation { inside.insert($0) }
                for l in editor.resolve(c.path, in: root, at: c.location, label: "") ?? [] { named.append((l, c.location, inside)) }
            }
        }
        func place(_ l: SourceLocation, from item: SourceLocation) -> String {
            l.file.hasPrefix("--set ") ? l.file : l.file == item.file ? "line \(l.line)" : "\(l)"
        }
        bag.rewrite(since: mark) { d in
            let placed = placement(d)
            record(d, as: placed ?? d)
            return placed
        }
        return out
        /// Where `d` belongs, or nil where it stands.
        func placement(_ d: Diagnostic) -> Diagnostic? {
            if let p = inherited[ProblemKey(d)] {
                var moved = d
                (moved.location, moved.message) = (p.location, p.message)
                return moved
            }
            guard let at = PathEditor.steps(ofProblemPath: d.path), !at.isEmpty else { return nil }
            // Already at a change's value: where it belongs.
            if named.contains(where: { $0.inside.contains(d.location) || $0.at == d.location }) { return nil }
            // A change that writes this very key: the problem is its value (the latest such).
            if let writer = named.first(where: { $0.steps == at }) {
                var moved = d
                moved.location = writer.at
                return moved
            }
            // Changes inside the item: one is to blame; of several, which one is not known,
            // so the problem stays at the item and names them all.
            var touching: [SourceLocation] = []
            for n in named where n.steps.starts(with: at) || at.starts(with: n.steps) {
                if !touching.contains(n.at) { touching.append(n.at) }
            }
            guard let first = touching.first else { return nil }
            var moved = d
            if touching.count == 1 {
                moved.location = first
                let item = d.location.file == first.file ? "line \(d.location.line)" : "\(d.location)"
                moved.message += " (after this change; the item stands at \(item))"
            } else {
                // Two changes on one line (`{lat: null, lon: null}`) name the line once. A long
                // chain's changes are not all listed: the six applied last (`touching` is
                // latest first, the command line's changes before the file's), then how many
                // more (a combination over a chain of 5,000 wrote 29 KB for one problem).
                var latest: [String] = []
                var seen = Set<String>()
                for l in touching where seen.insert(place(l, from: d.location)).inserted { latest.append(place(l, from: d.location)) }
                let kept = Set(latest.prefix(6))
                let more = latest.count - kept.count
                var shown: [String] = []
                for p in touching.sorted().map({ place($0, from: d.location) }) where kept.contains(p) && !shown.contains(p) { shown.append(p) }
                let fileLines = shown.filter { $0.hasPrefix("line ") }
                var parts = shown.filter { !$0.hasPrefix("line ") }
                if fileLines.count > 1 { parts.append("lines " + fileLines.map { String($0.dropFirst(5)) }.joined(separator: ", ")) }
                else { parts += fileLines }
                var lines = parts.joined(separator: ", ")
                if more > 0 { lines += ", and \(Fmt.count(more, "earlier change"))" }
                moved.message += " (after the changes to this item at \(lines))"
            }
            return moved
        }
    }

    /// `PATH=VALUE` strings as one variant step named `--set`; problems go to `bag`.
    static func readChanges(_ changes: [String], bag: DiagnosticBag) -> VariantSpec? {
        guard !changes.isEmpty else { return nil }
        let here = SourceLocation(file: "--set", line: 1, column: 1)
        var step = VariantSpec(name: "--set", location: here)
        for (i, text) in changes.enumerated() {
            let at = SourceLocation(file: "--set \(i + 1)", line: 1, column: 1)
            guard let eq = text.firstIndex(of: "=") else {
                bag.error(at, text, "expected PATH=VALUE (e.g. posts.HAV.annual_cost=900000), found \"\(text)\"")
                continue
            }
            let path = text[..<eq].trimmingCharacters(in: .whitespaces)
            let valueText = String(text[text.index(after: eq)...])
            guard !path.isEmpty else {
                bag.error(at, text, "expected a path before \"=\" (e.g. posts.HAV.annual_cost=900000)")
                continue
            }
            // Problems with the path point at what was typed, from its first column.
            let valueAt = SourceLocation(file: DiagnosticBag.setLabel(i + 1, text), line: 1, column: 1)
            let node: DocNode
            if valueText.trimmingCharacters(in: .whitespaces).isEmpty {
                bag.error(valueAt, path, "expected a value after \"=\"; write null to remove a value")
                continue
            } else if let n = YAMLReader.read(String(repeating: " ", count: text.distance(from: text.startIndex, to: eq) + 1) + valueText,
                                              file: DiagnosticBag.setLabel(i + 1, text), diagnostics: bag) {
                // Padded so that columns count from the start of PATH=VALUE; the file
                // label repeats what was typed, since the decoder names the key path
                // it found (posts[48].capacity for posts.HAV.capacity).
                node = n
            } else { continue }
            step.set.append(.init(path: path, location: valueAt, value: node))
        }
        return step
    }

    /// The file label of the changes a sweep or a search adds (`scenario(_:set:scale:)`).
    static let commandLine = "command line"

    /// Applies extra `set`/`scale` changes to a variant or a `+` combination
    /// (for sweeps and searches), after the command line's changes.
    ///
    /// - Throws: `ScenarioError` for an unknown variant, a path that names
    ///   nothing or a value the decoder rejects.
    public func scenario(_ variant: String, set changes: [(path: String, value: String)],
                         scale: [(path: String, factor: Double)] = []) throws(ScenarioError) -> Scenario {
        let bag = DiagnosticBag()
        let reading = Reading(bag: bag)
        let here = SourceLocation(file: Self.commandLine, line: 1, column: 1)
        var spec = VariantSpec(name: "\(variant)+", location: here)
        spec.set = changes.map { .init(path: $0.path, location: here, value: .scalar($0.value, at: here)) }
        spec.scale = scale.map { .init(path: $0.path, location: here, factor: $0.factor) }
        // Rebuild the variant's document, then apply the extra changes.
        let chain = try chain(of: variant)
        let editor = PathEditor(reading: reading)
        var doc = document
        var mode: Scenario.Mode = chain.fromStatusQuo ? .evaluate : .optimize
        var deferred: [PathEditor.Deferred] = []
        for step in chain.steps + (changeStep.map { [$0] } ?? []) + [spec] {
            editor.apply(step, to: &doc, deferred: &deferred)
            if let m = step.mode { mode = m }
        }
        let derived = editor.finish(deferred, on: &doc)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard bag.isEmpty, var s = ScenarioDecoder(reading: reading, defaultName: name).decode(doc, variant: variant, mode: mode) else {
            // Named and placed as `load` places a variant's problems (a combination not
            // asked for at load time is read here).
            bag.rewrite(since: 0) { d in var named = d; named.variant = named.variant ?? variant; return named }
            Self.locateAtChanges(since: 0, of: (chain.steps + (changeStep.map { [$0] } ?? [])).reversed(), in: document, bag: bag)
            throw bag.failure
        }
        s.variant = variant
        s.derivedDefaults = derived
        s.changes = self.changes
        return s
    }

    // MARK: Reading the parts

    static func postIDs(_ root: DocNode) -> Set<String> {
        Set(root.mapping?["posts"]?.sequence?.items.compactMap { $0.mapping?["id"]?.scalar?.text } ?? [])
    }

    enum FileKind { case file, pipe, other(String) }

    /// What each pipe read in this process held, by the pipe itself (device and inode, so
    /// that `/dev/stdin` and `/dev/fd/0` are one pipe), with the name it was first read
    /// under and whether as a CSV table: a pipe can be read once.
    private static let pipedInputs = Mutex<[String: (data: Data, path: String, keyPath: String)]>([:])

    /// The identity of the pipe at `path` once links are followed ("device:inode"), or
    /// the path itself when it cannot be found.
    static func pipeIdentity(_ path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return path }
        return "\(st.st_dev):\(st.st_ino)"
    }

    /// What `path` is once links are followed: a regular file, a pipe (a FIFO or a
    /// character device such as /dev/stdin), or something that cannot hold a scenario.
    static func fileKind(_ path: String) -> FileKind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .file }  // the read reports it
        switch st.st_mode & S_IFMT {
        case S_IFIFO: return .pipe
        // /dev/stdin is a pipe when something is piped in; a character device (a
        // terminal, /dev/zero, /dev/kmsg) is no file to read a scenario from.
        case S_IFCHR: return .other("a character device (a terminal or a device such as /dev/zero)")
        case S_IFSOCK: return .other("a socket")
        case S_IFBLK: return .other("a block device")
        default: return .file
        }
    }

    static func readText(_ path: String, at reference: (SourceLocation, String)?, bag: DiagnosticBag) -> String? {
        let here = reference?.0 ?? SourceLocation(file: path, line: 1, column: 1)
        let keyPath = reference?.1 ?? ""
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            bag.error(here, keyPath, "cannot read \(path): no such file")
            return nil
        }
        if isDir.boolValue {
            // A table referenced from the file (`csv:`) is a CSV file, the file itself a scenario.
            let expected = keyPath.hasSuffix("csv") ? "a CSV file" : "a scenario file"
            bag.error(here, keyPath, "cannot read \(path): it is a directory, expected \(expected)")
            return nil
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxFileBytes {
            bag.error(here, keyPath, "\(path) holds \(size) bytes; dipnet reads scenario files up to \(maxFileBytes >> 20) MB (\(maxFileBytes) bytes)")
            return nil
        }
        let data: Data
        let identity = pipeIdentity(path)
        switch fileKind(path) {
        case .pipe:
            // A pipe (`dipnet validate <(sed … scenario.yaml)`, a named pipe) is read to its
            // end, up to the size limit; it has no size to check before. What it held is
            // kept for the run, before it is checked: a second read (the file's kind, then
            // the file) finds the same answer, not an empty pipe or one waiting for a writer.
            let read: Data
            let table = keyPath.hasSuffix("csv")
            if let kept = pipedInputs.withLock({ $0[identity] }) {
                // The scenario's own pipe named again as its table (`countries: {csv:
                // /dev/fd/0}` in a file read from /dev/stdin) holds the scenario, not a table;
                // one pipe named as two tables holds one of them.
                if kept.keyPath != keyPath {
                    let name = kept.path == path ? path : "\(path) (the same pipe as \(kept.path))"
                    let was = kept.keyPath.hasSuffix(".csv") ? "the \(kept.keyPath.dropLast(4)) table" : "the scenario"
                    bag.error(here, keyPath, "cannot read \(name) as \(table ? "the \(keyPath.dropLast(4)) table" : "the scenario"): \(was) was read from it, and a pipe can be read once; give \(table ? "the table" : "the scenario") as a file")
                    return nil
                }
                read = kept.data
            } else {
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    bag.error(here, keyPath, "cannot read \(path): permission denied")
                    return nil
                }
                defer { try? handle.close() }
                guard let got = try? handle.read(upToCount: maxFileBytes + 1) ?? Data() else {
                    bag.error(here, keyPath, "cannot read \(path): the pipe failed while being read")
                    return nil
                }
                pipedInputs.withLock { $0[identity] = (got, path, keyPath) }
                read = got
            }
            guard read.count <= maxFileBytes else {
                bag.error(here, keyPath, "\(path) holds more than \(maxFileBytes >> 20) MB; dipnet reads scenario files up to \(maxFileBytes >> 20) MB")
                return nil
            }
            data = read
        case .other(let what):
            bag.error(here, keyPath, "cannot read \(path): it is \(what), expected \(keyPath.hasSuffix("csv") ? "a CSV file" : "a scenario file")")
            return nil
        case .file:
            guard let read = FileManager.default.contents(atPath: path) else {
                bag.error(here, keyPath, "cannot read \(path): permission denied or unreadable")
                return nil
            }
            data = read
        }
        if data.contains(0) {
            // UTF-16 text (a spreadsheet's "Unicode text" export) starts with its byte-order mark.
            let utf32 = data.starts(with: [0xFF, 0xFE, 0, 0]) || data.starts(with: [0, 0, 0xFE, 0xFF])
            let utf16 = !utf32 && (data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]))
            let spreadsheet = path.lowercased().hasSuffix(".csv") ? " (\"CSV UTF-8\" in a spreadsheet)" : ""
            bag.error(here, keyPath, utf16 || utf32 ? "\(path) is \(utf32 ? "UTF-32" : "UTF-16") text, expected UTF-8: save it as UTF-8\(spreadsheet)"
                                                    : "\(path) holds binary data (NUL bytes), expected UTF-8 text")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (offset, line, column) = firstInvalidUTF8(data)
            let byte = String(format: "0x%02X", data[data.startIndex + offset])
            bag.error(SourceLocation(file: path, line: line, column: column), keyPath,
                      "not UTF-8 text: byte \(byte) here is not UTF-8 (Latin-1 or Windows-1252 text, as some spreadsheet "
                      + "programs save it?); save the file as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)")
            return nil
        }
        return text
    }

    /// Where the first byte that is not valid UTF-8 stands: its offset, line and column
    /// (columns count characters, as everywhere in dipnet's messages).
    static func firstInvalidUTF8(_ data: Data) -> (offset: Int, line: Int, column: Int) {
        let bytes = [UInt8](data)
        var i = 0, line = 1, column = 1
        while i < bytes.count {
            let b = bytes[i]
            let n = b < 0x80 ? 1 : b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : b & 0xF8 == 0xF0 ? 4 : 0
            if n == 0 || i + n > bytes.count || String(bytes: bytes[i..<(i + n)], encoding: .utf8) == nil {
                return (i, line, column)
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += n
        }
        return (max(0, bytes.count - 1), line, column)
    }

    static func readVariants(_ root: DocNode, reading: Reading) -> [VariantSpec] {
        guard let node = root.mapping?["variants"], !node.isNull,
              let f = reading.mapping(node, "variants", expected: "a mapping of variant names") else { return [] }
        var out: [VariantSpec] = []
        for e in f.map.entries {
            let path = "variants.\(e.key)"
            if builtInVariants.contains(e.key) {
                reading.bag.error(e.keyLocation, path, "\"\(e.key)\" is built in and cannot be redefined; give the variant another name")
                continue
            }
            if e.key.isEmpty || e.key.contains(where: \.isWhitespace) {
                reading.bag.error(e.keyLocation, path, "a variant name must be a word without blanks")
                continue
            }
            if e.key.contains("+") {
                reading.bag.error(e.keyLocation, path, "a variant name cannot contain \"+\" (a+b combines variants a and b); give the variant another name")
                continue
            }
            var v = VariantSpec(name: e.key, location: e.keyLocation)
            if e.value.isNull { out.append(v); continue }
            guard let vf = reading.mapping(e.value, path, expected: "a mapping with description, extends, set, scale, mode") else { continue }
            vf.checkKeys(["description", "extends", "set", "scale", "mode"])
            v.description = vf.string("description")
            v.extends = vf.string("extends")
            v.extendsLocation = vf.node("extends")?.location
            v.mode = vf.choice("mode", Scenario.Mode.self)
            // `{posts.HAV.capacity: 2,500}`: the comma ends the entry, leaving capacity 2 and a
            // path "500" (reported as naming nothing, the 2 applied without a word).
            func commaSplits(_ sf: Fields, factor: Bool) -> Set<Int> {
                var split = Set<Int>()
                for (i, e) in sf.map.entries.enumerated() {
                    guard i > 0, let message = Reading.commaSplit(sf.map.entries, at: i,
                                                           min: factor ? 0 : Reading.leastValue(ofKey: sf.map.entries[i - 1].key)) else { continue }
                    reading.bag.error(e.keyLocation, sf.path(sf.map.entries[i - 1].key), message)
                    split.formUnion([i - 1, i])
                }
                return split
            }
            if let s = vf.node("set"), let sf = reading.mapping(s, vf.path("set"), expected: "a mapping of path: value") {
                let split = commaSplits(sf, factor: false)
                v.set = sf.map.entries.enumerated().filter { !split.contains($0.offset) }.map { .init(path: $0.element.key, location: $0.element.keyLocation, value: $0.element.value) }
            }
            if let s = vf.node("scale"), let sf = reading.mapping(s, vf.path("scale"), expected: "a mapping of path: factor") {
                let split = commaSplits(sf, factor: true)
                for (i, entry) in sf.map.entries.enumerated() where !split.contains(i) {
                    if let factor = reading.number(entry.value, sf.path(entry.key), min: 0, what: "a factor ≥ 0") {
                        v.scale.append(.init(path: entry.key, location: entry.keyLocation, factor: factor))
                    }
                }
            }
            out.append(v)
        }
        return out
    }

    static func readComparisons(_ root: DocNode, reading: Reading, names: [String]) -> [ComparisonSpec] {
        guard let node = root.mapping?["comparisons"], !node.isNull,
              let f = reading.mapping(node, "comparisons", expected: "a mapping of comparison names") else { return [] }
        var out: [ComparisonSpec] = []
        for e in f.map.entries {
            guard let cf = reading.mapping(e.value, "comparisons.\(e.key)", expected: "{baseline, variants}") else { continue }
            cf.checkKeys(["baseline", "variants"])
            let baseline = cf.string("baseline") ?? "status-quo"
            if !names.contains(baseline), let n = cf.node("baseline") {
                reading.error(n, cf.path("baseline"), "no variant \"\(baseline)\"\(didYouMean(baseline, names))")
            }
            var variants: [String] = []
            if let vn = cf.requireNode("variants", "a list of variant names"), let list = reading.strings(vn, cf.path("variants")) {
                for (i, v) in list.enumerated() {
                    let at = vn.sequence?.items[i] ?? vn, path = "\(cf.path("variants"))[\(i)]"
                    if list[..<i].contains(v) {
                        // As --variants refuses it: the column (and every margins row) came twice.
                        reading.error(at, path, "\"\(v)\" is listed twice: each variant once")
                    } else if names.contains(v) { variants.append(v) }
                    else { reading.error(at, path, "no variant \"\(v)\"\(didYouMean(v, names))") }
                }
                if list.isEmpty { reading.error(vn, cf.path("variants"), "expected at least one variant to compare with the baseline, found an empty list") }
            }
            out.append(ComparisonSpec(name: e.key, baseline: baseline, variants: variants))
        }
        return out
    }

    static func readUncertainty(_ root: DocNode, reading: Reading, base: Scenario, names: [String], changed: Bool = false) -> UncertaintySpec? {
        readUncertainty(root, reading: reading, names: names, countries: Set(base.countries.map(\.id)), changed: changed) { key throws(ParameterError) in
            (try ParameterPath(key, in: base), base, nil)
        }
    }

    /// The `uncertainty:` section of a scenario or, with `resolve` reading `STATE:PATH`
    /// keys, of a coalition file. `resolve` turns a parameter's key into its path, the
    /// scenario whose values bound its draws, and the state it belongs to (nil for a
    /// scenario); `countries` are the ids a shock may name. With `changed` (command-line
    /// changes made the base), a relative draw that leaves its range from the changed value
    /// is a warning, as for a variant: the draws that leave it fail one by one in a
    /// simulation, and commands that draw nothing are not refused for it.
    /// `scenarioVariants`: false for a coalition, whose variants change no number, so that a
    /// range `within` some of them is refused.
    static func readUncertainty(_ root: DocNode, reading: Reading, names: [String], countries ids: Set<String>, changed: Bool = false,
                                scenarioVariants: Bool = true,
                                resolve: (String) throws(ParameterError) -> (path: ParameterPath, base: Scenario, state: String?)) -> UncertaintySpec? {
        guard let node = root.mapping?["uncertainty"], !node.isNull,
              let f = reading.mapping(node, "uncertainty", expected: "a mapping with parameters, shocks, draws, seed, variants") else { return nil }
        f.checkKeys(["parameters", "shocks", "draws", "seed", "variants"])
        var spec = UncertaintySpec()
        if let d = f.number("draws", min: 1, max: 10_000_000, integer: true) { spec.draws = Int(d) }
        if let sd = f.number("seed", max: 9e15, integer: true) { spec.seed = UInt64(sd) }
        if let vn = f.node("variants"), let list = reading.strings(vn, f.path("variants")) {
            for (i, v) in list.enumerated() where !names.contains(v) {
                reading.error(vn.sequence?.items[i] ?? vn, "\(f.path("variants"))[\(i)]", "no variant \"\(v)\"\(didYouMean(v, names))")
            }
            for (i, v) in list.enumerated() where list[..<i].contains(v) {
                reading.error(vn.sequence?.items[i] ?? vn, "\(f.path("variants"))[\(i)]", "names \(v) a second time; give each variant once")
            }
            spec.variants = list.enumerated().filter { i, v in names.contains(v) && !list[..<i].contains(v) }.map(\.element)
            // An empty list read as "the default variants" would simulate what was not asked.
            if list.isEmpty { reading.error(vn, f.path("variants"), "an empty list names no variant: name the variants to simulate, or remove the key for the default") }
        }
        if let pn = f.node("parameters"), let pf = reading.mapping(pn, f.path("parameters"), expected: "a mapping of path: distribution") {
            for (position, e) in pf.map.entries.enumerated() {
                let path = pf.path(e.key)
                // A path that names nothing is reported, and its distribution is still read, so
                // that a mistake there is reported in the same run (it was found only once the
                // path had been mended).
                var resolved: (path: ParameterPath, base: Scenario, state: String?)? = nil
                // the path suggested for a misspelt one, resolved only to check what depends on it
                var suggested: (path: ParameterPath, base: Scenario, state: String?)? = nil
                do { resolved = try resolve(e.key) } catch {
                    if let near = error.suggestion, !e.key.contains(":") { suggested = try? resolve(near) }
                    // Into a table that could not be read, only the table's own problem is
                    // reported; so when the countries could not be read, which posts, partners
                    // and demand rows stand in (a coalition's key is STATE:PATH).
                    let named = e.key.split(separator: ":", maxSplits: 1).last.map(String.init) ?? e.key
                    let table = String(named.prefix { $0 != "." })
                    let unusable = reading.bag.unusableTables
                    let parts = named.split(separator: ".", omittingEmptySubsequences: false)
                    let item = parts.count >= 2 ? "\(parts[0]).\(parts[1])" : ""
                    if !error.reportedElsewhere, !unusable.contains(table), !unusable.contains("countries"), !reading.bag.unreadItems.contains(item) {
                        reading.bag.error(e.keyLocation, path, error.description)
                    }
                }
                guard let df = reading.mapping(e.value, path, expected: "{distribution: uniform|triangular|normal|discrete, …}") else { continue }
                // A relative draw's numbers are factors: no thousands slip to warn of there.
                if df.map.entries.contains(where: { $0.key == "relative" && ["true", "yes", "1"].contains($0.value.scalar?.text.lowercased() ?? "") }) {
                    reading.bag.factorPaths.insert(path)
                }
                guard let kind = df.string("distribution", required: true) else { continue }
                func need(_ keys: [String]) -> [Double]? {
                    df.checkKeys(["distribution", "relative", "source", "draw", "within"] + keys)
                    let vals = keys.map { df.number($0, required: true, min: nil) }
                    return vals.contains(where: { $0 == nil }) ? nil : vals.map { $0! }
                }
                var dist: Distribution? = nil
                switch kind {
                case "uniform":
                    if let v = need(["min", "max"]) {
                        // (at min's value, not the mapping's opening brace: a new analyst)
                        if v[0] > v[1] { reading.error(df.node("min") ?? e.value, path, "min \(Reading.format(v[0])) is above max \(Reading.format(v[1]))") }
                        else { dist = .uniform(min: v[0], max: v[1]) }
                    }
                case "triangular":
                    if let v = need(["min", "mode", "max"]) {
                        if !(v[0] <= v[1] && v[1] <= v[2]) {
                            reading.error(df.node(v[0] > v[1] ? "min" : "mode") ?? e.value, path,
                                          "expected min ≤ mode ≤ max, found \(Reading.format(v[0])), \(Reading.format(v[1])), \(Reading.format(v[2]))")
                        }
                        else { dist = .triangular(min: v[0], mode: v[1], max: v[2]) }
                    }
                case "normal":
                    if let v = need(["mean", "sd"]) {
                        if v[1] < 0 { reading.error(df.node("sd") ?? e.value, path, "sd must be ≥ 0, found \(Reading.format(v[1]))") } else { dist = .normal(mean: v[0], sd: v[1]) }
                    }
                case "discrete":
                    df.checkKeys(["distribution", "relative", "source", "draw", "within", "values", "weights"])
                    var values: [Double] = [], weights: [Double] = []
                    if let vn = df.requireNode("values", "a list of numbers"), let items = reading.sequence(vn, df.path("values")) {
                        values = items.enumerated().compactMap { reading.number($1, "\(df.path("values"))[\($0)]", min: nil) }
                        // `[1,1, 0,9]`: decimal commas that made four values of two, read without a word.
                        if let (node, message) = Reading.mixedCommaList(items) { reading.bag.warning(node.location, df.path("values"), message) }
                    }
                    var itemsRead = true
                    if let vn = df.node("values"), let items = vn.sequence?.items, items.count != values.count { itemsRead = false }
                    if let wn = df.node("weights"), let items = reading.sequence(wn, df.path("weights")) {
                        weights = items.enumerated().compactMap { reading.number($1, "\(df.path("weights"))[\($0)]") }
                        if weights.count != items.count { itemsRead = false }   // each bad item has its own error
                    } else {
                        weights = Array(repeating: 1, count: values.count)
                    }
                    if !itemsRead { break }
                    if values.isEmpty { reading.error(e.value, path, "a discrete distribution needs at least one value") }
                    else if weights.count != values.count { reading.error(e.value, path, "\(values.count) values but \(weights.count) weights") }
                    else if weights.reduce(0, +) <= 0 { reading.error(e.value, path, "the weights sum to 0") }
                    else { dist = .discrete(values: values, weights: weights) }
                default:
                    reading.error(df.node("distribution")!, df.path("distribution"),
                                  "expected one of uniform, triangular, normal, discrete, found \"\(kind)\"\(didYouMean(kind, ["uniform", "triangular", "normal", "discrete"]))")
                }
                if resolved == nil, let (near, base, _) = suggested, let dist,
                   let problem = rangeProblem(dist, of: near, relative: df.bool("relative") ?? false, base: base) {
                    // reported with the misspelt name, so both come in one run
                    reading.error(e.value, path, "if \(near.text) is meant, the name suggested: \(problem)")
                }
                // `within: V` (or a list): drawn only in the variants built on V (V itself,
                // those that extend it, a combination with it); read before the path's own
                // problems end the entry, so that its mistakes come in the same run.
                var within: [String]? = nil
                if let wn = df.node("within"), !scenarioVariants {
                    // a coalition's variants change no number
                    reading.error(wn, df.path("within"), "within is for a scenario's variants; a coalition's variants change no number, so its ranges hold in every one")
                    continue
                } else if let wn = df.node("within") {
                    let list = wn.scalar != nil ? reading.string(wn, df.path("within")).map { [$0] } : reading.strings(wn, df.path("within"))
                    if let list {
                        let declared = names.filter { !builtInVariants.contains($0) }
                        for (i, v) in list.enumerated() {
                            let at = wn.sequence?.items[i] ?? wn, key = wn.sequence == nil ? df.path("within") : "\(df.path("within"))[\(i)]"
                            if list[..<i].contains(v) { reading.error(at, key, "names \(v) a second time; give each variant once"); continue }
                            guard !declared.contains(v) else { continue }
                            reading.error(at, key, builtInVariants.contains(v)
                                ? "\(v) is built in; within names variants of the file's variants: section (leave the key out to draw the range in every variant)"
                                : "no variant \"\(v)\"\(didYouMean(v, declared))")
                        }
                        if list.isEmpty, wn.sequence?.items.isEmpty ?? false {
                            reading.error(wn, df.path("within"), "an empty list names no variant: name the variants the range holds in, or remove the key")
                        }
                        within = list.enumerated().filter { i, v in declared.contains(v) && !list[..<i].contains(v) }.map(\.element)
                    }
                }
                guard let (parsed, base, state) = resolved else { continue }
                let relative = df.bool("relative") ?? false
                // `draw: false`: a range stated for `margins`, not drawn by `simulate`.
                let drawn = df.bool("draw") ?? true
                let source = df.string("source")?.trimmingCharacters(in: .whitespacesAndNewlines)
                // A post's case cost of a service it does not offer: drawn or stated, it moves
                // nothing (a hostile pass's honorary consul's visa cost, "no flip" in margins).
                if let post = base.postNotOffering(caseCostPath: parsed.text) {
                    let service = parsed.text.split(separator: ".").last.map(String.init) ?? ""
                    reading.bag.warning(e.keyLocation, path, "\(post.id) does not offer \(service) (services: \((post.services ?? []).joined(separator: ", "))): "
                                        + "no case of it is handled there, so this range moves nothing unless a variant adds the service")
                }
                if relative, dist != nil, !parsed.isWildcard, parsed.value(in: base) == nil, state != nil {
                    reading.bag.error(e.keyLocation, path, "relative: true multiplies the scenario's value, and \(state!)'s scenario has no "
                                  + "\(parsed.text) (coalition variants change no number): draw absolute values instead")
                    continue
                }
                if relative, dist != nil, !parsed.isWildcard, parsed.value(in: base) == nil {
                    // A variant may set it; where none does, every draw of that variant fails.
                    reading.bag.warning(e.keyLocation, path, "relative: true multiplies the scenario's value, and \(e.key) has none in the base "
                                        + "scenario: the draws fail in every variant that does not set it (draw absolute values instead)")
                }
                // Factors of 10 and more read like percentages (min: 80, max: 120 for ±20%): every
                // draw of an analyst's file was then infeasible, with no word before the run.
                if relative, let dist, let top = Self.largestDraw(dist), top >= 10 {
                    reading.bag.warning(e.value.location, path, "relative: true multiplies the scenario's value, so these draws multiply it up to "
                                        + "\(Reading.format(top)) times; for a change in percent write factors (±20%: min: 0.8, max: 1.2)")
                } else if relative, case .normal(let mean, let sd)? = dist, mean >= 10 {
                    reading.bag.warning(e.value.location, path, "relative: true multiplies the scenario's value, so these draws multiply it about "
                                        + "\(Reading.format(mean)) times; for a change in percent write factors (mean: 1, sd: \(Reading.format(Fmt.clean(sd / mean))) "
                                        + "for these)")
                }
                /// The entry kept: drawn, or stated only (`draw: false`), at its place as written.
                func keep(_ dist: Distribution) {
                    var p = UncertaintySpec.Parameter(path: parsed, distribution: dist, relative: relative, state: state, source: source.flatMap { $0.isEmpty ? nil : $0 })
                    p.position = position
                    p.within = within.flatMap { $0.isEmpty ? nil : $0 }
                    if drawn { spec.parameters.append(p) } else { spec.stated.append(p) }
                }
                if let dist, let problem = rangeProblem(dist, of: parsed, relative: relative, base: base) {
                    if relative && changed {
                        reading.bag.warning(e.value.location, path, "with the command-line changes, \(problem): a simulation fails the draws that leave it")
                        keep(dist)
                    } else {
                        reading.error(e.value, path, problem)
                    }
                } else if let dist {
                    keep(dist)
                }
            }
        }
        if let sn = f.node("shocks"), let list = reading.sequence(sn, f.path("shocks"), expected: "a list of {country, multiplier, probability}") {
            for (i, item) in list.enumerated() {
                guard let sf = reading.mapping(item, "\(f.path("shocks"))[\(i)]") else { continue }
                sf.checkKeys(["country", "multiplier", "probability"])
                // Every key read, so that each of its problems is reported.
                let c = sf.identifier("country", required: true)
                // A crisis may multiply a country's demand many times; beyond 1,000 it is a typo.
                let m = sf.number("multiplier", required: true, max: 1000)
                let p = sf.number("probability", required: true, max: 1)
                if let c, !ids.contains(c) { reading.error(sf.node("country")!, sf.path("country"), "no country \"\(c)\"\(didYouMean(c, ids))"); continue }
                guard let c, let m, let p else { continue }
                spec.shocks.append(.init(country: c, multiplier: m, probability: p))
            }
        }
        // Shocks that may strike together multiply: their product is what the cap bounds.
        for c in Set(spec.shocks.map(\.country)) {
            let product = spec.shocks.filter { $0.country == c }.reduce(1.0) { $0 * $1.multiplier }
            if product > 1000, let sn = f.node("shocks") {
                reading.error(sn, f.path("shocks"), "the shocks on \(c) multiply its demand by up to \(Reading.format(product)) when they strike together; at most 1,000")
            }
        }
        // A stated range of a number a drawn line draws too: two ranges, one drawn, the other
        // tested by `margins` (a share of the stated one read as the simulation's).
        for p in spec.stated {
            // (two ranges `within` variants named apart hold in different variants: a line
            // `within: other` beside one `within: gov` is no second range of the same draw,
            // unless a variant is built on both, which the reader does not see)
            guard let q = spec.parameters.first(where: { q in q.state == p.state
                    && (q.path.text == p.path.text || Margins.names(q.path.text, p.path.text) || Margins.names(p.path.text, q.path.text))
                    && (q.within == nil || p.within == nil || !Set(q.within!).isDisjoint(with: p.within!)) }),
                  let pn = f.node("parameters")?.mapping?.entry(p.label) else { continue }
            reading.bag.warning(pn.keyLocation, "\(f.path("parameters")).\(p.label)", "stated with draw: false, and \(q.label) draws the same number: "
                                + "simulate draws \(q.label)'s range, while margins tests flips against this one (give the number one range)")
        }
        // A wildcard drawn outright after a number's own line draws that number again: the
        // later draw replaces the earlier, whose range `margins` still tests flips against (a
        // hostile pass: a running cost stated 90,000–110,000, then `posts.*.annual_cost` 1–2,
        // drew it at about 1 and ranked the first line as a driver). A relative wildcard
        // scales the earlier draw instead, and a number's own line after a wildcard is the
        // usual exception to it: neither is warned of.
        for p in spec.parameters where !p.relative && p.path.isWildcard {
            for q in spec.parameters where q.position < p.position && q.state == p.state && !q.path.isWildcard
                && Margins.names(p.path.text, q.path.text) && (q.within == nil || p.within == nil || !Set(q.within!).isDisjoint(with: p.within!)) {
                guard let pn = f.node("parameters")?.mapping?.entry(q.label) else { continue }
                reading.bag.warning(pn.keyLocation, "\(f.path("parameters")).\(q.label)", "\(p.label), further down, draws \(q.label) too and replaces "
                                    + "this draw, while margins tests flips against this range (give the number one range, or put this line after \(p.label))")
            }
        }
        // An outright range that does not hold the base scenario's value: a cost in thousands
        // (80–120 for a running cost of 100,000) drew costs a thousand times too small, and
        // margins read the flip as far outside it, with no word (a hostile pass). A number a
        // variant sets is checked against the range at the variant (`outsideStated`); with
        // command-line changes (`changed`) the values read are theirs, whose own ranges the
        // analyst moves on purpose: the file's own are checked without them (`validate`).
        let variantKeys: [String] = (root.mapping?["variants"]?.mapping?.entries ?? []).flatMap { v in
            ["set", "scale"].flatMap { k in (v.value.mapping?[k]?.mapping?.entries ?? []).compactMap { $0.key } }
        }
        for (p, drawn) in spec.parameters.map({ ($0, true) }) + spec.stated.map({ ($0, false) }) where !changed && !p.relative && p.within == nil && p.state == nil {
            guard !variantKeys.contains(where: { k in k == p.path.text || k.hasPrefix(p.path.text + ".") || p.path.text.hasPrefix(k + ".")
                    || Margins.names(p.path.text, k) }),
                  let scenario = try? resolve(p.path.text).base else { continue }
            let support = p.distribution.support(normalSDs: 2), values = p.path.values(in: scenario)
            let slack = 1e-9 * max(1, abs(support.upperBound))
            let outside = values.indices.filter { values[$0] < support.lowerBound - slack || values[$0] > support.upperBound + slack }
            guard let first = outside.first, let pn = f.node("parameters")?.mapping?.entry(p.label) else { continue }
            let labels = p.path.isWildcard ? p.path.itemLabels(in: scenario) : [p.path.text]
            func shown(_ x: Double) -> String { abs(x) >= 100 ? Fmt.money(x.rounded()) : Reading.format((x * 1000).rounded() / 1000) }
            let item = first < labels.count ? labels[first] : p.path.text
            reading.bag.warning(pn.keyLocation, "\(f.path("parameters")).\(p.label)",
                                "the range \(shown(support.lowerBound))–\(shown(support.upperBound)) does not hold the scenario's value of \(item), \(shown(values[first]))"
                                + (outside.count > 1 ? " (nor \(outside.count - 1) other item\(outside.count > 2 ? "s" : "")'s)" : "")
                                + ": \(drawn ? "simulate draws it inside the range and " : "")margins tests flips against it; "
                                + "is the range in other units (thousands, a share for a percentage)? For a range about the value, write factors with relative: true")
        }
        // A section of ranges stated with `draw: false` only is one for `margins`: a simulation
        // of it is refused where it is run (`SimulationRun`), not warned of here.
        if spec.parameters.isEmpty && spec.shocks.isEmpty && spec.stated.isEmpty, reading.bag.items.isEmpty {
            reading.bag.warning(f.map.location, "uncertainty", "no parameter and no shock: every draw is the same scenario")
        }
        return spec
    }

    /// The largest value `dist` draws, nil for a normal distribution (unbounded).
    static func largestDraw(_ dist: Distribution) -> Double? {
        switch dist {
        case .uniform(_, let b), .triangular(_, _, let b): b
        case .discrete(let values, _): values.max()
        case .normal: nil
        }
    }

    /// Why draws of `dist` would put the parameter outside what it may take
    /// (judged on the base scenario; a variant may still move a relative draw
    /// out of range, which the run then reports per draw).
    static func rangeProblem(_ dist: Distribution, of path: ParameterPath, relative: Bool, base: Scenario) -> String? {
        if path.isInteger {
            guard !relative, case .discrete(let values, _) = dist, values.allSatisfy({ $0 == $0.rounded() }) else {
                return "\(path) takes whole numbers: draw it from a discrete distribution of whole values (not relative)"
            }
        }
        let support: ClosedRange<Double>
        switch dist {
        case .uniform(let a, let b): support = a...b
        case .triangular(let a, _, let b): support = a...b
        case .discrete(let values, _): support = values.min()!...values.max()!
        case .normal(let m, let sd):
            // Negative draws are drawn again: far below 0, nearly every draw is (and ends at 0).
            if m + 3 * sd < 0 {
                return "a normal distribution with mean \(Reading.format(m)) and sd \(Reading.format(sd)) is below 0 in nearly every draw (negative draws are drawn again): \(path)\(relative ? " factors" : "") must be ≥ 0"
            }
            if path.range.upperBound <= 1 {
                return "a normal distribution can exceed \(Reading.format(path.range.upperBound)), the largest value of \(path); use triangular or uniform"
            }
            support = max(0, m)...max(0, m)
        }
        if support.lowerBound < 0 { return "draws below 0 (\(Reading.format(support.lowerBound))): \(path) and factors must be ≥ 0" }
        let current = path.value(in: base) ?? 0
        let lo = relative ? current * support.lowerBound : support.lowerBound
        let hi = relative ? current * support.upperBound : support.upperBound
        if !path.range.contains(lo) || !path.range.contains(hi) {
            // A share's range written in percent (min: 20, max: 50 for 0.2–0.5).
            let percent = !relative && path.range == 0...1 && hi > 1 && hi <= 100 && lo >= 0
                ? " (a share: \(Reading.format(Fmt.clean(lo / 100))) to \(Reading.format(Fmt.clean(hi / 100))) for \(Reading.format(lo))–\(Reading.format(hi))%?)" : ""
            return "draws from \(Reading.format(Fmt.clean(lo))) to \(Reading.format(Fmt.clean(hi)))\(relative ? " (the base value \(Reading.format(current)) times the factor)" : "") leave \(Reading.format(path.range.lowerBound))…\(Reading.format(path.range.upperBound)), the values \(path) may take\(percent)"
        }
        // The rest of what a value must be (horizon_years > 0, …), tried on the base
        // scenario at both ends of the draws: found here, not in every solve of the run.
        if !(relative && path.value(in: base) == nil) {
            for x in [support.lowerBound, support.upperBound] {
                var copy = base
                do { try path.apply(to: &copy) { relative ? $0 * x : x } } catch { return "a draw of \(Reading.format(x)): \(error.description)" }
            }
        }
        return nil
    }

    /// An expected status (`optimal`, …), or nil after reporting why not.
    static func expectedStatus(_ node: DocNode, _ path: String, _ reading: Reading) -> String? {
        guard let s = reading.string(node, path) else { return nil }
        guard ExpectationSet.statuses.contains(s) else {
            reading.error(node, path, "expected one of \(ExpectationSet.statuses.joined(separator: ", ")), found \"\(s)\"")
            return nil
        }
        return s
    }

    /// An expected figure: a number (exact to 1e-6 relative: tolerance nil) or
    /// `{value, tolerance}`; nil after reporting why not.
    static func expectedFigure(_ node: DocNode, _ path: String, _ reading: Reading) -> (value: Double, tolerance: Double?)? {
        if let m = node.mapping {
            let mf = Fields(map: m, path: path, reading: reading)
            mf.checkKeys(["value", "tolerance"])
            guard let v = mf.number("value", required: true, min: nil), let t = mf.number("tolerance", required: true) else { return nil }
            return (v, t)
        }
        return reading.number(node, path, min: nil, what: "a number or {value, tolerance}").map { ($0, nil) }
    }

    /// The `a+b` combinations the `expect` block names, as keys or in `beats`, in order.
    static func combinationsExpected(_ root: DocNode) -> [String] {
        guard let entries = root.mapping?["expect"]?.mapping?.entries else { return [] }
        var out: [String] = []
        for e in entries {
            out.append(e.key)
            guard let beats = e.value.mapping?["beats"] else { continue }
            out += beats.mapping?.entries.map(\.key) ?? beats.sequence?.items.compactMap(\.scalar?.text) ?? []
        }
        return out.filter { $0.contains("+") }
    }

    /// Whether an `expect` block may name `name`: a variant, or a combination `a+b` of
    /// different variants (as `--variant a+b` composes them); else the message saying why not.
    static func expectable(_ name: String, among names: [String]) -> String? {
        if names.contains(name) { return nil }
        guard name.contains("+") else { return "no variant \"\(name)\"\(didYouMean(name, names))" }
        let parts = name.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        if let unknown = parts.first(where: { !names.contains($0) }) {
            return unknown.isEmpty ? "\"\(name)\" has an empty part: a combination is variants joined by +, as in keep-havana+other"
                : "no variant \"\(unknown)\" in the combination \"\(name)\"\(didYouMean(unknown, names))"
        }
        if let twice = parts.enumerated().first(where: { i, p in parts[..<i].contains(p) })?.element { return namedTwice(name, twice) }
        return nil
    }

    static func readExpectations(_ root: DocNode, reading: Reading, names: [String], posts: Set<String>) -> [ExpectationSet] {
        guard let node = root.mapping?["expect"], !node.isNull,
              let f = reading.mapping(node, "expect", expected: "a mapping of variant: expectations") else { return [] }
        if f.map.entries.isEmpty { reading.error(node, "expect", "an empty expect block checks nothing: give expectations per variant, or remove it") }
        var out: [ExpectationSet] = []
        let keys = ["status"] + ExpectationSet.Quantity.allCases.map(\.rawValue) + ExpectationSet.PostSet.allCases.map(\.rawValue) + ["beats"]
        for e in f.map.entries {
            let path = "expect.\(e.key)"
            if let why = expectable(e.key, among: names) {
                reading.bag.error(e.keyLocation, path, why)
                continue
            }
            guard let ef = reading.mapping(e.value, path, expected: "a mapping of expectations") else { continue }
            ef.checkKeys(keys)
            var checks: [ExpectationSet.Check] = []
            for entry in ef.map.entries where keys.contains(entry.key) {
                let p = ef.path(entry.key)
                let loc = entry.keyLocation
                if entry.key == "beats" {
                    // A list of variants, or a mapping variant: least margin (money a year).
                    // Each rival with its margin (nil when the margin is invalid, reported,
                    // and the name still checked), where its name stands and its key path.
                    var rivals: [(name: String, margin: Double?, at: SourceLocation, path: String)] = []
                    if let m = entry.value.mapping {
                        if m.entries.isEmpty { reading.error(entry.value, p, "an empty mapping checks nothing: name the variants this one must beat") }
                        for r in m.entries {
                            let margin = reading.number(r.value, "\(p).\(r.key)", what: "a margin ≥ 0, money a year")
                            rivals.append((r.key, margin, r.keyLocation, "\(p).\(r.key)"))
                        }
                    } else if let ids = reading.strings(entry.value, p) {
                        let items = entry.value.sequence?.items ?? []
                        for (i, id) in ids.enumerated() {
                            rivals.append((id, 0, (i < items.count ? items[i] : entry.value).location, items.isEmpty ? p : "\(p)[\(i)]"))
                        }
                        if ids.isEmpty { reading.error(entry.value, p, "an empty list checks nothing: name the variants this one must beat") }
                    }
                    for (k, r) in rivals.enumerated() {
                        if rivals[..<k].contains(where: { $0.name == r.name }) { reading.bag.error(r.at, r.path, "names \(r.name) a second time"); continue }
                        if let why = expectable(r.name, among: names) { reading.bag.error(r.at, r.path, why); continue }
                        if r.name == e.key { reading.bag.error(r.at, r.path, "a variant cannot beat itself"); continue }
                        if let margin = r.margin { checks.append(.beats(other: r.name, margin: margin, r.at)) }
                    }
                } else if entry.key == "status" {
                    if let s = expectedStatus(entry.value, p, reading) { checks.append(.status(s, loc)) }
                } else if let q = ExpectationSet.Quantity(rawValue: entry.key) {
                    if let x = expectedFigure(entry.value, p, reading) {
                        // A share outside 0…1 (or unserved cases below 0) can never be met:
                        // most likely a percentage or a typo.
                        if q == .coverage, x.value < -(x.tolerance ?? 0) || x.value > 1 + (x.tolerance ?? 0) {
                            reading.error(entry.value, p, "coverage is a share from 0 to 1, found \(Reading.format(x.value)); no plan can meet it (write 0.95 for 95%)")
                        } else if q == .unserved, x.value < -(x.tolerance ?? 0) {
                            reading.error(entry.value, p, "unserved cases are ≥ 0, found \(Reading.format(x.value)); no plan can meet it")
                        } else {
                            checks.append(.number(q, x.value, tolerance: x.tolerance, loc))
                        }
                    }
                } else if let set = ExpectationSet.PostSet(rawValue: entry.key), let ids = reading.strings(entry.value, p) {
                    if ids.isEmpty {
                        // "includes nothing" always passes: most likely a list not filled in.
                        reading.error(entry.value, p, "an empty list checks nothing: name the posts expected \(entry.key), or remove the key")
                        continue
                    }
                    for (i, id) in ids.enumerated() where !posts.contains(id) {
                        reading.unresolved(entry.value.sequence?.items[i] ?? entry.value, "\(p)[\(i)]", "no post \"\(id)\"\(didYouMean(id, posts))",
                                           in: "posts")
                    }
                    checks.append(.contains(set, ids, loc))
                }
            }
            if ef.map.entries.isEmpty {
                // Counted as a passing set, it would report a variant as checked that is not.
                reading.bag.error(e.keyLocation, path, "no expectation for this variant: give at least one of \(keys.joined(separator: ", "))")
            }
            out.append(ExpectationSet(variant: e.key, checks: checks, location: e.keyLocation))
        }
        return out
    }
}
