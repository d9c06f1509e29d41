package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// panel is a full-screen text view over the open trace (or, from the
// list, every loaded trace): findings, the service map, statistics.
type panel int

const (
	panelNone panel = iota
	panelFindings
	panelMap
	panelStats
	panelWarnings
)

var panelNames = map[panel]string{panelFindings: "findings", panelMap: "service map", panelStats: "statistics",
	panelWarnings: "loader warnings"}

// panelScreen draws the open panel from its memo, which only Update fills
// (see panel_build.go). It takes every key but help, quit and ctrl+c.
type panelScreen struct {
	m         *Model
	table     []binding[*panelScreen]
	kind      panel
	top       int
	statsSort int
	memo      panelMemo
	building  panelKey // the key of the build in flight, if any
}

func newPanelScreen(m *Model) panelScreen {
	k := m.keys.Panel
	page := func(p *panelScreen) int { return p.m.height - 2 }
	return panelScreen{m: m, table: []binding[*panelScreen]{
		{k.Close, func(p *panelScreen) tea.Cmd { p.kind = panelNone; return nil }},
		{k.Up, func(p *panelScreen) tea.Cmd { p.scroll(-1); return nil }},
		{k.Down, func(p *panelScreen) tea.Cmd { p.scroll(1); return nil }},
		{k.PageUp, func(p *panelScreen) tea.Cmd { p.scroll(-page(p)); return nil }},
		{k.PageDown, func(p *panelScreen) tea.Cmd { p.scroll(page(p)); return nil }},
		{k.Sort, func(p *panelScreen) tea.Cmd {
			if p.kind == panelStats {
				p.statsSort = (p.statsSort + 1) % len(render.StatsSorts)
			}
			return nil
		}},
	}}
}

// open shows panel kind over the list or the open trace (not while
// loading); Update then builds its content.
func (p *panelScreen) open(kind panel) tea.Cmd {
	if p.m.screen == screenLoading {
		return nil
	}
	p.kind, p.top = kind, 0
	return nil
}

func (p *panelScreen) scroll(delta int) { p.top = max(p.top+delta, 0) }

func (p *panelScreen) HandleKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if ok, cmd := handle(p, p.table, msg); ok {
		return true, cmd
	}
	g := p.m.keys.Global
	return !key.Matches(msg, g.Help, g.Quit, g.Interrupt), nil
}

func (p *panelScreen) Bindings() []key.Binding { return keysOf(p.table) }

func (p *panelScreen) hints() []key.Binding {
	k := p.m.keys
	return []key.Binding{k.Panel.Up, k.Panel.Down, k.Panel.Close, k.Global.Quit}
}

// traces are what the panel describes.
func (p *panelScreen) traces() []trace.Analyzed {
	m := p.m
	if m.screen == screenTrace {
		return []trace.Analyzed{m.traces[m.trace.open]}
	}
	var out []trace.Analyzed
	for _, t := range m.traces {
		if t.Tree != nil {
			out = append(out, t)
		}
	}
	return out
}

// Render shows the memo: this panel's content, or its last content marked
// updating, or a line saying it is being built.
func (p *panelScreen) Render(w, h int) string {
	m := p.m
	title, body := p.content()
	rows := max(h-2, 1)
	top := min(p.top, max(len(body)-rows, 0))
	lines := []string{m.styles.Paint(m.styles.Header, m.glyphs.Truncate(title, w))}
	for k := top; k < len(body) && k < top+rows; k++ {
		lines = append(lines, m.glyphs.Truncate(body[k], w))
	}
	for len(lines) < rows+1 {
		lines = append(lines, "")
	}
	lines = append(lines, m.hintLine(p.hints(), w))
	return strings.Join(lines, "\n")
}
