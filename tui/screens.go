package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// screen is one entry of the screen stack: the trace list, a trace's
// waterfall, a panel, the prompt, help. Each answers its own keys, draws
// itself at a given size and lists its bindings.
type screen interface {
	// HandleKey answers a key. handled false lets the key through to the
	// global bindings (help, panels, quit); a screen that must not let a
	// key through (the prompt types "q") handles it.
	HandleKey(msg tea.KeyPressMsg) (handled bool, cmd tea.Cmd)
	// Render draws the whole screen, w×h cells; a line screen (the prompt)
	// draws the one line it takes over.
	Render(w, h int) string
	// Bindings are the keys the screen dispatches on, in table order.
	Bindings() []key.Binding
}

// lineScreen is a screen drawn over the status line of the screen below
// it rather than over the whole frame.
type lineScreen interface {
	screen
	overStatusLine()
}

// stack is the only statement of precedence: the screens from the top
// down. Keys go to the top screen, then to the global bindings; the
// frame is the topmost full screen, with any line screen above it drawn
// over its status line.
func (m *Model) stack() []screen {
	s := make([]screen, 0, 4)
	if m.prompt != nil {
		s = append(s, m.prompt)
	}
	if m.copy.menu != nil {
		s = append(s, m.copy.menu)
	}
	if m.help.shown {
		s = append(s, &m.help)
	}
	if m.panel.kind != panelNone {
		s = append(s, &m.panel)
	}
	switch m.screen {
	case screenLoading:
		s = append(s, &m.loading)
	case screenList:
		s = append(s, &m.list)
	default:
		s = append(s, &m.trace)
	}
	return s
}

// key routes a key press through the stack.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if handled, cmd := m.stack()[0].HandleKey(msg); handled {
		return cmd
	}
	_, cmd := handle(m, m.globalTable, msg)
	return cmd
}

// frame draws the stack at w×h.
func (m *Model) frame(w, h int) string {
	var line screen
	for _, s := range m.stack() {
		if _, ok := s.(lineScreen); ok {
			line = s
			continue
		}
		out := s.Render(w, h)
		if line == nil {
			return out
		}
		// The status line is the one above the hints, the last line; a
		// line screen too long for it (the copy menu, narrow) takes the
		// hint line too (its keys are not the ones that answer), then the
		// lines above, never the header's first line.
		lines := strings.Split(out, "\n")
		if n := len(lines); n >= 2 {
			over := strings.Split(line.Render(w, n-1), "\n")
			end := n - 1
			if len(over) > 1 {
				end = n
			}
			copy(lines[end-len(over):end], over)
		}
		return strings.Join(lines, "\n")
	}
	return ""
}

// binding is one entry of a screen's key table: the keys with their help
// text, beside what they do (lazygit's Binding{Keys, Handler,
// Description}). Dispatch, hints and help read the same tables.
type binding[S any] struct {
	key.Binding
	run func(S) tea.Cmd
}

// handle runs the first binding of table that msg matches.
func handle[S any](s S, table []binding[S], msg tea.KeyPressMsg) (bool, tea.Cmd) {
	for _, b := range table {
		if key.Matches(msg, b.Binding) {
			return true, b.run(s)
		}
	}
	return false, nil
}

func keysOf[S any](table []binding[S]) []key.Binding {
	out := make([]key.Binding, len(table))
	for k, b := range table {
		out[k] = b.Binding
	}
	return out
}

// globalBindings answer any key the top screen lets through.
func globalBindings(k GlobalKeys) []binding[*Model] {
	quit := func(*Model) tea.Cmd { return tea.Quit }
	return []binding[*Model]{
		{k.Interrupt, quit},
		{k.Help, func(m *Model) tea.Cmd { m.help.open(); return nil }},
		{k.Findings, func(m *Model) tea.Cmd { return m.panel.open(panelFindings) }},
		{k.ServiceMap, func(m *Model) tea.Cmd { return m.panel.open(panelMap) }},
		{k.Stats, func(m *Model) tea.Cmd { return m.panel.open(panelStats) }},
		{k.Warnings, func(m *Model) tea.Cmd { return m.panel.open(panelWarnings) }},
		{k.Quit, quit},
	}
}
