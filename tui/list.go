package tui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
)

var sortNames = []string{"start", "duration", "errors", "spans"}

// listView is the trace list: sortable, filterable, cursor kept on return.
type listView struct {
	all    []render.Analyzed
	shown  []int // indexes into all, sorted and filtered
	sortBy int
	filter string
	cur    int
	top    int
	max    int64 // slowest duration, for the bars
}

func newListView(all []render.Analyzed) listView {
	l := listView{all: all}
	for _, t := range all {
		l.max = max(l.max, t.Tree.Duration())
	}
	l.refresh()
	return l
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
			return -t.Tree.Duration()
		case "errors":
			return -int64(t.Analysis.Errors)
		case "spans":
			return -int64(len(t.Tree.Trace.Spans))
		}
		return t.Tree.Start
	}
	slices.SortStableFunc(l.shown, func(a, b int) int {
		ka, kb := key(a), key(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return a - b
	})
	l.cur = max(0, slices.Index(l.shown, keepID))
}

func (l *listView) matches(t render.Analyzed) bool {
	f := strings.ToLower(l.filter)
	svc, name := render.RootLabel(t.Tree)
	if contains(svc, f) || contains(name, f) || strings.HasPrefix(t.Tree.Trace.DisplayID(), f) {
		return true
	}
	for _, s := range t.Analysis.Services {
		if contains(s.Name, f) {
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
			m.openTrace(l.shown[l.cur])
		}
	}
	return m, nil
}

func (m Model) listHeight() int { return max(m.height-4, 1) }

// listScreen: a title, column heads, one row per trace, status and hints.
func (m Model) listScreen() string {
	l, st, w := &m.list, m.styles, m.width
	title := "tracetui · " + plural(len(l.all), "trace") + " · sorted by " + sortNames[l.sortBy]
	if l.filter != "" {
		title += " · filter " + strconv.Quote(l.filter) + " (" + strconv.Itoa(len(l.shown)) + " shown)"
	}
	lines := []string{paint(st.Header, render.Truncate(title, w, m.opt.ASCII))}
	const durW, numW, barW = 9, 6, 10
	idW := 16
	rootW := max(w-idW-durW-barW-2*numW-7, 8)
	head := "  " + render.Fit("TRACE", idW, m.opt.ASCII) + " " + render.Fit("ROOT", rootW, m.opt.ASCII) + " " +
		render.PadLeft("DURATION", durW) + " " + render.Fit("", barW, true) + " " + render.PadLeft("SPANS", numW) + " " + render.PadLeft("ERRORS", numW)
	lines = append(lines, paint(st.Dim, render.Truncate(head, w, m.opt.ASCII)))
	h := m.listHeight()
	for k := l.top; k < len(l.shown) && k < l.top+h; k++ {
		t := l.all[l.shown[k]]
		svc, name := render.RootLabel(t.Tree)
		line := render.Fit(t.Tree.Trace.DisplayID(), idW, m.opt.ASCII) + " " + render.Fit(svc+" "+name, rootW, m.opt.ASCII) + " " +
			render.PadLeft(m.duration(t.Tree.Duration()), durW) + " " + m.miniBar(t.Tree.Duration(), l.max, barW) + " " +
			render.PadLeft(strconv.Itoa(len(t.Tree.Trace.Spans)), numW) + " " + render.PadLeft(strconv.Itoa(t.Analysis.Errors), numW)
		mark := "  "
		if k == l.cur {
			mark = "> "
		}
		line = render.Truncate(mark+line, w, m.opt.ASCII)
		switch {
		case k == l.cur && st.Enabled():
			line = st.Selected + line + st.Reset
		case t.Analysis.Errors > 0:
			line = paint(st.Error, line)
		}
		lines = append(lines, line)
	}
	for len(lines) < h+2 {
		lines = append(lines, "")
	}
	lines = append(lines, m.statusLine(m.liveStatus), m.hintLine(m.keys.listHelp()))
	return strings.Join(lines, "\n")
}

func (m Model) miniBar(d, maxD int64, w int) string {
	n := 0
	if maxD > 0 {
		n = int((d*int64(w) + maxD - 1) / maxD)
	}
	full := "█"
	if m.opt.ASCII {
		full = "="
	}
	return paint(m.styles.Dim, strings.Repeat(full, n)) + strings.Repeat(" ", w-n)
}
