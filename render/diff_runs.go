package render

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/rundiff"
)

// RunDiffLines is the text of a run diff: the traces compared, one line per
// operation by impact (p50, p95, p99 and mean as "A → B", the median's
// change and whether it is beyond noise), the flagged changes with their
// intervals, new errors and new findings. top > 0 shows that many
// operations and says how many more there are; every line fits the width
// (columns give way, then rows wrap; nothing of the answer is cut).
func RunDiffLines(res *rundiff.Result, top int, opt Options) []string {
	g := opt.Glyphs.or()
	stl, w := opt.Styles, max(opt.Width, 40)
	o := &res.Overall
	out := wrapIndent([]string{"A: " + Plural(o.A.Count, "trace"), "B: " + Plural(o.B.Count, "trace")}, g.Sep, w, "  ", g)
	for _, l := range wrapJoin(strings.Fields(runVerdict(res, g)), " ", w, g) {
		out = append(out, stl.Paint(stl.Header, l))
	}
	out = append(out, "")
	ops := res.Ops
	if top > 0 && len(ops) > top {
		ops = ops[:top]
	}
	out = append(out, runTable(res, ops, w, opt)...)
	if more := len(res.Ops) - len(ops); more > 0 {
		what := "operation"
		if res.ByService {
			what = "service"
		}
		for _, l := range wrapJoin(strings.Fields(moreText(more, what)), " ", w, g) {
			out = append(out, stl.Paint(stl.Dim, l))
		}
	}
	var flagged []string
	for i := range res.Ops {
		if x := &res.Ops[i]; x.Flagged {
			flagged = append(flagged, "  "+g.Clean(x.Key.Label())+": "+IntervalText(x, g))
		}
	}
	if o.Flagged {
		flagged = append([]string{"  traces: " + IntervalText(o, g)}, flagged...)
	}
	out = appendSection(out, "beyond noise (median, 95% interval):", flagged, top, w, opt)
	out = appendSection(out, "untimed calls (no start or end; left out of every time):",
		untimedLines(res, g), top, w, opt)
	var errs []string
	for i := range res.Ops {
		x := &res.Ops[i]
		kinds := make([]string, 0, len(x.NewKinds))
		for k := range x.NewKinds {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		for _, k := range kinds {
			errs = append(errs, fmt.Sprintf("  %s: %s %s%d", g.Clean(x.Key.Label()), g.Clean(k),
				opt.Glyphs.or().Times, x.NewKinds[k]))
		}
	}
	out = appendSection(out, "new errors:", errs, top, w, opt)
	out = appendSection(out, "new findings:", findingDiffs(res.NewFindings, "B", o.B.Count, g), top, w, opt)
	out = appendSection(out, "findings gone:", findingDiffs(res.GoneFindings, "A", o.A.Count, g), top, w, opt)
	return out
}

// untimedLines name the operations with untimed calls and how many: the
// times (and the noise test, and any gate) are over the other calls.
func untimedLines(res *rundiff.Result, g *Glyphs) []string {
	var out []string
	side := func(s rundiff.Stat, name string) string {
		return fmt.Sprintf("%d of %d in %s", s.Untimed, s.Count, name)
	}
	for i := range res.Ops {
		x := &res.Ops[i]
		var parts []string
		if x.A.Untimed > 0 {
			parts = append(parts, side(x.A, "A"))
		}
		if x.B.Untimed > 0 {
			parts = append(parts, side(x.B, "B"))
		}
		if len(parts) > 0 {
			out = append(out, "  "+g.Clean(x.Key.Label())+": "+strings.Join(parts, ", "))
		}
	}
	return out
}

// appendSection adds a titled list, its first top lines when top > 0
// with a line saying how many more.
func appendSection(out []string, title string, lines []string, top, w int, opt Options) []string {
	g := opt.Glyphs.or()
	if len(lines) == 0 {
		return out
	}
	more := 0
	if top > 0 && len(lines) > top {
		lines, more = lines[:top], len(lines)-top
	}

	out = append(out, "")
	for _, l := range wrapJoin(strings.Fields(title), " ", w, g) {
		out = append(out, opt.Styles.Paint(opt.Styles.Header, l))
	}
	for _, l := range lines {
		// A line of the answer wraps under itself, never cut.
		indent := strings.Repeat(" ", len(l)-len(strings.TrimLeft(l, " ")))
		for _, wl := range wrapIndent(strings.Fields(l), " ", w-len(indent), "    ", g) {
			out = append(out, indent+wl)
		}
	}
	if more > 0 {
		for _, l := range wrapIndent(strings.Fields(moreText(more, "")), " ", w-2, "  ", g) {
			out = append(out, opt.Styles.Paint(opt.Styles.Dim, "  "+l))
		}
	}
	return out
}

// moreText is "3994 more operations, of less impact (--top 0 shows
// all)"; what "" counts a list's lines ("3 more (--top 0 shows all)").
func moreText(n int, what string) string {
	s := strconv.Itoa(n) + " more"
	switch {
	case what == "":
		return s + " (--top 0 shows all)"
	case n == 1:
		s += " " + what
	default:
		s += " " + what + "s"
	}
	return s + ", of less impact (--top 0 shows all)"
}

// runVerdict is the run diff's one-line answer: the traces' p50 and p95,
// and how many operations changed beyond noise.
func runVerdict(res *rundiff.Result, g *Glyphs) string {
	o := &res.Overall
	ar := arrow(g)
	pair := func(a, b int64) string {
		s := sideDuration(o.A, a, g) + " " + ar + " " + sideDuration(o.B, b, g)
		if o.A.Timed() > 0 && o.B.Timed() > 0 {
			if c := PercentChange(float64(a), float64(b), g); c != "" {
				s += " (" + c + ")"
			}
		}
		return s
	}
	s := "traces p50 " + pair(o.A.P50, o.B.P50) + ", p95 " + pair(o.A.P95, o.B.P95)
	switch {
	case o.Test == nil:
	case o.Test.TooFew:
		s += ", too few traces to tell from noise"
	case o.Test.Significant():
		s += fmt.Sprintf(", beyond noise (p=%.3f)", o.Test.Q)
	default:
		s += ", within noise"
	}
	var slower, faster, added, gone, errs int
	for i := range res.Ops {
		x := &res.Ops[i]
		switch {
		case x.New():
			added++
		case x.Vanished():
			gone++
		case x.Flagged && x.Change() > 0:
			slower++
		case x.Flagged:
			faster++
		}
		errs += x.NewErrors
	}
	var parts []string
	if slower > 0 {
		parts = append(parts, strconv.Itoa(slower)+" slower")
	}
	if faster > 0 {
		parts = append(parts, strconv.Itoa(faster)+" faster")
	}
	if added > 0 {
		parts = append(parts, strconv.Itoa(added)+" new")
	}
	if gone > 0 {
		parts = append(parts, strconv.Itoa(gone)+" gone")
	}
	if len(parts) == 0 {
		s += "; no operation changed beyond noise"
	} else {
		s += "; operations: " + strings.Join(parts, ", ")
	}
	if errs > 0 {
		s += "; " + countWord(errs, "new error", "new errors")
	}
	return s
}

// noiseWord says what the noise test found: "p=0.000" beyond noise, "~"
// within it, "too few" samples to tell. The p is adjusted for the number
// of operations compared (rundiff.Test.Q).
func noiseWord(o *rundiff.OpDiff) string {
	switch {
	case o.Untimed():
		return "untimed"
	case o.Test == nil && o.A.Count == 0:
		return "new"
	case o.Test == nil:
		return "gone"
	case o.Test.TooFew:
		return "too few"
	case o.Test.Significant():
		return fmt.Sprintf("p=%.3f", o.Test.Q)
	}
	return "~ noise"
}

// IntervalText is a flagged change with its evidence, as benchstat words
// it: "24.3 ms ±8% → 46.0 ms ±7%, +89% (p=0.000 n=200+200)".
func IntervalText(o *rundiff.OpDiff, g *Glyphs) string {
	t := o.Test
	return fmt.Sprintf("%s %s %s, %s (p=%.3f n=%d+%d)", medianText(o.A.Median, t.N1, g), arrow(g), medianText(o.B.Median, t.N2, g),
		PercentChange(o.A.Median.Center, o.B.Median.Center, g), t.Q, t.N1, t.N2)
}

// medianText is a median and its interval's half-width as a share;
// "5.00 ms (no interval: n=5)" when n calls are too few for a 95%
// interval, the median alone when it is 0 (no share of nothing).
func medianText(m rundiff.Interval, n int, g *Glyphs) string {
	d := g.Duration(int64(m.Center))
	pm := "±"
	if g.IsASCII() {
		pm = "+-"
	}
	switch {
	case math.IsInf(m.Lo, 0) || math.IsInf(m.Hi, 0):
		return fmt.Sprintf("%s (no interval: n=%d)", d, n)
	case m.Center == 0:
		return d
	}
	pct := math.Max(m.Hi/m.Center-1, 1-m.Lo/m.Center) * 100
	return fmt.Sprintf("%s %s%.0f%%", d, pm, pct)
}

func findingDiffs(fs []rundiff.FindingDiff, side string, traces int, g *Glyphs) []string {
	var out []string
	for _, f := range fs {
		n := f.TracesA + f.TracesB
		out = append(out, fmt.Sprintf("  %-10s %s (in %d of %d traces of %s)", string(f.Key.Kind), FindingKeyText(f.Key, g), n, traces, side))
	}
	return out
}

// FindingKeyText names a finding seen across runs: "api GET / → db SELECT
// item" for an N+1, the call for a duplicate, the loop for a cycle.
func FindingKeyText(k rundiff.FindingKey, g *Glyphs) string {
	switch {
	case k.Op.Service != "" && k.Detail != "":
		return g.Clean(k.Op.Label()) + " " + arrow(g) + " " + g.Clean(k.Detail)
	case k.Op.Service != "":
		return g.Clean(k.Op.Label())
	}
	// A cycle's path is joined with tracetui's own arrows.
	if g.IsASCII() {
		return g.Clean(strings.ReplaceAll(k.Detail, " → ", " -> "))
	}
	return g.Clean(k.Detail)
}
