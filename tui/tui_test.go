package tui

import (
	"bytes"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/demo"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
)

// Test-only: the fixtures are loaded with the real loader, as cmd does.
func loadTraces(t testing.TB, in load.Input) []trace.Analyzed {
	t.Helper()
	res, err := load.All([]load.Input{in}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []trace.Analyzed
	for _, tt := range res.Traces {
		tr := trace.Build(tt)
		a := trace.Analyze(tr)
		out = append(out, trace.Analyzed{Tree: tr, Analysis: a, Findings: trace.Find(tr, a, trace.FindOptions{})})
	}
	return out
}

func demoTraces(t testing.TB) []trace.Analyzed {
	return loadTraces(t, load.Input{Name: "demo", Reader: bytes.NewReader(demo.JSONLines())})
}

func keyMsg(s string) tea.Msg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// drive sends a window size, then each key (a "/text" entry types text).
func drive(t testing.TB, m *Model, w, h int, keys ...string) *Model {
	t.Helper()
	var tm tea.Model = m
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for _, k := range keys {
		if strings.HasPrefix(k, "type:") {
			for _, r := range strings.TrimPrefix(k, "type:") {
				tm, _ = tm.Update(keyMsg(string(r)))
			}
			continue
		}
		tm, _ = tm.Update(keyMsg(k))
	}
	return tm.(*Model)
}

func screenText(m *Model) string { return ansi.Strip(m.View().Content) }

func checkScreen(t *testing.T, m *Model, w, h int) string {
	t.Helper()
	s := screenText(m)
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		t.Errorf("%d lines on a %d-line screen", len(lines), h)
	}
	for _, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d columns wide on a %d-column screen: %q", n, w, l)
		}
	}
	return s
}

func TestScreens(t *testing.T) {
	cases := []struct {
		name string
		keys []string
	}{
		{"list", nil},
		{"list_sorted_by_duration", []string{"s"}},
		{"waterfall_slow", []string{"enter"}},
		{"waterfall_failed", []string{"j", "enter"}},
		{"bottleneck", []string{"enter", "b"}},
		{"details", []string{"j", "enter", "e", "d"}},
		{"search", []string{"j", "enter", "/", "type:cart", "enter"}},
		{"filter", []string{"j", "enter", "f", "type:payment", "enter"}},
		{"collapse", []string{"enter", "j", "space"}},
		{"collapse_all", []string{"j", "enter", "-"}},
		{"help", []string{"enter", "?"}},
		{"search_traceql", []string{"j", "enter", "/", `type:{ name =~ "GET .*" } >> { status = error }`, "enter"}},
		{"filter_traceql", []string{"j", "enter", "f", `type:{ resource.service.name = "payment" && duration > 100ms }`, "enter"}},
		{"search_error", []string{"j", "enter", "/", `type:{ name = }`, "enter"}},
		{"list_filter_traceql", []string{"f", `type:{ status = error }`, "enter"}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				m := drive(t, New(demoTraces(t), Options{}), size[0], size[1], c.keys...)
				golden.Assert(t, checkScreen(t, m, size[0], size[1]))
			})
		}
	}
}

func TestRealFileScreen(t *testing.T) {
	traces := loadTraces(t, load.Input{Name: filepath.Join("..", "testdata", "otlp", "jaeger-ui_otlp2jaeger-multi-in.jsonl")})
	m := drive(t, New(traces, Options{}), 80, 24, "j", "d")
	golden.Assert(t, checkScreen(t, m, 80, 24))
}

func TestNavigationLandsOnTheAnswers(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "j", "enter")
	v := m.trace.view()
	name := func() string { return v.tr.Span(v.selected()).Name }
	m = drive(t, m, 100, 30, "b")
	if v.selected() != v.a.Bottleneck || name() != "POST /authorize" {
		t.Errorf("b selected %q", name())
	}
	m = drive(t, m, 100, 30, "g", "e")
	if name() != "GET session" {
		t.Errorf("next error after the root: %q", name())
	}
	m = drive(t, m, 100, 30, "e", "e")
	if name() != "POST /v1/charges" {
		t.Errorf("third error: %q", name())
	}
	m = drive(t, m, 100, 30, "E")
	if name() != "Charge" {
		t.Errorf("previous error: %q", name())
	}
	m = drive(t, m, 100, 30, "/", "type:db.system=postgresql", "enter")
	if len(v.matches) != 2 || !strings.Contains(screenText(m), "/2 for") {
		t.Errorf("attribute search: %d matches, status %q", len(v.matches), m.status)
	}
	m = drive(t, m, 100, 30, "g", "j", "space")
	if !v.st.Collapsed[v.selected()] || !strings.Contains(screenText(m), "[+3, 1 err]") {
		t.Errorf("collapsed row must show hidden spans and errors:\n%s", screenText(m))
	}
	m = drive(t, m, 100, 30, "esc", "esc")
	if m.screen != screenList || m.list.shown[m.list.cur] != 1 {
		t.Error("esc returns to the list with the cursor kept")
	}
}

func TestFilterKeepsAncestorsAndCountsHidden(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 120, 40, "enter", "f", "type:duration>1s", "enter")
	v := m.trace.view()
	s := screenText(m)
	if v.hiddenN != 11 || !strings.Contains(s, "hidden") || !strings.Contains(s, "shipping GET /v2/rates") || strings.Contains(s, "HGETALL") {
		t.Errorf("filter duration>1s: %d hidden\n%s", v.hiddenN, s)
	}
	// On the failed trace, filtering to shipping hides the failure point
	// and the bottleneck: the row hiding them says so, as print would.
	m = drive(t, New(demoTraces(t), Options{}), 100, 30, "j", "enter", "f", "type:service=shipping", "enter")
	lines := strings.Split(screenText(m), "\n")
	if got := lines[8]; !strings.HasPrefix(got, " ✗◆ └─   … 4 hidden (2 errors)") {
		t.Errorf("the elision hiding the payment failure: %q\n%s", got, screenText(m))
	}
	if got := lines[5]; !strings.HasPrefix(got, " x  ├─   … 4 hidden (1 error) ") {
		t.Errorf("the elision hiding the cart error: %q", got)
	}
}

func TestQueries(t *testing.T) {
	traces := demoTraces(t)
	tr := traces[1].Tree
	count := func(q string) int {
		n := 0
		pq := query.Parse(q)
		for i := int32(0); i < int32(tr.Len()); i++ {
			if pq.Matches(tr, i) {
				n++
			}
		}
		return n
	}
	cases := map[string]int{
		"payment": 4, "service=cart": 3, "status=error": 4, "error": 4, "kind=server": 4,
		"duration>900ms": 4, "duration<10ms": 2, "%>50": 4, "http.route=/v1": 2, "POST service=payment": 3,
		"nothing-like-this": 0,
	}
	for q, want := range cases {
		if got := count(q); got != want {
			t.Errorf("%q matches %d spans, want %d", q, got, want)
		}
	}
}

func TestSmallTerminalAndResize(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{ASCII: true, NoColor: true}), 40, 10, "enter", "d", "j", "j")
	checkScreen(t, m, 40, 10)
	for _, keys := range [][]string{nil, {"?"}} {
		s := screenText(drive(t, m, 40, 10, keys...))
		for _, r := range s {
			if r > 0x7e || r < 0x20 && r != '\n' {
				t.Fatalf("--ascii screen has %q:\n%s", r, s)
			}
		}
	}
	checkScreen(t, drive(t, m, 20, 10), 20, 10) // narrower than any waterfall
	m = drive(t, m, 150, 45)
	checkScreen(t, m, 150, 45)
	if !m.trace.size().side {
		t.Error("a wide terminal shows details beside the waterfall")
	}
}

func TestLightBackgroundAndLoading(t *testing.T) {
	var tm tea.Model = New(demoTraces(t), Options{})
	tm, _ = tm.Update(tea.BackgroundColorMsg{Color: color.White})
	if m := tm.(*Model); m.dark || m.styles.Bottleneck == render.DefaultStyles(true).Bottleneck {
		t.Error("a light background must switch the palette")
	}
	calls := 0
	m := New(nil, Options{Title: "big.jsonl", Load: func(p func(Progress)) (Loaded, error) {
		calls++
		p(Progress{Bytes: 5e6, Spans: 1234})
		return Loaded{Traces: demoTraces(t), Warnings: []string{"big.jsonl:3: bad line"}}, nil
	}})
	tm = drive(t, m, 80, 24)
	tm, _ = tm.Update(progressMsg{Bytes: 5e6, Spans: 1234})
	if s := screenText(tm.(*Model)); !strings.Contains(s, "loading big.jsonl … 5.0 MB, 1234 spans") {
		t.Errorf("loading screen:\n%s", s)
	}
	tm, _ = tm.Update(progressMsg{Bytes: 9e6, Spans: 20000, Analyzed: 300, Traces: 1000})
	if s := screenText(tm.(*Model)); !strings.Contains(s, "analyzing big.jsonl … 300 of 1000 traces (20000 spans)") {
		t.Errorf("analysis progress:\n%s", s)
	}
	cmd := m.Init()
	msgs := runCmd(cmd)
	for _, msg := range msgs {
		tm, _ = tm.Update(msg)
	}
	if calls != 1 || tm.(*Model).screen != screenList || !strings.Contains(screenText(tm.(*Model)), "loader warning") {
		t.Errorf("after loading: calls %d screen %v\n%s", calls, tm.(*Model).screen, screenText(tm.(*Model)))
	}
}

// runCmd runs a command and its batches synchronously, collecting messages.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

func TestLiveUpdatesKeepTheOpenTraceAndCursor(t *testing.T) {
	feed := make(chan LiveUpdate)
	all := demoTraces(t)
	var tm tea.Model = drive(t, New(nil, Options{Feed: feed}), 100, 30)
	tm, _ = tm.Update(liveMsg{Traces: all[1:], Status: "live · 11 spans received"})
	m := tm.(*Model)
	if m.screen != screenList || !strings.Contains(screenText(m), "live · 11 spans received") {
		t.Fatalf("a live list waits on the list screen:\n%s", screenText(m))
	}
	m = drive(t, m, 100, 30, "enter", "b")
	want := m.trace.view().tr.Span(m.trace.view().selected()).SpanID
	tm, _ = m.Update(liveMsg{Traces: all, Status: "live · 25 spans received"})
	m = tm.(*Model)
	v := m.trace.view()
	if m.screen != screenTrace || v.tr.Trace.DisplayID() != "0af7651916cd43dd8448eb211c80319c" || v.tr.Span(v.selected()).SpanID != want {
		t.Errorf("after a live update: screen %v, trace %s", m.screen, v.tr.Trace.DisplayID())
	}
	tm, _ = m.Update(liveMsg{Traces: all[:1]})
	if m = tm.(*Model); m.screen != screenList || !strings.Contains(m.status, "evicted") {
		t.Errorf("an evicted open trace returns to the list with a message: %q", m.status)
	}
}

func TestLiveUpdatesKeepWhatTheUserSet(t *testing.T) {
	all := demoTraces(t)
	m := drive(t, New(nil, Options{Feed: make(chan LiveUpdate)}), 130, 30)
	tm, _ := m.Update(liveMsg{Traces: all})
	m = drive(t, tm.(*Model), 130, 30, "enter", "d", "/", "r", "a", "t", "e", "s", "enter")
	if m.trace.showDetails {
		t.Fatal("d should hide the details pane")
	}
	before := m.trace.view()
	tm, _ = m.Update(liveMsg{Traces: all, Status: "live · another trace changed"})
	m = tm.(*Model)
	if m.trace.view() != before || m.trace.showDetails || len(m.trace.view().matches) == 0 {
		t.Errorf("an unchanged open trace keeps its view (search, details off): same view %v, details %v", m.trace.view() == before, m.trace.showDetails)
	}
	fresh := demoTraces(t) // the open trace rebuilt, as after new spans
	tm, _ = m.Update(liveMsg{Traces: fresh})
	m = tm.(*Model)
	if m.trace.view() == before || m.trace.showDetails {
		t.Errorf("a rebuilt open trace gets a new view but keeps details hidden: details %v", m.trace.showDetails)
	}
	if got := m.trace.view().tr.Span(m.trace.view().selected()).SpanID; got != before.tr.Span(before.selected()).SpanID {
		t.Errorf("the cursor moved to another span after a live update")
	}
}

func TestListUsesTheLoadersSummaries(t *testing.T) {
	all := demoTraces(t)
	for k := range all {
		s := trace.Summarize(all[k].Tree, all[k].Analysis)
		s.RootName = fmt.Sprintf("summarized-off-the-ui-loop-%d", k)
		all[k].Summary = &s
	}
	m := drive(t, New(all, Options{}), 100, 20)
	if out := screenText(m); !strings.Contains(out, "summarized-off-the-ui-loop-0") || !strings.Contains(out, "summarized-off-the-ui-loop-1") {
		t.Errorf("the list should show the summaries the loader made:\n%s", out)
	}
}

// TestLoadingProgressKeepsComing follows the real message flow: every
// progress report the loader makes while the UI keeps up reaches the screen.
func TestLoadingProgressKeepsComing(t *testing.T) {
	step := make(chan struct{})
	next := func() { // a broken flow must fail the test, not hang it
		select {
		case <-step:
		case <-time.After(5 * time.Second):
		}
	}
	load := func(p func(Progress)) (Loaded, error) {
		p(Progress{Bytes: 1e6, Spans: 10})
		next()
		p(Progress{Bytes: 2e6, Spans: 20})
		next()
		return Loaded{Traces: demoTraces(t)}, nil
	}
	var tm tea.Model = drive(t, New(nil, Options{Title: "in.jsonl", Load: load}), 80, 24)
	var cmds []tea.Cmd
	for _, c := range tm.(*Model).Init()().(tea.BatchMsg) {
		if inner, ok := c().(tea.BatchMsg); ok {
			cmds = inner // the loader and the first progress read
		}
	}
	if len(cmds) != 2 {
		t.Fatalf("Init should start the loader and a progress read, got %d commands", len(cmds))
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmds[0]() }()
	wait := cmds[1]
	for _, want := range []string{"1.0 MB, 10 spans", "2.0 MB, 20 spans"} {
		if wait == nil {
			t.Fatalf("the explorer stopped listening for progress before %q", want)
		}
		var after tea.Cmd
		tm, after = tm.Update(wait())
		if s := screenText(tm.(*Model)); !strings.Contains(s, want) {
			t.Errorf("want %q on the loading screen:\n%s", want, s)
		}
		wait = after
		select {
		case step <- struct{}{}:
		case <-time.After(5 * time.Second):
			t.Fatal("the loader is not waiting")
		}
	}
	tm, _ = tm.Update(<-done)
	if tm.(*Model).screen != screenList {
		t.Error("the list should follow the load")
	}
}
