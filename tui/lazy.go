package tui

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// lazyState is what is left of a Loader's traces to analyze
// (Loaded.Analyze): a trace is analyzed when it is opened; a list filter
// over spans or a panel over every trace first analyzes all of them, once.
type lazyState struct {
	analyze  func(k int) trace.Analyzed // nil: every trace is analyzed
	pending  int                        // entries of m.traces without a Tree
	inflight map[int]bool               // traces analyzed in a Cmd to be opened
	opening  int                        // the trace to open when its Cmd lands; -1 none
	status   string                     // what the status line says meanwhile
	busy     bool                       // analyzing every pending trace
	done     int                        // of total, while busy
	total    int
	ch       chan tea.Msg // busy's progress
}

type analyzedMsg struct {
	k int
	a trace.Analyzed
}

type lazyProgressMsg struct{ done int }

type lazyDoneMsg struct {
	ks  []int
	out []trace.Analyzed
}

// setLoaded shows a Loader's traces; those it only summarized wait for
// Analyze.
func (m *Model) setLoaded(l Loaded) {
	m.lazy = lazyState{analyze: l.Analyze, opening: -1, inflight: map[int]bool{}}
	m.setTraces(l.Traces, l.Warnings)
	if l.Analyze == nil {
		return
	}
	for _, t := range l.Traces {
		if t.Tree == nil {
			m.lazy.pending++
		}
	}
}

// incomplete reports whether some traces are not analyzed yet.
func (s *lazyState) incomplete() bool { return s.analyze != nil && s.pending > 0 }

func (m *Model) store(k int, a trace.Analyzed) {
	if m.traces[k].Tree == nil {
		m.traces[k] = a
		m.lazy.pending--
	}
}

// ready analyzes trace k inline when it is small enough for Update (as
// big panels and queries, a trace over asyncSpans spans goes to a Cmd);
// it reports whether k has its tree.
func (m *Model) ready(k int) bool {
	if m.traces[k].Tree != nil {
		return true
	}
	if m.lazy.analyze == nil || m.list.all[k].Spans > asyncSpans {
		return false
	}
	m.store(k, m.lazy.analyze(k))
	return true
}

// analyzeThenOpen analyzes big trace k in a Cmd; analyzed opens it when
// it lands, unless the user opened another trace or left its row.
func (m *Model) analyzeThenOpen(k int) tea.Cmd {
	m.lazy.opening = k
	if m.lazy.inflight[k] {
		return nil
	}
	m.lazy.inflight[k] = true
	s := m.list.all[k]
	m.status = "analyzing trace " + s.ID + " (" + render.Plural(s.Spans, "span") + ") " + m.glyphs.Ellipsis
	m.lazy.status = m.status
	analyze := m.lazy.analyze
	return func() tea.Msg { return analyzedMsg{k, analyze(k)} }
}

func (m *Model) analyzed(msg analyzedMsg) {
	delete(m.lazy.inflight, msg.k)
	m.store(msg.k, msg.a)
	if m.status == m.lazy.status && len(m.lazy.inflight) == 0 {
		m.status = ""
	}
	if m.lazy.opening != msg.k {
		return
	}
	m.lazy.opening = -1
	l := &m.list
	onRow := m.screen == screenList && len(l.shown) > 0 && l.shown[l.cur] == msg.k
	if onRow || m.screen == screenTrace {
		m.trace.openTrace(msg.k)
	}
}

// analyzeAll analyzes every pending trace in a Cmd on every core, with
// progress; when it lands the list filter runs again and panels rebuild
// (tracesGen moves). One at a time: callers waiting on it get nil.
func (m *Model) analyzeAll() tea.Cmd {
	s := &m.lazy
	if s.busy || !s.incomplete() {
		return nil
	}
	var ks []int
	for k, t := range m.traces {
		if t.Tree == nil {
			ks = append(ks, k)
		}
	}
	ch := make(chan tea.Msg, 1)
	s.busy, s.done, s.total, s.ch = true, 0, len(ks), ch
	analyze := s.analyze
	run := func() tea.Msg {
		out := make([]trace.Analyzed, len(ks))
		var next, done atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(ks)) {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < len(ks); i = int(next.Add(1) - 1) {
					out[i] = analyze(ks[i])
					if n := done.Add(1); n%500 == 0 {
						select {
						case ch <- lazyProgressMsg{int(n)}:
						default: // the UI is behind: a newer report follows
						}
					}
				}
			})
		}
		wg.Wait()
		close(ch)
		return lazyDoneMsg{ks, out}
	}
	return tea.Batch(run, s.wait())
}

func (s *lazyState) wait() tea.Cmd { return waitOn(s.ch) }

func (m *Model) lazyDone(msg lazyDoneMsg) tea.Cmd {
	for i, k := range msg.ks {
		m.store(k, msg.out[i])
	}
	m.lazy.busy, m.lazy.ch = false, nil
	m.tracesGen++
	return m.list.runFilter()
}

// lazyProgress says how far analyzeAll got, for what waits on it.
func (m *Model) lazyProgress() string {
	s := &m.lazy
	return "analyzing " + strconv.Itoa(s.done) + " of " + render.Plural(s.total, "trace") + m.glyphs.Ellipsis
}
