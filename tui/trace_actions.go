package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
)

// The waterfall's key handlers (see newTraceScreen's table).

func (s *traceScreen) top() tea.Cmd {
	s.ends(true)
	return nil
}

func (s *traceScreen) bottom() tea.Cmd {
	s.ends(false)
	s.scroll()
	return nil
}

func (s *traceScreen) toggle() tea.Cmd {
	v := s.view()
	c := v.rows()
	if r, _ := c.Row(v.cur); !r.Elided {
		v.toggle(r.Span)
	}
	return nil
}

func (s *traceScreen) expand() tea.Cmd {
	v := s.view()
	delete(v.st.Collapsed, v.selected())
	if g := v.st.Repeats[v.selected()]; g != nil {
		v.st.Unfolded[g] = true
	}
	return nil
}

// collapseOrParent folds the selected subtree, or, when it is already
// folded or a leaf, moves to the parent (as in a file tree).
func (s *traceScreen) collapseOrParent() tea.Cmd {
	v, h := s.view(), s.size().rows
	i := v.selected()
	if g := v.st.Repeats[i]; g != nil && v.st.Unfolded[g] {
		// Fold the run back into one row, the cursor on it.
		delete(v.st.Unfolded, g)
		v.cur = v.tr.Pos[g.Members[0]]
		c := v.rows()
		v.top = c.RowStart(v.top)
		v.scroll(h)
		return nil
	}
	if v.tr.Size[i] > 1 && !v.st.Collapsed[i] {
		v.st.Collapsed[i] = true
		return nil
	}
	if p := v.tr.Parent[i]; p >= 0 {
		v.jump(p, h)
	}
	return nil
}

func (s *traceScreen) bottleneck() tea.Cmd {
	v := s.view()
	if v.a.Bottleneck < 0 {
		s.m.status = "no bottleneck: the trace has no timed spans"
		return nil
	}
	v.jump(v.a.Bottleneck, s.size().rows)
	return nil
}

// jumpIn selects the next (dir 1) or previous (dir -1) span of list.
func (s *traceScreen) jumpIn(list []int32, dir int, none string) tea.Cmd {
	v := s.view()
	pos, ok := v.nextIn(list, dir)
	if !ok {
		s.m.status = none
		return nil
	}
	v.jump(v.tr.Order[pos], s.size().rows)
	return nil
}

func (s *traceScreen) nextMatch(dir int) tea.Cmd {
	s.nextHit(dir)
	s.m.status = s.matchStatus()
	return nil
}

func (s *traceScreen) zoom() tea.Cmd {
	v := s.view()
	if sp := v.tr.Span(v.selected()); sp.Duration() > 0 {
		v.st.WinStart, v.st.WinEnd = sp.Start, sp.End
	}
	return nil
}

// pan moves the time window a quarter of its width (dir 1: later).
func (s *traceScreen) pan(dir int64) {
	v := s.view()
	start, end := v.st.WinStart, v.st.WinEnd
	if end <= start {
		start, end = v.tr.Start, v.tr.End
	}
	step := dir * (end - start) / 4
	v.st.WinStart, v.st.WinEnd = start+step, end+step
}

// back clears the filter, then the search, then the baseline the trace is
// compared with, then returns to the list (when there is one to return
// to; the baseline itself is kept, to open another trace against it).
func (s *traceScreen) back() tea.Cmd {
	v, m := s.view(), s.m
	switch {
	case v.filtered():
		v.clearFilter()
		s.scroll()
	case !v.search.Empty():
		v.clearSearch()
	case m.base.comparing():
		m.base.clear()
	case len(m.traces) > 1 || m.opt.Fetch != nil:
		m.screen = screenList
	}
	return nil
}

// followLink opens the first link of the selected span whose target is
// loaded, selecting the linked span.
func (s *traceScreen) followLink() tea.Cmd {
	v := s.view()
	return s.followLinkOf(v.tr.Span(v.selected()))
}

// followLinkOf opens the first loaded target of sp's links.
func (s *traceScreen) followLinkOf(sp *trace.Span) tea.Cmd {
	m := s.m
	if len(sp.Links) == 0 {
		m.status = "the selected span has no links"
		return nil
	}
	for _, l := range sp.Links {
		k, ok := m.byID[l.TraceID.String()]
		if !ok {
			continue
		}
		if !m.ready(k) {
			return m.openOrFetch(k) // opened when it lands
		}
		m.lazy.opening = -1
		s.openTrace(k)
		t := s.view()
		for i := int32(0); i < int32(t.tr.Len()); i++ {
			if t.tr.Span(i).SpanID == l.SpanID {
				t.jump(i, s.size().rows)
				return nil
			}
		}
		m.status = "linked trace opened; span " + l.SpanID.String() + " is not in it"
		return nil
	}
	m.status = "linked trace " + sp.Links[0].TraceID.String() + " is not loaded"
	return nil
}
