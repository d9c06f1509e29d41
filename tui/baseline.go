package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// baselineState is the trace marked with B: every other trace opened is
// drawn as a diff against it (the diff columns, the "−" rows of calls
// only the baseline made, the verdict in the header), until esc or B
// clears it. It also holds the baseline run of open --baseline (see
// baseline_list.go).
type baselineState struct {
	m     *Model
	trace *trace.Analyzed // nil: no baseline trace
	// diffs are the last few diffs built, newest last: opening a trace
	// again, or coming back to it, does not align it again.
	diffs    []baselineDiff
	building diffKey // the diff being built in a Cmd, if any
	fit      lineFit // where the compared waterfall starts, by lines

	run runBaseline
}

// diffKey names a diff by the two trees it aligns: a fetch or a live
// update that replaces the open trace makes a new tree, so a new diff.
type diffKey struct{ a, b *trace.Tree }

type baselineDiff struct {
	key diffKey
	w   *render.WaterfallDiff
}

// keptDiffs is how many diffs are kept: each holds a row per span of its
// two traces.
const keptDiffs = 4

// baselineDiffMsg brings a diff built off the UI loop.
type baselineDiffMsg struct {
	key diffKey
	w   *render.WaterfallDiff
}

// baselineMsg is a message for the baseline, so Update needs one case.
type baselineMsg interface {
	apply(b *baselineState) tea.Cmd
}

func (msg baselineDiffMsg) apply(b *baselineState) tea.Cmd {
	b.building = diffKey{}
	if b.trace != nil && msg.key.a == b.trace.Tree {
		b.keep(baselineDiff(msg))
	}
	return nil
}

// mark makes the open trace the baseline; B again (on any trace) clears
// it, as esc does.
func (b *baselineState) mark() {
	m := b.m
	t := m.traces[m.trace.open]
	if b.trace != nil {
		b.clear()
		return
	}
	b.trace, b.diffs = &t, nil
	next := "open another trace to compare"
	if len(m.traces) < 2 {
		next = "one trace loaded: compare with tracetui diff A B, or open --baseline A B"
	}
	m.status = "baseline: " + b.label() + m.glyphs.Sep + next
}

func (b *baselineState) clear() {
	b.trace, b.diffs = nil, nil
	b.m.status = "baseline cleared"
}

// label is the baseline as the header and the list title name it.
func (b *baselineState) label() string {
	tr := b.trace.Tree
	svc, name := render.RootLabel(tr)
	return render.BaselineLabel(svc, name, tr.Trace.DisplayID(), tr.Duration(), max(b.m.list.prefix, render.MinIDPrefix), b.m.glyphs)
}

// isOpen reports whether the open trace is the baseline itself.
func (b *baselineState) isOpen() bool {
	m := b.m
	return b.trace != nil && m.screen == screenTrace && m.traces[m.trace.open].Tree == b.trace.Tree
}

// comparing reports whether the open trace is drawn against a baseline.
func (b *baselineState) comparing() bool {
	return b.trace != nil && b.m.screen == screenTrace && !b.isOpen() && b.m.traces[b.m.trace.open].Tree != nil
}

func (b *baselineState) key() diffKey {
	return diffKey{b.trace.Tree, b.m.traces[b.m.trace.open].Tree}
}

// current is the diff of the open trace against the baseline, nil while
// it is built (or when there is nothing to compare).
func (b *baselineState) current() *render.WaterfallDiff {
	if !b.comparing() {
		return nil
	}
	k := b.key()
	for _, d := range b.diffs {
		if d.key == k {
			return d.w
		}
	}
	return nil
}

func (b *baselineState) keep(d baselineDiff) {
	b.diffs = append(b.diffs, d)
	if len(b.diffs) > keptDiffs {
		b.diffs = b.diffs[1:]
	}
}

// sync brings what the baseline shows up to date after a message.
func (b *baselineState) sync() tea.Cmd {
	d := b.syncDiff()
	return tea.Batch(d, b.run.sync(b.m), b.m.trace.refreshQueries())
}

// syncDiff builds the open trace's diff after a message: inline when both
// traces are small, else in a Cmd (one at a time; when it lands, the next
// sync starts whatever is needed then), as the panels are built.
func (b *baselineState) syncDiff() tea.Cmd {
	if !b.comparing() || b.current() != nil {
		return nil
	}
	k := b.key()
	a, t := *b.trace, b.m.traces[b.m.trace.open]
	build := func() *render.WaterfallDiff { return render.NewWaterfallDiff(diff.Align(a, t), diff.Threshold{}) }
	if a.Tree.Len()+t.Tree.Len() < inlinePanelSpans {
		b.keep(baselineDiff{k, build()})
		return nil
	}
	if b.building != (diffKey{}) {
		return nil
	}
	b.building = k
	return func() tea.Msg { return baselineDiffMsg{k, build()} }
}
