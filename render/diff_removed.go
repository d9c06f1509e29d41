package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// The explorer's cursor on a "−" row: a call only the baseline (A) made.
// Its details are A's span's, under a head that says so and why.

// RemovedSpan is the span of A's tree a row only A has stands for (a
// run's first call); -1 when row is not such a row.
func (w *WaterfallDiff) RemovedSpan(row int32) int32 {
	if row < 0 || int(row) >= len(w.Diff.Rows) || !w.Diff.Rows[row].Removed() {
		return -1
	}
	return w.Diff.Rows[row].A.Spans[0]
}

// RemovedDetails is the head of the details pane for a row only A has,
// wrapped into opt.Width columns: that it is only in the baseline (A), why
// it is gone (its caller in B made no such call, its caller is gone too,
// or B has no such root), what it cost in A and what it called, then a
// blank line before the span's own details.
func (w *WaterfallDiff) RemovedDetails(row int32, opt Options) []string {
	g, stl := opt.Glyphs.or(), opt.Styles
	d := w.Diff
	r := &d.Rows[row]
	why := "B has no such root span"
	if r.Parent >= 0 {
		p := &d.Rows[r.Parent]
		caller := g.Clean(p.Service) + " " + g.Clean(p.Name)
		if p.B.Present() {
			why = "B's " + caller + " made no such call"
		} else {
			why = "its caller " + caller + " is not in B either"
		}
	}
	under := 0
	for _, s := range r.A.Spans {
		under += int(d.A.Tree.Size[s]) - 1
	}
	cost := "in A: " + SideWords(d.A.Tree, r.A, g)
	if under > 0 {
		cost += ", " + Plural(under, "call") + " under it, none in B"
	}
	if r.A.Count() > 1 {
		cost += "; the first call's details follow"
	}
	width := max(opt.Width, 10)
	var out []string
	for _, l := range wrapJoin(strings.Fields("only in the baseline (A): "+why), " ", width, g) {
		out = append(out, stl.Paint(stl.Header, l))
	}
	out = append(out, wrapJoin(strings.Fields(cost), " ", width, g)...)
	return append(out, "")
}

// SideWords is one side's time in a sentence, where SideDuration's cell
// would say "?": "46.0 ms", "untimed (no end time)", "×3 calls, 120 ms in
// all", "×3 calls, 1 untimed"; tr is that side's tree. "" when the row
// is not on that side.
func SideWords(tr *trace.Tree, s diff.Side, g *Glyphs) string {
	g = g.or()
	n := s.Count()
	switch {
	case n == 0:
		return ""
	case n == 1 && !s.Timed():
		return "untimed (" + untimedWhy(tr, s.Spans[0]) + ")"
	case n == 1:
		return g.Duration(s.Dur)
	case !s.Timed():
		return g.Times + strconv.Itoa(n) + " calls, " + strconv.Itoa(int(s.Untimed)) + " untimed"
	}
	return g.Times + strconv.Itoa(n) + " calls, " + g.Duration(s.Dur) + " in all"
}
