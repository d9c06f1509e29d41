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

// listView is the trace list: sortable, filterable, cursor kept on return.
// It lists summaries, so search results show before their spans are fetched.
type listView struct {
	all    []trace.Summary
	shown  []int // indexes into all, sorted and filtered
	sortBy int
	filter string
	cur    int
	top    int
	max    int64 // slowest duration, for the bars
}

func newListView(all []trace.Summary) listView {
	l := listView{all: all}
	for _, t := range all {
		l.max = max(l.max, t.Duration)
	}
	l.refresh()
	return l
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

func (l *listView) refresh() {
	keepID := -1
	if l.cur < len(l.shown) {
		keepID = l.shown[l.cur]
	}
	l.shown = l.shown[:0]
	for k, t := range l.all {
		if l.filter == "" || l.matches(t) {
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

func (l *listView) matches(t trace.Summary) bool {
	f := strings.ToLower(l.filter)
	if containsFold(t.RootService, f) || containsFold(t.RootName, f) || strings.HasPrefix(t.ID, f) {
		return true
	}
	for _, s := range t.Services {
		if containsFold(s, f) {
			return true
		}
	}
	for _, c := range t.Context {
		if containsFold(c, f) {
			return true
		}
	}
	return false
}

func (l *listView) move(delta, height int) {
	l.cur = min(max(l.cur+delta, 0), max(len(l.shown)-1, 0))
	if l.cur < l.top {
		l.top = l.cur
	}
	if l.cur >= l.top+height {
		l.top = l.cur - height + 1
	}
}

func (m Model) listKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k, l, h := m.keys, &m.list, m.listHeight()
	switch {
	case key.Matches(msg, k.Up):
		l.move(-1, h)
	case key.Matches(msg, k.Down):
		l.move(1, h)
	case key.Matches(msg, k.PageUp):
		l.move(-h, h)
	case key.Matches(msg, k.PageDown):
		l.move(h, h)
	case key.Matches(msg, k.Top):
		l.move(-len(l.shown), h)
	case key.Matches(msg, k.Bottom):
		l.move(len(l.shown), h)
	case key.Matches(msg, k.Sort):
		l.sortBy = (l.sortBy + 1) % len(sortNames)
		l.refresh()
		l.move(0, h)
	case key.Matches(msg, k.Search, k.Filter):
		m.prompt = &prompt{kind: promptList, text: l.filter}
	case key.Matches(msg, k.Back):
		l.filter = ""
		l.refresh()
	case key.Matches(msg, k.Open):
		if len(l.shown) > 0 {
			return m, m.openOrFetch(l.shown[l.cur])
		}
	}
	return m, nil
}

func (m Model) listHeight() int { return max(m.height-4, 1) }

// listScreen: a title, column heads, one row per trace, status and hints.
func (m Model) listScreen() string {
	l, st, w := &m.list, m.styles, m.width
	sep := m.glyphs.Sep
	title := "tracetui" + sep + render.Plural(len(l.all), "trace") + sep + "sorted by " + sortNames[l.sortBy]
	if m.opt.Fetch != nil {
		title = "tracetui" + sep + render.Plural(len(l.all), "search result") + " from " + m.opt.Title + sep + "sorted by " + sortNames[l.sortBy]
	}
	if l.filter != "" {
		title += sep + "filter " + strconv.Quote(l.filter) + " (" + strconv.Itoa(len(l.shown)) + " shown)"
	}
	title = m.glyphs.Clean(title)
	lines := []string{st.Paint(st.Header, m.glyphs.Truncate(title, w))}
	lines = append(lines, render.ListLines(l.all, render.ListView{Interactive: true, Order: l.shown, Top: l.top,
		Height: m.listHeight(), Selected: l.cur, Fetching: m.fetching, Slowest: l.max}, m.renderOptions(w))...)
	for len(lines) < m.listHeight()+2 {
		lines = append(lines, "")
	}
	lines = append(lines, m.statusLine(m.liveStatus), m.hintLine(m.keys.listHelp()))
	return strings.Join(lines, "\n")
}

// containsFold: lowerSub is already lower case.
func containsFold(s, lowerSub string) bool {
	return strings.Contains(strings.ToLower(s), lowerSub)
}
