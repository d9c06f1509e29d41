package rundiff

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/perf/benchmath"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// Stat is one side's numbers for an operation. Durations are ns.
type Stat struct {
	Count, Errors int
	// Untimed calls (no start, no end, or an end before the start) are
	// among Count and take no part in any time, the noise test or a gate.
	Untimed            int
	Critical           int // calls on the critical path
	P50, P95, P99, Max int64
	Mean               int64
	Self               int64 // summed self time
	Median             Interval
	Kinds              map[string]int // error kind → error spans
}

// Interval is a median with its confidence interval, ns. Lo or Hi is
// infinite when there are too few samples for one.
type Interval struct{ Center, Lo, Hi float64 }

// Test is the noise test of one operation: Mann–Whitney U, as benchstat.
type Test struct {
	P, Alpha float64
	// Q is P adjusted for the number of operations compared
	// (Benjamini–Hochberg); Significant compares it with Alpha.
	Q      float64
	N1, N2 int
	// TooFew: the samples cannot show a difference at Alpha however far
	// apart they are; Note is benchmath's explanation.
	TooFew bool
	Note   string
}

// Significant reports a difference beyond noise.
func (t Test) Significant() bool { return !t.TooFew && t.Q <= t.Alpha }

// OpDiff is one operation in both runs.
type OpDiff struct {
	Key  OpKey
	A, B Stat
	Test *Test // nil when the operation is in one run only
	// Flagged: the change is beyond noise and past the threshold.
	Flagged bool
	// NewKinds are error kinds B has for this operation and A never had,
	// with B's counts; NewErrors sums them.
	NewKinds  map[string]int
	NewErrors int
	Impact    float64 // |Δ mean| × calls on the critical path, ns: the sort key
}

// Timed is how many calls the times are over.
func (s Stat) Timed() int { return s.Count - s.Untimed }

// New reports an operation only B has; Vanished one only A has.
func (o *OpDiff) New() bool      { return o.A.Count == 0 && o.B.Count > 0 }
func (o *OpDiff) Vanished() bool { return o.A.Count > 0 && o.B.Count == 0 }

// Untimed reports an operation both runs have whose calls on one side
// (or both) are all untimed: there is nothing to compare.
func (o *OpDiff) Untimed() bool {
	return o.A.Count > 0 && o.B.Count > 0 && (o.A.Timed() == 0 || o.B.Timed() == 0)
}

// Change is B's median minus A's, ns.
func (o *OpDiff) Change() int64 {
	if o.Untimed() {
		return 0
	}
	return o.B.P50 - o.A.P50
}

// FindingDiff is a finding seen in one run and not the other, with the
// number of traces it was in.
type FindingDiff struct {
	Key              FindingKey
	TracesA, TracesB int
}

// Result is the whole comparison.
type Result struct {
	ByService bool
	// Overall compares the traces' durations (Key is empty); its Count is
	// traces and its Errors traces with an error.
	Overall      OpDiff
	Ops          []OpDiff      // by impact, largest first
	NewFindings  []FindingDiff // in B only
	GoneFindings []FindingDiff // in A only
	Threshold    diff.Threshold
}

// Options tune the comparison.
type Options struct {
	Threshold diff.Threshold // a change smaller than this is not flagged
	Alpha     float64        // significance level; default 0.05, benchstat's
}

// confidence is the level of the median intervals, benchstat's default.
const confidence = 0.95

// Compare compares two runs. The runs keep their samples: comparing again
// with other options is allowed.
func Compare(a, b *Run, opt Options) *Result {
	if opt.Alpha <= 0 {
		opt.Alpha = benchmath.DefaultThresholds.CompareAlpha
	}
	th := &benchmath.Thresholds{CompareAlpha: opt.Alpha}
	res := &Result{ByService: a.ByService, Threshold: opt.Threshold}
	ut := newUTest(max(a.largest(), b.largest()))
	res.Overall = compareOne(OpKey{}, &opAcc{durs: a.traceDurs, untimed: a.untimed, errors: a.traceErrs},
		&opAcc{durs: b.traceDurs, untimed: b.untimed, errors: b.traceErrs}, th, ut, opt)
	adjust(slices.Clone([]OpDiff{res.Overall}), opt) // one test: Q is P (Test is shared)
	res.Overall.flag(opt)
	res.Overall.A.Count, res.Overall.B.Count = a.Traces, b.Traces
	keys := slices.Clone(a.order)
	for _, k := range b.order {
		if a.ops[k] == nil {
			keys = append(keys, k)
		}
	}
	res.Ops = make([]OpDiff, len(keys))
	// The medians' intervals and the U tests are the costly part: spread
	// the operations over the cores (each writes only its own slot).
	workers := min(runtime.GOMAXPROCS(0), max(len(keys)/64, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(keys); i += workers {
				res.Ops[i] = compareOne(keys[i], a.ops[keys[i]], b.ops[keys[i]], th, ut, opt)
			}
		})
	}
	wg.Wait()
	adjust(res.Ops, opt)
	slices.SortStableFunc(res.Ops, func(x, y OpDiff) int {
		// What changed comes first (flagged, new, gone, new errors), then
		// the rest, each by impact.
		if c := cmp.Compare(y.matters(), x.matters()); c != 0 { // 1 before 0
			return c
		}
		if c := cmp.Compare(y.Impact, x.Impact); c != 0 {
			return c
		}
		if c := cmp.Compare(abs(y.Change())*int64(y.B.Count), abs(x.Change())*int64(x.B.Count)); c != 0 {
			return c
		}
		return cmp.Compare(x.Key.Label(), y.Key.Label())
	})
	res.NewFindings = findingsOnly(b.findings, a.findings, false)
	res.GoneFindings = findingsOnly(a.findings, b.findings, true)
	return res
}

func compareOne(k OpKey, a, b *opAcc, th *benchmath.Thresholds, ut *uTest, opt Options) OpDiff {
	o := OpDiff{Key: k}
	sa, sampleA := stat(a, th)
	sb, sampleB := stat(b, th)
	o.A, o.B = sa, sb
	for kind, n := range sb.Kinds {
		if sa.Kinds[kind] == 0 {
			if o.NewKinds == nil {
				o.NewKinds = map[string]int{}
			}
			o.NewKinds[kind] = n
			o.NewErrors += n
		}
	}
	if sampleA == nil || sampleB == nil {
		if o.Untimed() {
			return o // no times on one side: no change to measure, none to rank by
		}
		// One run only: its whole time is the change.
		o.Impact = float64(max(sa.Mean*int64(sa.Critical), sb.Mean*int64(sb.Critical)))
		return o
	}
	c := ut.compare(sampleA, sampleB)
	t := &Test{P: c.P, Alpha: c.Alpha, N1: c.N1, N2: c.N2}
	if len(c.Warnings) > 0 && !allEqual(sampleA.Values, sampleB.Values) {
		t.TooFew, t.Note = c.P > c.Alpha, c.Warnings[0].Error()
	}
	// No ranking of n1 and n2 values is rarer than 2 in C(n1+n2, n1): a
	// p-value below that (the library's approximation under ties can give
	// 0 for 1 against 7 calls) is not evidence, and when even that floor is
	// above alpha no difference can be told from noise at all.
	if floor := minP(c.N1, c.N2); floor > c.Alpha {
		t.TooFew, t.P = true, max(t.P, floor)
		t.Note = fmt.Sprintf("need more calls: with %d and %d, no change can be told from noise at alpha %.2f", c.N1, c.N2, c.Alpha)
	} else {
		t.P = max(t.P, floor)
	}
	o.Test = t
	o.Impact = math.Abs(float64(sb.Mean-sa.Mean)) * float64(max(sa.Critical, sb.Critical))
	return o
}

// adjust turns each operation's p-value into a Benjamini–Hochberg
// q-value over all the operations compared: at 5% per test, 4,000
// unchanged operations would flag 200 by chance; adjusted, the share of
// false alarms among the flagged stays at 5%. Then it flags.
func adjust(ops []OpDiff, opt Options) {
	var tested []*OpDiff
	for i := range ops {
		if ops[i].Test != nil && !ops[i].Test.TooFew {
			tested = append(tested, &ops[i])
		}
	}
	slices.SortFunc(tested, func(x, y *OpDiff) int { return cmp.Compare(x.Test.P, y.Test.P) })
	m := float64(len(tested))
	q := 1.0
	for k := len(tested) - 1; k >= 0; k-- {
		t := tested[k].Test
		q = math.Min(q, t.P*m/float64(k+1))
		t.Q = q
	}
	for i := range ops {
		ops[i].flag(opt)
	}
}

func (o *OpDiff) flag(opt Options) {
	o.Flagged = o.Test != nil && o.Test.Significant() && opt.Threshold.Passes(o.A.P50, o.B.P50)
}

// matters: the operation changed beyond noise, appeared, vanished or has
// new errors.
func (o *OpDiff) matters() int {
	if o.Flagged || o.New() || o.Vanished() || o.NewErrors > 0 {
		return 1
	}
	return 0
}

// stat summarizes one side; the sample is nil when the side has no timed
// calls.
func stat(acc *opAcc, th *benchmath.Thresholds) (Stat, *benchmath.Sample) {
	if acc == nil {
		return Stat{}, nil
	}
	if len(acc.durs) == 0 {
		return Stat{Count: acc.untimed, Untimed: acc.untimed, Errors: acc.errors, Kinds: acc.kinds}, nil
	}
	d := acc.durs
	s := Stat{Count: len(d) + acc.untimed, Untimed: acc.untimed, Errors: acc.errors, Critical: acc.critical, Self: acc.self, Kinds: acc.kinds,
		P50: trace.Percentile(d, 0.50), P95: trace.Percentile(d, 0.95), P99: trace.Percentile(d, 0.99), Max: d[len(d)-1]}
	vals := make([]float64, len(d))
	sum := 0.0
	for i, v := range d {
		vals[i] = float64(v)
		sum += vals[i]
	}
	s.Mean = int64(sum / float64(len(d)))
	sample := benchmath.NewSample(vals, th)
	m := benchmath.AssumeNothing.Summary(sample, confidence)
	// The center is the p50 every table prints (one percentile for all of
	// tracetui); benchmath's interpolated median would read as a second,
	// slightly different median of the same calls beside it.
	s.Median = Interval{float64(s.P50), m.Lo, m.Hi}
	return s, sample
}

// allEqual: every value on both sides the same, which the U test cannot
// rank; that is no change, not too few samples.
func allEqual(a, b []float64) bool {
	return len(a) > 0 && len(b) > 0 && a[0] == a[len(a)-1] && b[0] == b[len(b)-1] && a[0] == b[0]
}

func findingsOnly(in, notIn map[FindingKey]int, gone bool) []FindingDiff {
	var out []FindingDiff
	for k, n := range in {
		if notIn[k] > 0 {
			continue
		}
		f := FindingDiff{Key: k, TracesB: n}
		if gone {
			f.TracesA, f.TracesB = n, 0
		}
		out = append(out, f)
	}
	slices.SortFunc(out, func(x, y FindingDiff) int {
		if c := cmp.Compare(y.TracesA+y.TracesB, x.TracesA+x.TracesB); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Key.Kind, y.Key.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Key.Op.Label(), y.Key.Op.Label()); c != 0 {
			return c
		}
		return cmp.Compare(x.Key.Detail, y.Key.Detail)
	})
	return out
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// minP is the smallest two-sided p-value the exact Mann–Whitney U test can
// give for samples of n1 and n2 values: 2 / C(n1+n2, n1), at most 1.
func minP(n1, n2 int) float64 {
	c := 1.0 // C(n1+n2, k) built up for k = 1..min(n1, n2)
	k := min(n1, n2)
	for i := 1; i <= k; i++ {
		c = c * float64(n1+n2-k+i) / float64(i)
		if c > 1e12 {
			return 0
		}
	}
	return min(1, 2/c)
}
