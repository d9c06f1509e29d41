package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
)

// helpScreen lists every key, the query syntax and the legend. It takes
// every key but ctrl+c; ?, esc and q close it.
type helpScreen struct {
	m     *Model
	shown bool
}

func (s *helpScreen) HandleKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	switch {
	case key.Matches(msg, s.m.keys.Global.Interrupt):
		return false, nil
	case key.Matches(msg, s.m.keys.Help.Close):
		s.shown = false
	}
	return true, nil
}

// Bindings: the help screen only closes.
func (s *helpScreen) Bindings() []key.Binding { return []key.Binding{s.m.keys.Help.Close} }

// queryHelp is the query syntax, under the keys.
var queryHelp = []string{
	"search (/) and filter (f): words match service, name, IDs, attributes;",
	"  service=cart  status=error  kind=server  http.route=/v2/rates",
	"  duration>50ms  duration<1s  %>2.5 (share of the trace)",
	"  or TraceQL: { name =~ \"GET .*\" } >> { status = error }",
	"  on the list also spans>100  errors>0  duration>1s (the trace's)",
}

func (s *helpScreen) Render(w, h int) string {
	m := s.m
	hm := m.helpModel
	hm.SetWidth(w)
	lines := []string{m.styles.Paint(m.styles.Header, "tracetui keys"), ""}
	lines = append(lines, strings.Split(hm.FullHelpView(m.keys.FullHelp()), "\n")...)
	lines = append(lines, "")
	lines = append(lines, queryHelp...)
	lines = append(lines, "", render.Legend(m.renderOptions(w)), "", "press ? or esc to close")
	for k := range lines {
		lines[k] = m.glyphs.Truncate(lines[k], w)
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}
