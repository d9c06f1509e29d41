// Package tui is tracetui's interactive explorer: one root Bubble Tea model
// over a trace list and a trace view. It draws with render, the same rows
// `tracetui print` writes, and never reads files: cmd hands it a loader.
package tui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// Loader loads and analyzes the input off the UI loop, reporting progress
// (bytes read, spans decoded) as it goes.
type Loader func(progress func(Progress)) ([]trace.Analyzed, []string, error)

// Options configure the explorer.
type Options struct {
	ASCII    bool
	NoColor  bool
	Title    string   // shown while loading, e.g. the file names
	Warnings []string // loader warnings, shown in the status line
	Load     Loader   // when set, Init loads in the background
	// Feed, when set, makes the explorer live: each update replaces the
	// traces (a receiver sends them as spans arrive, at most 10 a second).
	Feed <-chan LiveUpdate
	// Results, with Fetch, make the list a store's search results: each
	// trace is fetched when opened. Title then names the store.
	Results []trace.Summary
	Fetch   Fetcher
}

// Fetcher gets one trace by ID from a store, off the UI loop.
type Fetcher func(id string) (trace.Analyzed, []string, error)

type screen int

const (
	screenLoading screen = iota
	screenList
	screenTrace
)

// Model is the single root model.
type Model struct {
	opt    Options
	keys   KeyMap
	help   help.Model
	styles render.Styles
	glyphs *render.Glyphs // from Options.ASCII, for every line drawn
	dark   bool

	width, height int
	screen        screen
	showHelp      bool

	traces   []trace.Analyzed
	views    []*traceView // built on first open
	byID     map[string]int
	list     listView
	open     int // index of the open trace
	details  bool
	focus    bool // details pane has the keys
	prompt   *prompt
	status   string
	progress Progress
	err      error
	progCh   chan tea.Msg

	liveStatus string
	fetching   map[int]bool // search results being fetched

	panel     panel
	panelTop  int
	statsSort int
	// tracesGen counts changes to traces (load, live update, fetch); the
	// panel memo is keyed by it.
	tracesGen int
	memo      *panelMemo
}

// New returns an explorer over traces that are already loaded.
func New(traces []trace.Analyzed, opt Options) Model {
	m := Model{opt: opt, keys: DefaultKeyMap(), help: help.New(), dark: true, width: 80, height: 24, memo: &panelMemo{}}
	m.glyphs = render.Unicode
	if opt.ASCII {
		m.glyphs = render.ASCII
	}
	m.keys.setGlyphs(m.glyphs)
	m.help.ShortSeparator = " " + m.glyphs.Critical + " "
	m.help.Ellipsis = m.glyphs.Ellipsis
	m.setStyles()
	switch {
	case opt.Fetch != nil:
		m.setResults(opt.Results)
	case opt.Load == nil:
		m.setTraces(traces, opt.Warnings)
	default:
		m.progCh = make(chan tea.Msg, 1)
	}
	return m
}

func (m *Model) setStyles() {
	if m.opt.NoColor {
		m.styles = render.PlainStyles()
	} else {
		m.styles = render.DefaultStyles(m.dark)
	}
	m.help.Styles = help.DefaultStyles(m.dark)
}

func (m *Model) setTraces(traces []trace.Analyzed, warnings []string) {
	m.traces = traces
	m.tracesGen++
	m.views = make([]*traceView, len(traces))
	m.byID = make(map[string]int, len(traces))
	for k, t := range traces {
		m.byID[t.Tree.Trace.DisplayID()] = k
	}
	m.list = newListView(summaries(traces))
	if len(warnings) > 0 {
		m.status = render.Plural(len(warnings), "loader warning") + ": " + warnings[0]
	}
	m.screen = screenList
	if len(traces) == 1 && m.opt.Feed == nil {
		m.openTrace(0)
	}
}

// Init asks for the background colour and starts loading if needed.
func (m Model) Init() tea.Cmd {
	if m.opt.Feed != nil {
		return tea.Batch(tea.RequestBackgroundColor, m.waitFeed())
	}
	if m.opt.Load == nil {
		return tea.RequestBackgroundColor
	}
	return tea.Batch(tea.RequestBackgroundColor, m.startLoad())
}

// View draws the current screen at the current size.
func (m Model) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			v = tea.NewView(fmt.Sprintf("tracetui: internal error while drawing: %v\npress q to quit", r))
		}
	}()
	var content string
	switch {
	case m.showHelp:
		content = m.helpView()
	case m.panel != panelNone:
		content = m.panelView()
	case m.screen == screenLoading:
		content = m.loadingView()
	case m.screen == screenList:
		content = m.listScreen()
	default:
		content = m.traceScreen()
	}
	v = tea.NewView(content)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "tracetui"
	return v
}

func (m *Model) openTrace(k int) {
	if m.views[k] == nil {
		m.views[k] = newTraceView(m.traces[k])
	}
	m.open = k
	m.screen = screenTrace
	m.details = m.width >= 120
}

func (m *Model) view() *traceView { return m.views[m.open] }
