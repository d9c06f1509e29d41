package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
)

// helpScreen lists the keys of the screen it was opened over and the
// global ones, then the query syntax and the legend. It fits any size
// down to 40×10: the groups flow into as many columns as the width holds
// and the rest scrolls. It takes every key but ctrl+c.
type helpScreen struct {
	m     *Model
	table []binding[*helpScreen]
	shown bool
	top   int // first body line shown
}

func newHelpScreen(m *Model) helpScreen {
	k := m.keys.Help
	by := func(d func(s *helpScreen) int) func(*helpScreen) tea.Cmd {
		return func(s *helpScreen) tea.Cmd { s.scroll(d(s)); return nil }
	}
	page := func(s *helpScreen) int { return s.rows(s.m.height) }
	return helpScreen{m: m, table: []binding[*helpScreen]{
		{k.Close, func(s *helpScreen) tea.Cmd { s.shown = false; return nil }},
		{k.Up, by(func(*helpScreen) int { return -1 })},
		{k.Down, by(func(*helpScreen) int { return 1 })},
		{k.PageUp, by(func(s *helpScreen) int { return -page(s) })},
		{k.PageDown, by(page)},
		{k.Top, by(func(s *helpScreen) int { return -s.top })},
		{k.Bottom, by(func(*helpScreen) int { return 1 << 30 })},
	}}
}

func (s *helpScreen) open() { s.shown, s.top = true, 0 }

func (s *helpScreen) HandleKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if key.Matches(msg, s.m.keys.Global.Interrupt) {
		return false, nil
	}
	_, cmd := handle(s, s.table, msg)
	return true, cmd
}

// Bindings: the help screen scrolls and closes.
func (s *helpScreen) Bindings() []key.Binding { return keysOf(s.table) }

// rows is how many body lines fit an h-line screen: a title and a footer
// take two.
func (s *helpScreen) rows(h int) int { return max(h-2, 1) }

// scroll moves the body, kept within it at the window's size.
func (s *helpScreen) scroll(delta int) {
	n := len(s.body(s.m.width))
	s.top = min(max(s.top+delta, 0), max(n-s.rows(s.m.height), 0))
}

// below is the screen help was opened over: its keys are the ones listed.
func (s *helpScreen) below() screen {
	st := s.m.stack()
	for k, x := range st {
		if x == screen(s) && k+1 < len(st) {
			return st[k+1]
		}
	}
	return &s.m.loading
}

// helpGroup is one titled block of keys.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// groups are the keys of the screen below, then the global ones.
func (s *helpScreen) groups() (string, []helpGroup) {
	k := s.m.keys
	g := k.Global
	global := helpGroup{"anywhere", []key.Binding{g.Findings, g.ServiceMap, g.Stats, g.Warnings, g.Help, g.Quit, g.Interrupt}}
	switch s.below().(type) {
	case *listScreen:
		l := k.List
		return "trace list", []helpGroup{
			{"move", []key.Binding{l.Up, l.Down, l.PageUp, l.PageDown, l.Top, l.Bottom}},
			{"traces", []key.Binding{l.Open, l.Filter, l.Clear, l.Sort}},
			global,
		}
	case *traceScreen:
		t, d := k.Trace, k.Details
		return "trace", []helpGroup{
			{"move", []key.Binding{t.Up, t.Down, t.PageUp, t.PageDown, t.Top, t.Bottom}},
			{"fold", []key.Binding{t.Toggle, t.Collapse, t.Expand, t.CollapseAll, t.ExpandAll}},
			{"jump", []key.Binding{t.Bottleneck, t.NextError, t.PrevError, t.NextCritical, t.PrevCritical, t.FollowLink}},
			{"find", []key.Binding{t.Search, t.NextMatch, t.PrevMatch, t.Filter, t.Back}},
			{"view", []key.Binding{t.Details, t.Focus, t.Zoom, t.ZoomReset, t.PanLeft, t.PanRight, t.Baseline}},
			{"copy", []key.Binding{t.Copy, t.Write}},
			{"details pane (after tab)", []key.Binding{d.Up, d.Down, d.PageUp, d.PageDown, d.Leave}},
			global,
		}
	case *panelScreen:
		p := k.Panel
		return panelNames[s.m.panel.kind], []helpGroup{
			{"panel", []key.Binding{p.Up, p.Down, p.PageUp, p.PageDown, p.Sort, p.Close}},
			global,
		}
	}
	return "loading", []helpGroup{{"anywhere", []key.Binding{g.Interrupt}}}
}

// queryHelp is the query syntax, under the keys of the list and a trace.
var queryHelp = []string{
	"search (/) and filter (f): words match service, name, IDs, attributes;",
	"  service=cart  status=error  kind=server  http.route=/v2/rates",
	"  duration>50ms  duration<1s  %>2.5 (share of the trace)",
	"  or TraceQL: { name =~ \"GET .*\" } >> { status = error }",
	"  on the list also spans>100  errors>0  duration>1s (the trace's)",
}

// body is everything help says at width w, before scrolling.
func (s *helpScreen) body(w int) []string {
	m := s.m
	_, groups := s.groups()
	lines := helpColumns(groups, w, m.styles)
	switch s.below().(type) {
	case *listScreen, *traceScreen:
		lines = append(lines, "")
		for _, q := range queryHelp {
			lines = append(lines, wrapWords(q, w, "    ")...)
		}
	}
	if _, ok := s.below().(*traceScreen); ok {
		lines = append(lines, "")
		lines = append(lines, strings.Split(render.Legend(m.renderOptions(w)), "\n")...)
	}
	return lines
}

func (s *helpScreen) Render(w, h int) string {
	m, g := s.m, s.m.glyphs
	name, _ := s.groups()
	body := s.body(w)
	rows := s.rows(h)
	top := min(s.top, max(len(body)-rows, 0))
	lines := []string{m.styles.Paint(m.styles.Header, g.Truncate("tracetui keys"+g.Sep+name, w))}
	for k := top; k < len(body) && k < top+rows; k++ {
		lines = append(lines, g.Truncate(body[k], w))
	}
	for len(lines) < rows+1 {
		lines = append(lines, "")
	}
	foot := "? or esc to close"
	if len(body) > rows {
		foot = strconv.Itoa(top+1) + "-" + strconv.Itoa(min(top+rows, len(body))) + " of " +
			strconv.Itoa(len(body)) + g.Sep + "j/k pgdn scroll" + g.Sep + "esc close"
	}
	lines = append(lines, m.styles.Paint(m.styles.Dim, g.Truncate(foot, w)))
	return strings.Join(lines, "\n")
}
