package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/tracetui/tracetui/render"
)

// Render draws the open trace: header, ruler, the visible rows only,
// details, breadcrumb, status and hints.
func (s *traceScreen) Render(w, h int) string {
	m, v, lay := s.m, s.view(), s.layout(w, h)
	ww := lay.waterfallW
	// Against a baseline, the diff columns come out of the waterfall's width.
	wd, cols, diffW := s.diffOverlay(ww - 1 - render.FoldWidth)
	opt := m.renderOptions(ww - 1 - render.FoldWidth - diffW) // the cursor column, then print's row plus fold markers
	st := v.st
	c := render.NewCursor(v.tr, v.a, st)
	sel := v.removedAt(wd, &c) // the "−" row the cursor is on, -1 for none
	st.HasSelection, st.Selected, st.Fold = sel < 0, v.selected(), true
	st.Baseline = wd // its "−" rows are siblings in the tree guides
	if !v.search.Empty() {
		st.Matched = v.found.Has // the search's spans, marked as print marks --where's
		if wd != nil && wd == v.searchDiff {
			st.RemovedMatched = func(row int32) bool { return removedMatch(wd, row, v.foundA.Has) }
		}
	}
	c = render.NewCursor(v.tr, v.a, st)
	l := render.NewLayout(v.tr, st, opt)
	left := s.header(ww)
	left = append(left, " "+render.Ruler(l, opt)+diffHead(cols, diffW, opt))
	rowsEnd := len(left) + lay.rows
	// Against a baseline the screen may start inside the top row's "−"
	// lines: skip of them (the lines above the first row, the row, the
	// lines after it) are not drawn.
	skip := s.m.base.skipLines(v)
	removed := func(p, q int32) {
		left = append(left, s.removedLines(wd, &c, p, q, skip, rowsEnd-len(left), l, cols, opt, sel)...)
		skip = max(skip-wd.RemovedCount(&c, p, q), 0)
	}
	if wd != nil && v.top == 0 {
		removed(-1, 0)
	}
	if wd == nil {
		// The rows on screen, drawn together so their labels, when cut,
		// stay distinguishable (render.RenderRows): a screenful's work.
		var rows []render.Row
		var marks []string
		for p := v.top; p < c.Len() && len(left)+len(rows) < rowsEnd; {
			r, next := c.Row(p)
			mark := " "
			if p == v.cur && sel < 0 {
				mark = s.cursorMark()
			}
			rows, marks = append(rows, r), append(marks, mark)
			p = next
		}
		for k, line := range render.RenderRows(v.tr, v.a, rows, st, l, opt) {
			left = append(left, marks[k]+line)
		}
	}
	for p := v.top; wd != nil && len(left) < rowsEnd; {
		if p >= c.Len() {
			left = append(left, "")
			continue
		}
		r, next := c.Row(p)
		mark := " "
		if p == v.cur && sel < 0 {
			mark = s.cursorMark()
		}
		if skip > 0 {
			skip--
		} else {
			left = append(left, mark+wd.RenderRow(&c, r, st, l, opt)+wd.Cells(&c, r, cols, opt))
		}
		removed(p, next)
		p = next
	}
	for len(left) < rowsEnd {
		left = append(left, "")
	}
	left = left[:rowsEnd]
	var lines []string
	if lay.side {
		dw := w - ww - 1
		right := append([]string{s.paneTitle(dw)}, s.detailLines(dw, len(left)-1)...)
		sep := m.styles.Paint(m.styles.Dim, m.glyphs.VRule)
		for k, line := range left {
			line = m.glyphs.Truncate(line, ww)
			pad := ww - render.Width(line)
			lines = append(lines, line+strings.Repeat(" ", max(pad, 0))+sep+right[k])
		}
	} else {
		lines = left
		if l.Width+1+diffW > ww { // a waterfall is never narrower than 20 columns
			for k := range lines {
				lines[k] = m.glyphs.Truncate(lines[k], ww)
			}
		}
		if s.detailsOn(w) {
			lines = append(lines, s.paneTitle(w))
			lines = append(lines, s.detailLines(w, lay.detailH)...)
		}
	}
	ptr, pspan := s.selectedSpan() // on a "−" row, its path in the baseline
	lines = append(lines, render.Path(ptr, pspan, m.renderOptions(w)), m.statusLine(s.diagnosis(), w), m.hintLine(s.hints(), w))
	return strings.Join(lines, "\n")
}

// cursorMark marks the cursor's row: bold while the waterfall has the
// keys, dim while the details pane has them.
func (s *traceScreen) cursorMark() string {
	stl := s.m.styles
	if s.focused() {
		return stl.Paint(stl.Dim, ">")
	}
	return stl.Paint(stl.Header, ">")
}

// paneTitle heads the details pane and says who has the keys: a dim rule
// while the waterfall has them, a highlighted bar naming the pane's keys
// while it has them (tab), readable without colour too.
func (s *traceScreen) paneTitle(w int) string {
	m, g := s.m, s.m.glyphs
	if !s.focused() {
		text := g.HRule + " details" + g.Sep + m.keys.Trace.Focus.Help().Key + " scrolls it "
		text += strings.Repeat(g.HRule, max(w-render.Width(text), 0))
		return m.styles.Paint(m.styles.Dim, g.Truncate(text, w))
	}
	d := m.keys.Details
	text := "> details has the keys" + g.Sep + "j/k " + d.PageDown.Help().Key + " scroll" + g.Sep + d.Leave.Help().Key + " back"
	text = g.Truncate(text, w)
	text += strings.Repeat(" ", max(w-render.Width(text), 0))
	if m.styles.Enabled() {
		return m.styles.Selected + m.styles.Header + text + m.styles.Reset
	}
	return text
}

// hints is the trace screen's hint line: the details pane's keys while it
// has them.
func (s *traceScreen) hints() []key.Binding {
	k := s.m.keys
	if s.focused() {
		d := k.Details
		return []key.Binding{d.Up, d.Down, d.PageDown, d.Leave, k.Trace.Details, k.Global.Help, k.Global.Quit}
	}
	return k.ShortHelp()
}

// header is render's explorer header for the open trace.
func (s *traceScreen) header(w int) []string {
	m, v := s.m, s.view()
	x := render.HeaderExtras{FindingsKey: m.keys.Global.Findings.Help().Key, Context: v.context}
	if f := m.traces[s.open].Findings; f != nil {
		x.Findings = len(f.List)
	}
	x.Finding = m.findingTrace(s.open)
	if v.st.WinEnd > v.st.WinStart {
		x.Zoom = v.st.WinEnd - v.st.WinStart
	}
	return s.baselineHeader(render.CompactHeader(v.tr, v.a, x, m.renderOptions(w)), w)
}

func (s *traceScreen) detailLines(w, h int) []string {
	v := s.view()
	out := make([]string, 0, h)
	opt := s.m.renderOptions(max(w-1, 10))
	tr, a, i, top := v.tr, v.a, v.selected(), v.detailTop
	if wd, row := s.onRemoved(); wd != nil {
		// A's span, under a head saying it is only in the baseline.
		head := wd.RemovedDetails(row, opt)
		for _, line := range head[min(top, len(head)):min(top+h, len(head))] {
			out = append(out, " "+line)
		}
		tr, a, i, top = wd.Diff.A.Tree, wd.Diff.A.Analysis, wd.RemovedSpan(row), max(top-len(head), 0)
	}
	for _, line := range render.DetailsWindow(tr, a, i, opt, top, max(h-len(out), 0)) {
		out = append(out, " "+line)
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out
}

func (s *traceScreen) diagnosis() string {
	v := s.view()
	// The failure first: when a request failed, that is the urgent answer.
	// Diagnosis says it last (after the bottleneck and any unknown time).
	d := s.m.glyphs.Diagnosis(v.tr, v.a)
	if v.a.Failure != nil && len(d) > 1 {
		d = append(d[len(d)-1:], d[:len(d)-1]...)
	}
	return strings.Join(d, s.m.glyphs.Sep)
}
