package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// traceScreen is the waterfall of the open trace with its details pane.
// Each loaded trace keeps its own traceView (folds, search, filter, zoom)
// for when it is opened again.
type traceScreen struct {
	m       *Model
	table   []binding[*traceScreen]
	details []binding[*traceScreen] // first while the details pane has the keys
	views   []*traceView            // built on first open
	open    int                     // index of the open trace
	// showDetails is the user's d; until they press it (detailsSet false)
	// the pane follows the width: on from sideWidth columns. Deciding at
	// draw time, not when the trace opens, makes the first frame show
	// what the state says even when the terminal's size arrives after
	// the keys (defect C).
	showDetails, detailsSet bool
	focus                   bool // details pane has the keys
}

// sideWidth is the width from which the details pane sits beside the
// waterfall, and is shown unless the user hid it.
const sideWidth = 120

// detailsOn reports whether the details pane is drawn at width w.
func (s *traceScreen) detailsOn(w int) bool {
	if !s.detailsSet {
		return w >= sideWidth+s.diffExtra()
	}
	return s.showDetails
}

// focused reports whether the details pane has the keys (tab).
func (s *traceScreen) focused() bool { return s.focus && s.detailsOn(s.m.width) }

func newTraceScreen(m *Model) traceScreen {
	k, d := m.keys.Trace, m.keys.Details
	mv := func(delta func(s *traceScreen) int) func(*traceScreen) tea.Cmd {
		return func(s *traceScreen) tea.Cmd { s.move(delta(s)); return nil }
	}
	dt := func(delta func(s *traceScreen) int) func(*traceScreen) tea.Cmd {
		return func(s *traceScreen) tea.Cmd { v := s.view(); v.detailTop = max(v.detailTop+delta(s), 0); return nil }
	}
	page := func(s *traceScreen) int { return s.size().rows }
	detailPage := func(s *traceScreen) int { return s.size().detailH }
	return traceScreen{m: m,
		details: []binding[*traceScreen]{
			{d.Up, dt(func(*traceScreen) int { return -1 })},
			{d.Down, dt(func(*traceScreen) int { return 1 })},
			{d.PageUp, dt(func(s *traceScreen) int { return -detailPage(s) })},
			{d.PageDown, dt(detailPage)},
			{d.Leave, func(s *traceScreen) tea.Cmd { s.focus = false; return nil }},
		},
		table: []binding[*traceScreen]{
			{k.Up, mv(func(*traceScreen) int { return -1 })},
			{k.Down, mv(func(*traceScreen) int { return 1 })},
			{k.PageUp, mv(func(s *traceScreen) int { return -page(s) })},
			{k.PageDown, mv(page)},
			{k.Top, (*traceScreen).top},
			{k.Bottom, (*traceScreen).bottom},
			{k.Toggle, (*traceScreen).toggle},
			{k.Collapse, (*traceScreen).collapseOrParent},
			{k.Expand, (*traceScreen).expand},
			{k.CollapseAll, func(s *traceScreen) tea.Cmd { s.view().collapseAll(); s.scroll(); return nil }},
			{k.ExpandAll, func(s *traceScreen) tea.Cmd { s.view().expandAll(); s.scroll(); return nil }},
			{k.Bottleneck, (*traceScreen).bottleneck},
			{k.NextError, func(s *traceScreen) tea.Cmd { return s.jumpIn(s.view().errors, 1, "no error spans in this trace") }},
			{k.PrevError, func(s *traceScreen) tea.Cmd { return s.jumpIn(s.view().errors, -1, "no error spans in this trace") }},
			{k.NextCritical, func(s *traceScreen) tea.Cmd { return s.jumpIn(s.view().critical, 1, "no critical path") }},
			{k.PrevCritical, func(s *traceScreen) tea.Cmd { return s.jumpIn(s.view().critical, -1, "no critical path") }},
			{k.Search, func(s *traceScreen) tea.Cmd {
				s.m.prompt = newPrompt(s.m, promptSearch, s.view().search.Text)
				return nil
			}},
			{k.Filter, func(s *traceScreen) tea.Cmd {
				s.m.prompt = newPrompt(s.m, promptFilter, s.view().filter.Text)
				return nil
			}},
			{k.NextMatch, func(s *traceScreen) tea.Cmd { return s.nextMatch(1) }},
			{k.PrevMatch, func(s *traceScreen) tea.Cmd { return s.nextMatch(-1) }},
			{k.Details, func(s *traceScreen) tea.Cmd {
				s.showDetails, s.detailsSet = !s.detailsOn(s.m.width), true
				s.focus = s.focus && s.showDetails
				return nil
			}},
			{k.Focus, func(s *traceScreen) tea.Cmd {
				if !s.detailsOn(s.m.width) {
					s.showDetails, s.detailsSet = true, true
				}
				s.focus = true
				return nil
			}},
			{k.Zoom, (*traceScreen).zoom},
			{k.ZoomReset, func(s *traceScreen) tea.Cmd { v := s.view(); v.st.WinStart, v.st.WinEnd = 0, 0; return nil }},
			{k.PanLeft, func(s *traceScreen) tea.Cmd { s.pan(-1); return nil }},
			{k.PanRight, func(s *traceScreen) tea.Cmd { s.pan(1); return nil }},
			{k.FollowLink, (*traceScreen).followLink},
			{k.Baseline, func(s *traceScreen) tea.Cmd { s.m.base.mark(); return nil }},
			{k.Copy, func(s *traceScreen) tea.Cmd { return s.m.openCopy(false) }},
			{k.Write, func(s *traceScreen) tea.Cmd { return s.m.openCopy(true) }},
			{k.Back, (*traceScreen).back},
		},
	}
}

// HandleKey: the details pane's keys while it has them, then the
// waterfall's; the status message lasts until the next key.
func (s *traceScreen) HandleKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if s.focused() {
		if ok, cmd := handle(s, s.details, msg); ok {
			return true, cmd
		}
	}
	v := s.view()
	before, beforeSub, status := v.cur, v.minus(), s.m.status
	s.m.status = ""
	ok, cmd := s.removedKey(msg)
	if !ok {
		ok, cmd = handle(s, s.table, msg)
	}
	if !ok {
		s.m.status = status // not a waterfall key: the global keys may answer
	}
	if v.cur != before || v.minus() != beforeSub {
		v.detailTop = 0
	}
	return ok, cmd
}

// Bindings are the waterfall's keys, then the details pane's.
func (s *traceScreen) Bindings() []key.Binding {
	return append(keysOf(s.table), keysOf(s.details)...)
}

// reset forgets every view: the traces were replaced.
func (s *traceScreen) reset(n int) {
	s.views = make([]*traceView, n)
}

func (s *traceScreen) openTrace(k int) {
	if s.views[k] == nil {
		s.views[k] = newTraceView(s.m.traces[k])
	}
	s.open = k
	s.m.screen = screenTrace
	// Colours are given here, on the UI loop, never while drawing.
	s.m.styles.AssignTrace(s.views[k].tr, s.views[k].a)
	s.detailsSet, s.focus = false, false
}

func (s *traceScreen) view() *traceView { return s.views[s.open] }

// Screen rows around the waterfall: three header lines and the ruler
// above; breadcrumb, status and key hints below.
const chromeRows = 7

// traceLayout is how a w×h screen is shared between the waterfall and the
// details pane.
type traceLayout struct {
	side       bool // details beside the waterfall, not under it
	rows       int  // waterfall rows
	detailH    int
	waterfallW int
}

func (s *traceScreen) layout(w, h int) traceLayout {
	on := s.detailsOn(w)
	l := traceLayout{side: on && w >= sideWidth, waterfallW: w}
	if l.side {
		l.detailH = max(h-chromeRows+1, 1)
		l.waterfallW = w - w*2/5 - 1
	} else {
		l.detailH = max((h-chromeRows)*2/5, 1)
	}
	l.rows = h - chromeRows
	if on && !l.side {
		l.rows -= l.detailH + 1
	}
	l.rows = max(l.rows, 1)
	return l
}

// size is the layout at the window's size, for keys that page.
func (s *traceScreen) size() traceLayout { return s.layout(s.m.width, s.m.height) }

func (s *traceScreen) move(delta int) {
	if wd := s.m.base.current(); wd != nil {
		s.moveLines(wd, delta) // the "−" rows are rows too
		return
	}
	s.view().move(delta, s.size().rows)
}
func (s *traceScreen) scroll() { s.view().scroll(s.size().rows); s.fitRemoved() }
