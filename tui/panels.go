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
)

// panelTraces are what a panel describes.
func (m Model) panelTraces() []trace.Analyzed {
	if m.screen == screenTrace {
		return []trace.Analyzed{m.traces[m.open]}
	}
	var out []trace.Analyzed
	for _, t := range m.traces {
		if t.Tree != nil {
			out = append(out, t)
		}
	}
	return out
}

// buildPanel makes a panel's title and lines. It reads only what it is
// given, so it can run off the UI loop.
var panelNames = map[panel]string{panelFindings: "findings", panelMap: "service map", panelStats: "statistics"}

func buildPanel(p panel, traces []trace.Analyzed, oneTrace bool, opt render.Options, statsSort int) (string, []string) {
	sep := opt.Glyphs.Sep
	scope := "this trace"
	if !oneTrace {
		scope = render.Plural(len(traces), "trace")
	}
	switch p {
	case panelFindings:
		var lines []string
		for _, t := range traces {
			if len(traces) > 1 && t.Findings != nil && len(t.Findings.List) > 0 {
				lines = append(lines, "", opt.Glyphs.Clean("trace "+t.Tree.Trace.DisplayID()))
			}
			lines = append(lines, render.FindingLines(t, opt)...)
		}
		if len(lines) == 0 {
			lines = []string{"nothing found: no repeated or duplicate calls, cycles, gaps or sequential calls worth a look"}
		}
		return panelNames[p] + sep + scope, lines
	case panelMap:
		sm := &trace.ServiceMap{}
		for _, t := range traces {
			sm.Add(t.Tree, t.Analysis)
		}
		sm.Sorted()
		return panelNames[p] + sep + scope, render.ServiceMapLines(sm, opt)
	}
	st := &trace.StatsTable{ByOperation: true}
	for _, t := range traces {
		st.Add(t.Tree, t.Analysis)
	}
	render.SortStats(st.Rows, render.StatsSorts[statsSort])
	return panelNames[p] + sep + scope + sep + "sorted by " + render.StatsSorts[statsSort] + " (s to change)", render.StatsLines(st.Rows, true, opt)
}

func (m Model) panelView() string {
	title, body := m.memoPanel()
	h := max(m.height-2, 1)
	top := min(m.panelTop, max(len(body)-h, 0))
	lines := []string{m.styles.Paint(m.styles.Header, m.glyphs.Truncate(title, m.width))}
	for k := top; k < len(body) && k < top+h; k++ {
		lines = append(lines, m.glyphs.Truncate(body[k], m.width))
	}
	for len(lines) < h+1 {
		lines = append(lines, "")
	}
	lines = append(lines, m.hintLine([]key.Binding{m.keys.Up, m.keys.Down, m.keys.Back, m.keys.Quit}))
	return strings.Join(lines, "\n")
}

func (m Model) panelKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back, k.Findings, k.ServiceMap, k.Stats):
		m.panel = panelNone
	case key.Matches(msg, k.Up):
		m.panelTop = max(m.panelTop-1, 0)
	case key.Matches(msg, k.Down):
		m.panelTop++
	case key.Matches(msg, k.PageUp):
		m.panelTop = max(m.panelTop-m.height+2, 0)
	case key.Matches(msg, k.PageDown):
		m.panelTop += m.height - 2
	case key.Matches(msg, k.Sort) && m.panel == panelStats:
		m.statsSort = (m.statsSort + 1) % len(render.StatsSorts)
	}
	return m, nil
}

// openPanel answers F, M and T on the list and trace screens.
func (m *Model) openPanel(msg tea.KeyPressMsg) bool {
	if m.screen == screenLoading {
		return false
	}
	switch {
	case key.Matches(msg, m.keys.Findings):
		m.panel = panelFindings
	case key.Matches(msg, m.keys.ServiceMap):
		m.panel = panelMap
	case key.Matches(msg, m.keys.Stats):
		m.panel = panelStats
	default:
		return false
	}
	m.panelTop = 0
	return true
}
