package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// panelMemo keeps a panel's content between frames: the map and the
// statistics of a million spans take a quarter of a second to build, and
// scrolling must not build them again. Panels over many spans are built
// off the UI loop; meanwhile the last content stays up, marked as updating.
type panelMemo struct {
	key      panelKey
	title    string
	body     []string
	building panelKey // the key of the build in flight, if any
}

type panelKey struct {
	panel                       panel
	screen                      screen
	open, statsSort, width, gen int
	dark                        bool
}

type panelBuiltMsg struct {
	key   panelKey
	title string
	body  []string
}

// inlinePanelSpans is how many spans a panel may cover and still be built
// inside View (about 50 ms of work): below it there is no "updating" flash.
var inlinePanelSpans = 200_000

func (m Model) currentPanelKey() panelKey {
	return panelKey{m.panel, m.screen, m.open, m.statsSort, m.width, m.tracesGen, m.dark}
}

// panelSpans is how many spans the open panel covers (no copy of the list:
// it runs on every frame while a build is on its way).
func (m Model) panelSpans() int {
	if m.screen == screenTrace {
		return m.traces[m.open].Tree.Len()
	}
	n := 0
	for _, t := range m.traces {
		if t.Tree != nil {
			n += t.Tree.Len()
		}
	}
	return n
}

func (m Model) build(traces []trace.Analyzed) (string, []string) {
	return buildPanel(m.panel, traces, m.screen == screenTrace, m.renderOptions(m.width), m.statsSort)
}

// panelCmd starts building the open panel off the UI loop when its content
// is stale and too big to build inline.
func (m Model) panelCmd() tea.Cmd {
	k := m.currentPanelKey()
	// One build at a time: when it lands, the next Update starts one for
	// whatever is current then (live updates may have moved on).
	if m.panel == panelNone || m.showHelp || m.memo.body != nil && m.memo.key == k || m.memo.building != (panelKey{}) {
		return nil
	}
	if m.panelSpans() < inlinePanelSpans {
		return nil
	}
	traces := m.panelTraces() // a copy: fetches replace entries in m.traces
	m.memo.building = k
	return func() tea.Msg { // m is this Update's copy; traces, our own slice
		title, body := m.build(traces)
		return panelBuiltMsg{k, title, body}
	}
}

func (m Model) panelBuilt(msg panelBuiltMsg) {
	m.memo.building = panelKey{}
	if sameScope(msg.key, m.currentPanelKey()) {
		// Even if stale (the traces changed meanwhile), it is newer than
		// what is shown; a fresh build follows.
		*m.memo = panelMemo{key: msg.key, title: msg.title, body: msg.body}
	}
}

// memoPanel is the content to draw: fresh, built inline when small, else
// the last content of this panel (or a placeholder) while a build runs.
func (m Model) memoPanel() (string, []string) {
	k := m.currentPanelKey()
	if m.memo.body != nil && m.memo.key == k {
		return m.memo.title, m.memo.body
	}
	spans := m.panelSpans()
	if spans < inlinePanelSpans {
		title, body := m.build(m.panelTraces())
		*m.memo = panelMemo{key: k, title: title, body: body}
		return title, body
	}
	if m.memo.body != nil && sameScope(m.memo.key, k) {
		return m.memo.title + m.glyphs.Sep + "updating" + m.glyphs.Ellipsis, m.memo.body
	}
	ell := m.glyphs.Ellipsis
	return panelNames[m.panel] + m.glyphs.Sep + "building" + ell, []string{"going through " + render.Plural(spans, "span") + ell}
}

// sameScope: the same panel over the same traces, perhaps older data or
// another sort; worth showing while the current one is built.
func sameScope(a, b panelKey) bool {
	return a.panel == b.panel && a.screen == b.screen && (a.screen != screenTrace || a.open == b.open)
}
