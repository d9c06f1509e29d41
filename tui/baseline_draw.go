package tui

import (
	"github.com/tracetui/tracetui/render"
)

// The waterfall against a baseline: the diff columns, the "−" rows of
// calls only the baseline made, and the header's baseline and verdict.

// diffOverlay is the open trace's diff and the columns it takes out of a
// waterfall ww columns wide; nil and no columns when there is none.
func (s *traceScreen) diffOverlay(ww int) (*render.WaterfallDiff, render.DiffColumns, int) {
	wd := s.m.base.current()
	if wd == nil {
		return nil, render.DiffColumns{}, 0
	}
	cols := wd.ColumnsFor(ww, s.m.glyphs)
	return wd, cols, cols.Width()
}

// diffExtra is how much wider a window must be, while a trace is compared
// with the baseline, for the details pane to be on by default: the diff
// columns take the room it would.
func (s *traceScreen) diffExtra() int {
	if s.m.base.comparing() {
		return 40
	}
	return 0
}

// removedLines draws the rows only the baseline has that go between the
// row at p and the next row, at q (p -1: above the first row): n of them
// at most, from the from-th on, so a long run of them costs the screen.
// sel is the "−" row the cursor is on, -1 for none.
func (s *traceScreen) removedLines(wd *render.WaterfallDiff, c *render.Cursor, p, q int32, from, n int, l render.Layout, cols render.DiffColumns, opt render.Options, sel int32) []string {
	var out []string
	for _, r := range wd.RemovedWindow(c, p, q, from, n) {
		mark := " "
		if r == sel {
			mark = s.cursorMark()
		}
		out = append(out, mark+wd.RemovedRow(c, r, l, cols, opt, r == sel))
	}
	return out
}

// fitRemoved places the waterfall by lines, "−" rows counted: the cursor's
// line (its row's or a "−" row's) stays on screen and no blank line shows while lines are hidden
// above (traceView.scroll's rule, which counts rows). A row and the "−"
// rows after it scroll as one chunk, so the screen may start inside a
// chunk: skip lines of the top row's chunk are not drawn. It runs in
// Update (from scroll), never while drawing, and steps over about 2×height
// rows, so it costs the same on a million spans.
func (s *traceScreen) fitRemoved() {
	b, v := &s.m.base, s.view()
	wd, c := b.current(), v.rows()
	s.keepRemoved(wd, &c)
	if wd == nil {
		b.fit = lineFit{}
		return
	}
	h := s.size().rows
	above := func(p int32) int { // the "−" lines drawn above the first row
		if p == 0 {
			return wd.RemovedCount(&c, -1, 0)
		}
		return 0
	}
	chunk := func(p int32) int { return above(p) + 1 + wd.RemovedCount(&c, p, c.Next(p)) }
	// Start from where the last fit left the screen: scroll counts rows,
	// and would move it on every message.
	top, skip := v.top, 0
	if f := b.fit; f.v == v && c.RowStart(f.top) == f.top && f.top < c.Len() {
		top, skip = f.top, min(f.skip, chunk(f.top)-1)
	}
	off := above(v.cur) + v.minus() // the cursor's line in its row's chunk
	switch {
	case v.cur < top || v.cur == top && skip > off:
		// The cursor's line goes to the top: a line up past the screen's
		// top scrolls it by that line, "−" rows above the first row too.
		top, skip = v.cur, off
	default:
		line, p := -skip, top
		for p < v.cur && line < h {
			line += chunk(p)
			p = c.Next(p)
		}
		if p != v.cur || line+off >= h {
			// The cursor's line goes to the bottom.
			top, skip = v.cur, 0
			n := off + 1
			for n < h && top > 0 {
				top = c.Prev(top)
				n += chunk(top)
			}
			skip = max(n-h, 0)
		}
	}
	// Fill the screen: lines below run out, the screen moves up.
	n := -skip
	for p := top; p < c.Len() && n < h; p = c.Next(p) {
		n += chunk(p)
	}
	if need := h - n; need > 0 {
		take := min(skip, need)
		skip, need = skip-take, need-take
		for need > 0 && top > 0 {
			top = c.Prev(top)
			if ch := chunk(top); ch <= need {
				need -= ch
			} else {
				skip, need = ch-need, 0
			}
		}
	}
	v.top = top
	b.fit = lineFit{v, top, skip}
}

// lineFit is where fitRemoved left the open view: its top row and how
// many lines of that row's chunk are not drawn.
type lineFit struct {
	v    *traceView
	top  int32
	skip int
}

// skipLines is how many lines of the top row's chunk the waterfall does
// not draw (see fitRemoved).
func (b *baselineState) skipLines(v *traceView) int {
	if b.fit.v != v || b.fit.top != v.top || b.current() == nil {
		return 0
	}
	return b.fit.skip
}

// baselineHeader puts the baseline into the header's lines. Compared with
// it, the two lines under the title (facts, services) give way to the
// baseline and the verdict; else its name goes before the facts and the
// third line says what is being done, or that the open trace is the
// baseline.
func (s *traceScreen) baselineHeader(lines []string, w int) []string {
	b, m := &s.m.base, s.m
	if b.trace == nil || len(lines) < 3 {
		return lines
	}
	g, stl := m.glyphs, m.styles
	if wd := b.current(); wd != nil {
		v := wd.BaselineVerdict(b.label(), w, m.renderOptions(w))
		return append(lines[:1], v...)
	}
	lines[1] = g.Truncate("baseline: "+b.label()+g.Sep+lines[1], w)
	third := "comparing with the baseline" + g.Ellipsis
	if b.isOpen() {
		third = "this trace is the baseline: open another trace to compare it with (" +
			m.keys.Trace.Baseline.Help().Key + " again clears it)"
	}
	lines[2] = stl.Paint(stl.Header, g.Truncate(third, w))
	return lines
}

// diffHead is the ruler line's end over the diff columns.
func diffHead(cols render.DiffColumns, n int, opt render.Options) string {
	if n == 0 {
		return ""
	}
	return cols.Head(opt)
}
