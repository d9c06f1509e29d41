package render

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// DiffView says which rows of a trace diff to show.
type DiffView struct {
	Threshold   diff.Threshold
	OnlyChanged bool // --changed: changed rows and their ancestors
}

// diffCols are the numeric columns of a trace diff, right-aligned.
var diffCols = []struct {
	head string
	w    int
}{{"A", 8}, {"B", 8}, {"change", 9}, {"%", 6}, {"self Δ", 9}}

const statusW = 11 // "ok → error"

// TraceDiffLines is the text of a trace diff: both traces' headers, the
// verdict, the merged tree with A's and B's numbers per row, the
// bottleneck of both and a legend. Unchanged rows are dimmed so the
// changes stand out; signs and markers say the same without colour.
func TraceDiffLines(d *diff.Diff, view DiffView, opt Options) []string {
	stl, w := opt.Styles, max(opt.Width, 40)
	v := d.Verdict(view.Threshold)
	out := []string{diffTraceHeader("A", d.A, opt), diffTraceHeader("B", d.B, opt), ""}
	// The verdict is the answer: wrapped, never cut.
	for _, l := range wrapJoin(strings.Fields(VerdictLine(d, v, opt.ASCII)), " ", w, opt.ASCII) {
		out = append(out, stl.paint(stl.Header, l))
	}
	out = append(out, "")
	return append(out, traceDiffTable(d, view, opt)...)
}

// traceDiffTable is the merged tree under its column heads, the
// bottleneck line and the legend.
func traceDiffTable(d *diff.Diff, view DiffView, opt Options) []string {
	stl, w := opt.Styles, max(opt.Width, 40)
	var out []string
	fixed := 3 + statusW + 1
	for _, c := range diffCols {
		fixed += c.w + 1
	}
	nameW := max(w-fixed, 12)
	head := "   " + Fit("span", nameW, opt.ASCII)
	for _, c := range diffCols {
		h := c.head
		if opt.ASCII && h == "self Δ" {
			h = "self d"
		}
		head += " " + PadLeft(h, c.w)
	}
	out = append(out, stl.paint(stl.Dim, head+" status"))
	show := d.Visible(view.Threshold, view.OnlyChanged)
	last := lastChildren(d, show)
	for i := range d.Rows {
		if show[i] {
			out = append(out, diffRow(d, last, int32(i), view.Threshold, nameW, opt))
		}
	}
	out = append(out, Truncate(BottleneckLine(d, opt.ASCII), w, opt.ASCII))
	sy := symbolsFor(opt.ASCII)
	legend := []string{"+ only in B", minus(opt.ASCII) + " only in A", "! new error",
		"left/right: A/B " + sy.bottleneck + " bottleneck " + sy.critical + " critical path"}
	for _, l := range wrapJoin(legend, "  ", w, opt.ASCII) {
		out = append(out, stl.paint(stl.Dim, l))
	}
	return out
}

func diffTraceHeader(side string, t trace.Analyzed, opt Options) string {
	svc, name := RootLabel(t.Tree)
	sep := " · "
	if opt.ASCII {
		sep = " - "
	}
	// The start comes last: it is what a narrow line can best do without.
	s := side + " trace " + clean(t.Tree.Trace.DisplayID(), opt.ASCII) + "  " + clean(svc+" "+name, opt.ASCII) + sep +
		durationFor(t.Tree.Duration(), opt.ASCII) + sep + Plural(len(t.Tree.Trace.Spans), "span") + sep +
		Plural(t.Analysis.Errors, "error") + sep + StartTime(t.Tree.Start, opt.Loc)
	return Truncate(s, max(opt.Width, 40), opt.ASCII)
}

// diffRow draws one merged row: a change marker, A's and B's critical
// path markers, the tree guides and label, then the numbers.
func diffRow(d *diff.Diff, last []bool, i int32, th diff.Threshold, nameW int, opt Options) string {
	stl, sy := opt.Styles, symbolsFor(opt.ASCII)
	r := &d.Rows[i]
	changed := r.Changed(th)
	mark := " "
	switch {
	case r.NewError():
		mark = stl.paint(stl.Origin, "!")
	case r.Added():
		mark = "+"
	case r.Removed():
		mark = minus(opt.ASCII)
	}
	pathMark := func(s diff.Side) string {
		switch {
		case s.Bottle:
			return stl.paint(stl.Bottleneck, sy.bottleneck)
		case s.Critical:
			return sy.critical
		}
		return " "
	}
	name := Fit(diffGuides(d, last, i, sy)+rowLabel(r, opt.ASCII), nameW, opt.ASCII)
	cell := func(s diff.Side) string {
		if !s.Present() {
			return ""
		}
		return durationFor(s.Dur, opt.ASCII)
	}
	cells := []string{cell(r.A), cell(r.B), "", "", ""}
	if r.A.Present() && r.B.Present() {
		cells[2] = SignedDuration(r.DurChange(), opt.ASCII)
		cells[3] = PercentChange(float64(r.A.Dur), float64(r.B.Dur), opt.ASCII)
		cells[4] = SignedDuration(r.SelfChange(), opt.ASCII)
	}
	line := name
	for k, c := range diffCols {
		txt := PadLeft(Truncate(cells[k], c.w, opt.ASCII), c.w)
		if k >= 2 && changed && cells[k] != "" {
			txt = paintChange(stl, r, k == 4, txt)
		}
		line += " " + txt
	}
	status := ""
	switch {
	case r.NewError():
		status = stl.paint(stl.Origin, "ok "+arrow(opt.ASCII)+" error")
	case r.FixedError():
		status = stl.paint(stl.Faster, "error "+arrow(opt.ASCII)+" ok")
	case r.B.Errors > 0 || (!r.B.Present() && r.A.Errors > 0):
		status = "error"
	}
	if status == "" {
		line = strings.TrimRight(line, " ")
	}
	if !changed {
		line = stl.paint(stl.Dim, line)
	}
	if status == "" {
		return mark + pathMark(r.A) + pathMark(r.B) + line
	}
	return mark + pathMark(r.A) + pathMark(r.B) + line + " " + status
}

// paintChange colours a change cell: slower red, faster green.
func paintChange(stl Styles, r *diff.Row, self bool, txt string) string {
	c := r.DurChange()
	if self {
		c = r.SelfChange()
	}
	switch {
	case c > 0:
		return stl.paint(stl.Slower, txt)
	case c < 0:
		return stl.paint(stl.Faster, txt)
	}
	return txt
}

// diffGuides draws the tree guides of row i from the rows' parents: "│ "
// where an ancestor has siblings still to come, "├─ " or "└─ " at the row.
// Deep rows keep the last few levels, as the waterfall does.
func diffGuides(d *diff.Diff, last []bool, i int32, sy *symbols) string {
	r := &d.Rows[i]
	if r.Depth == 0 {
		return ""
	}
	const maxLevels = 12
	levels := min(int(r.Depth), maxLevels)
	parts := make([]string, levels)
	cur := i
	for k := levels - 1; k >= 0; k-- {
		if k == levels-1 {
			parts[k] = sy.tee
			if last[cur] {
				parts[k] = sy.elbow
			}
		} else {
			parts[k] = sy.pipe
			if last[cur] {
				parts[k] = sy.blank
			}
		}
		cur = d.Rows[cur].Parent
	}
	prefix := ""
	if int(r.Depth) > maxLevels {
		prefix = sy.deep
	}
	return prefix + strings.Join(parts, "")
}

// lastChildren marks each shown row that is its parent's last shown
// child, in one pass: rows come in pre-order, so the last one seen under a
// parent is it.
func lastChildren(d *diff.Diff, show []bool) []bool {
	lastOf := make(map[int32]int32, len(d.Rows)/2+1)
	for i := range d.Rows {
		if show[i] {
			lastOf[d.Rows[i].Parent] = int32(i)
		}
	}
	last := make([]bool, len(d.Rows))
	for _, i := range lastOf {
		last[i] = true
	}
	return last
}
