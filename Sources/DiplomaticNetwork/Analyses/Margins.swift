import Foundation
import LinearProgramming

/// What flips the answer of a comparison: for each variant, whether it beats
/// the baseline (and, for a variant that optimises freely, each post whose
/// decision differs from the baseline's), the smallest change of each input,
/// one input at a time, that reverses it.
///
/// The inputs are those that bear on the decisions that differ: the posts'
/// costs and those of the posts that can take over (in or covering their countries),
/// the demand, scores and interests of their countries and of those they cover, the
/// partner offers there, the global shares, weights, fees and penalties, and the budget and
/// diplomat cap when one binds in a plan compared (no spare diplomat; the
/// budget within 1%). Each input is
/// searched outwards from its value on both sides (within 0…3× its value, or
/// its stated range when the scenario's `uncertainty:` section gives one,
/// whichever is wider): at both range ends, then at a side's midpoint unless the
/// bounds below settle the whole side from its end. Every stretch between
/// the value now and the nearest flip found (or the end, without one) is then
/// bounded: for an input of the objective alone (the same feasible set at every
/// value solved, the objective affine in the input) each optimum is convex in the
/// input, at most the chord between its solved values and at least the lines of
/// the two plans solved there; for an input of the feasible set alone (the same
/// objective, every bound it moves widening as it rises, or every one narrowing: a
/// capacity) the feasible sets are nested, so each optimum is monotone in the input,
/// between its values at the stretch's ends. A stretch where these bounds keep the
/// answer's sign holds no flip. A stretch they do not settle is probed where the bound
/// comes nearest to 0, nearest stretch first, up to `Margins.probesPerSide` probes a
/// side; a flip found nearer replaces the one found before. Inputs that move a row's
/// coefficients or an equality (a demand, a post's capacity, the horizon) are bounded the
/// same ways by what the model's structure says of them (`structure(of:in:)`). Any other
/// input (a demand under a `min_coverage` rule) is probed once in each stretch. A stretch
/// left open is reported
/// (`Row.unsettled`): "none found" then, not "no flip".
/// The nearest flip is then narrowed by regula falsi (a
/// net-benefit difference, often linear in the input) or bisection (a post's
/// open/closed decision) to the tolerance: a bracket no wider than `tolerance`
/// times the larger of the current value and the flip. A net-benefit flip is
/// reported where the difference, linear between the bracket's ends as solved,
/// crosses 0; a decision's flip at the bracket's midpoint. A count (a diplomat cap, a
/// post's diplomats, when every diplomat figure compared is whole; the closures or
/// openings allowed) is solved at whole values only, and its flip is the first whole
/// value with the other answer (`Margins.Input.whole`); a diplomat cap or a post's
/// diplomats whose figures are all multiples of a fraction (0.5 for 1.5 and 2) are
/// solved at those multiples in the same way (`Margins.Lattice`).
public struct MarginsResult: Sendable {
    /// What can flip.
    public struct Question: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// `variant` beats the baseline (higher net benefit) or not.
            case beatsBaseline
            /// `post` is open in `variant`'s optimum or not.
            case postDecision(String)
            /// `variant`'s optimum costs the budget less than the baseline's (its cost net of
            /// income, money a year, one-off costs spread over the horizon: the compared
            /// "Cost net of income" row) or not. Asked only when named (`--answers budget`):
            /// no bound holds for the budget of an optimum (it is neither convex nor monotone
            /// in any input), so it is known only at the values solved, and it is the budget of
            /// the plan the solver returns, which among plans of equal net benefit may be any.
            case savesBudget

            /// Whether the answer is a difference of two money figures whose sign is the
            /// answer (the lead, the budget saved), narrowed by regula falsi; a post's decision
            /// is bisected.
            public var isDifference: Bool {
                switch self {
                case .beatsBaseline, .savesBudget: true
                case .postDecision: false
                }
            }
        }
        public var variant: String
        public var kind: Kind
        /// The answer now, in words ("close-havana beats keep-havana by 1,234 a year").
        public var now: String
        /// The answer now in one cell: the variant's net benefit minus the baseline's
        /// (money a year, "+1,234" or "-1,234"; "tie" within the tolerance) for
        /// `beatsBaseline`, the budget saved for `savesBudget` (the baseline's cost net of
        /// income minus the variant's, "+1,234" saved), "open" or "closed" for
        /// `postDecision` ("tie" when a plan that decides the post otherwise is as good).
        public var brief: String = ""
        /// For `beatsBaseline`, what the variant's optimum now saves the budget against the
        /// baseline's (money a year): the baseline's cost net of income minus the variant's,
        /// one-off costs spread over the horizon (compare's "Cost net of income"; + saved),
        /// so that a lead in net benefit, which is not cash, is read beside it. Nil for the
        /// other answers.
        public var budgetSaved: Double? = nil
        /// The same without the one-off closing and opening costs (each year after the
        /// horizon, compare's "without one-off costs"); nil with `budgetSaved`.
        public var recurringSaved: Double? = nil
    }

    public struct Row: Sendable {
        public var question: Question
        public var input: String
        /// The input in the scenario's words (`InputLabel`: "Havana (HAV): running cost"),
        /// nil for a path without one.
        public var label: String? = nil
        public var current: Double
        /// Where the answer flips (the midpoint of the final bracket; for a count,
        /// `Margins.Input.lattice`, the first value of the lattice with the other answer); nil when
        /// it does not flip within `searched`.
        public var flipsAt: Double?
        public var bracket: ClosedRange<Double>?
        public var searched: ClosedRange<Double>
        /// The range the scenario's uncertainty section gives the input, if any.
        public var stated: ClosedRange<Double>?
        public var solves: Int
        /// Where the stated range comes from (the uncertainty section's `source:`), if given.
        public var source: String? = nil
        /// The variants a range of the uncertainty section is stated `within:` when the file
        /// states one for the input only there and the variants compared are built on none of
        /// them (`Margins.Input.statedWithin`): the row has no stated range or share here.
        public var statedWithin: [String]? = nil
        /// Whether `simulate` draws the stated range: false for one stated with `draw: false`
        /// (drawn only with `--draw-stated`); nil without a stated range.
        public var statedDrawn: Bool? = nil
        /// For a range stated relative to the value (`relative: true`), its factors: the
        /// stated range is the value now times them (a variant's own value, not the sources').
        /// For an input at 0, they are given with `stated` nil: times 0 they state no range
        /// (`Margins.Input.factorsAtZero`).
        public var statedFactors: ClosedRange<Double>? = nil
        /// With a stated distribution, one input at a time: for an input searched as a real
        /// number, the share of the distribution at which the answer is reversed (a discrete
        /// one's values each solved; a continuous one read off the values solved in its range,
        /// each change between two of them bisected to 0.1% of the draws); for a count or a
        /// diplomat figure, each value of its lattice the draws reach solved and weighted by
        /// the draws that answer as it (a discrete distribution's values; a continuous one's
        /// cells, a cap's [k, k + step), a post's figure's (k − step, k]), or, past
        /// `discreteValuesSolved` values, the share past the flip (`flipsPast` strictly, else
        /// `flipsAt`). For an answer tied now (`tiedNow`), the share at which the tie is broken,
        /// either side winning outright, read the same way (nil for a count whose continuous
        /// distribution reaches more than `discreteValuesSolved` values of its lattice).
        public var chanceBeyond: Double? = nil
        /// For an input searched as a real number: the nearest reversal found on the other
        /// side of the value now from `flipsAt` (searched as that side's is; a tie there is not
        /// one), nil when none was found; for a count or a diplomat figure, the nearest value
        /// reversed among those its stated distribution reaches, each solved (nil without
        /// one). `chanceBeyond` counts the share past it.
        public var flipsOtherSide: Double? = nil
        /// With a stated distribution: the share of it at values where a variant compared
        /// has no plan (a discrete one's values solved; a continuous one's stretches between
        /// values solved, each change bisected as `chanceBeyond`'s are where there is a flip,
        /// half a stretch where one end has a plan), nil when every value solved in its range
        /// had one. `chanceBeyond` counts those values as not reversed.
        public var chanceNoPlan: Double? = nil
        /// The baseline's own value when the variant sets the input otherwise: the input is
        /// then part of what the variant assumes, so only the variant's value (`current`) is
        /// moved and the baseline keeps this one (nil when both hold the same value, or
        /// when the baseline does not set the input: `baselineUnset`).
        public var baselineValue: Double? = nil
        /// Whether the input is one the variant sets and the baseline does not (an optional
        /// limit such as the budget, a partner offer only the variant makes): the baseline
        /// keeps having none, and only the variant's value is moved. Moving both gave the
        /// baseline the variant's budget, so a variant 520 a year behind read "tie now".
        public var baselineUnset = false
        /// A value the search tried that a scenario of the question refuses, nearest the value
        /// now, and why (a share a variant derives from the input would leave 0…1): beyond it
        /// nothing was searched. Nil when every value tried could be set.
        public var refused: String? = nil
        /// The stretch nearest the value now, between it and the flip (or the searched
        /// range's end), where the search could not rule out a flip: a bound that did not
        /// settle it when the probes ran out, or an input of the constraints (a demand, a
        /// capacity, a limit), whose answer is only known at the values tried. Nil when
        /// every stretch up to the flip, or over the range searched, was shown to keep the
        /// answer (a flip narrower than the final bracket aside).
        public var unsettled: ClosedRange<Double>? = nil
        /// The nearest such stretch on each side of the value now (at most two, nearest
        /// first; the first is `unsettled`).
        public var unsettledSides: [ClosedRange<Double>] = []
        /// Whether the answer was bounded between values solved (an input of the objective
        /// alone: the same feasible set at every value, the objective affine in it; or of the
        /// feasible set alone, widening or narrowing it monotonically).
        public var bounded = false
        /// Whether the answer at `flipsAt` becomes a tie rather than reverses: the lead falls
        /// within the solver's tolerance (`Margins.isTie`, 1e-7 of the net benefit) there,
        /// and at the first value solved beyond it on that side whose lead is not a tie (up
        /// to the end of `searched`) the same side leads again, or there is no such value.
        /// Net benefits of 1e9 make a lead of 100 a year a tie. A lead that falls into that
        /// band and is reversed beyond it is a flip, reported where the lead as solved
        /// crosses 0.
        public var tie = false
        /// The value nearest the value now at which the answer is a tie, on the way to a flip
        /// that reverses it (the same units as `current`): there the two answers are equally
        /// good within the solver's tolerance, though the other side wins only from `flipsAt`
        /// (closing ties at 4.2 and loses from 6.9); between them the answer may come back. For
        /// a count, the first value of its lattice with a tie, every value from the value now
        /// to the flip having been solved; for an input searched as a real number, where the
        /// band of ties that `resolve` passed begins (ties the search stepped over are not
        /// seen). nil when no tie was met before the flip, when the flip is itself a tie
        /// (`tie`), or without a flip.
        public var tiedFrom: Double? = nil
        /// Whether the answer now is a tie (within the tolerance): there is no answer to
        /// flip, and `flipsAt` is nil. What is searched instead is where the tie breaks
        /// (`tieBreaksAt`); `searched` is the range looked at (the value now alone when the
        /// variants compared have no plan now).
        public var tiedNow = false
        /// For an answer that is a tie now (`tiedNow`): the value nearest the value now at
        /// which one side wins outright (the same units as `current`; for a count, the first
        /// value of its lattice that does). Found at the values solved: each side is tried
        /// nearest first at fixed fractions of the way to the searched range's end, and the
        /// stretch between the last tie and the first value not a tie bisected to the
        /// tolerance; a break nearer than a tie solved beyond it is not seen. Nil when every
        /// value tried was a tie, or for an answer not tied now.
        public var tieBreaksAt: Double? = nil
        /// The answer as solved at `tieBreaksAt`: the variant's lead over the baseline, the
        /// budget it saves (money a year), or for a post's decision how much more the best
        /// plan that opens the post earns than the best that closes it; its sign says which
        /// side wins there (+: the variant leads, saves, or the post opens). Nil with
        /// `tieBreaksAt`.
        public var tieBreaksBy: Double? = nil
        /// For a diplomat figure on a lattice, the edge past which the values between two of
        /// the lattice answer as `tieBreaksAt` does (as `flipsPast` is to `flipsAt`: a cap whose
        /// tie breaks at 3 breaks it at 3.2 too, from below 3.5); nil otherwise.
        public var tieBreaksPast: Double? = nil
        /// For an answer tied now, where the tie breaks on the other side of the value now
        /// from `tieBreaksAt`, found as it is (nil when every value tried there was a tie): a
        /// stated range on that side holds a break too (a tie at a running cost of 8,000 that
        /// breaks on both sides at once read "break outside" a range of 7,000–7,990 where it
        /// is broken throughout: a hostile pass). `withinStated` counts it.
        public var tieBreaksOtherSide: Double? = nil
        /// The answer as solved at `tieBreaksOtherSide` (as `tieBreaksBy` at `tieBreaksAt`).
        public var tieBreaksOtherSideBy: Double? = nil
        /// For a diplomat figure on a lattice, the edge for `tieBreaksOtherSide` (as
        /// `tieBreaksPast` for `tieBreaksAt`); nil otherwise.
        public var tieBreaksOtherSidePast: Double? = nil
        /// For a diplomat figure on a lattice, the same edge for `flipsOtherSide` (a cap
        /// reversed at 3 on the other side of the value now is reversed at 3.5 too, from below
        /// 4); nil otherwise.
        public var flipsOtherSidePast: Double? = nil
        /// Whether the input is a count searched at whole values only (`Margins.Input.lattice`
        /// of step 1): `flipsAt` is then the first whole value with the other answer, and
        /// `bracket`, `searched` and the stretches left open are whole.
        public var whole: Bool { step == 1 }
        /// The step of the values the input was searched at (`Margins.Input.lattice`): 1 for a
        /// count, the common step of the diplomat figures when some are fractions (0.5 for
        /// 1.5 and 2: diplomats); nil for an input searched as a real number. `flipsAt`,
        /// `bracket`, `searched` and the stretches left open are then multiples of it.
        public var step: Double? = nil
        /// For a diplomat figure on a lattice, where the values between two of its values
        /// answer as the one beyond the flip: the last value of the lattice before the flip;
        /// every value strictly between it and `flipsAt` answers as `flipsAt` does (farther
        /// out the answer may come back, as for any flip). A diplomat cap between two values
        /// leaves the room of the lower (model.md's diplomats row `Σ_p m_p·y_p ≤ N` with
        /// every `m_p` a multiple of the step): a cap searched down that flips at 293 flips
        /// at 293.5 too (294 here). A post's diplomats between two values need the room of
        /// the higher: searched up and flipping at 4, they flip at 3.2 too (3 here). Nil
        /// otherwise: a cap searched up or a post's diplomats searched down flip at `flipsAt`
        /// itself, and a count of closures or openings takes whole values only. `change`
        /// stays the change to `flipsAt`, a value that flips; `chanceBeyond` and
        /// `withinStated` are taken strictly past this edge.
        public var flipsPast: Double? = nil
        /// The value quoted as the flip's threshold: `flipsPast`, else `flipsAt`.
        public var threshold: Double? { flipsPast ?? flipsAt }

        /// The change to the flip; for an answer tied now (`tiedNow`), to where the tie breaks
        /// (`tieBreaksAt`); nil without either.
        public var change: Double? { (flipsAt ?? tieBreaksAt).map { $0 - current } }
        /// The change relative to the current value (nil for a current value of 0).
        public var relativeChange: Double? {
            guard let c = change, current != 0 else { return nil }
            return c / abs(current)
        }
        /// True when the stated (plausible) range holds the flip (`flipWithinStated`), the
        /// reversal on the other side of the value now (`otherSideWithinStated`), or a value
        /// at which the answer is reversed by the share beyond (`chanceBeyond` above 0): a
        /// value now outside its own range may have the whole range past the flip (a tie at
        /// a running cost of 8,000 broken throughout 7,000–7,990 read "outside" beside 100%
        /// beyond), and a flip known to the bracket may lie just outside a range that the
        /// bisected share finds reversed (a budget rule's break at 9,998 beside a range from
        /// 9,999: hostile passes). A range wholly past a flip where the answer has come back
        /// is not reached (0% beyond: read "inside" for a few hours of 2026-12-07).
        /// (`threshold`: for a diplomat figure flipping past a lattice value, that value, and
        /// then only with a stated value past it: a cap stated over 9–10 that flips below 9
        /// flips nowhere in it).
        /// For an answer tied now, whether it holds where the tie breaks (`tieBreaksAt`, or
        /// `tieBreaksOtherSide`), or a value where it is broken by the share.
        public var withinStated: Bool? {
            guard stated != nil else { return nil }
            let shared = (chanceBeyond ?? 0) > 0
            if flipsAt == nil {
                guard tieBreaksAt != nil else { return nil }
                return breakWithinStated == true || otherSideWithinStated || shared
            }
            guard threshold != nil else { return nil }
            // A reversal on the other side of the value now inside the range counts too, past
            // its lattice edge for a diplomat figure (a cap reversed at 3 with a range of
            // 3.2–6.8 is reversed at 3.5: it read "outside", a hostile pass).
            return otherSideWithinStated || flipWithinStated == true || shared
        }

        /// Whether the stated range holds the reversal on the other side of the value now
        /// (`flipsOtherSide`, past its lattice edge), or for an answer tied now the break
        /// there (`tieBreaksOtherSide`); false without either or without a stated range.
        public var otherSideWithinStated: Bool {
            guard let r = stated else { return false }
            if flipsAt == nil {
                guard tieBreaksAt != nil, let o = tieBreaksOtherSide else { return false }
                return Self.reaches(r, o, past: tieBreaksOtherSidePast, current: current, exclusive: false)
            }
            guard let o = flipsOtherSide else { return false }
            return Self.reaches(r, o, past: flipsOtherSidePast, current: current, exclusive: step == nil)
        }

        /// Whether the stated range holds the row's own flip (`flipWithinStated`) or, for an
        /// answer tied now, its break (`breakWithinStated`), the other side and the share left
        /// out: the verdicts say what else reaches the range only when this is false.
        public var ownWithinStated: Bool { (flipsAt == nil ? breakWithinStated : flipWithinStated) == true }

        /// For an answer tied now, whether where the tie breaks (`tieBreaksAt`) lies inside
        /// the stated range, the other side's break left out; nil without a break or a range.
        public var breakWithinStated: Bool? {
            guard flipsAt == nil, let x = tieBreaksAt, let r = stated else { return nil }
            return Self.reaches(r, x, past: tieBreaksPast, current: current, exclusive: false)
        }

        /// Whether the range `r` holds a value that answers as `x` does on its side of the value
        /// now: `x` itself, the values between it and its lattice edge `past` (strictly short of
        /// the edge, within 1e-9 of it being at it, as `Distribution.chanceBeyond` reads it),
        /// or, `exclusive`, the values strictly beyond `x` only: a real-valued flip is where the
        /// lead crosses 0, a tie, so a range ending at it holds no reversal (a flip at 90 with
        /// a range of 90–110 read "inside": a hostile pass).
        static func reaches(_ r: ClosedRange<Double>, _ x: Double, past e: Double?, current: Double, exclusive: Bool) -> Bool {
            if let e {
                let band = Distribution.edgeBand(e)
                return x < e ? r.lowerBound < e - band && r.upperBound >= x : r.upperBound > e + band && r.lowerBound <= x
            }
            guard exclusive else { return r.contains(x) }
            let band = Distribution.edgeBand(x)
            return r.contains(x) && (x < current ? r.lowerBound < x - band : r.upperBound > x + band)
        }

        /// Whether the range `r` lies wholly past `x`, on its side of the value now.
        public static func liesPast(_ r: ClosedRange<Double>, _ x: Double, current: Double) -> Bool {
            x < current ? r.upperBound < x : r.lowerBound > x
        }

        /// Whether the flip itself (`threshold`) lies inside the stated range, a reversal on
        /// the other side of the value now left out (`withinStated` counts it): a row whose
        /// flip lies outside while its other side's lies inside read "(flip inside)" beside a
        /// flip outside the range (a new user's reading of a horizon flipping at 0.402 with
        /// a range of 3–10). Nil without a flip or a stated range.
        public var flipWithinStated: Bool? {
            guard let f = flipsAt, let r = stated else { return nil }
            // Within 1e-9 of the edge is at it (a stated 3 × 1.1 is 3.3000000000000003), as
            // `Distribution.chanceBeyond` reads it; a real-valued flip is a tie, its reversal
            // strictly beyond it.
            return Self.reaches(r, f, past: flipsPast, current: current, exclusive: step == nil)
        }
    }

    /// The unit of an input, by its path (docs/scenario-format.md): "EUR a year" for a
    /// post's running cost, "cases a year" for a demand, "share" for a presence share, …;
    /// nil for a path of no known unit. Money is in `currency`, or "money" when the scenario
    /// names none (`currency` is optional, a label: the unit read " a year"). A post's
    /// capacity is in cases a year in format version 1 and in capacity units a year in
    /// version 2 (`capacityInUnits`; model.md "Format version 2": a case of a service
    /// takes its `workload`); a partner's capacity counts cases in both. nil
    /// `capacityInUnits`: not known (a sweep's records written before 2026-12-05).
    public static func unit(ofInput path: String, currency: String, capacityInUnits: Bool? = false) -> String? {
        let currency = currency.trimmingCharacters(in: .whitespaces).isEmpty ? "money" : currency
        let parts = path.split(separator: ".").map(String.init)
        guard let head = parts.first else { return nil }
        // `rules.min_coverage.visas` is a min_coverage (its service last).
        let key = parts.count >= 3 && ["countries", "posts", "partners", "services", "criteria", "interests"].contains(head) ? parts[2]
            : head == "rules" && parts.count >= 2 ? parts[1] : parts.last!
        switch (head, key) {
        case (_, "annual_cost"): return "\(currency) a year"
        case (_, "close_cost"), (_, "open_cost"): return "\(currency), once"
        case (_, "case_cost"), (_, "unserved_penalty"), (_, "unserved_case_penalty"), (_, "fee_income"), (_, "fee"): return "\(currency) a case"
        case (_, "remote_case_cost_per_1000km"): return "\(currency) a case per 1,000 km"
        case ("posts", "capacity") where capacityInUnits == true: return "capacity units a year"
        case ("posts", "capacity") where capacityInUnits == nil: return "cases a year (capacity units in format version 2)"
        case (_, "capacity"), (_, "demand"): return "cases a year"
        case (_, "diplomats"), (_, "max_diplomats"): return "diplomats"
        case (_, "reach_km"): return "km"
        case (_, "horizon_years"): return "years"
        case ("criteria", "weight"): return "\(currency) a year a point"
        case ("countries", "scores"): return "points"
        case (_, "accredited"), (_, "represented"), (_, "min_coverage"): return "share"
        case ("interests", "value"), ("countries", "interests"): return "\(currency) a year"
        case (_, "workload"): return "capacity units a case"
        case (_, "budget"): return "\(currency) a year"
        default: return nil
        }
    }

    /// The scenario's name, and the command-line changes applied (`Scenario.changes`).
    public var scenario: String = ""
    public var changes: [String] = []
    /// The scenario's currency (the unit of its money inputs).
    public var currency: String = "EUR"
    /// Whether a post's capacity is in capacity units (format version 2), not cases.
    public var capacityInUnits: Bool = false
    public var comparison: String
    public var baseline: String
    public var questions: [Question]
    /// Sorted by the smallest relative change (flips first, then inputs that do not flip),
    /// or by `order`.
    public var rows: [Row]
    /// How the rows of a flip are ordered (`dipnet margins --order`, `compare --flips --order`).
    public enum Order: String, Sendable, CaseIterable {
        /// Nearest flip first: the smallest change in % (the default).
        case change
        /// Likeliest flip first: the largest share of the input's stated distribution beyond
        /// the flip (`Row.chanceBeyond`, one input at a time), then flips of inputs without a
        /// distribution (a policy lever such as the diplomat cap, a cost whose range is
        /// stated only in the sources: their chance is unknown, not 0), then those whose
        /// draws do not reach the flip (0), each group by the change. The share is
        /// `Row.chanceBeyond`'s: where the answer is reversed, as far as the values solved show.
        /// The nearest flip in % need not be the likeliest: an input drawn over a narrow
        /// range flips 20% away and never in its draws, one drawn over a wide range flips
        /// 40% away in a tenth of them.
        case chance
    }
    /// The order of `rows`.
    public private(set) var order: Order = .change

    /// Orders the rows by `order`, keeping the change order within ties (the rows without a
    /// flip stay last, as they are).
    public mutating func order(by order: Order) {
        self.order = order
        guard order == .chance else { return }
        // Rows come in change order: a stable sort on the chance keeps it within each level.
        let ranked = rows.enumerated().map { k, r -> (rank: Int, chance: Double, k: Int, row: Row) in
            guard r.flipsAt != nil, r.change != nil else { return (3, 0, k, r) }
            guard let c = r.chanceBeyond else { return (1, 0, k, r) }
            return c > 0 ? (0, -c, k, r) : (2, 0, k, r)
        }
        rows = ranked.sorted { ($0.rank, $0.chance, $0.k) < ($1.rank, $1.chance, $1.k) }.map(\.row)
    }
    /// Relative width of the final bracket (of the larger of the input's current
    /// value and its flip).
    public var tolerance: Double
    public var solves: Int
    public var seconds: Double
    /// The variants compared that have no plan at today's values, with their status
    /// (`infeasible`, …), in the comparison's order: no answer of theirs to flip, so they
    /// have no question and no row. Empty when every variant has a plan.
    public var withoutPlan: [(variant: String, status: String)] = []
    /// The network-wide limits the file sets that no plan compared reaches, so not searched
    /// (without `--param`), each with the room left: `rules.max_diplomats` ("at most 27 of
    /// 30 diplomats used"), `rules.budget`. A limit lowered below what the plans use can
    /// still change the answer, and a post's diplomats move it only through the cap.
    public var limitsWithRoom: [LimitWithRoom] = []
    /// The posts a free optimum decides otherwise than the baseline whose decisions `answers`
    /// left out (`compare --flips` asks who is ahead unless told otherwise), in the order
    /// the optima decide them; empty when every such decision was asked. Their rows are not
    /// in `rows`; `answers: nil` (`--answers all`) asks them.
    public var unaskedDecisions: [String] = []

    /// A network-wide limit no plan compared reaches: the plan that comes nearest (least
    /// room under its own limit), what it uses and its limit (diplomats; money a year).
    public struct LimitWithRoom: Sendable {
        public var path: String
        public var variant: String
        public var used: Double
        public var limit: Double
        /// In words: "at most 27 of 30 diplomats used (close-havana)".
        public var room: String
    }
}

public enum Margins {
    /// A number of the scenario that may flip an answer.
    public struct Input: Sendable {
        public var path: ParameterPath
        public var current: Double
        public var searched: ClosedRange<Double>
        public var stated: ClosedRange<Double>?
        /// The uncertainty section's distribution of the input, when it states one.
        public var drawn: UncertaintySpec.Parameter? = nil
        /// Whether that range is stated with `draw: false` (`UncertaintySpec.stated`): tested
        /// here, not drawn by `simulate` unless `--draw-stated`.
        public var statedOnly = false
        /// For an input at 0 whose range is stated relative to its value (`relative: true`),
        /// the factors of that range: times 0 they state none (`stated` is nil), though a
        /// variant that sets the input states one (the assumed Spanish visa desk's capacity).
        public var factorsAtZero: ClosedRange<Double>? = nil
        /// The variants a range of the uncertainty section is stated `within:` when one names
        /// the input but holds in none of the variants compared (`ranges(_:in:)` leaves it
        /// out): `stated` is then nil, and the report says the file states a range elsewhere
        /// (the government's reinforcements on a neutral comparison read "–" with no word).
        public var statedWithin: [String]? = nil
        /// The values at which the input's answer can move (`Margins.lattice`): whole values
        /// for a count (a post's diplomats or the diplomat cap when every diplomat figure of
        /// the scenarios compared is whole, the closures or openings allowed), multiples of
        /// the diplomat figures' common step when some are fractions; nil for an input that
        /// is searched as a real number. Each value tried is then solved at its nearest
        /// value of the lattice, and the flip is the first value of the lattice with the
        /// other answer (a cap of 219 diplomats, not 219.9).
        public var lattice: Lattice? = nil
        /// Whether `lattice` is the whole numbers.
        public var whole: Bool { lattice?.isWhole ?? false }
    }

    /// The multiples of a step `units / scale` (a decimal step: 0.5 is 5 / 10, 1 is 1 / 1),
    /// diplomats or a count. Values are computed from whole multiples of `units`, so that
    /// the 23rd value of a step of 0.1 is 2.3, not 2.3000000000000003.
    public struct Lattice: Sendable, Hashable {
        /// The step in units of `1 / scale`; ≥ 1.
        public var units: UInt64
        /// 10^k for the fewest decimals k (0...9) that write every figure.
        public var scale: Double
        /// The whole numbers.
        public static let whole = Lattice(units: 1, scale: 1)
        /// The step, in the input's unit.
        public var step: Double { Double(units) / scale }
        public var isWhole: Bool { units == 1 && scale == 1 }
        /// The value of the lattice nearest `x`.
        public func nearest(_ x: Double) -> Double { value(index(x)) }
        /// The index of the least lattice value at or above `x` (to 1e-9 of a step: a sum
        /// of figures on the lattice lands on it).
        public func indexAtOrAbove(_ x: Double) -> Double { (x * scale / Double(units) - 1e-9).rounded(.up) }
        /// The `k`-th value of the lattice, k × step (0, not -0: a bracket read "between -0 and 1").
        public func value(_ k: Double) -> Double { k == 0 ? 0 : k * Double(units) / scale }
        /// The index of the lattice value nearest `x` (x / step, rounded).
        public func index(_ x: Double) -> Double { (x * scale / Double(units)).rounded() }
        /// The values a scan of `range` solves, ascending and distinct: each of `xs` moved to
        /// its nearest lattice value inside the range (2.5..3.5 on whole numbers scanned 4,
        /// outside it), and with `ends` the range's own ends, which a fractional input can
        /// take: a cap of 6.5 answers as 6 does, and a scan of 6.5..9 on 7, 8, 9 alone
        /// missed the flip at 7. Fewer than two values: the range holds too few. When the
        /// range holds at most `every` values of the lattice, all of them instead of `xs`:
        /// a scan of 9 of 15 caps stepped over a post open at 8 only and said "from 10 on"
        /// (a hostile pass).
        public func scanValues(_ xs: [Double], in range: ClosedRange<Double>, ends: Bool, every: Int = 0) -> [Double] {
            let (first, last) = indices(in: range)
            let inside = count(in: range) <= every ? stride(from: first, through: last, by: 1).map(value) : xs.map { x -> Double in
                let v = nearest(x)
                if v > range.upperBound { return value(last) }
                if v < range.lowerBound { return value(first) }
                return v
            }.filter { range.contains($0) }
            return Array(Set(inside + (ends ? [range.lowerBound, range.upperBound] : []))).sorted()
        }
        /// The indices of the least and the greatest lattice values in `range` (the first
        /// above the second when it holds none).
        func indices(in range: ClosedRange<Double>) -> (first: Double, last: Double) {
            (indexAtOrAbove(range.lowerBound), (range.upperBound * scale / Double(units) + 1e-9).rounded(.down))
        }
        /// How many values of the lattice `range` holds (its ends included when on it).
        public func count(in range: ClosedRange<Double>) -> Int {
            let (first, last) = indices(in: range)
            return last >= first ? Int(min(last - first + 1, Double(Int.max / 2))) : 0
        }
        /// The lattice value halfway (rounded down) between `a` and `b`, when one lies strictly
        /// between them; nil for neighbours (a bracket as narrow as the lattice allows).
        public func midpoint(_ a: Double, _ b: Double) -> Double? {
            let (lo, hi) = (min(a, b), max(a, b))
            let mid = value(((index(lo) + index(hi)) / 2).rounded(.down))
            return mid > lo && mid < hi ? mid : nil
        }
    }

    /// The values at which `path`'s answers can move in every scenario of `scenarios` (the
    /// baseline and the variants compared), or nil for an input searched as a real number.
    /// The closures or openings a rule allows are whole (`Lattice.whole`). A post's
    /// diplomats or the diplomat cap are whole when the cap and every post's diplomats are
    /// whole in all of them; otherwise, when all those figures and the
    /// input's values are multiples of one decimal step (their greatest common divisor in
    /// units of 10^-k, k ≤ 9, as `NetworkFormulation.decimalUnits` writes them, and with
    /// one diplomat: 1.5, 2 and 0.5 are multiples of 0.5, 3.5 and 0 too), of that step:
    /// then `Σ_p m_p y_p`, model.md's diplomats row, and the cap are multiples of it, and
    /// so is every value where the answer can move (a post's diplomats crosses the room the
    /// others leave, `N − Σ m_p y_p`). Figures with more decimals leave nil.
    static func lattice(_ path: ParameterPath, in scenarios: [Scenario]) -> Lattice? {
        func isWhole(_ x: Double) -> Bool { x.isFinite && x == x.rounded() }
        let values = scenarios.compactMap { path.value(in: $0) }
        switch path.target {
        case .maxClosures, .maxOpenings:
            return values.allSatisfy(isWhole) ? .whole : nil
        case .maxDiplomats, .post(_, .diplomats):
            // Every post's diplomats at once (`posts.*.diplomats`): n open posts at v each meet
            // the cap at cap / n, no multiple of the figures' step; searched as a real number.
            if case .post(let id, _) = path.target, id == "*" { return nil }
            let figures = values + scenarios.flatMap { s in (s.rules.maxDiplomats.map { [$0] } ?? []) + s.posts.map(\.diplomats) }
            guard figures.allSatisfy({ $0.isFinite }) else { return nil }
            if figures.allSatisfy(isWhole) { return .whole }
            guard let (units, scale) = NetworkFormulation.decimalUnits(figures) else { return nil }
            // A step below 1e-6 lies inside the solver's feasibility tolerance (a diplomat cap
            // exceeded by 1e-8 is met): a figure of 3.000000001 made a lattice of 1e-9 whose
            // flip read "10 (10 too)"; such figures are searched as real numbers.
            // The step divides one diplomat too (0.5 for figures of 3.5 and 0, not 3.5): the
            // answer moves where a post's diplomats pass the room others leave, and a post
            // needing 3.6 diplomats where 3.5 fit is not searched only at 7.
            var g = UInt64(scale)
            for u in units {
                var (a, b) = (u, g)
                while b != 0 { (a, b) = (b, a % b) }
                g = a
            }
            let lattice = Lattice(units: g, scale: scale)
            return lattice.step >= 1e-6 ? lattice : nil
        default:
            return nil
        }
    }

    /// `MarginsResult.Row.flipsPast`: for the diplomat cap searched down, the lattice value
    /// above the flip `flip` (a cap between them leaves the room of `flip`); for a post's
    /// diplomats searched up, the value below it (a figure between them needs the room of
    /// `flip`); nil for any other input or direction. `x0` is the value now.
    static func flipsPast(_ path: ParameterPath, flip: Double, from x0: Double, lattice: Lattice) -> Double? {
        // The bracket of the flip and its neighbour towards the value now (on the lattice, its
        // values being among the figures); the end that decides the values between is
        // `Tipping.latticeEdge`'s, and it is the flip's edge when it is not the flip itself.
        // A count of closures or openings takes whole values only: nothing lies between.
        guard !path.isInteger else { return nil }
        let k = lattice.index(flip)
        let (lo, hi) = flip < x0 ? (flip, lattice.value(k + 1)) : (lattice.value(k - 1), flip)
        let edge = Tipping.latticeEdge(path, below: lo, above: hi)
        return edge == flip ? nil : edge
    }

    /// Runs the margins of a comparison.
    ///
    /// - Parameters:
    ///   - only: input paths to search instead of the derived ones.
    ///   - tolerance: relative width of the final bracket.
    ///   - answers: the answers to search, or nil for the lead and every decision (`Answer`):
    ///     `lead` for each variant against the baseline, `budget` for whether each variant
    ///     still saves the budget against it (`Kind.savesBudget`, asked only when named;
    ///     `["all", "budget"]` asks every answer), a post's id (or `post:ID`) for its decision in the free
    ///     optima that decide it otherwise than the baseline. The inputs are derived as for all answers (the
    ///     costs of every post decided otherwise move each lead too); a comparison with free
    ///     optima asks one question per post decided otherwise (70 in `havana-network`), and
    ///     each is searched over every input.
    ///   - requireAnswers: whether a post in `answers` that no free optimum decides
    ///     otherwise is refused (else it asks nothing here: `MarginsFrontier` checks that
    ///     each answer is asked at one of its values at least).
    ///   - asking: called once before the search, with the answers asked, how many of
    ///     them are posts' decisions in free optima, the inputs to search (each answer
    ///     is searched over each input), and how many posts' decisions in free optima
    ///     `answers` leaves out.
    ///   - progress: called after each input's search ends, with what it counts ("input"),
    ///     the inputs searched so far and their number (from the worker threads, one call
    ///     at a time), as `MarginsPairs.run` reports its steps.
    /// - Throws: `ScenarioError` for an unknown variant, `ParameterError` for a
    ///   path in `only` that names nothing or an answer in `answers` the comparison does
    ///   not have, `NoPlanError` when a variant has no plan (no answer to flip), the
    ///   solver's errors.
    public static func run(_ file: ScenarioFile, _ request: ComparisonRequest, planner: Planner,
                           only: [String]? = nil, tolerance: Double = 1e-3, answers: [String]? = nil, requireAnswers: Bool = true,
                           asking: ((_ answers: Int, _ decisions: Int, _ inputs: Int, _ unasked: Int) -> Void)? = nil,
                           progress: (@Sendable (_ unit: String, _ done: Int, _ total: Int) -> Void)? = nil) throws -> MarginsResult {
        let clock = ContinuousClock()
        let started = clock.now
        // Plans keep their objectives, with which the search bounds the answer between values solved.
        var planner = planner
        planner.keepsObjective = true
        let (base, variants, plans, withoutPlan) = try solveCompared(file, request, planner: planner, keepingVariantsWithoutPlan: false)
        let basePlan = plans[0]
        // The questions: each variant against the baseline, and the posts a free optimum decides otherwise.
        var questions: [(MarginsResult.Question, Scenario, Scenario?)] = []
        var involvedPosts = Set<String>()
        // Each post a free optimum decides otherwise, with the post forced the other way
        // (`forcing`, keyed by `decisionKey`), solved in parallel: whether its decision is a
        // tie now, and each input's search starts from that plan at today's value. The
        // questions below are asked of these posts.
        var forcedFor: [String: Scenario] = [:]
        var forcedList: [Scenario] = []
        // Each free optimum's posts decided otherwise (variant, post, open in the optimum):
        // those whose decisions may be asked about (`answers`), checked before any of them
        // is solved forced.
        let baseOpen = Set(basePlan.open)
        var decisions: [(variant: Scenario, post: String, open: Bool)] = []
        for (v, plan) in zip(variants, plans.dropFirst()) where v.mode == .optimize {
            let open = Set(plan.open)
            for p in v.posts where baseOpen.contains(p.id) != open.contains(p.id) && p.force == nil {
                decisions.append((v, p.id, open.contains(p.id)))
            }
        }
        var decidedOtherwise: [String] = []
        for d in decisions where !decidedOtherwise.contains(d.post) { decidedOtherwise.append(d.post) }
        // `all` beside `budget` (the one answer `all` leaves out): every answer.
        let everyOne = answers.map { $0.count == 2 && $0.contains(Self.allAnswer) && $0.contains(Self.budgetAnswer) } ?? false
        let named = everyOne ? nil : answers?.map(Answer.init)
        if let answers, let named {
            for (k, a) in named.enumerated() {
                if named[..<k].contains(a) { throw ParameterError("--answers names \(answers[k]) twice") }
                guard case .post(let id) = a, !decidedOtherwise.contains(id), requireAnswers else { continue }
                // As they can be given: `post:ID` for a post named lead; an id holding a
                // comma cannot be given in a comma-separated list.
                let givable = decidedOtherwise.filter { !$0.contains(",") }.map { Self.reservedAnswers.contains($0) ? "post:\($0)" : $0 }
                let comma = decidedOtherwise.filter { $0.contains(",") }
                let known = decidedOtherwise.isEmpty ? "none: no variant compared with a plan optimises freely and decides a post otherwise than \(base.variant)"
                    : (givable.count <= 24 ? givable.joined(separator: ", ") : givable.prefix(24).joined(separator: ", ") + " and \(givable.count - 24) more")
                        + (comma.isEmpty ? "" : "; \(comma.count == 1 ? "one more, whose id holds" : "\(comma.count) more, whose ids hold") "
                           + "a comma, cannot be named in --answers")
                // A variant left out without a plan may be the free optimum meant.
                let left = withoutPlan.isEmpty ? "" : "; " + withoutPlan.map(\.variant).joined(separator: ", ")
                    + " \(withoutPlan.count == 1 ? "has" : "have") no plan now, so no decisions to ask"
                throw ParameterError("--answers \(answers[k]): not an answer of this comparison; give \(Self.leadAnswer) (each variant against "
                                     + "\(base.variant)), \(Self.budgetAnswer) (whether each saves the budget against it) or a post a free optimum decides otherwise than \(base.variant) (\(known))\(left)")
            }
        }
        func asks(_ post: String) -> Bool { named?.contains(.post(post)) ?? true }
        let asksLead = named?.contains(.lead) ?? true
        // Asked only when named: known only at the values solved (`Kind.savesBudget`).
        let asksBudget = everyOne || (named?.contains(.budget) ?? false)
        for d in decisions where asks(d.post) {
            let forced = forcing(d.variant, d.post, d.open ? .closed : .open)
            forcedFor[decisionKey(d.variant.variant, d.post)] = forced
            forcedList.append(forced)
        }
        let forcedScenarios = forcedList
        // A solve that fails (GLPK refuses the forced model) tells no tie: the decision is
        // read as the optimum's, as in the search (`Memo.plan`), and the run goes on.
        let one = planner.sequential
        let forcedPlans: [Plan?] = WorkerPool.map(count: forcedScenarios.count, parallelism: planner.parallelism) { k in
            (try? one.solve(forcedScenarios[k])).flatMap { $0.hasSolution ? $0 : nil }
        }
        var otherNow: [String: Plan] = [:]
        for (s, p) in zip(forcedScenarios, forcedPlans) { if let p { otherNow[s.variant] = p } }
        let forcedNow = forcedScenarios.compactMap { s in otherNow[s.variant].map { (s, $0) } }
        // Forced the other way, no plan at today's values (the post cannot be opened or closed there).
        let noOtherNow = forcedScenarios.filter { otherNow[$0.variant] == nil }
        /// Money a year as the answers now say it: whole units, and cents below 10 (a saving
        /// of 0.4 read "costs the budget 0 a year more": a hostile pass).
        func amount(_ x: Double) -> String { abs(x) < 10 ? Fmt.grouped(x, decimals: 2) : Fmt.money(x) }
        for (v, plan) in zip(variants, plans.dropFirst()) {
            // As `compare` gives it (`Fmt.difference`): the raw subtraction's noise read a lead
            // of 42,634.5 as 42,634 where `compare` said 42,635 (a new user).
            let delta = Fmt.difference(plan.netBenefit, basePlan.netBenefit)
            // Equal within the solver's tolerance (as the search reads it).
            let tie = isTie(delta, basePlan.netBenefit)
            let verb = delta >= 0 ? "beats" : "does worse than"
            if asksLead { questions.append((.init(variant: v.variant, kind: .beatsBaseline,
                                    now: tie ? "\(v.variant) ties with \(base.variant) (within the solver's tolerance, 1e-7 of the net benefit): no answer to flip; where the tie breaks is searched"
                                        : "\(v.variant) \(verb) \(base.variant) by \(amount(abs(delta))) a year",
                                    brief: tie ? "tie" : (delta > 0 ? "+" : "") + amount(delta),
                                    budgetSaved: Fmt.difference(basePlan.netCost, plan.netCost),
                                    recurringSaved: Fmt.difference(basePlan.netCost - basePlan.cost.closing - basePlan.cost.opening,
                                                                   plan.netCost - plan.cost.closing - plan.cost.opening)), base, v)) }
            if asksBudget {
                let saved = basePlan.netCost - plan.netCost
                let even = isTie(saved, basePlan.netCost)
                questions.append((.init(variant: v.variant, kind: .savesBudget,
                                        now: even ? "\(v.variant) costs the budget as much as \(base.variant) (within the solver's tolerance, 1e-7 of its cost net of income): no answer to flip; where the tie breaks is searched"
                                            : "\(v.variant) \(saved > 0 ? "saves" : "costs") the budget \(amount(abs(saved))) a year \(saved > 0 ? "against" : "more than") \(base.variant) (cost net of income)",
                                        brief: even ? "tie" : (saved > 0 ? "+" : "") + amount(saved)), base, v))
            }
            let open = Set(plan.open)
            for p in v.posts where baseOpen.contains(p.id) != open.contains(p.id) {
                involvedPosts.insert(p.id)
                if let forced = forcedFor[decisionKey(v.variant, p.id)] {
                    let decided = open.contains(p.id) ? "open" : "closed"
                    // A post the optimum decides one way while a plan deciding it the other
                    // is as good has no answer to flip: GLPK's pick between equally good plans
                    // is not a decision an input can move.
                    let other = otherNow[forced.variant]
                    let tied = decision(p.id, plan, other: other) == 0
                    questions.append((.init(variant: v.variant, kind: .postDecision(p.id),
                                            now: tied ? "\(p.id) is \(decided) in \(v.variant)'s optimum, and a plan that "
                                                + "\(open.contains(p.id) ? "closes" : "opens") it is as good (within the solver's tolerance, 1e-7 of the net benefit): no answer to flip; where the tie breaks is searched"
                                                : "\(p.id) is \(decided) in \(v.variant)'s optimum",
                                            brief: tied ? "tie" : decided), v, nil))
                }
            }
        }
        // The leads' size, which an input at 0 now is searched up to a multiple of
        // (`zeroValueBound`). When every variant ties the baseline, their leads say nothing of
        // the sums that can break the tie: the dearest post's running cost stands in (a post
        // worth 100 a year whose opening cost at 0 breaks a tie at 100 was searched to 10
        // only: a hostile pass).
        let leads = plans.dropFirst().map { abs($0.netBenefit - basePlan.netBenefit) }
        let allTied = leads.allSatisfy { isTie($0, basePlan.netBenefit) }
        let scale = max(1, allTied ? base.posts.map(\.annualCost).filter(\.isFinite).max() ?? 1 : leads.max() ?? 1)
        // The budget answers' own size (`zeroValueBound` searches an input at 0 now up to a
        // multiple of it): a closing cost the size of one year's saving reverses the saving,
        // and lay outside a range scaled by the leads alone (a hostile pass). The other
        // answers keep theirs, so that asking the budget too changes none of their rows.
        let budgetScale = max(scale, plans.dropFirst().map { abs($0.netCost - basePlan.netCost) }.max() ?? 1)
        var inputs: [Input]
        var limitsWithRoom: [MarginsResult.LimitWithRoom] = []
        if let only {
            for (k, path) in only.enumerated() where only[..<k].contains(path) {
                throw ParameterError("--param \(path) is given twice: each input is searched once")
            }
            inputs = try only.map { text throws(ParameterError) in
                let path: ParameterPath
                do throws(ParameterError) { path = try ParameterPath(text, in: base) } catch {
                    // `--param a,b` (as --variants and --lines take lists): one path a flag.
                    let parts = text.split(separator: ",").map(String.init)
                    if parts.count > 1, parts.allSatisfy({ (try? ParameterPath($0, in: base)) != nil }) {
                        throw ParameterError("--param \(text): one path per --param; give " + parts.map { "--param \($0)" }.joined(separator: " "))
                    }
                    throw error
                }
                // a margin is one number's: a wildcard would search all its items together
                if path.isWildcard { throw ParameterError("--param \(text): a margin is one number; name one item instead of *") }
                return input(path, base, file, scale: scale)
            }
        } else {
            // A network-wide limit is searched when it binds in a plan compared (no spare
            // diplomat; the budget within 1%): then it decides which posts compete for it.
            // One that leaves room is left out: a cap searched down to half its value
            // gives MIPs that take GLPK seconds each, for a flip far from any reading.
            var binding: Set<String> = []
            if plans.contains(where: { p in p.diplomatsMax.map { p.diplomatsUsed >= $0 - 0.5 } ?? false }) {
                binding.insert("rules.max_diplomats")
            }
            // Each scenario against its own budget: one only a variant sets binds there.
            if zip([base] + variants, plans).contains(where: { s, p in s.rules.budget.map { p.cost.total >= $0 - 0.01 * abs($0) } ?? false }) {
                binding.insert("rules.budget")
            }
            inputs = derivedInputs(base, posts: involvedPosts, file: file, scale: scale, binding: binding, compared: variants)
            // A limit the uncertainty section states a range for is searched anyway: not "not
            // searched" (a hostile pass: "Not searched: rules.budget" beside its rows).
            binding.formUnion(inputs.map(\.path.text).filter { $0 == "rules.max_diplomats" || $0 == "rules.budget" })
            // Said beside the answer: a new author's cap of 30 with 27 used flipped it at 26,
            // nearer than every input listed, and nothing said the cap was not searched.
            func n(_ x: Double) -> String { Fmt.grouped(x, decimals: x == x.rounded() ? 0 : 1) }
            // The plan nearest its own limit (a variant may set its own cap or budget).
            let capped = zip([base] + variants, plans).compactMap { s, p in p.diplomatsMax.map { (s.variant, p.diplomatsUsed, $0) } }
            if !binding.contains("rules.max_diplomats"), base.formatVersion >= 2, let near = capped.min(by: { $0.2 - $0.1 < $1.2 - $1.1 }) {
                limitsWithRoom.append(.init(path: "rules.max_diplomats", variant: near.0, used: near.1, limit: near.2,
                                            room: "\(n(near.1)) of \(n(near.2)) diplomats used in \(near.0), the nearest its cap"))
            }
            let budgeted = zip([base] + variants, plans).compactMap { s, p in s.rules.budget.map { (s.variant, p.cost.total, $0) } }
            if !binding.contains("rules.budget"), let near = budgeted.min(by: { ($0.2 - $0.1) / abs($0.2) < ($1.2 - $1.1) / abs($1.2) }) {
                limitsWithRoom.append(.init(path: "rules.budget", variant: near.0, used: near.1, limit: near.2,
                                            room: "\(Fmt.money(near.1)) of \(Fmt.money(near.2)) spent in \(near.0), the nearest its budget"))
            }
        }
        for k in inputs.indices { inputs[k].lattice = lattice(inputs[k].path, in: [base] + variants) }
        let searchedInputs = inputs
        // The same inputs as the budget answers search them (only an input at 0 now differs).
        let budgetInputs = !asksBudget || budgetScale == scale ? inputs : inputs.map { i in
            var j = input(i.path, base, file, scale: budgetScale)
            j.lattice = i.lattice
            return j
        }
        // An input the scenario a question moves does not have (a limit the variant leaves
        // unset, or removes) has no value to move there: such questions are not searched
        // over it, and an input that no question can move is refused.
        @Sendable func moves(_ input: Input, _ q: (MarginsResult.Question, Scenario, Scenario?)) -> Bool { input.path.value(in: q.2 ?? q.1) != nil }
        // (No question at all is asked only of answers `requireAnswers` let pass: no rows.)
        if only != nil, !questions.isEmpty, let input = inputs.first(where: { i in !questions.contains { moves(i, $0) } }) {
            throw ParameterError("--param \(input.path.text): no variant compared has a value of it (each leaves it unset or removes it; "
                                 + "a value the baseline alone has is not moved), so no answer has one to move; set it in a variant "
                                 + "(set: {\(input.path.text): VALUE}) to search it")
        }
        // One job per input, in parallel on the worker pool: its questions share
        // the solves at each value tried (the baseline's for every variant, a
        // variant's for its post decisions), and the plans at today's values.
        let solo = planner.sequential
        let solved = Array(zip([base] + variants, plans))
        let asked = questions
        let total = searchedInputs.count
        asking?(asked.count, asked.filter { if case .postDecision = $0.0.kind { true } else { false } }.count, total,
                decisions.filter { !asks($0.post) }.count)
        var finished: (@Sendable (Int) -> Void)? = nil
        if let progress { finished = { @Sendable done in progress("input", done, total) } }
        let perInput = WorkerPool.map(count: searchedInputs.count, parallelism: planner.parallelism, finished: finished) { k -> [MarginsResult.Row] in
            let input = searchedInputs[k]
            var memo = Memo(input: input, planner: solo)
            // Each scenario's plan is its plan at its own value of the input (a variant may set it).
            for (s, plan) in solved + forcedNow {
                memo.own[s.variant] = plan
                if let x = input.path.value(in: s) { memo.plans[Memo.Key(variant: s.variant, x: x)] = plan }
            }
            for s in noOtherNow { if let x = input.path.value(in: s) { memo.failed.insert(Memo.Key(variant: s.variant, x: x)) } }
            return asked.compactMap { q, a, b in
                // A limit the moved scenario does not set (a budget only another variant has,
                // or one this variant removes) is not this question's input: searching it
                // would impose a budget the scenario does not assume.
                if !moves(input, (q, a, b)) { return nil }
                let budget = q.kind == .savesBudget
                return search(q, a, b, inputMoved(budget ? budgetInputs[k] : input, in: b ?? a, file: file, scale: budget ? budgetScale : scale),
                              memo: &memo, tolerance: tolerance)
            }
        }
        let results = perInput.flatMap { $0 }
        // Flips first, nearest first; then the ties now that break, nearest break first; then
        // the rest by input (the ties' breaks sat among the rows without a flip, by name: a
        // hostile pass).
        func group(_ r: MarginsResult.Row) -> Int { r.flipsAt != nil ? 0 : r.tieBreaksAt != nil ? 1 : 2 }
        let rows = results.sorted { x, y in
            if group(x) != group(y) { return group(x) < group(y) }
            switch (x.relativeChange ?? x.change.map { _ in .infinity }, y.relativeChange ?? y.change.map { _ in .infinity }) {
            case let (a?, b?): return (abs(a), x.input) < (abs(b), y.input)
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.input < y.input
            }
        }
        let elapsed = clock.now - started
        var result = MarginsResult(comparison: request.name, baseline: request.baseline, questions: questions.map(\.0), rows: rows,
                                   tolerance: tolerance, solves: plans.count + results.reduce(0) { $0 + $1.solves },
                                   seconds: elapsed.inSeconds)
        (result.scenario, result.changes, result.currency) = (file.base.name, file.changes, file.base.currency)
        result.capacityInUnits = file.base.formatVersion >= 2
        result.withoutPlan = withoutPlan
        result.limitsWithRoom = limitsWithRoom
        result.unaskedDecisions = decidedOtherwise.filter { !asks($0) }
        // Each input in the scenario's own words, beside its path (the base's names: a
        // variant renames no post or country).
        for i in result.rows.indices { result.rows[i].label = InputLabel.label(result.rows[i].input, in: file.base) }
        return result
    }

    /// The end of a flip's bracket farther from the value now `x0`: where the answer has changed.
    static func farEnd(of bracket: ClosedRange<Double>, from x0: Double) -> Double {
        abs(bracket.upperBound - x0) >= abs(bracket.lowerBound - x0) ? bracket.upperBound : bracket.lowerBound
    }

    /// An answer named in `run`'s `answers`: `lead` (each variant against the baseline),
    /// `budget` (whether each variant still saves the budget against it, asked only when
    /// named), or a post's decisions, by its id or as `post:ID` (for a post whose id is
    /// `lead`, `budget` or `all`).
    public enum Answer: Sendable, Equatable {
        case lead
        case budget
        case post(String)

        /// Reads `lead`, `budget`, `post:ID` or `ID`.
        public init(_ text: String) {
            if text == Margins.leadAnswer { self = .lead }
            else if text == Margins.budgetAnswer { self = .budget }
            else if text.hasPrefix("post:") { self = .post(String(text.dropFirst(5))) }
            else { self = .post(text) }
        }
    }

    /// The name of the answers "each variant against the baseline" in `run`'s `answers`
    /// (`dipnet margins --answers lead`).
    public static let leadAnswer = "lead"
    /// The name of the answers "each variant saves the budget against the baseline"
    /// (`MarginsResult.Question.Kind.savesBudget`; `dipnet margins --answers budget`). Not
    /// among the answers asked by default, nor by `all`: it is known only at the values
    /// solved.
    public static let budgetAnswer = "budget"
    /// The answers' names a post's id must be given as `post:ID` for.
    public static let reservedAnswers = [leadAnswer, budgetAnswer, allAnswer]
    /// What the command line calls every answer (`--answers all`, `run`'s `answers: nil`):
    /// a post whose id is `all` is named `post:all` there, as one named `lead` is `post:lead`.
    public static let allAnswer = "all"

    /// The comparison's baseline and variants with their plans now (the baseline's first).
    ///
    /// With `keepingVariantsWithoutPlan: false`, the variants without a plan are left out
    /// (returned in `withoutPlan` with their status, in order), as long as the baseline and
    /// one variant have one: an analyst's comparison with one infeasible variant lost the
    /// flips of all the others.
    ///
    /// - Throws: `ScenarioError` for an unknown variant, `NoPlanError` when one has no plan
    ///   (with `keepingVariantsWithoutPlan: false`: when the baseline or every variant has
    ///   none), the solver's errors.
    static func solveCompared(_ file: ScenarioFile, _ request: ComparisonRequest, planner: Planner, keepingVariantsWithoutPlan: Bool = true) throws
        -> (base: Scenario, variants: [Scenario], plans: [Plan], withoutPlan: [(variant: String, status: String)]) {
        let base = try file.scenario(request.baseline)
        let variants = try request.variants.map { name throws(ScenarioError) in try file.scenario(name) }
        let plans = try planner.solveAll([base] + variants)
        let bad = zip([base] + variants, plans).filter { !$0.1.hasSolution }.map { ($0.0.variant, $0.1.status) }
        if bad.isEmpty { return (base, variants, plans, []) }
        let text = bad.map { "\($0.0) (\($0.1))" }.joined(separator: ", ")
        if keepingVariantsWithoutPlan || !plans[0].hasSolution || !plans.dropFirst().contains(where: \.hasSolution) {
            throw NoPlanError("no plan for \(text): there is no answer to flip")
        }
        let kept = zip(variants, plans.dropFirst()).filter { $0.1.hasSolution }
        return (base, kept.map(\.0), [plans[0]] + kept.map(\.1), bad.map { (variant: $0.0, status: $0.1) })
    }

    /// The inputs that bear on the decisions about `posts`: their costs (and
    /// diplomats, under a diplomats rule) and those of the posts that can take over
    /// (any other post in one of their countries or covering one), the demand, scores
    /// and interests of their countries and of the countries they cover, partner
    /// offers there (capacity, fee), the global shares,
    /// weights, fee incomes and penalties, the limits named in `binding`
    /// (`rules.budget`, `rules.max_diplomats`: those that bind in a plan compared);
    /// and every input the file's `uncertainty:`
    /// section draws (the horizon, remote-case costs, interest shares, …).
    static func derivedInputs(_ s: Scenario, posts: Set<String>, file: ScenarioFile, scale: Double,
                              binding: Set<String> = [], compared: [Scenario] = []) -> [Input] {
        var paths: [String] = []
        let v2 = s.formatVersion >= 2
        let decided = s.posts.filter { posts.contains($0.id) }
        let homes = Set(decided.map(\.country))
        // What each post covers in any scenario compared (a variant may give a post new
        // countries: a post covering the decided post's country only in a variant was left out,
        // and its running cost flipped the answer at +122%, a hostile check's case).
        var covers: [String: Set<String>] = [:]
        for t in [s] + compared { for p in t.posts { covers[p.id, default: []].formUnion(p.covers) } }
        // The countries whose presence or service the decisions move: the posts' own and those
        // they cover (accreditation and remote service).
        let countries = homes.union(decided.flatMap { covers[$0.id] ?? [] })
        // The posts that can take over there: any other post in, or covering, a decided post's
        // country. Panama City's running cost flipped the Havana answer with the assumed Spanish
        // visa offer (+19.8%) and was searched only with --param.
        let neighbours = s.posts.filter { p in
            !posts.contains(p.id) && (homes.contains(p.country) || !(covers[p.id] ?? []).isDisjoint(with: homes))
        }
        // The services with cases in those countries: a post's cost of handling them is a
        // cost of the decision as its running cost is (the letter's case is consular work;
        // case costs were searched only with --param).
        let served = s.services.indices.filter { k in s.countries.contains { countries.contains($0.id) && k < $0.demands.count && $0.demands[k] > 0 } }
        var onDefault = Set<Int>()
        for p in decided + neighbours {
            paths.append("posts.\(p.id).annual_cost")
            paths.append(p.status == .existing ? "posts.\(p.id).close_cost" : "posts.\(p.id).open_cost")
            if v2, s.rules.maxDiplomats != nil, p.diplomats > 0 { paths.append("posts.\(p.id).diplomats") }
            // Only the services the post offers in some scenario compared: the cost of a case it
            // cannot handle bears on nothing (an honorary consul offering assistance only had its
            // documents and visa costs searched, "no flip" rows that said nothing).
            let offered = served.filter { k in
                ([s] + compared).contains { t in t.posts.first { $0.id == p.id }.map { t.offers($0, service: k) } ?? false }
            }
            if v2, s.servicesDeclared, s.services.count > 1 {
                for k in offered { paths.append("posts.\(p.id).case_cost.\(s.services[k].id)") }
            } else if !offered.isEmpty {
                paths.append("posts.\(p.id).case_cost")
            }
            for k in offered where p.caseCosts[s.services[k].id] == nil && p.caseCost == nil { onDefault.insert(k) }
        }
        // The network's default case cost, where one of those posts takes it.
        if v2, s.servicesDeclared {
            for k in served.sorted() where onDefault.contains(k) { paths.append("services.\(s.services[k].id).case_cost") }
        } else if !onDefault.isEmpty {
            paths.append("costs.case_cost")
        }
        for c in s.countries where countries.contains(c.id) {
            if v2, s.servicesDeclared {
                for (k, sv) in s.services.enumerated() where c.demands[k] > 0 { paths.append("countries.\(c.id).demand.\(sv.id)") }
            } else if c.demand > 0 {
                paths.append("countries.\(c.id).demand")
            }
            for k in s.criteria where (c.scores[k.id] ?? 0) > 0 || k.weight > 0 { paths.append("countries.\(c.id).scores.\(k.id)") }
            for (k, i) in s.interests.enumerated() where k < c.interests.count && c.interests[k] > 0 {
                paths.append("countries.\(c.id).interests.\(i.id)")
            }
            for r in s.partners where r.country == c.id {
                paths.append("partners.\(r.id).capacity")
                if r.fees == nil { paths.append("partners.\(r.id).fee") }
                else { for (k, sv) in s.services.enumerated() where s.takes(r, service: k) { paths.append("partners.\(r.id).fee.\(sv.id)") } }
            }
        }
        paths += ["presence.accredited", "presence.represented"]
        // The network-wide limits the file sets: a cap that binds decides which posts
        // compete for it (a diplomat fewer can close a post elsewhere).
        // (set by the baseline or only by a variant: binding says a compared plan meets it)
        if binding.contains("rules.budget") { paths.append("rules.budget") }
        if v2, binding.contains("rules.max_diplomats") { paths.append("rules.max_diplomats") }
        paths += s.criteria.map { "criteria.\($0.id).weight" }
        if v2 {
            for sv in s.services {
                if sv.feeIncome > 0 { paths.append("services.\(sv.id).fee_income") }
                paths.append("services.\(sv.id).unserved_penalty")
            }
            for i in s.interests where countries.contains(where: { c in s.country(c).map { k in
                (s.interests.firstIndex { $0.id == i.id }).map { $0 < k.interests.count && k.interests[$0] > 0 } ?? false } ?? false }) {
                paths += ["interests.\(i.id).accredited", "interests.\(i.id).represented"]
            }
        } else {
            paths.append("costs.unserved_case_penalty")
        }
        // Every number the file's `uncertainty:` section draws, a wildcard's items one by
        // one (those a relative draw leaves at 0 are not uncertain): its stated ranges are
        // the ones an analyst quotes.
        for p in ([s] + compared).flatMap({ ranges(file, in: $0).map(\.range) }) {
            for text in items(of: p.path.text, in: s) {
                if p.relative, ((try? ParameterPath(text, in: s))?.value(in: s) ?? 0) == 0 { continue }
                paths.append(text)
            }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }.compactMap { text in
            (try? ParameterPath(text, in: s)).map { input($0, s, file, scale: scale) }
        }
    }

    /// The ranges of the file's `uncertainty:` section that hold in the variant `s` was
    /// solved as (its name before any suffix a search adds): every range without `within`,
    /// and one `within` variants only where that variant is built on one of them
    /// (`UncertaintySpec.Parameter.holds(inSteps:)`), so that the government's reinforcements
    /// are a stated range for a comparison of its variants and none for the neutral ones.
    /// In the section's order, drawn ranges first; `statedOnly` for a `draw: false` one.
    static func ranges(_ file: ScenarioFile, in s: Scenario) -> [(range: UncertaintySpec.Parameter, statedOnly: Bool)] {
        guard let u = file.uncertainty else { return [] }
        let all = u.parameters.map { ($0, false) } + u.stated.map { ($0, true) }
        guard all.contains(where: { $0.0.within != nil }) else { return all }
        let name = String(s.variant.prefix { $0 != "\u{1F}" })
        let steps = ((try? file.chain(of: name))?.steps ?? []).map(\.name)
        return all.filter { $0.0.holds(inSteps: steps) }
    }

    /// A path with `*` for an id as one path per item of the scenario (in its order), e.g.
    /// `countries.*.demand` → `countries.AUT.demand`, …; a path without `*` as itself.
    static func items(of text: String, in s: Scenario) -> [String] {
        var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let star = parts.firstIndex(of: "*") else { return [text] }
        let ids: [String] = switch star > 0 ? parts[star - 1] : "" {
        case "countries": s.countries.map(\.id)
        case "posts": s.posts.map(\.id)
        case "partners": s.partners.map(\.id)
        case "criteria": s.criteria.map(\.id)
        case "services", "demand", "case_cost", "fee": s.services.map(\.id)   // countries.X.demand.*, posts.X.case_cost.*, partners.X.fee.*
        case "interests": s.interests.map(\.id)
        case "scores": s.criteria.map(\.id)
        default: []
        }
        return ids.flatMap { id -> [String] in
            parts[star] = id
            return items(of: parts.joined(separator: "."), in: s)
        }.filter { (try? ParameterPath($0, in: s)) != nil }
    }

    /// Whether a path of the uncertainty section (`*` for any id) names `text`.
    static func names(_ pattern: String, _ text: String) -> Bool {
        let a = pattern.split(separator: ".", omittingEmptySubsequences: false), b = text.split(separator: ".", omittingEmptySubsequences: false)
        return a.count == b.count && zip(a, b).allSatisfy { $0 == "*" || $0 == $1 }
    }

    /// A discrete stated distribution with at most this many values has each value solved for
    /// the share of its draws where an input searched as a real number reverses the answer.
    static let discreteValuesSolved = 64

    /// The search range of an input: 0 to 3× its value (shares: 0…1), widened
    /// to its stated range (none for a relative range of a value of 0). An input
    /// at 0 is searched up to a bound in its own unit (`zeroValueBound`).
    static func input(_ path: ParameterPath, _ s: Scenario, _ file: ScenarioFile, scale: Double) -> Input {
        let current = path.value(in: s) ?? 0
        var stated: ClosedRange<Double>? = nil, drawn: UncertaintySpec.Parameter? = nil
        // A range relative to a value of 0 states nothing (0–0): such an input (a
        // partner offer only a variant switches on) has no stated range here.
        // the item's own line, else a wildcard line that names it
        let specs = ranges(file, in: s)
        var statedOnly = false
        let k = specs.firstIndex(where: { $0.range.path.text == path.text }) ?? specs.firstIndex(where: { names($0.range.path.text, path.text) })
        var factorsAtZero: ClosedRange<Double>? = nil
        if let k, specs[k].range.relative, current == 0 { factorsAtZero = specs[k].range.distribution.support(normalSDs: 2) }
        if let k, !(specs[k].range.relative && current == 0) {
            stated = support(specs[k].range.distribution, relative: specs[k].range.relative, current: current)
            drawn = specs[k].range
            // The range shown is one `simulate` does not draw (a drawn `*` line over the same
            // number draws its own range, which the reader warns of).
            statedOnly = specs[k].statedOnly
        }
        let cap = path.range.upperBound
        var upper = current > 0 ? 3 * current : (cap <= 1 ? 1 : zeroValueBound(path, s, scale: scale))
        if let st = stated { upper = max(upper, st.upperBound) }
        upper = min(upper, cap)
        let lower = min(0, stated?.lowerBound ?? 0)
        var input = Input(path: path, current: current, searched: max(path.range.lowerBound, lower)...max(upper, current), stated: stated, drawn: drawn)
        input.statedOnly = statedOnly
        input.factorsAtZero = factorsAtZero
        if k == nil, let u = file.uncertainty {
            let elsewhere = (u.parameters + u.stated).first { $0.within != nil && ($0.path.text == path.text || names($0.path.text, path.text)) }
            input.statedWithin = elsewhere?.within
        }
        return input
    }

    /// How far an input whose value is 0 is searched, in the input's unit:
    /// - money a case (a fee, a fee income, a penalty, a case cost): 3× the largest
    ///   money-a-case figure of the scenario (its costs, services, posts, partner fees);
    /// - cases a year (a capacity, a demand): 3× the largest demand of a country;
    /// - a score: 100 points;
    /// - a post's diplomats: 3× the most any post needs, at least 10 and past the cap;
    /// - the diplomat cap: every post's diplomats together, at least 10; the closures or
    ///   openings allowed: the existing posts or the candidates;
    /// - money a year (running, opening and closing costs, weights): 10× `scale`,
    ///   the comparison's largest net-benefit difference (for a budget answer, or its
    ///   largest difference in cost net of income if larger).
    /// A searched fee of EUR 4.7 M a case (10× a yearly difference) read as nonsense.
    static func zeroValueBound(_ path: ParameterPath, _ s: Scenario, scale: Double) -> Double {
        func bound(_ figures: [Double]) -> Double {
            let largest = figures.filter(\.isFinite).max() ?? 0
            return largest > 0 ? 3 * largest : 10 * scale
        }
        switch path.target {
        case .countryScore: return 100
        case .partner(_, .fee), .partnerServiceFee, .post(_, .caseCost), .postServiceCaseCost,
             .service(_, .caseCost), .service(_, .unservedPenalty), .service(_, .feeIncome), .caseCost, .unservedPenalty:
            var figures = [s.costs.caseCost, s.costs.unservedCasePenalty]
            for sv in s.services { figures += [sv.caseCost ?? 0, sv.unservedPenalty ?? 0, sv.feeIncome] }
            for p in s.posts { figures.append(p.caseCost ?? 0); figures += p.caseCosts.values }
            for r in s.partners { figures.append(r.fee); figures += (r.fees ?? [:]).values }
            return bound(figures)
        case .partner(_, .capacity), .post(_, .capacity), .countryDemand:
            return bound(s.countries.map(\.demand))
        case .maxDiplomats:
            // A cap: up to every post's diplomats together, where it no longer binds (at least
            // 10). A cap of 0 was searched up to 10× a yearly difference: 60 M diplomats.
            return max(10, s.posts.map(\.diplomats).filter(\.isFinite).reduce(0, +))
        case .maxClosures:
            return Double(max(1, s.posts.filter { $0.status == .existing }.count))
        case .maxOpenings:
            return Double(max(1, s.posts.filter { $0.status != .existing }.count))
        case .post(_, .diplomats):
            // Diplomats: 3× the most any post needs, at least 10, and past the cap, where the
            // post can no longer open (a post at 0 was searched up to 10× a yearly difference:
            // 150 M diplomats, with a final bracket 0.1 wide from the range's width, a hostile
            // check's case).
            let most = s.posts.map(\.diplomats).filter(\.isFinite).max() ?? 0
            return max(10, 3 * most, (s.rules.maxDiplomats ?? 0) + 1)
        default:
            return 10 * scale
        }
    }

    static func support(_ d: Distribution, relative: Bool, current: Double) -> ClosedRange<Double> {
        let r = d.support(normalSDs: 2)
        return relative ? (current * r.lowerBound)...(current * r.upperBound) : r
    }

    /// Searches one input for the nearest flip of one question.
    /// The plans of one input's searches, by variant and value: a value tried
    /// for one question is not solved again for another.
    struct Memo {
        struct Key: Hashable { var variant: String; var x: Double }
        let input: Input
        let planner: Planner
        var plans: [Key: Plan] = [:]
        /// Each scenario's plan with the input at the scenario's own value.
        var own: [String: Plan] = [:]
        var failed: Set<Key> = []
        /// Values a variant refuses (a share it derives would leave 0…1), by variant: the
        /// one nearest the value now and why, so that "no flip" is not read as tried.
        var refused: [String: (x: Double, why: String)] = [:]
        /// Solves that failed (the solver refused the model: a number GLPK cannot take), by
        /// variant: the one nearest the value now and the error, on one line (200 characters at most).
        var errors: [String: (x: Double, why: String)] = [:]
        /// The scenario a variant has no plan in (infeasible), nearest the value now, by
        /// variant: the search's limit is diagnosed from it once (`whyNoPlan`).
        var infeasible: [String: (x: Double, scenario: Scenario)] = [:]
        /// The diagnosis's first finding for each variant's nearest infeasible value.
        var diagnosed: [Key: String] = [:]
        /// Each variant's last plan kept: a new plan's objective, bounds and solution equal to
        /// its share their storage (`keep`), since a search holds every plan it solves.
        var last: [String: Plan] = [:]
        /// Solves actually run (not found in the memo).
        var solves = 0
        /// The value solved for `x`: its nearest value of the lattice for a count (`Input.lattice`).
        func at(_ x: Double) -> Double { input.lattice?.nearest(x) ?? x }
        /// `plan` with its large arrays that equal those of the variant's last plan kept
        /// sharing that plan's storage (copy on write: the values are the same). An input of
        /// the objective leaves the bounds alike, one of the feasible set the objective, and
        /// neighbouring values often the solution: `compare … havana-letter --flips` held
        /// 1.2 GB of such copies (a new analyst's run).
        mutating func keep(_ plan: Plan, of variant: String) -> Plan {
            var p = plan
            if let prev = last[variant] {
                if var f = p.objectiveFacts, let g = prev.objectiveFacts {
                    if f.coefficients == g.coefficients { f.coefficients = g.coefficients }
                    if f.lower == g.lower { f.lower = g.lower }
                    if f.upper == g.upper { f.upper = g.upper }
                    p.objectiveFacts = f
                }
                if let x = p.solution, let y = prev.solution, x == y { p.solution = y }
            }
            last[variant] = p
            return p
        }

        /// Why `variant` has no plan at `x`: a finding of the infeasibility diagnosis
        /// (`Diagnose`), run once: the rule that must give alone, else the forced decisions,
        /// else the combined relaxation, else a precheck (whose reading of coverage by
        /// `covers` lists may miss what `reach_km` serves: a hostile pass's budget case was
        /// blamed on coverage); its first letter lowered, as it follows "there,". Nil unless
        /// `x` is the variant's infeasible value nearest the value now.
        mutating func whyNoPlan(_ variant: String, at x: Double) -> String? {
            guard let (at, t) = infeasible[variant], at == self.at(x) else { return nil }
            let key = Key(variant: variant, x: at)
            if let said = diagnosed[key] { return said }
            let solo = Planner(options: planner.options, parallelism: 1)
            guard let findings = (try? Diagnose.run(t, planner: solo))?.findings,
                  let finding = ["rule", "forced", "together", "precheck"].lazy.compactMap({ k in findings.first { $0.kind == k } }).first
                    ?? findings.first else { return nil }
            var said = finding.message.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            if let first = said.first, first.isUppercase, said.dropFirst().first?.isLowercase == true {
                said = first.lowercased() + said.dropFirst()
            }
            diagnosed[key] = said
            return said
        }

        /// The plan of `s` with the input at `x` (at its nearest whole value for a count);
        /// nil when it cannot be set or solved.
        mutating func plan(_ s: Scenario, at x: Double) -> Plan? {
            let x = at(x)
            let key = Key(variant: s.variant, x: x)
            if let p = plans[key] { return p }
            if failed.contains(key) { return nil }
            // Interrupted (Ctrl-C): nothing more is solved, so that every search ends at once;
            // the command writes nothing of it (each solve returned at once, but the searches
            // went on asking, and the command took 10-20 s to stop: a hostile pass).
            if planner.isCancelled { return nil }
            var t = s
            do throws(ParameterError) { try input.path.set(&t, to: x) } catch {
                failed.insert(key)
                if refused[s.variant].map({ abs(x - input.current) < abs($0.x - input.current) }) ?? true {
                    refused[s.variant] = (x, error.description)
                }
                return nil
            }
            solves += 1
            let solved: Plan
            do { solved = try planner.solve(t) } catch {
                failed.insert(key)
                if errors[s.variant].map({ abs(x - input.current) < abs($0.x - input.current) }) ?? true {
                    let text = String(describing: error).split(whereSeparator: \.isNewline)
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
                    errors[s.variant] = (x, text.count > 200 ? String(text.prefix(200)) + "…" : text)
                }
                return nil
            }
            guard solved.hasSolution else {
                failed.insert(key)
                if solved.status == "infeasible", infeasible[s.variant].map({ abs(x - input.current) < abs($0.x - input.current) }) ?? true {
                    infeasible[s.variant] = (x, t)
                }
                return nil
            }
            let p = keep(solved, of: s.variant)
            plans[key] = p
            return p
        }
    }

    /// What the model's structure (docs/model.md) says of how an input moves a scenario's
    /// optimum, where the plans solved cannot show it: `search` reads an objective affine in
    /// the input, or bounds that move one way, from the plans themselves; these inputs move a
    /// row's coefficients or an equality's right-hand side.
    enum Structure: Equatable {
        /// The optimum is monotone in the input, so between its values at a stretch's ends.
        case monotone
        /// The objective affine in the input's reciprocal, the feasible set the same: the
        /// optimum is convex in it (the horizon without a budget imposed).
        case reciprocal
        /// The optimum falls by at most `down` and rises by at most `up` (money a year) for
        /// each unit the input rises.
        case rates(down: Double, up: Double)
    }

    /// How `path` moves the optimum of `s` by the model's structure (model.md, format
    /// version 2; every cost, fee and penalty is ≥ 0, as the reader requires), nil where
    /// it says nothing:
    /// - a post's capacity `Q_p` (capacity row `Σ w_s·x_cps ≤ Q_p·y_p`): a plan feasible at
    ///   one capacity is feasible at every larger one, the objective the same: monotone;
    /// - a post's diplomats `m_p` (`max_diplomats`: `Σ m_p·y_p ≤ N`) and a service's
    ///   workload `w_s` (capacity rows): the same, narrowing;
    /// - a post's reach `reach_km`: every country within it gains the post's flows and its
    ///   accredited presence, which only widens the feasible set: monotone;
    /// - a partner offer's capacity `cap_r`, without a budget or coverage rule imposed: every
    ///   plan of posts stays feasible at every capacity, and each one's optimum rises by the
    ///   capacity row's dual, at most `π_s − h_rs` for a service `s` the offer takes (the
    ///   demand row's dual is at least `−π_s`): `rates(down: 0, up:)`;
    /// - the horizon `H`: one-off costs `X_p/H` and `O_p/H` enter the objective, so without
    ///   a budget imposed each plan's net benefit is affine in `1/H` and the optimum convex in
    ///   it (`reciprocal`); with one they enter the budget row too, and as they fall (each
    ///   ≥ 0) when the horizon rises, every plan feasible at one horizon is feasible and no
    ///   worse at a longer one: monotone;
    /// - a demand `D_cs` (demand row `Σ_p x_cps + Σ_r z_rs + u_cs = D_cs`, links
    ///   `x_cps ≤ D_cs·y_p`): one case more can go unserved, at `π_s`, so the optimum falls by
    ///   at most `π_s` a case; one case fewer is taken from whoever handled it (a flow above
    ///   the lower link first), which earns at most `max(−π_s, −h_rs, f_s − g_ps)` (the remote
    ///   cost only adds to a case's cost), and lowers no cost the budget counts: the optimum
    ///   rises by at most that. A demand of every service together moves each in proportion.
    ///   Not under a `min_coverage` rule that counts the service (its right-hand side moves
    ///   too), unless the scenario is evaluated (rules are then checked, not imposed).
    static func structure(of path: ParameterPath, in s: Scenario) -> Structure? {
        switch path.target {
        case .post(_, .capacity), .post(_, .diplomats), .post(_, .reachKm), .service(_, .workload):
            return .monotone
        case .partner(let id, .capacity):
            // Without a budget or a coverage rule imposed, every plan of posts stays feasible at
            // every capacity (a case can go unserved), so the optimum is the best of concave
            // functions of the capacity, one per plan of posts, each rising by the capacity row's
            // dual: at most π_s − h_rs for a service the offer takes (the case it takes would
            // otherwise go unserved at π_s, or be handled more cheaply: a demand row's dual is at
            // least −π_s).
            let evaluated = s.mode == .evaluate
            guard evaluated || (s.rules.budget == nil && s.rules.minCoverage == nil && s.rules.minCoverageByService.isEmpty),
                  let r = s.partners.first(where: { $0.id == id }) else { return nil }
            var up = 0.0
            for k in s.services.indices where s.takes(r, service: k) {
                let penalty = s.unservedPenalty(service: k)
                guard penalty >= 0, penalty.isFinite else { return nil }
                up = max(up, penalty - s.fee(r, service: k))
            }
            return .rates(down: 0, up: up)
        case .horizon:
            // Without a budget imposed, only the objective moves, affine in 1/H.
            if s.mode == .evaluate || s.rules.budget == nil { return .reciprocal }
            return s.posts.allSatisfy({ $0.closeCost >= 0 && $0.openCost >= 0 }) ? .monotone : nil
        case .countryDemand(let id, let service):
            guard let c = s.country(id), s.costs.remoteCaseCostPer1000km >= 0 else { return nil }
            let n = s.services.count
            // The share of each service in a unit of the input (`Country.demand`'s setter).
            var share = [Double](repeating: 0, count: n)
            if let service {
                guard let k = s.serviceIndex(service), k < c.demands.count else { return nil }
                share[k] = 1
            } else {
                guard c.demands.count == n else { return nil }
                let total = c.demand
                for k in 0..<n { share[k] = n == 1 ? 1 : total > 0 ? c.demands[k] / total : 1 / Double(n) }
            }
            let evaluated = s.mode == .evaluate
            if !evaluated && s.rules.minCoverage != nil { return nil }
            var (down, up) = (0.0, 0.0)
            for k in 0..<n where share[k] > 0 {
                if !evaluated && s.rules.minCoverageByService.contains(where: { s.serviceIndex($0.service) == k }) { return nil }
                let penalty = s.unservedPenalty(service: k)
                var best = -penalty
                for r in s.partners where r.country == c.id && s.takes(r, service: k) { best = max(best, -s.fee(r, service: k)) }
                for p in s.posts where s.offers(p, service: k) { best = max(best, s.services[k].feeIncome - s.caseCost(post: p, service: k)) }
                guard penalty >= 0, best.isFinite else { return nil }
                down += share[k] * penalty
                up += share[k] * best
            }
            return .rates(down: down, up: up)
        default:
            return nil
        }
    }

    /// The key of a post's decision in a variant, for the posts a free optimum decides
    /// otherwise than the baseline (`run`).
    private static func decisionKey(_ variant: String, _ post: String) -> String { variant + "\u{1F}" + post }

    /// `s` with `post` forced open or closed, named apart (the memo keys plans by variant).
    static func forcing(_ s: Scenario, _ post: String, _ force: Post.Force) -> Scenario {
        var t = s
        t.variant = s.variant + "\u{1F}\(post)=\(force.rawValue)"
        if let k = t.posts.firstIndex(where: { $0.id == post }) { t.posts[k].force = force }
        return t
    }

    /// How much more the best plan that opens `post` earns than the best that closes it
    /// (money a year; + open), from `plan`, the optimum, and `other`, the best plan that
    /// decides the post otherwise (nil without one: then ±max(1, |net benefit|), the
    /// decision forced). A better plan the other way (a solve within a gap) decides it.
    static func openingLead(_ post: String, _ plan: Plan, other: Plan?) -> Double {
        let open = plan.open.contains(post)
        guard let other else { return (open ? 1 : -1) * max(1, abs(plan.netBenefit)) }
        return (open ? 1 : -1) * (plan.netBenefit - other.netBenefit)
    }

    /// The sign of a post's decision in `plan`, the optimum, against the best plan that
    /// decides it otherwise (`openingLead`): +1 open, -1 closed, 0 a tie (`isTie`).
    static func decision(_ post: String, _ plan: Plan, other: Plan?) -> Double {
        let d = openingLead(post, plan, other: other)
        return isTie(d, plan.netBenefit) ? 0 : (d > 0 ? 1 : -1)
    }

    /// The input as the scenario a question moves holds it: the same input when its value
    /// there is the baseline's, else its value, search range and stated range around the
    /// scenario's own value (a variant that sets the input assumes another value).
    static func inputMoved(_ input: Input, in s: Scenario, file: ScenarioFile, scale: Double) -> Input {
        guard let x = input.path.value(in: s), !same(x, input.current) else { return input }
        var moved = Margins.input(input.path, s, file, scale: scale)
        moved.lattice = input.lattice
        return moved
    }

    /// A net-benefit difference too small to be told from 0 at the solver's tolerance,
    /// relative to the net benefit compared with: a tie, not a win.
    static func isTie(_ difference: Double, _ netBenefit: Double) -> Bool { abs(difference) < 1e-7 * max(1, abs(netBenefit)) }

    /// Probes each side of an input may spend on stretches the bounds do not settle; a
    /// stretch still open when they run out is reported (`Row.unsettled`).
    static let probesPerSide = 32

    /// The most whole values of a count's stretch left open that are solved one by one
    /// (`Input.whole`): two solves each, a diplomat cap's MIPs taking GLPK up to a second
    /// or two on large networks. At 48 the Havana comparison's cap read "flips at 219" with
    /// 220–307 open, where the answer first turns at 237 (a re-solve check, 2026-12-04):
    /// nested feasible sets do not bound a lead that each diplomat moves by more than the
    /// lead, so such a stretch is only settled value by value.
    static let wholeValuesSolved = 256

    /// How far a range lies from `x`: 0 when it holds it.
    static func distance(_ r: ClosedRange<Double>, _ x: Double) -> Double {
        r.contains(x) ? 0 : min(abs(r.lowerBound - x), abs(r.upperBound - x))
    }

    /// A value the search tried, for a note: six significant digits (8002.93, not
    /// 8002.9296875), integers whole.
    /// A value where a search stopped, to six significant digits, thousands grouped
    /// ("150,078", "16,603.1", "0.11"), as the diagnosis beside it writes its figures.
    static func shown(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? (abs(x) >= 1000 ? Fmt.grouped(x, decimals: 0) : String(Int(x))) : Fmt.significant(x, digits: 6)
    }

    static func same(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-12 * max(abs(x), abs(y), 1) }

    static func search(_ q: MarginsResult.Question, _ a: Scenario, _ b: Scenario?, _ input: Input,
                       memo: inout Memo, tolerance: Double) -> MarginsResult.Row {
        let before = memo.solves
        // When the variant sets the input to another value than the baseline's, that value
        // is part of what the variant assumes: only the variant's is moved, the baseline
        // keeps its own (and its plan). Else both move together.
        let baseValue = b == nil ? nil : input.path.value(in: a)
        // A baseline without the input (no budget) keeps none: giving it the variant's
        // value would compare the variant with another baseline than the one asked about.
        let baseUnset = b.map { baseValue == nil && input.path.value(in: $0) != nil } ?? false
        let held = baseUnset || (baseValue.map { !same($0, input.current) } ?? false)
        // (the baseline's name, for the values solved of either side: `b` is a flip further down)
        let baselineVariant = b?.variant
        /// The answer at x as a number whose sign is the decision (nil: no plan there).
        func answer(_ x: Double) -> Double? {
            switch q.kind {
            case .beatsBaseline:
                guard let (d, nb) = lead(x) else { return nil }
                return isTie(d, nb) ? 0 : d
            case .savesBudget:
                guard let (d, cost) = saving(x) else { return nil }
                return isTie(d, cost) ? 0 : d
            case .postDecision(let post):
                // The optimum's decision alone: whether a plan that decides the post otherwise
                // is as good takes a second solve, spent by `settled` where it decides.
                guard let p = memo.plan(a, at: x) else { return nil }
                return p.open.contains(post) ? 1 : -1
            }
        }
        /// The answer at x with a post's ties told: 0 where a plan that decides the post
        /// otherwise is as good (`isTie`), as for a lead within the tolerance. Where GLPK's
        /// pick between equally good plans switched was reported as a flip (a hostile test's
        /// case). Spent at the value now, at the ends of each flip found and of each side
        /// without one, and beyond a tie (`resolve`): a band of ties inside a stretch where
        /// the solver keeps its pick is not looked for.
        func settled(_ x: Double) -> Double? {
            guard case .postDecision(let post) = q.kind else { return answer(x) }
            guard let (d, nb) = openingLead(post, x) else { return nil }
            return isTie(d, nb) ? 0 : (d > 0 ? 1 : -1)
        }
        /// For a post's decision at x: how much more the best plan that opens it earns than
        /// the best that closes it, as solved (`Margins.openingLead`), with the net benefit
        /// the tie tolerance is relative to; nil without a plan.
        func openingLead(_ post: String, _ x: Double) -> (Double, netBenefit: Double)? {
            guard let p = memo.plan(a, at: x) else { return nil }
            let other = memo.plan(forcing(a, post, p.open.contains(post) ? .closed : .open), at: x)
            return (Self.openingLead(post, p, other: other), p.netBenefit)
        }
        /// The variant's lead over the baseline at x as solved (ties not read as 0), with
        /// the net benefit the tie tolerance is relative to; nil without both plans.
        func lead(_ x: Double) -> (Double, netBenefit: Double)? {
            compared(x).map { pa, pb in (pb.netBenefit - pa.netBenefit, pa.netBenefit) }
        }
        /// The baseline's plan and the variant's at x (the baseline's own when it holds its
        /// value), nil without both: what `lead` and `saving` read.
        func compared(_ x: Double) -> (baseline: Plan, variant: Plan)? {
            let planA = held ? memo.own[a.variant] : memo.plan(a, at: x)
            guard let b, let pa = planA, let pb = memo.plan(b, at: x) else { return nil }
            return (pa, pb)
        }
        /// The budget the variant saves against the baseline at x as solved (ties not read
        /// as 0): the baseline's cost net of income minus the variant's (`Plan.netCost`,
        /// money a year), with the baseline's net cost the tie tolerance is relative to; nil
        /// without both plans. The plans are `lead`'s: the optima of net benefit.
        func saving(_ x: Double) -> (Double, netCost: Double)? {
            compared(x).map { pa, pb in (pa.netCost - pb.netCost, pa.netCost) }
        }
        /// The lead as solved, ties not read as 0: the variant's over the baseline, or the
        /// best plan opening the post over the best closing it.
        func rawAnswer(_ x: Double) -> Double? {
            switch q.kind {
            case .beatsBaseline: lead(x)?.0
            case .savesBudget: saving(x)?.0
            case .postDecision(let post): openingLead(post, x)?.0
            }
        }
        var solves: Int { memo.solves - before }
        /// For the diplomat cap, from x down: the least cap to which the answer at x is
        /// known to hold without a solve. Each plan the answer at x read is optimal at x and
        /// feasible at every cap from the diplomats it uses up to x (`Plan.diplomatsUsed`; a
        /// lower cap only narrows the feasible set, or for an elastic rule only lowers other
        /// plans' objectives), so it stays optimal there and every optimum, lead and decision
        /// read is the same (a flip there would be a tie). The most diplomats any of them
        /// uses; nil when one is not a proven optimum or the input is not the cap.
        func keptDownTo(_ x: Double) -> Double? {
            guard case .maxDiplomats = input.path.target else { return nil }
            var read: [Plan] = []
            switch q.kind {
            case .beatsBaseline, .savesBudget:
                if !held { guard let p = memo.plan(a, at: x) else { return nil }; read.append(p) }
                guard let b, let pb = memo.plan(b, at: x) else { return nil }
                read.append(pb)
            case .postDecision(let post):
                guard let p = memo.plan(a, at: x) else { return nil }
                read.append(p)
                // The plan deciding the post otherwise, when it has one: without one at x it
                // has none at a lower cap either.
                if let o = memo.plan(forcing(a, post, p.open.contains(post) ? .closed : .open), at: x) { read.append(o) }
            }
            guard read.allSatisfy({ $0.termination == .optimal && $0.diplomatsUsed.isFinite }) else { return nil }
            return read.map(\.diplomatsUsed).max()
        }
        /// The values of the input at which every scenario the answer needs has a plan.
        func solvedValues() -> Set<Double> {
            let needed = q.kind.isDifference ? (held ? [b!.variant] : [a.variant, b!.variant]) : [a.variant]
            var xs = Set(memo.plans.keys.filter { $0.variant == needed[0] }.map(\.x))
            for v in needed.dropFirst() { xs.formIntersection(memo.plans.keys.filter { $0.variant == v }.map(\.x)) }
            return xs
        }
        /// The objective and feasible-set facts of every plan of `s` solved so far, with the
        /// input's value (in no order), which `slope` and `nesting` read.
        func solvedFacts(_ s: Scenario) -> [(x: Double, facts: ObjectiveFacts)] {
            memo.plans.compactMap { key, plan in key.variant == s.variant ? plan.objectiveFacts.map { (key.x, $0) } : nil }
        }
        /// `slope`'s answer per scenario, with the number of plans it was read from.
        var slopes: [String: (count: Int, slope: (coefficients: [(Int, Double)], constant: Double)?)] = [:]
        /// What is known of one scenario's optimum between two solved values u < w of an
        /// input, in one of two shapes. For an input of its objective alone (`slope`: the
        /// same feasible set at every value solved, the objective affine in the input) the
        /// optimum is convex in the input (a maximum of lines, one per plan), so at most the
        /// chord between its values at u and w, and at least the line of either plan (each
        /// feasible throughout, its value linear). For an input of its feasible set alone
        /// (`nesting`: the same objective, each bound moving one way with the input, as a
        /// capacity or a limit does) the feasible sets are nested, so the optimum is monotone
        /// in the input: between its values at u and w. Nil for any other input.
        struct Sandwich {
            var u: Double, w: Double
            var atU: Double, atW: Double
            /// For an input of the objective: the plan optimal at u, valued at w; the plan
            /// optimal at w, valued at u. Nil for an input of the feasible set.
            var lines: (planUAtW: Double, planWAtU: Double)?
            /// For a demand (`Structure.rates`): the optimum falls by at most `down` and rises
            /// by at most `up` a unit of the input. Nil otherwise.
            var rates: (down: Double, up: Double)? = nil
            /// Whether the same plan (every variable) is optimal at both ends.
            var samePlan: Bool
            /// Whether the feasible sets are nested (`nesting`) as well as the optimum bounded by
            /// `rates` (a partner's capacity): equal optima at the ends then mean the narrower
            /// set's plan is optimal throughout (`gap` 0).
            var nested = false
            /// Whether the objective is affine in the input's reciprocal rather than in the
            /// input (the horizon, which divides the one-off costs): chord, lines and kink are
            /// then straight in 1/x.
            var reciprocal = false
            /// How far x lies along the stretch, 0 at u and 1 at w, in the coordinate the
            /// objective is affine in.
            func along(_ x: Double) -> Double { reciprocal ? (1 / x - 1 / u) / (1 / w - 1 / u) : (x - u) / (w - u) }
            /// The value of the input that lies `f` along the stretch (`along`'s inverse).
            func at(_ f: Double) -> Double { reciprocal ? 1 / (1 / u + f * (1 / w - 1 / u)) : u + f * (w - u) }
            /// The largest the optimum can be at x.
            func upper(_ x: Double) -> Double {
                if let (down, up) = rates { return min(atU + up * (x - u), atW + down * (w - x)) }
                guard lines != nil else { return max(atU, atW) }
                return atU + (atW - atU) * along(x)
            }
            /// The least the optimum can be at x.
            func lower(_ x: Double) -> Double {
                if let (down, up) = rates { return max(atU - down * (x - u), atW - up * (w - x)) }
                guard let (planUAtW, planWAtU) = lines else { return min(atU, atW) }
                let f = along(x)
                return max(atU + (planUAtW - atU) * f, planWAtU + (atW - planWAtU) * f)
            }
            /// Where the two plans' lines cross (the lower bound's kink), if between u and w.
            var kink: Double? {
                if let (down, up) = rates, down + up > 0 {
                    let x = (atU - atW + down * u + up * w) / (down + up)
                    return x > u && x < w ? x : nil
                }
                guard let (planUAtW, planWAtU) = lines else { return nil }
                let (su, sw) = (planUAtW - atU, atW - planWAtU)
                guard su != sw else { return nil }
                let x = at((planWAtU - atU) / (su - sw))
                return x > u && x < w ? x : nil
            }
            /// Where the upper bound has its kink, if between u and w (only a demand's has one:
            /// the chord and the ends' maximum are straight).
            var upperKink: Double? {
                guard let (down, up) = rates, down + up > 0 else { return nil }
                let x = (atW - atU + down * w + up * u) / (down + up)
                return x > u && x < w ? x : nil
            }
            /// How far the optimum on the stretch may lie from the plans solved at its ends:
            /// 0 when one of them is optimal throughout. For the objective's shape, the gap
            /// between chord and lines, largest at their kink (0 at the ends); without a kink
            /// inside, one plan's line dominates, and it meets the optimum at both ends when that
            /// one is optimal at both. For the feasible set's, the difference of the ends' optima:
            /// equal, the plan of the narrower set is feasible in every set between and as good
            /// as the optimum of the wider one, so optimal throughout.
            var gap: Double {
                // Rates bound the optimum, not which plan attains it: a plan optimal at both
                // ends may be beaten between them (each plan's value is concave in a demand).
                if rates != nil && !nested { return .infinity }
                guard let (planUAtW, planWAtU) = lines else { return abs(atW - atU) }
                return kink.map { upper($0) - lower($0) } ?? min(max(0, atW - planUAtW), max(0, atU - planWAtU))
            }
        }
        /// How the objective of `s` moves with the input, from the plans solved so far: its
        /// coefficients' change per unit of the input (and its constant's), when every plan
        /// solved has the same feasible set and the objectives lie on one line in the input
        /// (checked at every value solved, at least three); nil otherwise.
        func slope(_ s: Scenario) -> (coefficients: [(Int, Double)], constant: Double)? {
            var solved = solvedFacts(s)
            if let cached = slopes[s.variant], cached.count == solved.count { return cached.slope }
            solved.sort { $0.x < $1.x }
            func settle(_ v: (coefficients: [(Int, Double)], constant: Double)?) -> (coefficients: [(Int, Double)], constant: Double)? {
                slopes[s.variant] = (solved.count, v)
                return v
            }
            guard solved.count >= 3, let (xa, fa) = solved.first, let (xb, fb) = solved.last, xb > xa,
                  solved.allSatisfy({ $0.facts.feasibleSet == fa.feasibleSet && $0.facts.coefficients.count == fa.coefficients.count })
            else { return settle(nil) }
            let n = fa.coefficients.count
            var change: [(Int, Double)] = []
            var perUnit = [Double](repeating: 0, count: n)
            for j in 0..<n where fa.coefficients[j] != fb.coefficients[j] {
                perUnit[j] = (fb.coefficients[j] - fa.coefficients[j]) / (xb - xa)
                change.append((j, perUnit[j]))
            }
            let constant = (fb.constant - fa.constant) / (xb - xa)
            func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1) }
            for (x, f) in solved.dropFirst().dropLast() {
                guard close(f.constant, fa.constant + constant * (x - xa)) else { return settle(nil) }
                let t = x - xa
                for j in 0..<n where f.coefficients[j] != fa.coefficients[j] || perUnit[j] != 0 {
                    if !close(f.coefficients[j], fa.coefficients[j] + perUnit[j] * t) { return settle(nil) }
                }
            }
            return settle((change, constant))
        }
        /// `nesting`'s answer per scenario, with the number of plans it was read from.
        var nestings: [String: (count: Int, nested: Bool)] = [:]
        /// Whether the input moves only the feasible set of `s`, and monotonically, from the plans
        /// solved so far (at least three): the same objective and structure (kinds and
        /// coefficients) at every value solved, and each variable's and row's bounds affine in
        /// the input (checked at every value solved), every one of them widening as the
        /// input rises or every one narrowing. The feasible sets are then nested in the
        /// input's order (a partner's capacity, a post's capacity, a limit), so the optimum
        /// is monotone in it.
        func nesting(_ s: Scenario) -> Bool {
            var solved = solvedFacts(s)
            if let cached = nestings[s.variant], cached.count == solved.count { return cached.nested }
            func settle(_ v: Bool) -> Bool { nestings[s.variant] = (solved.count, v); return v }
            solved.sort { $0.x < $1.x }
            guard solved.count >= 3, let (xa, fa) = solved.first, let (xb, fb) = solved.last, xb > xa, !fa.lower.isEmpty,
                  solved.allSatisfy({ $0.facts.structure == fa.structure && $0.facts.constant == fa.constant
                      && $0.facts.coefficients == fa.coefficients && $0.facts.lower.count == fa.lower.count })
            else { return settle(false) }
            func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1) }
            // +1: the bounds widen as the input rises; -1: they narrow; 0: none moves yet.
            var way = 0.0
            for (ends, sign) in [(\ObjectiveFacts.lower, -1.0), (\ObjectiveFacts.upper, 1.0)] {
                let (first, last) = (fa[keyPath: ends], fb[keyPath: ends])
                for j in first.indices where first[j] != last[j] {
                    guard first[j].isFinite, last[j].isFinite else { return settle(false) }
                    let w: Double = (last[j] - first[j]) * sign > 0 ? 1 : -1
                    if way == 0 { way = w } else if way != w { return settle(false) }
                    let perUnit = (last[j] - first[j]) / (xb - xa)
                    for (x, f) in solved.dropFirst().dropLast() where !close(f[keyPath: ends][j], first[j] + perUnit * (x - xa)) {
                        return settle(false)
                    }
                }
            }
            // Bounds that differ between inner values only (not at the ends) are not affine.
            for (_, f) in solved.dropFirst().dropLast() {
                for j in fa.lower.indices where fa.lower[j] == fb.lower[j] && f.lower[j] != fa.lower[j] { return settle(false) }
                for j in fa.upper.indices where fa.upper[j] == fb.upper[j] && f.upper[j] != fa.upper[j] { return settle(false) }
            }
            return settle(way != 0)
        }
        func sandwich(_ s: Scenario, _ u: Double, _ w: Double) -> Sandwich? {
            let (lo, hi) = (min(u, w), max(u, w))
            // Proven optima only: a plan within a gap (`--gap`, a time limit) is not the
            // optimum's value, and the bounds would not hold.
            guard let pu = memo.plan(s, at: lo), let pw = memo.plan(s, at: hi), pu.termination == .optimal, pw.termination == .optimal,
                  let xu = pu.solution, let xw = pw.solution else { return nil }
            let same = xu.count == xw.count && zip(xu, xw).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0), abs($1)) }
            if let (d, dc) = slope(s) {
                func perUnit(_ x: [Double]) -> Double { d.reduce(dc) { $0 + $1.1 * x[$1.0] } }
                return Sandwich(u: lo, w: hi, atU: pu.netBenefit, atW: pw.netBenefit,
                                lines: (pu.netBenefit + (hi - lo) * perUnit(xu), pw.netBenefit - (hi - lo) * perUnit(xw)), samePlan: same)
            }
            if nesting(s) {
                var nested = Sandwich(u: lo, w: hi, atU: pu.netBenefit, atW: pw.netBenefit, lines: nil, samePlan: same)
                // A partner's capacity: monotone, and by the model's structure rising by at most
                // a case's penalty a case (`structure`), which the ends' optima alone do not say.
                if case .rates(let down, let up)? = structure(of: input.path, in: s), down == 0 {
                    (nested.rates, nested.nested) = ((0, up), true)
                }
                return nested
            }
            // What the plans solved cannot show, the model's structure may (`Margins.structure`).
            switch structure(of: input.path, in: s) {
            case .monotone?:
                return Sandwich(u: lo, w: hi, atU: pu.netBenefit, atW: pw.netBenefit, lines: nil, samePlan: same)
            case .reciprocal?:
                // A plan's one-off costs, money once: its closing and opening a year times the
                // horizon it was solved at; its net benefit is affine in 1/H with that slope.
                func oneOff(_ p: Plan, _ h: Double) -> Double { (p.cost.closing + p.cost.opening) * h }
                let (tu, tw) = (1 / lo, 1 / hi)
                return Sandwich(u: lo, w: hi, atU: pu.netBenefit, atW: pw.netBenefit,
                                lines: (pu.netBenefit - oneOff(pu, lo) * (tw - tu), pw.netBenefit - oneOff(pw, hi) * (tu - tw)),
                                samePlan: same, reciprocal: true)
            case .rates(let down, let up)?:
                return Sandwich(u: lo, w: hi, atU: pu.netBenefit, atW: pw.netBenefit, lines: nil, rates: (down, up), samePlan: same)
            case nil:
                return nil
            }
        }
        /// Between two solved values whose answers agree (and are not ties): nil when the
        /// answer provably keeps its sign between them; else the value to probe, where the
        /// bound on the answer comes nearest to 0 (the midpoint when nothing bounds it).
        func unsettled(_ near: Double, _ far: Double, sign: Double) -> (Double, bounded: Bool)? {
            let mid = (near + far) / 2
            let moved: Scenario? = held ? nil : a
            switch q.kind {
            case .savesBudget:
                // No bound: the budget of an optimum moves with the plan the solver picks, in
                // no order an input sets (`Kind.savesBudget`). Probed as an input without bounds.
                return (mid, false)
            case .postDecision:
                guard let sa = sandwich(a, near, far) else { return (mid, false) }
                // Where the bounds meet (`Sandwich.gap`: chord and lines for an input of the
                // objective, the ends' optima for one of the feasible set), one of the two
                // plans is optimal at every value of the stretch, and both take the same
                // decision on the post: it keeps it. Within the solver's tolerance (as `isTie`
                // reads a difference) the gap is closed. Read
                // from the values, not the whole solution: tied flows that differ kept a
                // stretch from settling (a hostile test's case, 21 solves spent near one value).
                let closed = sa.samePlan || sa.gap <= 1e-7 * max(1, abs(sa.atU), abs(sa.atW))
                // Monotone bounds that do not close leave the post's decision unknown inside
                // however narrow the stretch (an optimum that rises with a capacity the plan
                // fills): probed once, as an input without bounds, not bisected down to the
                // tolerance (64 solves for one capacity of a hand-made scenario).
                return closed ? nil : (sa.kink ?? mid, sa.lines != nil)
            case .beatsBaseline:
                guard let b, let sb = sandwich(b, near, far) else { return (mid, false) }
                var sa: Sandwich? = nil
                if let moved { guard let m = sandwich(moved, near, far) else { return (mid, false) }; sa = m }
                let constantA = held ? memo.own[a.variant]?.netBenefit : nil
                if held && constantA == nil { return (mid, false) }
                let scale = max(1, abs(sb.atU), abs(sb.atW), abs(sa?.atU ?? constantA ?? 0), abs(sa?.atW ?? constantA ?? 0))
                // The tie tolerance (`isTie`): a slack of 1e-6 exceeded a lead of 100 on net
                // benefits of 1.2e8, so no stretch settled and the probes ran out beside the
                // value now (a hostile test's six cases).
                let margin = 1e-7 * scale
                let (lo, hi) = (sb.u, sb.w)
                // Monotone bounds (an input of the feasible set) shrink only as fast as the optima
                // move: where both rise steeply together (a budget every plan spends), settling
                // a stretch of a steady lead took its halves down to 1/64 of it, and the probes ran
                // out. Such a stretch is probed once, as an input without bounds, and its halves
                // settled by the bounds or left open (99 solves for a budget became 35, the old
                // count, with the same answer).
                // Rates (a demand) shrink with the stretch as the chord and lines do: bounded.
                func shrinks(_ w: Sandwich) -> Bool { w.lines != nil || w.rates != nil }
                let convex = shrinks(sb) && (sa.map(shrinks) ?? true)
                if sign > 0 {
                    // The variant leads: its optimum at least its plans' lines, the baseline's at most its chord.
                    let candidates = [lo, hi] + [sb.kink, sa?.upperKink].compactMap { $0 }
                    let worst = candidates.map { x in (x, sb.lower(x) - (sa?.upper(x) ?? constantA!)) }.min { $0.1 < $1.1 }!
                    if worst.1 > margin { return nil }
                    return (worst.0 > lo && worst.0 < hi ? worst.0 : mid, convex)
                } else {
                    let candidates = [lo, hi] + [sa?.kink, sb.upperKink].compactMap { $0 }
                    let worst = candidates.map { x in (x, sb.upper(x) - (sa?.lower(x) ?? constantA!)) }.max { $0.1 < $1.1 }!
                    if worst.1 < -margin { return nil }
                    return (worst.0 > lo && worst.0 < hi ? worst.0 : mid, convex)
                }
            }
        }
        let x0 = input.current
        /// The share of the input's stated distribution strictly above `lo` and at or below
        /// `hi`, in the input's values (a relative draw's factors turned into them); 0 without one.
        func mass(_ lo: Double, _ hi: Double) -> Double {
            guard let d = input.drawn else { return 0 }
            let above = d.distribution.chanceBeyond(lo, upward: true, inclusive: false, from: x0, relative: d.relative) ?? 0
            let beyond = d.distribution.chanceBeyond(hi, upward: true, inclusive: true, from: x0, relative: d.relative) ?? 0
            return max(0, above - beyond)
        }
        var row = MarginsResult.Row(question: q, input: input.path.text, current: x0, flipsAt: nil, bracket: nil,
                                    searched: input.searched, stated: input.stated, solves: 0)
        if held { row.baselineValue = baseValue; row.baselineUnset = baseUnset }
        row.source = input.drawn?.source
        row.statedWithin = input.statedWithin
        row.statedDrawn = input.stated == nil ? nil : !input.statedOnly
        if let d = input.drawn, d.relative, input.stated != nil { row.statedFactors = d.distribution.support(normalSDs: 2) }
        row.statedFactors = row.statedFactors ?? input.factorsAtZero
        row.step = input.lattice?.step
        guard let f0 = settled(x0) else {
            // No plan now: no answer to flip, and nothing is searched (the row said "no flip
            // in" the whole range without a solve).
            row.tiedNow = true
            row.searched = x0...x0
            row.solves = solves
            return row
        }
        let width = max(input.searched.upperBound - input.searched.lowerBound, 1e-12)
        // A floor for an input now at 0 only: of a value now, a range stated a billion times
        // wider (a weight of 1,000 stated up to 1e12) made the tolerance 1,000 wide, the side
        // down to 0 was taken as within it, and the flip at 769 read "no flip", bounded (a
        // hostile pass).
        let tolFloor = x0 == 0 ? 1e-6 * width : 0
        // The final bracket's width: `tolerance` of the larger of the current value and
        // the values bracketed (not of the searched range, which for an input now at 0
        // spans many times the flip: a 0.1% bracket was then 70 cases wide).
        // A count is narrowed to neighbouring values of its lattice whatever its size (0.1% of a
        // cap of 600,000 left a bracket 600 wide, and two answers' flips 55 apart): half a step
        // apart, the values solved (each at its nearest value of the lattice) are neighbours.
        func tol(_ xs: Double...) -> Double {
            if let l = input.lattice { return l.step / 2 }
            return tolerance * max(abs(x0), xs.map(abs).max() ?? 0, tolFloor)
        }
        /// A value's class for a share of a stated distribution: the answer reversed (for a tie
        /// now, broken), kept, or no answer (a variant compared has no plan there).
        enum Class { case reversed, kept, noPlan }
        /// For a count or a diplomat figure drawn from a continuous distribution whose support
        /// holds at most `discreteValuesSolved` values of its lattice: each value solved,
        /// weighted by the draws that answer as it (a cap's [k, k + step), a post's diplomats'
        /// (k − step, k]); the mass reversed, the mass without a plan and the values reversed.
        /// Nil when the support holds more values.
        func latticeShare(_ l: Lattice, _ d: UncertaintySpec.Parameter, classOf: (Double) -> Class)
            -> (reversed: Double, noPlan: Double, values: [Double])? {
            let (sLo, sHi) = drawnSupport(d)
            let up: Bool = if case .post(_, .diplomats) = input.path.target { true } else { false }
            // The lattice values some draw answers as: from the one at or below the support's
            // low end (a cap) or at or above it (a post's figure), to the same at its high end.
            let (k0, k1) = up ? (l.indexAtOrAbove(sLo), l.indexAtOrAbove(sHi)) : (l.indexAtOrAbove(sLo + 1e-9 * max(1, abs(sLo))) - 1,
                                                                                  l.indexAtOrAbove(sHi + 1e-9 * max(1, abs(sHi))) - 1)
            guard k1 >= k0, k1 - k0 + 1 <= Double(Self.discreteValuesSolved) else { return nil }
            var total = 0.0, none = 0.0
            var reversedValues: [Double] = []
            for k in stride(from: k0, through: k1, by: 1) {
                let v = l.value(k)
                // The draws that answer as v, below and above its neighbours.
                let m = up ? mass(k == k0 ? -.infinity : l.value(k - 1), k == k1 ? .infinity : v)
                           : mass(k == k0 ? -.infinity : v, k == k1 ? .infinity : l.value(k + 1))
                guard m > 0 else { continue }
                switch classOf(v) {
                case .noPlan: none += m
                case .reversed: total += m; reversedValues.append(v)
                case .kept: break
                }
            }
            return (total, none, reversedValues)
        }
        /// The values a stated distribution draws, in the input's values (a relative
        /// draw's factors times the value now; a normal one's mean ± 3 sd).
        func drawnSupport(_ d: UncertaintySpec.Parameter) -> (lo: Double, hi: Double) {
            let factors = d.distribution.support(normalSDs: 3)
            let ends = d.relative ? [factors.lowerBound * x0, factors.upperBound * x0] : [factors.lowerBound, factors.upperBound]
            return (min(ends[0], ends[1]), max(ends[0], ends[1]))
        }
        /// Of a continuous stated distribution `d`: the share where `classOf` reads the answer
        /// reversed, and the share without a plan (whether any value read had none), read off
        /// every value solved inside its support (the value now, the search's values, the
        /// support's ends), each change of class between neighbours bisected until at most
        /// 0.1% of the draws lie between. A change at one of `crossings` (where the lead as
        /// solved crosses 0) splits there; else half each way. So a reversal on either side
        /// counts, and so does the answer coming back where the search saw it (all of
        /// 2,000–3,900 was counted past a flip at 2,000 where 2,600 was solved with the answer
        /// now: a hostile pass); a reversal and return between two values solved is not seen,
        /// as in the search.
        func continuousShare(_ d: UncertaintySpec.Parameter, crossings: [Double], classOf: (Double) -> Class)
            -> (reversed: Double, noPlan: Double, anyNoPlan: Bool) {
            let (sLo, sHi) = drawnSupport(d)
            // Every value solved for either side of the answer, with a plan or without.
            let sides = [a.variant] + (baselineVariant.map { [$0] } ?? [])
            var xs = Set((Array(memo.plans.keys) + Array(memo.failed)).filter { sides.contains($0.variant) }
                .map(\.x).filter { $0 >= sLo && $0 <= sHi })
            xs.formUnion([sLo, sHi, x0].filter { $0 >= sLo && $0 <= sHi })
            // Each value's class: the answer reversed, not reversed, or no answer (a
            // variant compared has no plan there: counted as not reversed, as a discrete
            // value is, and said apart, `chanceNoPlan`; a hostile pass found it read from
            // the neighbours, 113% of the distribution between the two figures).
            var points: [(x: Double, c: Class)] = xs.sorted().map { ($0, classOf($0)) }
            // Each change of class between neighbours bisected until at most 0.1% of the
            // draws lie between (a third class met halfway stops it).
            var k = 0
            while k + 1 < points.count {
                var (lo, hi) = (points[k], points[k + 1])
                if lo.c != hi.c {
                    for _ in 0..<30 where mass(lo.x, hi.x) > 1e-3 {
                        let mid = (lo.x + hi.x) / 2
                        guard mid != lo.x, mid != hi.x else { break }
                        let p = (x: mid, c: classOf(mid))
                        if p.c == lo.c { lo = p } else if p.c == hi.c { hi = p } else { break }
                    }
                    points[k] = lo
                    points[k + 1] = hi
                }
                k += 1
            }
            // Each stretch between neighbours: its class where both agree, half where not;
            // below the first and above the last, theirs.
            var total = 0.0, none = 0.0
            if let first = points.first {
                if first.c == .reversed { total += mass(-.infinity, first.x) }
                if first.c == .noPlan { none += mass(-.infinity, first.x) }
            }
            if let last = points.last {
                if last.c == .reversed { total += mass(last.x, .infinity) }
                if last.c == .noPlan { none += mass(last.x, .infinity) }
            }
            // A change between neighbours at a crossing the search found (where the lead
            // is 0 between the two plans) splits there; else half each way.
            for (p, q) in zip(points, points.dropFirst()) {
                let m = mass(p.x, q.x)
                if p.c == q.c {
                    if p.c == .reversed { total += m } else if p.c == .noPlan { none += m }
                    continue
                }
                if p.c == .noPlan || q.c == .noPlan {
                    none += 0.5 * m
                    if p.c == .reversed || q.c == .reversed { total += 0.5 * m }
                    continue
                }
                // (within 1e-9: the crossing and the bracket's end it lies on are computed apart)
                let slack = 1e-9 * max(1, abs(p.x), abs(q.x))
                if let c = crossings.first(where: { $0 >= p.x - slack && $0 <= q.x + slack }) {
                    let at = min(max(c, p.x), q.x)
                    total += p.c == .reversed ? mass(p.x, at) : mass(at, q.x)
                }
                else { total += 0.5 * m }
            }
            return (min(1, total), min(1, max(none, 0)), points.contains(where: { $0.c == .noPlan }))
        }
        /// The value of the input's lattice a value between two of it answers as (`flipsPast`'s
        /// rule: a cap as the lower, a post's diplomats as the higher; a drawn 8.5 beside whole
        /// figures fell back to the mass past the flip), itself off a lattice.
        func answersAs(_ x: Double) -> Double {
            guard let l = input.lattice, abs(l.nearest(x) - x) > 1e-9 * max(1, abs(x)) else { return input.lattice?.nearest(x) ?? x }
            let up = l.indexAtOrAbove(x)
            if case .post(_, .diplomats) = input.path.target { return l.value(up) }
            return l.value(up - 1)
        }
        /// Of a discrete stated distribution's values (each read as `answersAs` reads it, and
        /// solved): the share of the weights whose class `classOf` reads reversed, and the share
        /// without a plan.
        func discreteShare(_ values: [Double], _ weights: [Double], relative: Bool, classOf: (Double) -> Class)
            -> (reversed: Double, noPlan: Double) {
            let total = weights.reduce(0, +)
            var (reversed, none) = (0.0, 0.0)
            for (v, w) in zip(values, weights) {
                switch classOf(answersAs(relative ? v * x0 : v)) {
                case .reversed: reversed += w / total
                case .noPlan: none += w / total
                case .kept: break
                }
            }
            return (reversed, none)
        }
        func isDiscreteDistribution(_ d: UncertaintySpec.Parameter) -> Bool {
            if case .discrete = d.distribution { true } else { false }
        }
        /// Where a tie now breaks: on each side, values nearest first at fixed fractions of
        /// the way to the searched range's end, until one is not a tie; then bisected between
        /// the last tie and it to the tolerance (`tol`), the break the first value found not a
        /// tie, as a budget's flip is. A value without a plan ends the side: the farthest value
        /// with one is bisected for, tried, and the value without one kept (`noPlan`). The
        /// nearer side's break, with the answer as solved there, and the other side's; the
        /// range looked at.
        func tieBreak() -> (breaks: (Double, Double)?, other: (Double, Double)?, searched: ClosedRange<Double>, noPlan: [Double]) {
            var sides: [(Double, Double)] = []
            var (up, down) = (x0, x0)
            var noPlan: [Double] = []
            for rangeEnd in [input.searched.upperBound, input.searched.lowerBound] where abs(rangeEnd - x0) > tol(rangeEnd) {
                var last = x0
                var found: Double? = nil
                // The side's end as searched: the range's, or the farthest value with a plan.
                var sideEnd = rangeEnd
                for fraction in [0.01, 0.05, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1] {
                    let x = memo.at(x0 + (rangeEnd - x0) * fraction)
                    guard abs(x - last) > tol(x, last) || (input.lattice != nil && x != last) else { continue }
                    guard let fx = settled(x) else {
                        // No plan here (a budget a variant cannot meet): the side ends at the
                        // farthest value with one, which is tried too (the side read "a tie at
                        // every value tried" up to the last fraction with a plan, and said
                        // nothing of why it stopped: a hostile pass).
                        var (lo, hi) = (last, x)
                        for _ in 0..<40 where abs(hi - lo) > tol(lo, hi) {
                            let m = memo.at((lo + hi) / 2)
                            if m == lo || m == hi { break }
                            if settled(m) != nil { lo = m } else { hi = m }
                        }
                        noPlan.append(hi)
                        sideEnd = lo
                        if lo != last, let fl = settled(lo) { if fl != 0 { found = lo } else { last = lo } }
                        break
                    }
                    if fx != 0 { found = x; break }
                    last = x
                }
                // Searched to the side's end when a break was found there (as a flip's range
                // is), else to the last value tried.
                if rangeEnd > x0 { up = found == nil ? last : sideEnd } else { down = found == nil ? last : sideEnd }
                guard var hi = found else { continue }
                var lo = last
                for _ in 0..<60 where abs(hi - lo) > tol(lo, hi) {
                    let m = memo.at((lo + hi) / 2)
                    if m == lo || m == hi { break }
                    guard let s = settled(m) else { break }
                    if s == 0 { lo = m } else { hi = m }
                }
                guard let by = rawAnswer(hi) else { continue }
                sides.append((hi, by))
            }
            // the nearer first (the upper side on equal distance, as before)
            sides.sort { abs($0.0 - x0) < abs($1.0 - x0) }
            return (sides.first, sides.count > 1 ? sides[1] : nil, down...up, noPlan)
        }
        if f0 == 0 {
            // A tie now: no answer to flip, so where the tie breaks is searched instead (a rule
            // only the variant sets that does not bind yet: at what value it starts to cost).
            row.tiedNow = true
            let found = tieBreak()
            row.searched = found.searched
            if let (x, by) = found.breaks {
                (row.tieBreaksAt, row.tieBreaksBy) = (x, by)
                if let l = input.lattice { row.tieBreaksPast = Self.flipsPast(input.path, flip: x, from: x0, lattice: l) }
            }
            if let (x, by) = found.other {
                (row.tieBreaksOtherSide, row.tieBreaksOtherSideBy) = (x, by)
                if let l = input.lattice { row.tieBreaksOtherSidePast = Self.flipsPast(input.path, flip: x, from: x0, lattice: l) }
            }
            // The share of the stated distribution at which the tie is broken (either side
            // winning outright), read as a flip's share is: a discrete distribution's values
            // each solved, a continuous one's read off the values solved and bisected, a count
            // drawn continuously value by value of its lattice.
            if let d = input.drawn {
                func broken(_ x: Double) -> Class { settled(x).map { $0 != 0 ? .reversed : .kept } ?? .noPlan }
                if case .discrete(let values, let weights) = d.distribution, Set(values).count <= Self.discreteValuesSolved {
                    let share = discreteShare(values, weights, relative: d.relative, classOf: broken)
                    row.chanceBeyond = min(1, share.reversed)
                    row.chanceNoPlan = share.noPlan > 0 ? min(1, share.noPlan) : nil
                } else if input.lattice == nil, !isDiscreteDistribution(d) {
                    let share = continuousShare(d, crossings: [], classOf: broken)
                    row.chanceBeyond = share.reversed
                    if share.anyNoPlan { row.chanceNoPlan = share.noPlan }
                } else if let l = input.lattice, !isDiscreteDistribution(d), let share = latticeShare(l, d, classOf: broken) {
                    // A count drawn continuously: each value of its lattice the draws reach solved,
                    // as for a flip (it had no share: said missing on 2026-12-07).
                    row.chanceBeyond = min(1, share.reversed)
                    row.chanceNoPlan = share.noPlan > 0 ? min(1, share.noPlan) : nil
                }
            }
            // Why a side stopped short: a value refused by a variant, or one without a plan
            // (the nearer of them), as a flip's search says it.
            let compared = [a.variant] + (b.map { [$0.variant] } ?? [])
            let refusal = compared.compactMap({ v in memo.refused[v].map { (v, $0) } }).min(by: { abs($0.1.x - x0) < abs($1.1.x - x0) })
            let noPlan = found.noPlan.min(by: { abs($0 - x0) < abs($1 - x0) })
            if let (variant, r) = refusal, !found.searched.contains(r.x), noPlan.map({ abs(r.x - x0) <= abs($0 - x0) }) ?? true {
                row.refused = "\(variant) refuses \(Self.shown(r.x)): \(r.why)"
            } else if let x = noPlan {
                let without = compared.filter { memo.failed.contains(Memo.Key(variant: $0, x: x)) }
                row.refused = "no plan for \((without.isEmpty ? compared : without).joined(separator: " or ")) at \(Self.shown(x)) (searched up to the last value with one)"
            }
            row.solves = solves
            return row
        }
        /// What `examine` learns of the stretches between the value now and a value further out:
        /// the nearest flip it finds (a bracket: x near, f near, x far, f far), and the nearest
        /// stretch before it (or before the far value) where a flip was not ruled out.
        struct Outcome {
            var flip: (Double, Double, Double, Double)? = nil
            var unsettled: ClosedRange<Double>? = nil
            /// Whether a stretch was bounded (an input of the objective alone).
            var bounded = false
        }
        /// Probes left on the side searched: each side may spend `probesPerSide` on the
        /// stretches the bounds do not settle.
        var budget = 0
        /// Whether the input is moved in steps (a limit, a post's diplomats): its stretches
        /// are scanned at fixed fractions, not probed further.
        let text = input.path.text
        let stepInput = text.hasPrefix("rules.") || text.hasSuffix(".diplomats")
        /// How deep a stretch no bound covers is halved: once (its midpoint) for an input the
        /// bounds cannot treat (not at all for a limit or a post's diplomats, which are scanned
        /// at fixed fractions); down to an eighth for the budget, which no bound ever covers and
        /// is known only at the values solved, a limit's and a post's diplomats' stretches too
        /// (a budget turned on 7,000-8,750 of a running cost searched up to 18,000 was missed at
        /// quarters, `theBudgetAnswerIsSearchedAtTheValuesSolved`; a budget rule's nearest flip,
        /// at +26%, was missed between the fractions: a hostile pass).
        let unboundedDepth = q.kind == .savesBudget ? 3 : 1
        /// One stretch whose ends' answers agree: settled by the bounds, or probed where the
        /// answer could come nearest to 0 (the midpoint, once, for an input the bounds cannot
        /// treat; to an eighth for the budget), nearest part first, while the side's probes last.
        func go(_ near: (x: Double, f: Double), _ far: (x: Double, f: Double), depth: Int, into out: inout Outcome) -> Bool {
            let range = min(near.x, far.x)...max(near.x, far.x)
            guard let (probe, bounded) = unsettled(near.x, far.x, sign: near.f) else { out.bounded = true; return false }
            out.bounded = out.bounded || bounded
            func open() -> Bool { if out.unsettled == nil { out.unsettled = range }; return false }
            // Not probed narrower than the tolerance of the values there (not of the value
            // now: with a weight of 100,000 now, stretches 100 wide at 6,000 were taken as
            // flip-free, and a dip 2.6 wide there read "no flip"); such a stretch stays open.
            guard abs(far.x - near.x) > tolerance * max(abs(near.x), abs(far.x), tolFloor) else { return open() }
            guard bounded || (depth < unboundedDepth && (!stepInput || q.kind == .savesBudget)), budget > 0 else { return open() }
            budget -= 1
            guard let fp = answer(probe) else { return open() }
            if (fp > 0) != (near.f > 0) || fp == 0 { out.flip = (near.x, near.f, probe, fp); return true }
            return go(near, (probe, fp), depth: depth + 1, into: &out) || go((probe, fp), far, depth: depth + 1, into: &out)
        }
        /// The stretches from the value now to `to` (whose answer is known), split at every
        /// value solved between them, nearest first: the first flip, and the nearest stretch
        /// before it not ruled out.
        func examine(to: Double) -> Outcome {
            var out = Outcome()
            let xs = solvedValues()
            let lo = min(x0, to), hi = max(x0, to)
            let points = ([to] + xs.filter { $0 > lo && $0 < hi }).sorted { abs($0 - x0) < abs($1 - x0) }
            var near = (x: x0, f: f0)
            for x in points {
                guard let fx = answer(x) else { if out.unsettled == nil { out.unsettled = min(near.x, x)...max(near.x, x) }; continue }
                if (fx > 0) != (f0 > 0) || fx == 0 { out.flip = (near.x, near.f, x, fx); return out }
                if go(near, (x, fx), depth: 0, into: &out) { return out }
                near = (x, fx)
            }
            return out
        }
        /// A regula falsi step kept at least 0.9 of the final bracket's width from either end
        /// of the bracket (Brent's safeguard), the midpoint of a bracket narrower than two
        /// such widths. On a lead linear in the input, the step lands on the root and leaves
        /// one end there; unguarded, the next steps crept towards the root from the other
        /// side by little more than the rounding error (ten steps, twenty solves, for a flip
        /// found at the first); guarded, the next step lands just beyond the root and closes
        /// the bracket.
        func awayFromEnds(_ x: Double, _ xa: Double, _ xb: Double) -> Double {
            let (lo, hi) = (min(xa, xb), max(xa, xb))
            let (nearLo, nearHi) = (0.9 * tol(lo), 0.9 * tol(hi))
            guard hi - lo > nearLo + nearHi else { return (lo + hi) / 2 }
            return min(max(x, lo + nearLo), hi - nearHi)
        }
        /// Where the lead as solved (ties not read as 0) crosses 0 between two values whose
        /// leads differ in sign (or the second is 0): regula falsi (Illinois) to the
        /// tolerance, the crossing interpolated between the final bracket's ends.
        func crossing(_ start: (Double, Double), _ end: (Double, Double)) -> (range: ClosedRange<Double>, at: Double) {
            var ((xa, ya), (xb, yb)) = (start, end)
            var (fa, fb) = (ya, yb)
            var (side, repeats) = (0, 0)
            for _ in 0..<60 where abs(xb - xa) > tol(xa, xb) && yb != 0 {
                // Regula falsi stalls on a lead that is not linear between the ends (a plateau,
                // then a drop: one end never moved in 40 steps): after two steps on the same
                // side, one bisection.
                var x = fa != fb && repeats < 2 ? xa - fa * (xb - xa) / (fb - fa) : (xa + xb) / 2
                if !(x > min(xa, xb) && x < max(xa, xb)) { x = (xa + xb) / 2 }
                x = awayFromEnds(x, xa, xb)
                guard let y = rawAnswer(x) else { break }
                let newSide = y != 0 && (y > 0) == (ya > 0) ? -1 : 1
                repeats = newSide == side ? repeats + 1 : 0
                if repeats > 2 { repeats = 0 }
                if newSide == -1 {
                    (xa, ya, fa) = (x, y, y)
                    if side == -1 { fb /= 2 }
                } else {
                    (xb, yb, fb) = (x, y, y)
                    if side == 1 { fa /= 2 }
                }
                side = newSide
            }
            // The lead exactly 0 at a value solved: the crossing is that value.
            if yb == 0 { return (xb...xb, xb) }
            let range = min(xa, xb)...max(xa, xb)
            let at = ya != yb ? min(max(xa - ya * (xb - xa) / (yb - ya), range.lowerBound), range.upperBound) : (xa + xb) / 2
            return (range, at)
        }
        /// A flip narrowed to the tolerance: its final bracket, where it is reported, the
        /// bracket's end where the answer has changed, and whether the lead there is a tie.
        struct Flip {
            var range: ClosedRange<Double>, at: Double, far: Double, farTie: Bool
            /// Set by `resolve`: the answer only becomes a tie here (no reversal seen beyond).
            var tie = false
            /// Where the answer became a tie before this reversal (`Row.tiedFrom`).
            var tiedFrom: Double? = nil
        }
        /// A flip reached at a tie, told apart: every value solved beyond the band of ties on
        /// its side, up to `sideEnd`, is looked at; the first whose lead is reversed (the other
        /// side wins by more than the tolerance) makes it a reversal, reported where the lead
        /// as solved crosses 0 between that value and the last one before it (a lead that came
        /// back to the same side in between does not hide it: a hostile test's 1,050 → tie →
        /// 1,050 → reversed read "(tie)"); none makes it a tie. The stretch between the band
        /// and the value before the reversal was not searched for a flip: it is returned open.
        func resolve(_ f: Flip, sideEnd: Double) -> (flip: Flip, open: ClosedRange<Double>?) {
            guard f.farTie else { return (f, nil) }
            let up = f.far > x0
            func scan() -> (flip: Flip, open: ClosedRange<Double>?)? {
                let beyond = solvedValues().filter { up ? ($0 > f.far && $0 <= sideEnd) : ($0 < f.far && $0 >= sideEnd) }
                    .sorted { abs($0 - f.far) < abs($1 - f.far) }
                var last = f.far
                for x in beyond {
                    guard let a = settled(x) else { continue }
                    if a != 0, (a > 0) != (f0 > 0) {
                        let nearX = f.range.lowerBound == f.far ? f.range.upperBound : f.range.lowerBound
                        guard let dr = rawAnswer(x), let dNear = rawAnswer(nearX), let dFar = rawAnswer(f.far), let dLast = rawAnswer(last) else { return nil }
                        var out = f
                        // The lead as solved is reversed (not 0: a plateau of exact ties is not a
                        // reversal, a hostile test's capacity read "194 (-35%)" where the answer only
                        // turned at 100) within the band already, or at the last value before the
                        // reversal, or only at it: the flip is where it leaves the side before.
                        // Reversed means against the answer now: a near end that is itself a tie
                        // (0) made a lead back on the side of now read as reversed, and the flip
                        // was put where the ties ended, though the answer there was the answer now
                        // (an oracle check's case: ties on 91-105, ahead again on 106-110, reversed
                        // at 111, reported at 106).
                        func reversed(_ d: Double) -> Bool { d != 0 && (d > 0) != (f0 > 0) }
                        let root = reversed(dFar) ? leave((nearX, dNear), (f.far, dFar))
                            : reversed(dLast) ? leave((f.far, dFar), (last, dLast))
                            : leave((last, dLast), (x, dr))
                        (out.range, out.at, out.farTie) = (root.range, root.at, false)
                        // Reversed beyond the band of ties: the answer was tied from where
                        // the band begins (reversed at its far end already, there was none).
                        if !reversed(dFar) { out.tiedFrom = f.at }
                        let open = abs(last - f.far) <= tol(last, f.far) ? nil : min(f.far, last)...max(f.far, last)
                        return (out, open)
                    }
                    last = x
                }
                return nil
            }
            if let reversal = scan() { return reversal }
            // None reversed at the values solved beyond the band: a few more, nearest first,
            // at fixed fractions of the way to the side's end (a budget whose lead is a tie on
            // 6,500-8,500 and reversed on 5,500-6,500 had no value solved there, and its row
            // named the stretch open instead of the reversal at -35%, a hostile test's case).
            let solved = solvedValues()
            for fraction in [0.05, 0.15, 0.3, 0.5, 0.75] {
                let x = f.far + (sideEnd - f.far) * fraction
                guard !solved.contains(where: { abs($0 - x) <= tol(x) }), let a = settled(x) else { continue }
                if a != 0, (a > 0) != (f0 > 0) { break }
            }
            if let reversal = scan() { return reversal }
            var out = f
            out.tie = true
            // Only the values solved beyond the band were looked at: a reversal between them
            // is not ruled out, and when a reversal on the other side is reported instead of
            // this tie, the row names this stretch (a hostile test's "+50%" hid one at -35%).
            let open = abs(sideEnd - f.far) <= tol(sideEnd, f.far) ? nil : min(f.far, sideEnd)...max(f.far, sideEnd)
            return (out, open)
        }
        /// Where the lead as solved leaves the side of `from` (its sign, or exactly 0: a
        /// plateau of ties) for the reversed one of `to` (not 0, the other sign than the value
        /// now's): regula falsi between two values of opposite signs (`crossing`), bisection
        /// from a plateau, whose values are not a side a secant can use; the flip is reported
        /// at the last value not reversed.
        func leave(_ from: (Double, Double), _ to: (Double, Double)) -> (range: ClosedRange<Double>, at: Double) {
            if from.1 != 0 { return crossing(from, to) }
            var (lo, hi) = (from.0, to.0)
            let sign = to.1 > 0
            // First a step just past `from` (a lead linear through an exact 0 there is
            // reversed at once: one solve, not a bisection of the whole stretch).
            var first = true
            for _ in 0..<60 where abs(hi - lo) > tol(lo, hi) {
                let step = 0.9 * tol(lo)
                let m = first && abs(hi - lo) > 2 * step ? lo + (hi > lo ? step : -step) : (lo + hi) / 2
                first = false
                guard let d = rawAnswer(m) else { break }
                if d != 0 && (d > 0) == sign { hi = m } else { lo = m }
            }
            return (min(lo, hi)...max(lo, hi), lo)
        }
        /// Where a post's decision stops being the optimum's alone, between `kept` (the value
        /// now, or one where the decision is the same and not a tie) and `changed` (a tie, or
        /// the other decision): bisection on `settled`, the flip at the bracket's midpoint.
        func tieStart(_ kept: Double, _ changed: Double) -> Flip {
            var (lo, hi) = (kept, changed)
            var atHi = settled(hi)
            for _ in 0..<60 where abs(hi - lo) > tol(lo, hi) {
                let m = (lo + hi) / 2
                guard let s = settled(m) else { break }
                if s != 0 && (s > 0) == (f0 > 0) { lo = m } else { (hi, atHi) = (m, s) }
            }
            return Flip(range: min(lo, hi)...max(lo, hi), at: (lo + hi) / 2, far: hi, farTie: atHi == 0)
        }
        /// A post's flip found from the optimum's decisions alone, with its ties told: when a
        /// plan deciding the post otherwise is as good at either end of its bracket, the
        /// decision became a tie first, and the flip is where the tie begins (`tieStart`,
        /// from the near end, or from the value now when the near end is a tie already).
        func tieChecked(_ f: Flip) -> Flip {
            guard case .postDecision = q.kind else { return f }
            let nearX = f.range.lowerBound == f.far ? f.range.upperBound : f.range.lowerBound
            guard let sNear = settled(nearX) else { return f }
            if sNear == 0 { return tieStart(x0, nearX) }
            guard let sFar = settled(f.far) else { return f }
            return sFar == 0 ? tieStart(nearX, f.far) : f
        }
        /// A reversal beats a tie on the other side however near the tie (the smallest change
        /// that reverses the answer is asked for); else the nearer one.
        func preferred(_ a: Flip, over b: Flip) -> Bool {
            a.tie != b.tie ? !a.tie : abs(a.at - x0) < abs(b.at - x0)
        }
        var best: Flip? = nil
        /// The flip found on each side (`Row.flipsOtherSide` reads the one `best` is not).
        var sideFlips: [Flip] = []
        /// Stretches, on either side, where a flip was not ruled out (nearest first is kept).
        var open: [ClosedRange<Double>] = []
        var anyBounded = false
        // Values past which a compared variant has no plan (searched up to them).
        var noPlanBeyond: [Double] = []
        // The range actually searched: a side cut short where no plan exists, or where a
        // variant refuses the values, ends where the search stopped (the row gave the whole
        // range, and "no flip in" it, beyond the last value with a plan).
        var (searchedUp, searchedDown) = (x0, x0)
        let involved = [a.variant] + (b.map { [$0.variant] } ?? [])
        /// Bisects between `lo`, where the answer has a plan, and `hi`, where it has none,
        /// for the farthest value with one: both ends of the final bracket.
        func planEdge(_ lo: Double, _ hi: Double) -> (lo: Double, hi: Double) {
            var (lo, hi) = (lo, hi)
            for _ in 0..<40 where abs(hi - lo) > tol(lo, hi) {
                let x = (lo + hi) / 2
                if answer(x) != nil { lo = x } else { hi = x }
            }
            return (lo, hi)
        }
        // Both ends before either midpoint: the bounds need three values solved, and with
        // them a side may settle without its midpoint.
        let lowEnd = input.searched.lowerBound
        if abs(lowEnd - x0) > tol(lowEnd) { _ = answer(lowEnd) }
        // Each side: the end of the range first, then the midpoint, nearest flip first.
        for rangeEnd in [input.searched.upperBound, input.searched.lowerBound] where abs(rangeEnd - x0) > tol(rangeEnd) {
            // An end the input cannot take (a horizon of 0 years) or where no plan exists:
            // the nearest value inside that can, so that a flip near that end is not lost.
            var end = rangeEnd
            var endAnswer = answer(end)
            var failedAt: Double? = nil
            for f in [1e-3, 1e-2, 0.1, 0.25] where endAnswer == nil {
                failedAt = end
                end = rangeEnd + (x0 - rangeEnd) * f
                endAnswer = answer(end)
            }
            if endAnswer != nil, let far = failedAt {
                // A step back found a plan after a value without one: the farthest value with
                // a plan lies between them. Bisected, so that the stretch beyond the step is
                // searched too (a horizon searched down to 0.2, where the baseline has plans
                // down to 0.15 and the answer flips at 0.156: a hostile check's case).
                let (lo, hi) = planEdge(end, far)
                if involved.contains(where: { memo.failed.contains(Memo.Key(variant: $0, x: memo.at(hi))) }) { noPlanBeyond.append(memo.at(hi)) }
                if lo != end { end = lo; endAnswer = answer(lo) }
            }
            if endAnswer == nil {
                // No plan that far (a budget or a cap the baseline cannot meet, a cost that
                // breaks the budget): bisect for the farthest value with a plan on both
                // sides of the question, and search up to there. Skipping the side
                // reported "no flip" where the answer flips a few per cent away.
                let (lo, hi) = planEdge(x0, end)
                // Said even when no value past the value now has a plan (the side is then
                // not searched at all; the row said nothing of it).
                noPlanBeyond.append(memo.at(hi))
                if abs(lo - x0) > tol(lo) {
                    end = lo
                    endAnswer = answer(lo)
                }
            }
            guard let fEnd = endAnswer else { continue }
            if rangeEnd > x0 { searchedUp = end } else { searchedDown = end }
            var bracket: (Double, Double, Double, Double)? = nil   // (x near, f near, x far, f far)
            if stepInput {
                // A limit or a post's diplomats moves the answer in steps that can turn it
                // and turn it back (a cap one lower closes a post, four lower keeps it):
                // the midpoint and the end alike can miss a flip, so scan nearest first.
                var near = (x: x0, f: f0)
                for fraction in [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75] {
                    let x = x0 + (end - x0) * fraction
                    guard abs(x - x0) > tol(x), let fx = answer(x) else { continue }
                    if (fx > 0) != (f0 > 0) || fx == 0 { bracket = (near.x, near.f, x, fx); break }
                    near = (x, fx)
                }
            }
            // The values a discrete stated distribution draws on this side, each solved nearest
            // first (at most `discreteValuesSolved`; a count's are solved value by value
            // below): a reversal at a value drawn is found however narrow the dip around it (a
            // dip 0.01 wide at a drawn 2,500.01 read "none found", its share unknown: a hostile
            // pass).
            if bracket == nil, input.lattice == nil, let d = input.drawn, case .discrete(let values, _) = d.distribution,
               Set(values).count <= Self.discreteValuesSolved {
                var near = (x: x0, f: f0)
                let drawn = Set(values.map { d.relative ? $0 * x0 : $0 })
                    .filter { ($0 > x0) == (end > x0) && abs($0 - x0) > tol($0) && abs($0 - x0) <= abs(end - x0) }
                for x in drawn.sorted(by: { abs($0 - x0) < abs($1 - x0) }) {
                    guard let fx = answer(x) else { break }
                    if (fx > 0) != (f0 > 0) || fx == 0 { bracket = (near.x, near.f, x, fx); break }
                    near = (x, fx)
                }
            }
            // A side whose whole stretch the bounds settle (the answer kept at its end, an
            // input of the objective alone) holds no flip: its midpoint is not needed.
            // (A post's decision tied at the end is not settled by them: the bounds follow the
            // optimum, not the best plan deciding the post otherwise, and a hostile check's
            // "no flip in 0-60" hid a tie at 60.)
            if !stepInput, bracket == nil, fEnd != 0, (fEnd > 0) == (f0 > 0), unsettled(x0, end, sign: f0) == nil, settled(end) != 0 {
                anyBounded = true
                continue
            }
            let mid = x0 + (end - x0) / 2
            let fMid = bracket == nil ? answer(mid) : nil
            budget = Margins.probesPerSide
            if bracket == nil, let fm = fMid, (fm > 0) != (f0 > 0) || fm == 0 {
                bracket = (x0, f0, mid, fm)
            } else if bracket == nil, (fEnd > 0) != (f0 > 0) || fEnd == 0 {
                bracket = fMid.map { (mid, $0, end, fEnd) } ?? (x0, f0, end, fEnd)
            }
            /// Narrows a bracket (x near, f near, x far, f far) to the flip: regula falsi
            /// (Illinois) for a net-benefit difference, bisection for a decision.
            func narrow(_ start: (Double, Double, Double, Double)) -> Flip {
                var (xa, fa, xb, fb) = start
                // The differences as solved (fa, fb are halved by the Illinois step).
                var (ya, yb) = (fa, fb)
                var side = 0
                // Whether steps are kept off the ends (`awayFromEnds`): until one so kept lands
                // on the side of the end it was kept off, which a lead linear here never does
                // (a plateau of ties does: then the steps are as they were, the midpoint for a
                // secant's root at an end).
                var keepOff = true
                for _ in 0..<40 where abs(xb - xa) > tol(xa, xb) {
                    var x: Double
                    // The end a step was kept off, if it was.
                    var keptOff: Double? = nil
                    if q.kind.isDifference, fa != fb {
                        x = xa - fa * (xb - xa) / (fb - fa)
                        if keepOff {
                            // A lead within the ties' band reads 0: at a far end that landed on
                            // the root, the secant's root is that end, and the step is kept off it.
                            x = x.isNaN ? (xa + xb) / 2 : min(max(x, min(xa, xb)), max(xa, xb))
                            let kept = awayFromEnds(x, xa, xb)
                            if kept != x { keptOff = abs(x - xa) < abs(x - xb) ? xa : xb }
                            x = kept
                        } else if !(x > min(xa, xb) && x < max(xa, xb)) {
                            x = (xa + xb) / 2
                        }
                    } else {
                        x = (xa + xb) / 2
                    }
                    guard let fx = answer(x) else { break }
                    let sameAsNear = (fx > 0) == (fa > 0) && fx != 0
                    if let end = keptOff, (end == xa) == sameAsNear { keepOff = false }
                    if sameAsNear {
                        (xa, fa, ya) = (x, fx, fx)
                        if side == -1, q.kind.isDifference { fb /= 2 }
                        side = -1
                    } else {
                        // Flipped, or exactly even (0): the answer has changed by here.
                        (xb, fb, yb) = (x, fx, fx)
                        if side == 1, q.kind.isDifference { fa /= 2 }
                        side = 1
                    }
                    // A net-benefit difference that changes linearly converges in a step or two:
                    // stop once the bracket is within tolerance or the root is pinned.
                    if abs(xb - xa) <= tol(xa, xb) { break }
                }
                let found = min(xa, xb)...max(xa, xb)
                // The flip: where the difference, linear between the bracket's ends as solved,
                // crosses 0 (exact on a linear piece); the midpoint for a decision.
                var at = (xa + xb) / 2
                if q.kind == .beatsBaseline, ya != yb, (ya > 0) != (yb > 0) || yb == 0 {
                    at = min(max(xa - ya * (xb - xa) / (yb - ya), found.lowerBound), found.upperBound)
                }
                // The budget moves in steps, where the plan changes: no line between the ends
                // says where, and the flip is the bracket's end where the answer has changed (an
                // interpolated 6,998 for a step at 7,000 still gave the old answer there).
                if q.kind == .savesBudget { at = xb }
                // Reached at a tie (the far end's lead within the tolerance, not reversed):
                // whether it reverses beyond is settled once, for the flip reported.
                return Flip(range: found, at: at, far: xb, farTie: yb == 0)
            }
            /// The flip nearest the value now on this side, and the nearest stretch before
            /// it left open: every stretch from the value now to the flip found is examined
            /// (a narrow dip nearer than a flip found at the midpoint or the end was missed);
            /// a flip found there replaces it, and is examined in turn.
            func nearest(_ start: (Double, Double, Double, Double)?) -> (flip: Flip?, open: ClosedRange<Double>?) {
                var flip = start.map(narrow)
                var left: ClosedRange<Double>? = nil
                // Whether the stretch up to the flip reported was examined: after the last
                // round of nearer flips found it is not (a hostile test's lead dipped a dozen times, each dip
                // at the middle of the one before: "1.42" with nothing open, reversed at 0.3).
                var examined = false
                for _ in 0..<6 {
                    // The bracket's end nearer the value now keeps its answer.
                    let to = flip.map { abs($0.range.lowerBound - x0) < abs($0.range.upperBound - x0) ? $0.range.lowerBound : $0.range.upperBound } ?? end
                    let seen = abs(to - x0) > tol(to) ? examine(to: to) : Outcome()
                    anyBounded = anyBounded || seen.bounded
                    left = seen.unsettled
                    // An open stretch narrower than the final bracket that ends at the flip's
                    // bracket: a flip there is the one found, to the tolerance.
                    if let l = left, let f = flip, seen.flip == nil, l.upperBound - l.lowerBound <= tol(f.at),
                       Self.distance(l, to) <= tol(f.at) { left = nil }
                    guard let nearer = seen.flip else { examined = true; break }
                    flip = narrow(nearer)
                }
                if !examined, let f = flip {
                    let to = abs(f.range.lowerBound - x0) < abs(f.range.upperBound - x0) ? f.range.lowerBound : f.range.upperBound
                    left = min(x0, to)...max(x0, to)
                }
                return (flip, left)
            }
            var (flip, left) = nearest(bracket)
            if left != nil, let at = flip?.at, abs(at - x0) > tol(at) {
                // Not ruled out before the flip (an input of the constraints, or the probes
                // ran out): probe nearest first, at fixed fractions of the way (a diplomat
                // cap one lower flips it, four lower flips it back and again).
                var near = (x: x0, f: f0)
                for fraction in [0.001, 0.01, 0.1, 0.25, 0.5, 0.75] {
                    let x = x0 + (at - x0) * fraction
                    guard abs(x - x0) > tol(x), let fx = answer(x) else { continue }
                    if (fx > 0) != (f0 > 0) || fx == 0 { (flip, left) = nearest((near.x, near.f, x, fx)); break }
                    near = (x, fx)
                }
            }
            if let left { open.append(left) }
            // A post's decision: the flip's ends checked for ties, and a side without a flip at
            // its end (a band of ties there, with the solver keeping its pick up to it).
            if case .postDecision = q.kind {
                if let f = flip { flip = tieChecked(f) } else if settled(end) == 0 { flip = tieStart(x0, end) }
            }
            if let found = flip {
                let (resolved, beyondBand) = resolve(found, sideEnd: end)
                if let beyondBand { open.append(beyondBand) }
                sideFlips.append(resolved)
                if best == nil || preferred(resolved, over: best!) { best = resolved }
            }
        }
        if let lattice = input.lattice {
            // A count's stretch left open, nearer than the flip found, is solved value by value
            // (of its lattice) from its end nearer the value now, up to `wholeValuesSolved`
            // values: the first with the other answer is the flip. Only the nearest open
            // stretch of a side is known (the search keeps no other), so what lies beyond it
            // is solved too, up to the flip found or the side's end; values left unsolved
            // stay an open stretch. (Settling the
            // nearest stretch alone read "no flip" over a cap whose answer flipped at one value
            // farther out: a hostile check's case.)
            // Each side is also solved value by value from the value now, up to the flip found
            // there or the side's end (`wholeValuesSolved` values at most, the memo answering
            // the values already solved): ties passed on the way to a flip hid a reversal
            // between values solved (an oracle check: a lead tied at 11.5 and 12, reversed at
            // 12.5, ahead on 13-14, reversed from 15.5, read "flips at 15.5"), and a tie found
            // as the nearest answer hid a reversal farther out on the other side.
            for up in [false, true] {
                let end = up ? max(searchedUp, x0) : min(searchedDown, x0)
                guard abs(end - x0) >= lattice.step / 2 else { continue }
                let far = best.flatMap { b in !b.tie && (b.at > x0) == up ? b.at : nil } ?? end
                open.append(min(x0, far)...max(x0, far))
            }
            var kept: [ClosedRange<Double>] = []
            // The first value with a tie on each side (down, up), from the scans that start at
            // the value now: every value up to the flip is solved there (`Row.tiedFrom`).
            var firstTieFromNow: [Double?] = [nil, nil]
            for r in open.sorted(by: { Self.distance($0, x0) < Self.distance($1, x0) }) {
                let (lo, hi) = (memo.at(r.lowerBound), memo.at(r.upperBound))
                let up = lo >= x0
                // A stretch farther than a tie may hold a reversal, which beats it (`preferred`).
                let nearer = best.map { $0.tie || Self.distance(r, x0) < abs($0.at - x0) } ?? true
                guard nearer, (up ? searchedUp : searchedDown) != x0 || best != nil else { kept.append(r); continue }
                // The side's limit: the flip found there (its bracket's far end: `at`, between
                // two values, may round to the value before it, which then went unsolved one
                // by one, and a tie there unseen), else the end searched.
                let flipHere = best.flatMap { b in (b.at > x0) == up ? memo.at(Self.farEnd(of: b.range, from: x0)) : nil }
                var limit = flipHere ?? memo.at(up ? max(searchedUp, x0) : min(searchedDown, x0))
                // Up a diplomat cap with no flip found there: the values from the most diplomats
                // the plans at the side's end use up to that end keep the end's answer, the
                // answer now (`keptDownTo`), and are not solved one by one.
                if up, flipHere == nil, let fl = settled(limit), fl != 0, (fl > 0) == (f0 > 0), let used = keptDownTo(limit) {
                    limit = max(lo, min(limit, lattice.value(lattice.indexAtOrAbove(used))))
                }
                // Values as multiples of the step, counted from the stretch's end (0.1 added
                // 23 times is not 2.3).
                let step = up ? 1.0 : -1.0
                var k = lattice.index(up ? lo : hi) + step
                var (previous, x, solved) = (up ? lo : hi, lattice.value(k), 0)
                var stopped = false
                // The first tie met (its bracket): value by value, a tie is passed and the
                // values beyond it solved too, since a reversal anywhere beats a tie
                // (`preferred`); it decides only when none follows. (Resolved at once, a tie's
                // near end that was itself a tie put the flip where the ties ended, with the
                // answer there the answer now: an oracle check's case.)
                var firstTie: ClosedRange<Double>? = nil
                while (up ? x < limit : x > limit), solved < Self.wholeValuesSolved {
                    solved += 1
                    guard let fx = settled(x) else { stopped = true; break }
                    if fx != 0 && (fx > 0) != (f0 > 0) {
                        let found = Flip(range: min(previous, x)...max(previous, x), at: x, far: x, farTie: false)
                        if best == nil || preferred(found, over: best!) { best = found }
                        stopped = true
                        break
                    }
                    if fx == 0, firstTie == nil { firstTie = min(previous, x)...max(previous, x) }
                    previous = x
                    k += step
                    // Down a diplomat cap: the values down to the most diplomats the plans at x
                    // use keep its answer (`keptDownTo`), and need no solve (the Havana cap's
                    // row took 287 solves value by value).
                    if !up, let used = keptDownTo(previous) {
                        let first = lattice.indexAtOrAbove(used)
                        if first - 1 < k {
                            previous = lattice.value(first)
                            k = first - 1
                        }
                    }
                    x = lattice.value(k)
                }
                // Ties and no reversal up to the limit: the first tie decides, unless a reversal
                // found beyond it already does (a tie found there is farther).
                if let tie = firstTie, r.contains(x0), firstTieFromNow[up ? 1 : 0] == nil {
                    firstTieFromNow[up ? 1 : 0] = up ? tie.upperBound : tie.lowerBound
                }
                if !stopped, let tie = firstTie, best.map({ $0.tie }) ?? true {
                    let far = up ? tie.upperBound : tie.lowerBound
                    let (found, beyondBand) = resolve(Flip(range: tie, at: far, far: far, farTie: true),
                                                      sideEnd: up ? input.searched.upperBound : input.searched.lowerBound)
                    if let beyondBand { kept.append(beyondBand) }
                    if best == nil || preferred(found, over: best!) { best = found }
                }
                if stopped, best.map({ abs($0.at - x0) > abs(x - x0) }) ?? true { kept.append(r) }
                else if !stopped, up ? x < limit : x > limit { kept.append(min(previous, limit)...max(previous, limit)) }
            }
            open = kept
            // Ties met on the way to a reversal, from the values solved one by one (they
            // replace `resolve`'s reading, which saw only the values its search solved).
            // The flip is the bracket's far end (`row.flipsAt` below): its `at`, between two
            // values, rounded to the value before it, and a tie there read as no tie on the way
            // (a hostile check: a tie at 3, a reversal at 4, no tied_from).
            if var b = best, !b.tie {
                let far = Self.farEnd(of: b.range, from: x0)
                let up = far > x0
                b.tiedFrom = firstTieFromNow[up ? 1 : 0].flatMap { t in abs(t - x0) < abs(memo.at(far) - x0) ? memo.at(t) : nil }
                best = b
            }
        }
        // The nearer of a refused value and a value without a plan says why the search
        // stopped (a horizon searched down to 0.2, where the baseline had no plan below 0.15,
        // said "refuses 0": a hostile check's case).
        let refusal = involved.compactMap({ v in memo.refused[v].map { (v, $0) } }).min(by: { abs($0.1.x - x0) < abs($1.1.x - x0) })
        let noPlan = noPlanBeyond.min(by: { abs($0 - x0) < abs($1 - x0) })
        if let (variant, r) = refusal, noPlan.map({ abs(r.x - x0) <= abs($0 - x0) }) ?? true {
            row.refused = "\(variant) refuses \(Self.shown(r.x)): \(r.why)"
        } else if let x = noPlan {
            // Why, when a solve failed rather than found no plan (GLPK refuses a number).
            let why = involved.compactMap { v in memo.errors[v].map { "\(v): \($0.why)" } }.first.map { "; \($0)" } ?? ""
            // Which of them has none there (the row named both).
            let without = involved.filter { memo.failed.contains(Memo.Key(variant: $0, x: x)) }
            // Which rule makes it so: the diagnosis of the nearest value without a plan.
            var rule = ""
            for v in without.isEmpty ? involved : without {
                if let why = memo.whyNoPlan(v, at: x) { rule = "; there, \(why)"; break }
            }
            row.refused = "no plan for \((without.isEmpty ? involved : without).joined(separator: " or ")) at \(Self.shown(x)) (searched up to the last value with one\(why)\(rule))"
        }
        // The nearest stretch left open on each side, when it lies nearer than the flip
        // reported: a flip nearer than it may lie in either (the row named one side only, and
        // a flip 0.7% away lay on the other: a hostile check's case). Nearest first, the
        // earlier found first among equally near ones; the first is `unsettled`.
        var sides: [(k: Int, range: ClosedRange<Double>)] = []
        for above in [false, true] {
            let side = open.enumerated().filter { above ? $0.element.lowerBound >= x0 : $0.element.upperBound <= x0 }
            if let near = side.min(by: { Self.distance($0.element, x0) < Self.distance($1.element, x0) }),
               best.map({ $0.tie || Self.distance(near.element, x0) < abs($0.at - x0) }) ?? true {
                sides.append((near.offset, near.element))
            }
        }
        row.unsettledSides = sides.sorted { (Self.distance($0.range, x0), $0.k) < (Self.distance($1.range, x0), $1.k) }.map(\.range)
        row.unsettled = row.unsettledSides.first
        row.bounded = anyBounded
        // A side within the tolerance of the value now is not searched, and keeps its end.
        let (low, high) = (input.searched.lowerBound, input.searched.upperBound)
        row.searched = min(x0, abs(low - x0) > tol(low) ? searchedDown : low)...max(x0, abs(high - x0) > tol(high) ? searchedUp : high)
        if let lattice = input.lattice {
            // The values solved, on the lattice (the stretches' ends were solved at their nearest values of it).
            func whole(_ r: ClosedRange<Double>) -> ClosedRange<Double> { memo.at(r.lowerBound)...memo.at(r.upperBound) }
            row.searched = whole(row.searched)
            // Between neighbouring values there is nothing left to rule out (a stretch
            // "between 5 and 5" read as open, and a count solved at every value read "none found").
            row.unsettledSides = row.unsettledSides.map(whole).filter { lattice.index($0.upperBound) - lattice.index($0.lowerBound) > 1 }
            row.unsettled = row.unsettledSides.first
        }
        if let b = best {
            row.bracket = b.range
            row.flipsAt = b.at
            row.tie = b.tie
            // A lead crossing 0 passes through the band of ties: told only when the band begins
            // farther from the flip than the bracket's tolerance (the Havana visa penalty's lead
            // entered it at 80.108903 and reversed at 80.108903); a count's, below, a value or
            // more before it.
            row.tiedFrom = b.tie ? nil : b.tiedFrom.flatMap { t in abs(t - x0) < abs(b.at - x0) - tol(t, b.at) ? t : nil }
            if let lattice = input.lattice {
                // A count: the bracket's end away from the value now, solved at its nearest
                // value of the lattice, is the first such value found with the other answer (its near
                // end's keeps the answer now, and the bracket is narrower than one unless the
                // tolerance is wider).
                let far = Self.farEnd(of: b.range, from: x0)
                row.flipsAt = memo.at(far)
                row.bracket = memo.at(b.range.lowerBound)...memo.at(b.range.upperBound)
                // A tie one value or more before the flip (on the lattice: `at` may lie between
                // the flip and the value before it).
                row.tiedFrom = b.tie ? nil : b.tiedFrom.flatMap { t in
                    abs(memo.at(t) - x0) < abs(memo.at(far) - x0) - lattice.step / 2 ? memo.at(t) : nil
                }
                row.flipsPast = Self.flipsPast(input.path, flip: memo.at(far), from: x0, lattice: lattice)
            }
            // Past the flip, on its side of the value now: beyond `flipsPast` strictly (it may be
            // the value now itself), else at or beyond the flip.
            let at = row.flipsAt ?? b.at
            row.chanceBeyond = input.drawn.flatMap {
                $0.distribution.chanceBeyond(row.flipsPast ?? at, upward: at > x0, inclusive: row.flipsPast == nil, from: x0, relative: $0.relative)
            }
            // For an input searched as a real number, the reversal on the other side of the value
            // now (a count's other side is not solved value by value): its far side differs
            // from the answer now too (it was left out, and a flip 20% below read as never drawn
            // beside one 30% above).
            let other = input.lattice != nil || b.tie ? nil
                : sideFlips.filter({ !$0.tie && ($0.at > x0) != (b.at > x0) && abs($0.at - x0) > tol($0.at) })
                    .min(by: { abs($0.at - x0) < abs($1.at - x0) })
            row.flipsOtherSide = other?.at
            // A discrete distribution of a count too (the government's cap, 362–382 drawn
            // whole): past its flip the answer may come back (keeping wins again at a cap of
            // 368 below a flip at 371), and every value past the flip was counted reversed.
            let discrete: Bool = if case .discrete(let values, _)? = input.drawn?.distribution { Set(values).count <= Self.discreteValuesSolved } else { false }
            // A continuous distribution of a count whose support holds at most
            // `discreteValuesSolved` values of its lattice: each value solved, weighted by the
            // draws that answer as it (a cap's [k, k + step), a post's diplomats' (k − step, k]).
            // The mass past the flip counted a reversal and return inside the range as reversed.
            let continuous: Bool = if case .discrete? = input.drawn?.distribution { false } else { input.drawn != nil }
            if let l = input.lattice, continuous, !b.tie, let d = input.drawn {
                if let share = latticeShare(l, d, classOf: { v in
                    guard let there = settled(v) else { return .noPlan }
                    return there != 0 && (there > 0) != (f0 > 0) ? .reversed : .kept
                }) {
                    let (total, none, reversedValues) = share
                    row.chanceBeyond = min(1, total)
                    row.chanceNoPlan = none > 0 ? min(1, none) : nil
                    // The nearest value reversed on the other side of the value now, among those
                    // the draws reach (each solved), as for a discrete distribution.
                    let at = row.flipsAt ?? b.at
                    if row.flipsOtherSide == nil {
                        row.flipsOtherSide = reversedValues.filter { ($0 > x0) != (at > x0) && abs($0 - x0) >= l.step / 2 }
                            .min { abs($0 - x0) < abs($1 - x0) }
                    }
                }
            }
            if input.lattice == nil || discrete, !b.tie, let d = input.drawn {
                /// A value's class against the answer now (`continuousShare`'s and `discreteShare`'s).
                func classOf(_ x: Double) -> Class {
                    guard let v = settled(x) else { return .noPlan }
                    return v != 0 && (v > 0) != (f0 > 0) ? .reversed : .kept
                }
                func reversed(_ x: Double) -> Bool { classOf(answersAs(x)) == .reversed }
                if case .discrete(let values, let weights) = d.distribution, discrete {
                    // A discrete distribution: each value solved, its weight counted where the
                    // answer is reversed there (a value at a crossing is a tie, not a reversal;
                    // one inside a bracket was counted by where the bracket's middle fell: a
                    // discrete 5,999 beside a flip at 6,000 read 0% where half the draws flip,
                    // and values at both crossings read 100% where none reverses: hostile passes).
                    let share = discreteShare(values, weights, relative: d.relative, classOf: classOf)
                    row.chanceBeyond = share.reversed
                    row.chanceNoPlan = share.noPlan > 0 ? min(1, share.noPlan) : nil
                    // A count's other side, found among the values solved: the nearest value
                    // reversed there (a cap flipping below a range 8–11 and reversed at 9 read
                    // "flip outside" beside a share of 50%: a hostile pass).
                    if let l = input.lattice, row.flipsOtherSide == nil {
                        let at = row.flipsAt ?? b.at
                        if let v = values.map({ d.relative ? $0 * x0 : $0 })
                            .filter({ ($0 > x0) != (at > x0) && abs($0 - x0) > 1e-9 * max(1, abs(x0)) && reversed($0) })
                            .min(by: { abs($0 - x0) < abs($1 - x0) }).map(answersAs) {
                            // the nearest reversal between the value now and it, value by value
                            // (at most `discreteValuesSolved` of them; else the value drawn)
                            let (i0, i1) = (l.index(x0), l.index(v))
                            let between = stride(from: i0 + (v > x0 ? 1 : -1), to: i1, by: v > x0 ? 1 : -1).map(l.value)
                            row.flipsOtherSide = between.count <= Self.discreteValuesSolved ? (between.first(where: reversed) ?? v) : v
                        }
                    }
                } else {
                    // A continuous one: the mass where the answer is reversed, as the values solved
                    // and the bisections between them read it (`continuousShare`), split at the flips.
                    let share = continuousShare(d, crossings: [row.flipsAt, row.flipsOtherSide].compactMap { $0 }, classOf: classOf)
                    if share.anyNoPlan { row.chanceNoPlan = share.noPlan }
                    row.chanceBeyond = share.reversed
                }
            }
        }
        if let l = input.lattice, let o = row.flipsOtherSide {
            row.flipsOtherSidePast = Self.flipsPast(input.path, flip: o, from: x0, lattice: l)
        }
        // Without a flip, or for a count: how much of the stated distribution lies where a
        // variant compared has no plan, read off the values solved for either side (half a
        // stretch between a value with a plan and one without). A "no flip" over 90–450
        // said nothing of the 27% of a 50–200 range below 90 without a plan (a hostile pass).
        if row.chanceNoPlan == nil, let d = input.drawn {
            let dist = d.distribution
            // Only values solved already, for every side the answer reads (no solve is added
            // for this: most inputs of a search have no flip).
            let sides = (held ? [] : [a.variant]) + (baselineVariant.map { [$0] } ?? [])
            let keys = Set(memo.plans.keys).union(memo.failed)
            func noPlan(_ x: Double) -> Bool { sides.contains { memo.failed.contains(Memo.Key(variant: $0, x: memo.at(x))) } }
            // known: a side without a plan there (no answer, whatever the other), or every side solved
            let solved = Set(keys.filter { sides.contains($0.variant) }.map(\.x).filter { x in
                noPlan(x) || sides.allSatisfy { keys.contains(Memo.Key(variant: $0, x: x)) }
            })
            if case .discrete(let values, let weights) = dist {
                let total = weights.reduce(0, +)
                let none = zip(values, weights).reduce(0.0) { sum, vw in
                    let x = d.relative ? vw.0 * x0 : vw.0
                    // only the values solved are known; a value never solved is not counted
                    return sum + (solved.contains(memo.at(x)) && noPlan(x) ? vw.1 / total : 0)
                }
                if none > 0 { row.chanceNoPlan = min(1, none) }
            } else {
                let (sLo, sHi) = drawnSupport(d)
                let points = solved.filter { $0 >= sLo && $0 <= sHi }.sorted().map { (x: $0, none: noPlan($0)) }
                if points.contains(where: \.none) {
                    var none = 0.0
                    if let first = points.first, first.none { none += mass(-.infinity, first.x) }
                    if let last = points.last, last.none { none += mass(last.x, .infinity) }
                    for (p, q) in zip(points, points.dropFirst()) where p.none || q.none {
                        none += (p.none && q.none ? 1 : 0.5) * mass(p.x, q.x)
                    }
                    row.chanceNoPlan = min(1, max(none, 0))
                }
            }
        }
        row.solves = solves
        return row
    }
}
