package render

// P95Change is a trace's root operation (service and name of the span
// that names the trace) across two runs: the p95 of its traces' durations
// in the baseline run (A) and in the loaded one (B), ns. InA is false when
// A has no trace of that root operation.
type P95Change struct {
	A, B int64
	InA  bool
}

// p95W is the width of the list's "Δ P95" column: "+1234%", "new",
// "×10801", "+12.3 ms".
const p95W = 8

func p95Head(g *Glyphs) string {
	if g.IsASCII() {
		return PadLeft("d P95", p95W)
	}
	return PadLeft("Δ P95", p95W)
}

// p95Cell is B's p95 against A's in percent, signed ("+12%", "−40%",
// "0%"), the change in time when A's p95 is 0 ("+5.00 ms": a percent of
// nothing is undefined), or "new" only when A never ran the operation. It is plain text: the
// list paints whole rows (selection, errors), and the sign reads without
// colour.
func p95Cell(c P95Change, g *Glyphs) string {
	s := "new"
	if c.InA {
		s = PercentChange(float64(c.A), float64(c.B), g)
		if s == "" {
			s = "0%"
		}
	}
	return PadLeft(g.Truncate(s, p95W), p95W)
}
