package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// Progress is how far a Loader got: bytes read and spans decoded, then
// (Traces > 0) traces analyzed, so a big input never looks stuck.
type Progress struct {
	Bytes    int64
	Spans    int
	Analyzed int
	Traces   int
}

type progressMsg Progress

// Loaded is what a Loader hands the explorer.
type Loaded struct {
	// Traces, earliest first (trace.SortByStart). An entry whose Tree is
	// nil has only its Summary, the list line: Analyze makes the rest when
	// the trace is opened, or when a filter or panel needs every trace.
	Traces   []trace.Analyzed
	Warnings []string // one line each, file:line first; shown in the status line
	// Analyze analyzes trace k (Traces' index) fully: tree, analysis,
	// findings and summary. It is called off the UI loop for traces over
	// asyncSpans, from several goroutines at once, and must give the same
	// value each time for k. Nil when every entry is analyzed.
	Analyze func(k int) trace.Analyzed
	// Find, when set, completes the findings of Traces[0], the only trace,
	// whose Findings hold only its waterfall's folds (trace.Fold): the
	// explorer shows the trace first and calls Find in a Cmd, off the UI
	// loop. It must give trace.Find's value for that trace.
	Find func() *trace.Findings
}

type loadedMsg struct {
	Loaded
	err error
}

// startLoad runs the loader in a Cmd; progress arrives on a channel that
// waitProgress reads one message at a time, so Update stays the only place
// state changes. The channel is made by New, before any Cmd runs.
func (m *Model) startLoad() tea.Cmd {
	ch := m.progCh
	load := m.opt.Load
	run := func() tea.Msg {
		loaded, err := load(func(p Progress) {
			select {
			case ch <- progressMsg(p):
			default: // the UI is behind: drop this report, a newer one follows
			}
		})
		close(ch)
		return loadedMsg{loaded, err}
	}
	return tea.Batch(run, m.waitProgress())
}

func (m *Model) waitProgress() tea.Cmd { return waitOn(m.progCh) }

// waitOn is a Cmd that delivers the next message a background job sends on
// ch, one at a time (Update asks again after each), and nothing once the
// job closes it: progress reaches the screen without the job touching it.
func waitOn(ch chan tea.Msg) tea.Cmd {
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

// loadingScreen shows how far loading got; it has no keys of its own.
type loadingScreen struct{ m *Model }

func (s *loadingScreen) HandleKey(tea.KeyPressMsg) (bool, tea.Cmd) { return false, nil }
func (s *loadingScreen) Bindings() []key.Binding                   { return nil }

func (s *loadingScreen) Render(w, h int) string {
	m := s.m
	title := m.opt.Title
	if title == "" {
		title = "input"
	}
	p := m.progress
	ell := m.glyphs.Ellipsis
	line := fmt.Sprintf("loading %s %s %.1f MB, %d spans", title, ell, float64(p.Bytes)/1e6, p.Spans)
	if p.Traces > 0 {
		line = fmt.Sprintf("analyzing %s %s %d of %s (%d spans)", title, ell, p.Analyzed, render.Plural(p.Traces, "trace"), p.Spans)
	}
	lines := []string{m.glyphs.Truncate(m.glyphs.Clean(line), w)}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	lines = append(lines, "")
	return strings.Join(lines, "\n")
}
