package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// The cursor on the "−" rows of a compared waterfall: calls only the
// baseline (A) made are rows like any other, the cursor stops on them and
// the details pane shows A's span. A "−" row is named by the B row before
// it and its place among the "−" rows after that row (traceView.sub), so
// the cursor costs what the lines it crosses cost, never the trace.

// minus is the cursor's "−" row in its row's chunk (traceView.sub), 0
// when the cursor is on one of B's rows.
func (v *traceView) minus() int {
	if v.subAt != v.cur {
		return 0
	}
	return v.sub
}

func (v *traceView) place(cur int32, sub int) { v.cur, v.sub, v.subAt = cur, sub, cur }

// removedAt is the diff row of the "−" row the cursor is on, -1 when it
// is on one of B's rows.
func (v *traceView) removedAt(wd *render.WaterfallDiff, c *render.Cursor) int32 {
	sub := v.minus()
	if wd == nil || sub == 0 {
		return -1
	}
	var rows []int32
	if sub < 0 {
		rows = wd.RemovedWindow(c, -1, 0, wd.RemovedCount(c, -1, 0)+sub, 1)
	} else {
		rows = wd.RemovedWindow(c, v.cur, c.Next(v.cur), sub-1, 1)
	}
	if len(rows) == 0 {
		return -1
	}
	return rows[0]
}

// onRemoved is the diff and its row when the cursor is on a "−" row; nil
// and -1 otherwise.
func (s *traceScreen) onRemoved() (*render.WaterfallDiff, int32) {
	v := s.view()
	wd := s.m.base.current()
	if wd == nil || v.minus() == 0 {
		return nil, -1
	}
	c := v.rows()
	if r := v.removedAt(wd, &c); r >= 0 {
		return wd, r
	}
	return nil, -1
}

// moveLines steps the cursor delta lines, "−" rows counted, in a
// compared waterfall. Each step counts the "−" rows of one gap (by blocks,
// not rows), so a page costs a screen's worth of steps.
func (s *traceScreen) moveLines(wd *render.WaterfallDiff, delta int) {
	v := s.view()
	c := v.rows()
	cur, sub := v.cur, v.minus()
	after := -1 // the "−" rows after cur's row, counted when needed
	for ; delta > 0; delta-- {
		if sub < 0 {
			sub++
			continue
		}
		if after < 0 {
			after = wd.RemovedCount(&c, cur, c.Next(cur))
		}
		if sub < after {
			sub++
			continue
		}
		q := c.Next(cur)
		if q >= c.Len() {
			break
		}
		cur, sub, after = q, 0, -1
	}
	for ; delta < 0; delta++ {
		switch {
		case sub > 0:
			sub--
		case cur == 0:
			if sub > -wd.RemovedCount(&c, -1, 0) {
				sub--
			}
		default:
			cur = c.Prev(cur)
			sub = wd.RemovedCount(&c, cur, c.Next(cur))
		}
	}
	v.place(cur, sub)
	v.scroll(s.size().rows)
}

// ends puts the cursor on the first line (top) or the last: "−" rows
// above the first row or after the last one are the screen's ends too.
func (s *traceScreen) ends(top bool) {
	v := s.view()
	c := v.rows()
	wd := s.m.base.current()
	if top {
		v.place(0, 0)
		v.top = 0
		if wd != nil {
			v.place(0, -wd.RemovedCount(&c, -1, 0))
		}
		return
	}
	last := c.Last()
	v.place(last, 0)
	if wd != nil {
		v.place(last, wd.RemovedCount(&c, last, c.Len()))
	}
}

// keepRemoved keeps the cursor's "−" row valid after a message (fitRemoved
// calls it): gone with the diff (esc or B cleared the baseline), the
// cursor goes to the B row after it; fewer "−" rows (a fold, a filter),
// to the last one left.
func (s *traceScreen) keepRemoved(wd *render.WaterfallDiff, c *render.Cursor) {
	v := s.view()
	sub := v.minus()
	switch {
	case sub == 0:
	case wd == nil:
		if q := c.Next(v.cur); sub > 0 && q < c.Len() {
			v.cur = q
		}
		v.place(v.cur, 0)
		v.detailTop = 0
	case sub < 0 && v.cur != 0:
		v.place(v.cur, 0)
	case sub < 0:
		v.place(v.cur, max(sub, -wd.RemovedCount(c, -1, 0)))
	default:
		v.place(v.cur, min(sub, wd.RemovedCount(c, v.cur, c.Next(v.cur))))
	}
	if v.minus() == 0 {
		v.sub = 0
	}
}

// removedKey answers the keys that act on B's span when the cursor is on
// a "−" row: h (←) goes to the row's caller, o follows A's span's links;
// fold, unfold, zoom and copy say in the status line why they do not
// apply. The other keys (moves, jumps, search, B, esc) work as anywhere.
func (s *traceScreen) removedKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	wd, row := s.onRemoved()
	if wd == nil {
		return false, nil
	}
	m, k := s.m, s.m.keys.Trace
	switch {
	case key.Matches(msg, k.Collapse):
		s.removedParent(wd, row)
	case key.Matches(msg, k.FollowLink):
		return true, s.followLinkOf(wd.Diff.A.Tree.Span(wd.RemovedSpan(row)))
	case key.Matches(msg, k.Toggle, k.Expand):
		m.status = "only in the baseline (A): it folds with B's calls beside it (" +
			k.CollapseAll.Help().Key + " folds all, " + k.ExpandAll.Help().Key + " unfolds all)"
	case key.Matches(msg, k.Zoom):
		m.status = "only in the baseline (A): its times are A's, not on this trace's time axis"
	case key.Matches(msg, k.Copy, k.Write):
		m.status = "only in the baseline (A): open the baseline trace to copy its spans"
	default:
		return false, nil
	}
	return true, nil
}

// removedParent moves the cursor to the caller of the "−" row: B's row
// when the caller is in B, else the caller's "−" row just above.
func (s *traceScreen) removedParent(wd *render.WaterfallDiff, row int32) {
	v, d := s.view(), wd.Diff
	p := d.Rows[row].Parent
	switch {
	case p < 0:
		s.m.status = "only in the baseline (A): a root of A, B has no such root"
	case d.Rows[p].B.Present():
		v.jump(d.Rows[p].B.Spans[0], s.size().rows)
	default: // the caller is in the same block, drawn just above
		v.place(v.cur, v.minus()-int(row-p))
	}
}

// selectedSpan is the span the cursor's row stands for and its tree: A's
// on a "−" row, else B's.
func (s *traceScreen) selectedSpan() (*trace.Tree, int32) {
	if wd, row := s.onRemoved(); wd != nil {
		return wd.Diff.A.Tree, wd.RemovedSpan(row)
	}
	v := s.view()
	return v.tr, v.selected()
}
