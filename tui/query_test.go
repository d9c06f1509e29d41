package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
)

// listShown is the list's "(N shown)" and its title line.
func listTitle(m *Model) string { return strings.SplitN(screenText(m), "\n", 2)[0] }

// The list filter reads the query as a question about traces: a trace
// matches when one of its spans does, and trace-level terms hold
// (issue 15: f status=error used to show "(0 shown)").
func TestListFilterMatchesTraces(t *testing.T) {
	cases := []struct {
		query string
		shown int
	}{
		{"status=error", 1},
		{"error", 1},
		{"service=payment", 2},
		{"service=payment errors>0", 1},
		{"duration>1s", 2},
		{"duration>2s", 1},
		{"errors>0", 1},
		{"errors=0", 1},
		{"spans>100", 0},
		{"spans>12 service=cart", 1},
		{"{ status = error }", 1},
		{`{ name =~ "GET .*" } >> { status = error }`, 1},
		{`{ resource.service.name = "shipping" && duration > 1s }`, 1},
		{"checkout", 2}, // the old text match on the list line still counts
		{"0af7", 1},     // a trace ID prefix
		{"nothing-like-this", 0},
	}
	for _, c := range cases {
		m := drive(t, New(demoTraces(t), Options{}), 160, 30, "f", "type:"+c.query, "enter")
		title := listTitle(m)
		if len(m.list.shown) != c.shown || !strings.Contains(title, "("+itoa(c.shown)+" shown)") {
			t.Errorf("f %s: %d traces shown, want %d; title %q", c.query, len(m.list.shown), c.shown, title)
		}
	}
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "f", "type:status=error", "enter", "enter")
	if m.screen != screenTrace || m.trace.view().tr.Trace.DisplayID() != "0af7651916cd43dd8448eb211c80319c" {
		t.Error("enter after the filter opens the failed trace")
	}
}

// A query that does not parse says where and matches nothing (issue 15:
// /duration>abc used to report "match n/11").
func TestBadQueryMatchesNothing(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "j", "enter", "/", "type:duration>abc", "enter")
	s := screenText(m)
	if m.prompt == nil || !strings.Contains(s, `column 10: "abc" is not a duration`) {
		t.Errorf("the prompt stays open with the error:\n%s", s)
	}
	m = drive(t, m, 100, 30, "esc")
	if v := m.trace.view(); len(v.matches) != 0 || strings.Contains(screenText(m), "match ") {
		t.Errorf("a bad query selected %d spans", len(v.matches))
	}
	m = drive(t, m, 100, 30, "f", "type:{ status = }", "enter")
	if m.prompt == nil || m.trace.view().filtered() || !strings.Contains(screenText(m), "column 12: expected a value") {
		t.Errorf("a bad filter hides nothing and says why:\n%s", screenText(m))
	}
	m = drive(t, New(demoTraces(t), Options{}), 140, 30, "f", "type:errors>many", "enter")
	if len(m.list.shown) != 0 || m.prompt == nil || !strings.Contains(screenText(m), `column 8: "many" is not a count`) {
		t.Errorf("a bad list filter shows no trace and keeps the prompt open with the error:\n%s", screenText(m))
	}
}

// New-user sweep: a bad list filter at 80 columns closed the prompt and
// left `filter "duration>abc" (0 shown): column…` cut in the title. As
// in a trace, the prompt stays open with the whole reason, wrapped under
// it, the column pointing at the value as / and --where do.
func TestBadListFilterKeepsThePromptOpen(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 80, 24, "f", "type:duration>abc", "enter")
	s := checkScreen(t, m, 80, 24)
	if m.prompt == nil {
		t.Fatalf("enter on a bad filter closed the prompt:\n%s", s)
	}
	want := `column 10: "abc" is not a duration (like 50ms or 1.5s; a bare number is milliseconds)`
	if got := fields(strings.Join(strings.Split(s, "\n")[20:], " ")); !strings.Contains(got, want) {
		t.Errorf("the reason is not whole under the prompt, want %q:\n%s", want, s)
	}
	if !strings.Contains(s, "filter traces: duration>abc") {
		t.Errorf("the prompt line is gone:\n%s", s)
	}
	m = drive(t, m, 80, 24, "ctrl+u", "type:duration>2s", "enter")
	if m.prompt != nil || len(m.list.shown) != 1 {
		t.Errorf("a fixed filter closes the prompt and filters: %d shown\n%s", len(m.list.shown), screenText(m))
	}
}

// A store's search results have no spans until fetched: the shorthand is
// matched on their list line, TraceQL keeps them, and the title says so.
func TestListFilterOnSearchResults(t *testing.T) {
	m, _ := searchModel(t, func(string) (trace.Analyzed, []string, error) { return trace.Analyzed{}, nil, nil })
	m = drive(t, m, 200, 16, "f", "type:service=shipping duration>2s", "enter")
	if title := listTitle(m); len(m.list.shown) != 1 || !strings.Contains(title, "2 results not fetched: matched on the list line") {
		t.Errorf("service=shipping duration>2s on unfetched results: %d shown, title %q", len(m.list.shown), title)
	}
	m = drive(t, m, 200, 16, "f", "ctrl+u", "type:{ status = error }", "enter")
	if title := listTitle(m); len(m.list.shown) != 2 || !strings.Contains(title, "TraceQL needs their spans") {
		t.Errorf("TraceQL on unfetched results: %d shown, title %q", len(m.list.shown), title)
	}
}

// markedRows counts the rows marked as search matches (the breadcrumb's
// separator is the same glyph between spaces).
func markedRows(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "›") && !strings.Contains(l, " › ") {
			n++
		}
	}
	return n
}

// press sends keys and returns the commands they gave.
func press(m *Model, keys ...string) []tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range keys {
		if text, ok := strings.CutPrefix(k, "type:"); ok {
			for _, r := range text {
				_, c := m.Update(keyMsg(string(r)))
				cmds = append(cmds, c)
			}
			continue
		}
		_, c := m.Update(keyMsg(k))
		cmds = append(cmds, c)
	}
	return cmds
}

func feedAll(m *Model, cmds []tea.Cmd) {
	for _, c := range cmds {
		feedMsgs(m, c)
	}
}

// Queries over big traces run in a Cmd; until the answer lands the last
// result stays on screen, and the status says the new one is on its way.
func TestBigQueriesRunOffTheUILoop(t *testing.T) {
	defer func(n int) { asyncSpans = n }(asyncSpans)
	asyncSpans = 1 // every trace counts as big
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "j", "enter")
	cmds := press(m, "/", "type:cart", "enter")
	if s := screenText(m); !strings.Contains(s, `searching 11 spans for "cart"`) || len(m.trace.view().matches) != 0 {
		t.Fatalf("the search is on its way, nothing matched yet:\n%s", s)
	}
	feedAll(m, cmds)
	if s := screenText(m); !strings.Contains(s, `match 1/4 for "cart"`) || markedRows(s) != 4 {
		t.Fatalf("after the answer: 4 matches, marked:\n%s", s)
	}
	cmds = press(m, "/", "ctrl+u", "type:payment", "enter")
	if s := screenText(m); markedRows(s) != 4 || !strings.Contains(s, `searching 11 spans for "payment"`) {
		t.Errorf("the last result stays until the new one lands:\n%s", s)
	}
	late := press(m, "/", "ctrl+u", "type:session", "enter")
	feedAll(m, cmds) // the overtaken answer is dropped
	if s := screenText(m); strings.Contains(s, `for "payment"`) {
		t.Errorf("an answer a newer query overtook was applied:\n%s", s)
	}
	feedAll(m, late)
	if s := screenText(m); !strings.Contains(s, `match 1/1 for "session"`) {
		t.Errorf("the newest answer applies:\n%s", s)
	}
	cmds = press(m, "f", "type:{ resource.service.name = \"payment\" }", "enter")
	if m.trace.view().filtered() {
		t.Fatal("the filter applied before its answer")
	}
	feedAll(m, cmds)
	if v := m.trace.view(); !v.filtered() || v.hiddenN != 6 {
		t.Errorf("after the answer the filter hides 6 spans, got %d", v.hiddenN)
	}

	l := drive(t, New(demoTraces(t), Options{}), 100, 30)
	cmds = press(l, "f", "type:errors>0")
	if title := listTitle(l); !strings.Contains(title, "updating…") {
		t.Errorf("the list filter is on its way: %q", title)
	}
	feedAll(l, cmds)
	if title := listTitle(l); len(l.list.shown) != 1 || strings.Contains(title, "updating") {
		t.Errorf("after the answer one trace shows: %q", title)
	}
}
