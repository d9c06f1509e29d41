package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
)

type loadProgress struct {
	bytes int64
	spans int
}

type progressMsg loadProgress

type loadedMsg struct {
	traces   []render.Analyzed
	warnings []string
	err      error
}

// startLoad runs the loader in a Cmd; progress arrives on a channel that
// waitProgress reads one message at a time, so Update stays the only place
// state changes.
func (m *Model) startLoad() tea.Cmd {
	ch := make(chan tea.Msg, 1)
	m.progCh = ch
	load := m.opt.Load
	run := func() tea.Msg {
		traces, warnings, err := load(func(b int64, spans int) {
			select {
			case ch <- progressMsg{b, spans}:
			default: // the UI is behind: drop this report, a newer one follows
			}
		})
		close(ch)
		return loadedMsg{traces, warnings, err}
	}
	return tea.Batch(run, m.waitProgress())
}

func (m Model) waitProgress() tea.Cmd {
	ch := m.progCh
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// Err is the load error, if loading failed (the program then quits).
func (m Model) Err() error { return m.err }

func (m Model) loadingView() string {
	title := m.opt.Title
	if title == "" {
		title = "input"
	}
	line := fmt.Sprintf("loading %s … %.1f MB, %d spans", title, float64(m.progress.bytes)/1e6, m.progress.spans)
	lines := []string{render.Truncate(render.Sanitize(line), m.width, m.opt.ASCII)}
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines, m.hintLine(nil))
	return strings.Join(lines, "\n")
}
