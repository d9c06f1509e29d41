package render

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// minus is the sign of a smaller number: a true minus sign, so "−12 ms"
// reads as a change and not a hyphen; ASCII output keeps "-".
func minus(g *Glyphs) string {
	if g.IsASCII() {
		return "-"
	}
	return "−"
}

// arrow joins an A value to its B value.
func arrow(g *Glyphs) string { return g.or().Arrow }

// SignedDuration is a change in time with its sign always shown: "+3.90 s",
// "−12.0 ms", "0".
func SignedDuration(ns int64, g *Glyphs) string {
	switch {
	case ns > 0:
		return "+" + g.Duration(ns)
	case ns < 0:
		return minus(g) + g.Duration(-ns)
	}
	return "0"
}

// PercentChange is b against a, both ns: "+233%", "−12%"; from 0 the
// change itself ("+5.00 ms"), as a percent of nothing is undefined; ""
// when both are zero. Whether A had the operation at all ("new") is the
// caller's to say.
func PercentChange(a, b float64, g *Glyphs) string {
	switch {
	case a == 0 && b == 0:
		return ""
	case a == 0:
		return SignedDuration(int64(b-a), g)
	}
	return signedPercent((b-a)*100/a, g)
}

// compactPercent is where a growth is said as a ratio instead ("×10801"
// for +1,080,000%: B took 10801 times A's time), so a change never needs
// more than 6 columns; past ×99999 with an exponent ("×1.1e6"). Only
// growth gets there: a fall stops at −100%.
const compactPercent = 1e4

func signedPercent(p float64, g *Glyphs) string {
	if math.IsInf(p, 0) {
		return "new"
	}
	r := math.Round(p)
	switch {
	case r >= compactPercent:
		ratio := math.Round(1 + p/100)
		if ratio < 1e5 {
			return fmt.Sprintf("%s%.0f", g.or().Times, ratio)
		}
		m, e := ratio, 0
		for m >= 9.95 {
			m, e = m/10, e+1
		}
		return fmt.Sprintf("%s%.1fe%d", g.or().Times, m, e)
	case r > 0:
		return fmt.Sprintf("+%.0f%%", r)
	case r < 0:
		return fmt.Sprintf("%s%.0f%%", minus(g), -r)
	case p > 0:
		return "+<1%"
	case p < 0:
		return minus(g) + "<1%"
	}
	return "0%"
}

// rowLabel is a row's service and name, with its calls when it is a run:
// "inventory SELECT items ×6 → ×25".
func rowLabel(r *diff.Row, g *Glyphs) string {
	s := g.Clean(r.Service) + " " + g.Clean(r.Name)
	if !r.Run {
		return s
	}
	x := g.Times
	switch {
	case !r.A.Present():
		return fmt.Sprintf("%s %s%d", s, x, r.B.Count())
	case !r.B.Present() || r.A.Count() == r.B.Count():
		return fmt.Sprintf("%s %s%d", s, x, r.A.Count())
	}
	return fmt.Sprintf("%s %s%d %s %s%d", s, x, r.A.Count(), arrow(g), x, r.B.Count())
}

// VerdictLine is the diff's answer in one line:
//
//	B is 3.92 s slower (1.68 s → 5.60 s): shipping GET /v2/rates +3.90 s (self); 1 new error: payment POST /v1/charges
//
// A trace with no timed span has no duration: the two are not compared
// ("B's duration cannot be compared with A's (duration unknown → 1.00 s)"),
// nor has one whose end is open (a span with no end and no timed ancestor):
// its figure is a lower bound ("at least 30.0 ms → 25.0 ms").
// When most of a critical path is unknown time (after a span with no end
// started, print's "unknown:" line), the comparison says so: "B takes as
// long as A (1.00 s), but 80% of B's critical path is unknown".
func VerdictLine(d *diff.Diff, v diff.Verdict, g *Glyphs) string {
	da, db := g.Duration(v.DurA), g.Duration(v.DurB)
	knownA, knownB := DurationKnown(d.A.Tree), DurationKnown(d.B.Tree)
	if !knownA {
		da = cmp.Or(DurationAtLeast(d.A.Tree, g), "duration unknown")
	}
	if !knownB {
		db = cmp.Or(DurationAtLeast(d.B.Tree, g), "duration unknown")
	}
	var head string
	switch {
	case !knownA || !knownB:
		head = fmt.Sprintf("B's duration cannot be compared with A's (%s %s %s)", da, arrow(g), db)
	case v.DurB > v.DurA:
		head = fmt.Sprintf("B is %s slower (%s %s %s)", g.Duration(v.DurB-v.DurA), da, arrow(g), db)
	case v.DurB < v.DurA:
		head = fmt.Sprintf("B is %s faster (%s %s %s)", g.Duration(v.DurA-v.DurB), da, arrow(g), db)
	default:
		head = "B takes as long as A (" + da + ")"
	}
	if knownA && knownB {
		head += mostlyUnknown(d)
	}
	var parts []string
	if v.Top >= 0 {
		r := &d.Rows[v.Top]
		parts = append(parts, rowLabel(r, g)+" "+SignedDuration(r.SelfChange(), g)+" (self)")
	}
	if n := len(v.NewErrors); n > 0 {
		parts = append(parts, countWord(n, "new error", "new errors")+": "+rowNames(d, v.NewErrors, g))
	}
	if n := len(v.FixedErrors); n > 0 {
		parts = append(parts, countWord(n, "error", "errors")+" gone: "+rowNames(d, v.FixedErrors, g))
	}
	if n := len(v.RemovedErrors); n > 0 {
		parts = append(parts, countWord(n, "failed span", "failed spans")+" removed: "+rowNames(d, v.RemovedErrors, g))
	}
	if v.Added > 0 || v.Removed > 0 {
		parts = append(parts, fmt.Sprintf("%s added, %d removed", countWord(v.Added, "span", "spans"), v.Removed))
	}
	switch {
	case v.Changed == 0 && v.Untimed > 0:
		parts = append(parts, "nothing changed that both timed ("+countWord(v.Untimed, "row", "rows")+" not compared)")
	case v.Changed == 0:
		parts = append(parts, "nothing changed")
	}
	if len(parts) == 0 {
		return head
	}
	return head + ": " + strings.Join(parts, "; ")
}

// mostlyUnknown qualifies a verdict on two critical paths when at least
// half of either is unknown time (trace.Analysis.UnknownPathTime, the
// percent print's "unknown:" line gives): ", but 80% of B's critical path
// is unknown"; "" otherwise.
func mostlyUnknown(d *diff.Diff) string {
	var said []string
	for _, s := range []struct {
		name string
		a    *trace.Analysis
	}{{"A", d.A.Analysis}, {"B", d.B.Analysis}} {
		path := s.a.PathTime + s.a.UnknownPathTime
		if u := s.a.UnknownPathTime; u > 0 && 2*u >= path {
			said = append(said, percent(u, path)+" of "+s.name+"'s")
		}
	}
	switch len(said) {
	case 1:
		return ", but " + said[0] + " critical path is unknown"
	case 2:
		return ", but " + said[0] + " critical path and " + said[1] + " are unknown"
	}
	return ""
}

// countWord is "1 new error", "2 new errors".
func countWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// rowNames lists up to three rows by name, then how many more.
func rowNames(d *diff.Diff, rows []int32, g *Glyphs) string {
	var names []string
	for k, i := range rows {
		if k == 3 {
			names = append(names, fmt.Sprintf("%d more", len(rows)-3))
			break
		}
		names = append(names, g.Clean(d.Rows[i].Service)+" "+g.Clean(d.Rows[i].Name))
	}
	return strings.Join(names, ", ")
}

// BottleneckLine names both bottlenecks, and says so when it moved.
func BottleneckLine(d *diff.Diff, g *Glyphs) string {
	side := func(row int32, b bool) string {
		if row < 0 {
			return "none"
		}
		r := &d.Rows[row]
		s := r.A
		if b {
			s = r.B
		}
		return fmt.Sprintf("%s %s %s self", g.Clean(r.Service), g.Clean(r.Name), g.Duration(s.Self))
	}
	if !d.BottleneckMoved() {
		if d.BottleA < 0 {
			return "bottleneck: none in either trace"
		}
		r := &d.Rows[d.BottleA]
		return fmt.Sprintf("bottleneck: %s %s in both (%s %s %s self)", g.Clean(r.Service), g.Clean(r.Name),
			g.Duration(r.A.Self), arrow(g), g.Duration(r.B.Self))
	}
	return fmt.Sprintf("bottleneck moved: %s in A %s %s in B", side(d.BottleA, false), arrow(g), side(d.BottleB, true))
}
