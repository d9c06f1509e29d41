package tui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

var sortNames = []string{"start", "duration", "errors", "spans"}

// listScreen is the trace list: sortable, filterable, cursor kept on
// return. It lists summaries, so search results show before their spans
// are fetched.
type listScreen struct {
	m      *Model
	table  []binding[*listScreen]
	all    []trace.Summary
	shown  []int // indexes into all, sorted and filtered
	sortBy int
	filter listFilter
	result listResult // the filter's answer for all
	seq    int        // the last filter started; a stale answer is dropped
	busy   bool       // a filter is running off the UI loop
	cur    int
	top    int
	max    int64 // slowest duration, for the bars
	prefix int   // how many characters tell the trace IDs apart
}

func newListScreen(m *Model) listScreen {
	k, l0 := m.keys.List, m.keys.Trace
	move := func(d func(l *listScreen) int) func(*listScreen) tea.Cmd {
		return func(l *listScreen) tea.Cmd { l.move(d(l)); return nil }
	}
	return listScreen{m: m, table: []binding[*listScreen]{
		{k.Up, move(func(*listScreen) int { return -1 })},
		{k.Down, move(func(*listScreen) int { return 1 })},
		{k.PageUp, move(func(l *listScreen) int { return -l.height() })},
		{k.PageDown, move(func(l *listScreen) int { return l.height() })},
		{k.Top, move(func(l *listScreen) int { return -len(l.shown) })},
		{k.Bottom, move(func(l *listScreen) int { return len(l.shown) })},
		{k.Sort, func(l *listScreen) tea.Cmd {
			l.sortBy = (l.sortBy + 1) % len(sortNames)
			l.refresh()
			l.move(0)
			return nil
		}},
		{k.Filter, func(l *listScreen) tea.Cmd { l.m.prompt = newPrompt(l.m, promptList, l.filter.text); return nil }},
		{k.Clear, func(l *listScreen) tea.Cmd {
			if l.filter.text == "" && l.m.base.trace != nil {
				l.m.base.clear()
				return nil
			}
			return l.setFilter("")
		}},
		// y and w act on an open trace; on the list they say so rather
		// than nothing.
		{l0.Copy, func(l *listScreen) tea.Cmd { l.m.status = render.CopyNeedsTrace; return nil }},
		{l0.Write, func(l *listScreen) tea.Cmd { l.m.status = render.CopyNeedsTrace; return nil }},
		{k.Open, func(l *listScreen) tea.Cmd {
			if len(l.shown) == 0 {
				return nil
			}
			return l.m.openOrFetch(l.shown[l.cur])
		}},
	}}
}

// HandleKey: the list's table, else the global keys.
func (l *listScreen) HandleKey(msg tea.KeyPressMsg) (bool, tea.Cmd) { return handle(l, l.table, msg) }

// Bindings are the list's keys.
func (l *listScreen) Bindings() []key.Binding { return keysOf(l.table) }

// hints is the list's hint line.
func (l *listScreen) hints() []key.Binding {
	k, g := l.m.keys.List, l.m.keys.Global
	return []key.Binding{k.Open, k.Filter, k.Sort, g.ServiceMap, g.Stats, g.Help, g.Quit}
}

// setAll lists new summaries, keeping the sort and the filter (which runs
// again, off the UI loop when the traces are big).
func (l *listScreen) setAll(all []trace.Summary) tea.Cmd {
	// Until the filter answers for the new traces, each keeps the answer
	// its ID had (new ones are hidden), so the screen does not flash.
	was := map[string]bool{}
	for k, ok := range l.result.match {
		if ok && k < len(l.all) {
			was[l.all[k].ID] = true
		}
	}
	l.all, l.max = all, 0
	interim := make([]bool, len(all))
	ids := make([]string, len(all))
	for k, t := range all {
		l.max = max(l.max, t.Duration)
		interim[k] = was[t.ID]
		ids[k] = l.m.glyphs.Clean(t.ID)
	}
	// Worked out once per new list, not per frame: a sort of every ID.
	l.prefix = render.UniquePrefixLen(ids, render.MinIDPrefix)
	l.result = listResult{match: interim}
	return l.runFilter()
}

// summaries reduces loaded traces to list lines, using the ones the loader
// made off the UI loop.
func summaries(traces []trace.Analyzed) []trace.Summary {
	out := make([]trace.Summary, len(traces))
	for k, t := range traces {
		out[k] = t.ListLine()
	}
	return out
}

func (l *listScreen) refresh() {
	keepID := -1
	if l.cur < len(l.shown) {
		keepID = l.shown[l.cur]
	}
	l.shown = l.shown[:0]
	for k := range l.all {
		if l.filter.text == "" || k < len(l.result.match) && l.result.match[k] {
			l.shown = append(l.shown, k)
		}
	}
	key := func(k int) int64 {
		t := l.all[k]
		switch sortNames[l.sortBy] {
		case "duration":
			return -t.Duration
		case "errors":
			return -int64(t.Errors)
		case "spans":
			return -int64(t.Spans)
		}
		return t.Start
	}
	slices.SortStableFunc(l.shown, func(a, b int) int {
		if c := cmp.Compare(key(a), key(b)); c != 0 {
			return c
		}
		return a - b
	})
	l.cur = max(0, slices.Index(l.shown, keepID))
}

func (l *listScreen) height() int { return max(l.m.height-4, 1) }

func (l *listScreen) move(delta int) {
	l.cur += delta
	l.fit()
}

// fit keeps the selected row in the window and the window full: after a
// resize, a filter or new traces, the top moves so no blank line shows
// while rows are hidden above (as traceView.scroll does for the
// waterfall). Update runs it after every message.
func (l *listScreen) fit() {
	h, n := l.height(), len(l.shown)
	l.cur = min(max(l.cur, 0), max(n-1, 0))
	l.top = min(l.top, l.cur)
	if l.cur >= l.top+h {
		l.top = l.cur - h + 1
	}
	l.top = max(min(l.top, n-h), 0)
}

// Render: a title, column heads, one row per trace, status and hints.
func (l *listScreen) Render(w, h int) string {
	m := l.m
	st, sep := m.styles, m.glyphs.Sep
	rows := max(h-4, 1)
	title := "tracetui" + sep + render.Plural(len(l.all), "trace") + sep + "sorted by " + sortNames[l.sortBy]
	if m.opt.Fetch != nil {
		title = "tracetui" + sep + render.Plural(len(l.all), "search result") + " from " + m.opt.Title + sep + "sorted by " + sortNames[l.sortBy]
	}
	title += m.base.listTitle()
	if l.filter.text != "" {
		title += sep + l.filterTitle()
	}
	title = m.glyphs.Clean(title)
	lines := []string{st.Paint(st.Header, m.glyphs.Truncate(title, w))}
	lines = append(lines, render.ListLines(l.all, render.ListView{Interactive: true, Order: l.shown, Top: l.top,
		Height: rows, Selected: l.cur, Fetching: m.fetching, Slowest: l.max, IDPrefix: l.prefix,
		P95: m.base.run.column(m)}, m.renderOptions(w))...)
	for len(lines) < rows+2 {
		lines = append(lines, "")
	}
	lines = append(lines, m.statusLine(m.liveStatus, w), m.hintLine(l.hints(), w))
	return strings.Join(lines, "\n")
}

// filterTitle says what the filter shows and what it could not check.
func (l *listScreen) filterTitle() string {
	g, r := l.m.glyphs, l.result
	s := "filter " + quoteQuery(l.filter.text) + " (" + strconv.Itoa(len(l.shown)) + " shown)"
	if err := l.filter.err; err != nil {
		s += ": " + err.Error()
	}
	if l.busy && l.m.lazy.busy {
		s += g.Sep + l.m.lazyProgress()
	} else if l.busy {
		s += g.Sep + "updating" + g.Ellipsis
	}
	if r.bySummary > 0 {
		s += g.Sep + render.Plural(r.bySummary, "result") + " not fetched: matched on the list line"
	}
	if r.unchecked > 0 {
		s += g.Sep + render.Plural(r.unchecked, "result") + " not fetched kept: TraceQL needs their spans"
	}
	return s
}
