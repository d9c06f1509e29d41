package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/tracetui/tracetui/rundiff"
)

// ViolationText says which row broke a --fail-on rule and by how much:
// "p95 > +20%: db SELECT +45% (12.0 ms → 17.4 ms)".
func ViolationText(v rundiff.Violation, g *Glyphs) string {
	r, o := v.Rule, v.Op
	who := "traces"
	if !strings.EqualFold(r.Scope, "overall") {
		who = g.Clean(o.Key.Label())
	}
	var got, values string
	switch {
	case r.Metric == "errors":
		got = countWord(int(v.Change), "new error", "new errors")
	case r.Pct:
		got = signedPercent(v.Change, g)
	case r.Metric == "count":
		got = fmt.Sprintf("%+.0f", v.Change)
	default:
		got = SignedDuration(int64(v.Change), g)
	}
	switch r.Metric {
	case "errors":
	case "count":
		values = fmt.Sprintf(" (%d %s %d)", o.A.Count, arrow(g), o.B.Count)
	default:
		a, b := o.A.Metric(r.Metric), o.B.Metric(r.Metric)
		values = fmt.Sprintf(" (%s %s %s)", g.Duration(a), arrow(g), g.Duration(b))
	}
	s := g.Clean(r.Text) + ": " + who + " " + r.Metric + " " + got + values
	if v.Untested {
		s += ", too few samples to tell from noise"
	}
	if r.Metric != "errors" && r.Metric != "count" && (o.A.Untimed > 0 || o.B.Untimed > 0) {
		s += fmt.Sprintf(", over timed calls only (untimed: %d in A, %d in B)", o.A.Untimed, o.B.Untimed)
	}
	return s
}

// ViolationLines lists the broken rules under a text diff.
func ViolationLines(vs []rundiff.Violation, opt Options) []string {
	g := opt.Glyphs.or()
	if len(vs) == 0 {
		return nil
	}
	out := []string{"", opt.Styles.Paint(opt.Styles.Origin, "fail-on: "+Plural(len(vs), "violation"))}
	w := max(opt.Width, 40)
	for _, v := range vs {
		// The answer of a gate: wrapped under itself, never cut.
		for _, l := range wrapIndent(strings.Fields(ViolationText(v, g)), " ", w-2, "    ", g) {
			out = append(out, "  "+l)
		}
	}
	return out
}

// ViolationsMarkdown lists them for a job summary.
func ViolationsMarkdown(vs []rundiff.Violation) string {
	if len(vs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n**fail-on: " + Plural(len(vs), "violation") + "**\n\n")
	for _, v := range vs {
		b.WriteString("- " + mdEscape(ViolationText(v, Unicode)) + "\n")
	}
	return b.String()
}

// finite keeps JSON encodable: a change from nothing is +Inf, which JSON
// has no word for; it is written as null.
func finite(x float64) *float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return nil
	}
	return &x
}
