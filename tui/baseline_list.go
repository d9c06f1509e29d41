package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// BaselineLoader loads a baseline run (open --baseline A.jsonl) off the UI
// loop: its traces' list lines, of which the root operation and the
// duration are used.
type BaselineLoader func() ([]trace.Summary, error)

// runBaseline is open --baseline's run: the trace list shows, per root
// operation, how its p95 moved from the baseline run to the loaded traces.
type runBaseline struct {
	loading bool
	err     error
	p95     map[rootOp]int64 // the baseline's p95 per root operation, ns; nil until loaded
	traces  int              // in the baseline run
	// cells are the list's Δ P95 column per trace of list.all, made for
	// the traces of tracesGen cellsGen; busy while a Cmd makes them.
	cells    []render.P95Change
	cellsGen int
	busy     bool
}

type rootOp struct{ service, name string }

// inlineP95Traces is how many traces the Δ P95 column is worked out for
// inside Update; more are done in a Cmd.
const inlineP95Traces = 20_000

type runLoadedMsg struct {
	p95    map[rootOp]int64
	traces int
	err    error
}

type p95CellsMsg struct {
	gen   int
	cells []render.P95Change
}

// load starts loading the baseline run, when there is one.
func (r *runBaseline) load(ld BaselineLoader) tea.Cmd {
	if ld == nil {
		return nil
	}
	r.loading = true
	return func() tea.Msg {
		all, err := ld()
		if err != nil {
			return runLoadedMsg{err: err}
		}
		return runLoadedMsg{p95: rootP95(all), traces: len(all)}
	}
}

func (msg runLoadedMsg) apply(b *baselineState) tea.Cmd {
	r := &b.run
	r.loading, r.err, r.p95, r.traces = false, msg.err, msg.p95, msg.traces
	if msg.err != nil {
		b.m.status = "baseline " + b.m.opt.BaselineTitle + ": " + msg.err.Error()
	}
	return nil
}

func (msg p95CellsMsg) apply(b *baselineState) tea.Cmd {
	r := &b.run
	r.busy = false
	if msg.gen == b.m.tracesGen {
		r.cells, r.cellsGen = msg.cells, msg.gen
	}
	return nil
}

// sync makes the Δ P95 column for the traces listed now, once the
// baseline run is in.
func (r *runBaseline) sync(m *Model) tea.Cmd {
	if r.p95 == nil || r.cells != nil && r.cellsGen == m.tracesGen || m.screen == screenLoading {
		return nil
	}
	gen, all, base := m.tracesGen, m.list.all, r.p95
	if len(all) < inlineP95Traces {
		r.cells, r.cellsGen = p95Cells(base, all), gen
		return nil
	}
	if r.busy {
		return nil
	}
	r.busy = true
	return func() tea.Msg { return p95CellsMsg{gen, p95Cells(base, all)} }
}

// column is the list's Δ P95 column, nil when there is none (yet).
func (r *runBaseline) column(m *Model) []render.P95Change {
	if r.cells == nil || len(r.cells) != len(m.list.all) {
		return nil
	}
	return r.cells
}

// rootP95 is each root operation's p95 over traces' durations, with
// trace.Percentile: the one percentile stats and diff use.
func rootP95(traces []trace.Summary) map[rootOp]int64 {
	durs := map[rootOp][]int64{}
	for _, t := range traces {
		k := rootOp{t.RootService, t.RootName}
		durs[k] = append(durs[k], t.Duration)
	}
	out := make(map[rootOp]int64, len(durs))
	for k, d := range durs {
		out[k] = trace.Percentile(d, 0.95)
	}
	return out
}

// p95Cells compares, per trace of b, its root operation's p95 in b with
// the baseline's.
func p95Cells(base map[rootOp]int64, b []trace.Summary) []render.P95Change {
	now := rootP95(b)
	out := make([]render.P95Change, len(b))
	for k, t := range b {
		op := rootOp{t.RootService, t.RootName}
		a, ok := base[op]
		out[k] = render.P95Change{A: a, B: now[op], InA: ok}
	}
	return out
}

// listTitle is what the list's title adds: the baseline trace, and the
// baseline run the Δ P95 column compares with.
func (b *baselineState) listTitle() string {
	g := b.m.glyphs
	s := ""
	if b.trace != nil {
		s += g.Sep + "baseline: " + b.label()
	}
	r, name := &b.run, b.m.opt.BaselineTitle
	switch {
	case r.loading:
		s += g.Sep + "loading baseline " + name + g.Ellipsis
	case r.err != nil:
		s += g.Sep + "baseline " + name + " not loaded"
	case r.p95 != nil:
		head := "Δ P95"
		if g.IsASCII() {
			head = "d P95"
		}
		s += g.Sep + head + " against " + name + " (" + render.Plural(r.traces, "trace") + ")"
	}
	return s
}
