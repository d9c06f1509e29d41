package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// panelMemo keeps a panel's content between frames: the map and the
// statistics of a million spans take a quarter of a second to build, and
// scrolling must not build them again. Only Update writes it (sync, built);
// View reads it.
type panelMemo struct {
	key   panelKey
	title string
	body  []string
}

type panelKey struct {
	panel                       panel
	screen                      base
	open, statsSort, width, gen int
	warnings                    int // loader warnings so far (a fetch adds some)
	dark                        bool
}

type panelBuiltMsg struct {
	key   panelKey
	title string
	body  []string
}

// inlinePanelSpans is how many spans a panel may cover and still be built
// inside Update (about 50 ms of work): below it there is no "updating"
// flash. Bigger panels are built in a Cmd.
var inlinePanelSpans = 200_000

func (p *panelScreen) key() panelKey {
	m := p.m
	return panelKey{p.kind, m.screen, m.trace.open, p.statsSort, m.width, m.tracesGen, len(m.warnings), m.dark}
}

// spans is how many spans the open panel covers.
func (p *panelScreen) spans() int {
	m := p.m
	if m.screen == screenTrace {
		return m.traces[m.trace.open].Tree.Len()
	}
	n := 0
	for _, t := range m.traces {
		if t.Tree != nil {
			n += t.Tree.Len()
		}
	}
	return n
}

// sync brings the memo up to date after a message: inline when the panel
// is small, else by starting a build in a Cmd (one at a time: when it
// lands, the next sync starts one for whatever is current then, as live
// updates may have moved on).
func (p *panelScreen) sync() tea.Cmd {
	k := p.key()
	if p.kind == panelNone || p.memo.body != nil && p.memo.key == k {
		return nil
	}
	if p.kind == panelFindings && p.m.findingAny() {
		return nil // built when they land (found), never from half of them
	}
	if p.m.screen != screenTrace && p.kind != panelWarnings && p.m.lazy.incomplete() {
		return p.m.analyzeAll() // every trace's tree first; tracesGen then moves
	}
	build := p.builder()
	if p.spans() < inlinePanelSpans {
		title, body := build()
		p.memo = panelMemo{key: k, title: title, body: body}
		return nil
	}
	if p.building != (panelKey{}) {
		return nil
	}
	p.building = k
	return func() tea.Msg {
		title, body := build()
		return panelBuiltMsg{k, title, body}
	}
}

// builder captures what a build reads (its own slice of the traces:
// fetches replace entries in m.traces), so it can run off the UI loop.
func (p *panelScreen) builder() func() (string, []string) {
	kind, traces, one := p.kind, p.traces(), p.m.screen == screenTrace
	opt, sort := p.m.renderOptions(p.m.width), p.statsSort
	if kind == panelWarnings {
		warnings := p.m.warnings[:len(p.m.warnings):len(p.m.warnings)]
		return func() (string, []string) { return warningsPanel(warnings, traces, one, opt) }
	}
	return func() (string, []string) { return buildPanel(kind, traces, one, opt, sort) }
}

func (p *panelScreen) built(msg panelBuiltMsg) {
	p.building = panelKey{}
	if sameScope(msg.key, p.key()) {
		// Even if stale (the traces changed meanwhile), it is newer than
		// what is shown; sync starts a fresh build.
		p.memo = panelMemo{key: msg.key, title: msg.title, body: msg.body}
	}
}

// content is what to draw: the memo when current, else its last content
// of this panel marked updating, else a placeholder while a build runs.
func (p *panelScreen) content() (string, []string) {
	k, g := p.key(), p.m.glyphs
	switch {
	case p.memo.body != nil && p.memo.key == k:
		return p.memo.title, p.memo.body
	case p.memo.body != nil && sameScope(p.memo.key, k):
		return p.memo.title + g.Sep + "updating" + g.Ellipsis, p.memo.body
	}
	if p.m.lazy.busy {
		return panelNames[p.kind] + g.Sep + "building" + g.Ellipsis, []string{p.m.lazyProgress()}
	}
	return panelNames[p.kind] + g.Sep + "building" + g.Ellipsis, []string{"going through " + render.Plural(p.spans(), "span") + g.Ellipsis}
}

// sameScope: the same panel over the same traces, perhaps older data or
// another sort; worth showing while the current one is built.
func sameScope(a, b panelKey) bool {
	return a.panel == b.panel && a.screen == b.screen && (a.screen != screenTrace || a.open == b.open)
}

// buildPanel makes a panel's title and lines. It reads only what it is
// given, so it can run off the UI loop.
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
	return panelNames[p] + sep + scope + sep + "sorted by " + render.StatsSorts[statsSort] + " (s to change)", render.StatsTable(st.Rows, true, render.StatsSorts[statsSort], opt)
}
