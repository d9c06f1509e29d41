package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/tracetui/tracetui/trace/query"
)

func (m Model) traceKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k, v, h := m.keys, m.view(), m.rowsHeight()
	if m.focus && m.details {
		switch {
		case key.Matches(msg, k.Up):
			v.detailTop = max(v.detailTop-1, 0)
			return m, nil
		case key.Matches(msg, k.Down):
			v.detailTop++
			return m, nil
		case key.Matches(msg, k.PageUp):
			v.detailTop = max(v.detailTop-m.detailHeight(), 0)
			return m, nil
		case key.Matches(msg, k.PageDown):
			v.detailTop += m.detailHeight()
			return m, nil
		}
	}
	before := v.cur
	m.status = ""
	switch {
	case key.Matches(msg, k.Up):
		v.move(-1, h)
	case key.Matches(msg, k.Down):
		v.move(1, h)
	case key.Matches(msg, k.PageUp):
		v.move(-h, h)
	case key.Matches(msg, k.PageDown):
		v.move(h, h)
	case key.Matches(msg, k.Top):
		v.cur, v.top = 0, 0
	case key.Matches(msg, k.Bottom):
		c := v.rows()
		v.cur = c.Last()
		v.scroll(h)
	case key.Matches(msg, k.Toggle):
		c := v.rows()
		if r, _ := c.Row(v.cur); !r.Elided {
			v.toggle(r.Span)
		}
	case key.Matches(msg, k.Collapse):
		m.collapseOrParent(v, h)
	case key.Matches(msg, k.Expand):
		delete(v.st.Collapsed, v.selected())
		if g := v.st.Repeats[v.selected()]; g != nil {
			v.st.Unfolded[g] = true
		}
	case key.Matches(msg, k.CollapseAll):
		v.collapseAll()
		v.scroll(h)
	case key.Matches(msg, k.ExpandAll):
		v.expandAll()
		v.scroll(h)
	case key.Matches(msg, k.Bottleneck):
		if v.a.Bottleneck < 0 {
			m.status = "no bottleneck: the trace has no timed spans"
		} else {
			v.jump(v.a.Bottleneck, h)
		}
	case key.Matches(msg, k.NextError, k.PrevError):
		m.jumpIn(v, v.errors, key.Matches(msg, k.NextError), "no error spans in this trace")
	case key.Matches(msg, k.NextCritical, k.PrevCritical):
		m.jumpIn(v, v.critical, key.Matches(msg, k.NextCritical), "no critical path")
	case key.Matches(msg, k.Search):
		m.prompt = &prompt{kind: promptSearch, text: v.search.Text}
	case key.Matches(msg, k.Filter):
		m.prompt = &prompt{kind: promptFilter, text: v.filter.Text}
	case key.Matches(msg, k.NextMatch, k.PrevMatch):
		dir := 1
		if key.Matches(msg, k.PrevMatch) {
			dir = -1
		}
		if pos, ok := v.nextIn(v.matches, dir); ok {
			v.jump(v.tr.Order[pos], h)
		}
		m.status = matchStatus(v)
	case key.Matches(msg, k.Details):
		m.details = !m.details
		m.focus = m.focus && m.details
		v.scroll(m.rowsHeight())
	case key.Matches(msg, k.Focus):
		m.details = true
		m.focus = !m.focus
		v.scroll(m.rowsHeight())
	case key.Matches(msg, k.Zoom):
		s := v.tr.Span(v.selected())
		if s.Duration() > 0 {
			v.st.WinStart, v.st.WinEnd = s.Start, s.End
		}
	case key.Matches(msg, k.ZoomReset):
		v.st.WinStart, v.st.WinEnd = 0, 0
	case key.Matches(msg, k.PanLeft, k.PanRight):
		m.pan(v, key.Matches(msg, k.PanRight))
	case key.Matches(msg, k.FollowLink):
		return m.followLink(v)
	case key.Matches(msg, k.Back):
		switch {
		case v.filtered():
			v.clearFilter()
			v.scroll(h)
		case !v.search.Empty():
			v.runSearch(query.Query{})
		case len(m.traces) > 1 || m.opt.Fetch != nil:
			m.screen = screenList
		}
	}
	if v.cur != before {
		v.detailTop = 0
	}
	return m, nil
}

// collapseOrParent folds the selected subtree, or, when it is already
// folded or a leaf, moves to the parent (as in a file tree).
func (m *Model) collapseOrParent(v *traceView, h int) {
	i := v.selected()
	if g := v.st.Repeats[i]; g != nil && v.st.Unfolded[g] {
		// Fold the run back into one row, the cursor on it.
		delete(v.st.Unfolded, g)
		v.cur = v.tr.Pos[g.Members[0]]
		c := v.rows()
		v.top = c.RowStart(v.top)
		v.scroll(h)
		return
	}
	if v.tr.Size[i] > 1 && !v.st.Collapsed[i] {
		v.st.Collapsed[i] = true
		return
	}
	if p := v.tr.Parent[i]; p >= 0 {
		v.jump(p, h)
	}
}

func (m *Model) jumpIn(v *traceView, list []int32, forward bool, none string) {
	dir := 1
	if !forward {
		dir = -1
	}
	pos, ok := v.nextIn(list, dir)
	if !ok {
		m.status = none
		return
	}
	v.jump(v.tr.Order[pos], m.rowsHeight())
}

func (m *Model) pan(v *traceView, right bool) {
	start, end := v.st.WinStart, v.st.WinEnd
	if end <= start {
		start, end = v.tr.Start, v.tr.End
	}
	step := (end - start) / 4
	if !right {
		step = -step
	}
	v.st.WinStart, v.st.WinEnd = start+step, end+step
}

// followLink opens the first link of the selected span whose target is
// loaded, selecting the linked span.
func (m Model) followLink(v *traceView) (tea.Model, tea.Cmd) {
	s := v.tr.Span(v.selected())
	if len(s.Links) == 0 {
		m.status = "the selected span has no links"
		return m, nil
	}
	for _, l := range s.Links {
		k, ok := m.byID[l.TraceID.String()]
		if !ok {
			continue
		}
		m.openTrace(k)
		t := m.view()
		for i := int32(0); i < int32(t.tr.Len()); i++ {
			if t.tr.Span(i).SpanID == l.SpanID {
				t.jump(i, m.rowsHeight())
				return m, nil
			}
		}
		m.status = "linked trace opened; span " + l.SpanID.String() + " is not in it"
		return m, nil
	}
	m.status = "linked trace " + s.Links[0].TraceID.String() + " is not loaded"
	return m, nil
}
