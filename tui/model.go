package tui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// Loader loads the input off the UI loop, reporting progress (bytes read,
// spans decoded, traces summarized) as it goes.
type Loader func(progress func(Progress)) (Loaded, error)

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
	// Baseline, when set, loads a baseline run (open --baseline) off the
	// UI loop: the trace list then shows per root operation how its p95
	// moved. BaselineTitle names it (the file).
	Baseline      BaselineLoader
	BaselineTitle string
	// OTLPJSON, when set, is what y and w write as OTLP JSON (cmd injects
	// the source encoder); without it they offer markdown only.
	OTLPJSON SpanEncoder
}

// Fetcher gets one trace by ID from a store, off the UI loop; the []string
// are warnings about the fetched data.
type Fetcher func(id string) (trace.Analyzed, []string, error)

// base is the screen at the bottom of the stack.
type base int

const (
	screenLoading base = iota
	screenList
	screenTrace
)

// Model is the single root model. The screens hold their own state and a
// pointer back to it for what they share (size, styles, the traces).
type Model struct {
	opt         Options
	keys        KeyMap
	globalTable []binding[*Model]
	helpModel   help.Model
	styles      render.Styles
	glyphs      *render.Glyphs // from Options.ASCII, for every line drawn
	dark        bool

	width, height int
	screen        base

	loading loadingScreen
	list    listScreen
	trace   traceScreen
	panel   panelScreen
	help    helpScreen
	prompt  *promptScreen // nil when closed
	copy    copyState

	traces []trace.Analyzed
	byID   map[string]int
	// tracesGen counts changes to traces (load, live update, fetch); panel
	// contents and list filter results are keyed by it.
	tracesGen int
	warnings  []string // the loader's and the fetches', for the W panel
	status    string
	progress  Progress
	err       error
	progCh    chan tea.Msg

	liveStatus string
	fetching   map[int]bool // search results being fetched, traces being analyzed

	lazy    lazyState   // Loaded.Analyze's traces not analyzed yet
	finding *trace.Tree // whose findings Loaded.Find is completing; nil none

	base baselineState // B's trace, open --baseline's run
}

// New returns an explorer over traces that are already loaded.
func New(traces []trace.Analyzed, opt Options) *Model {
	m := &Model{opt: opt, helpModel: help.New(), dark: true, width: 80, height: 24}
	m.glyphs = render.Unicode
	if opt.ASCII {
		m.glyphs = render.ASCII
	}
	m.keys = keyMap(m.glyphs)
	m.globalTable = globalBindings(m.keys.Global)
	m.loading = loadingScreen{m: m}
	m.list = newListScreen(m)
	m.trace = newTraceScreen(m)
	m.panel = newPanelScreen(m)
	m.help = newHelpScreen(m)
	m.base = baselineState{m: m}
	m.helpModel.ShortSeparator = " " + m.glyphs.Critical + " "
	m.helpModel.Ellipsis = m.glyphs.Ellipsis
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
		m.styles = render.DefaultStyles(m.dark).SameServiceColours(m.styles)
	}
	m.helpModel.Styles = help.DefaultStyles(m.dark)
}

func (m *Model) setTraces(traces []trace.Analyzed, warnings []string) {
	m.traces = traces
	m.tracesGen++
	m.trace.reset(len(traces))
	sums := summaries(traces)
	m.byID = make(map[string]int, len(traces))
	for k, s := range sums {
		m.byID[s.ID] = k
	}
	m.list.setAll(sums)
	m.warnings = warnings
	if len(warnings) > 0 {
		m.status = warningStatus(len(warnings), "loader warning", warnings[0], m.keys.Global.Warnings)
	}
	m.screen = screenList
	if len(traces) == 1 && m.opt.Feed == nil && traces[0].Tree != nil {
		m.trace.openTrace(0)
	}
}

// Init asks for the background colour and starts loading (the traces,
// the baseline run) if needed.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.start(), m.base.run.load(m.opt.Baseline)) }

func (m *Model) start() tea.Cmd {
	if m.opt.Feed != nil {
		return tea.Batch(tea.RequestBackgroundColor, m.waitFeed())
	}
	if m.opt.Load == nil {
		return tea.RequestBackgroundColor
	}
	return tea.Batch(tea.RequestBackgroundColor, m.startLoad())
}

// View draws the stack at the current size. It changes nothing: what it
// shows (a panel's content, a query's result) was put there by Update.
func (m *Model) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			v = tea.NewView(fmt.Sprintf("tracetui: internal error while drawing: %v\npress q to quit", r))
		}
	}()
	v = tea.NewView(m.frame(m.width, m.height))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "tracetui"
	return v
}

// Err is the load error, if loading failed (the program then quits).
func (m *Model) Err() error { return m.err }

func (m *Model) renderOptions(width int) render.Options {
	return render.Options{Width: width, Glyphs: m.glyphs, Styles: m.styles}
}
