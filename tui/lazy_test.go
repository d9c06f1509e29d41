package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
)

// lazyPair is the demo's traces analyzed at load (eager, as New is given
// them) and as a Loader that only summarized them hands them over: its
// Analyze analyzes a trace afresh from the same spans, counting calls.
func lazyPair(t *testing.T) (eager []trace.Analyzed, loaded Loaded, calls []int) {
	t.Helper()
	var raw []*trace.Trace
	for _, a := range demoTraces(t) {
		raw = append(raw, a.Tree.Trace)
	}
	opt := trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary}
	eager = trace.AnalyzeAll(raw, opt)
	calls = make([]int, len(eager))
	for _, a := range eager {
		sum := *a.Summary
		loaded.Traces = append(loaded.Traces, trace.Analyzed{Summary: &sum})
	}
	loaded.Analyze = func(k int) trace.Analyzed {
		calls[k]++
		return trace.AnalyzeOne(eager[k].Tree.Trace, opt)
	}
	return eager, loaded, calls
}

func lazyModel(t *testing.T, loaded Loaded, w, h int) *Model {
	t.Helper()
	loaded.Traces = append([]trace.Analyzed(nil), loaded.Traces...) // the model fills in what it analyzes
	m := drive(t, New(nil, Options{Title: "demo", Load: func(func(Progress)) (Loaded, error) { return loaded, nil }}), w, h)
	m.Update(loadedMsg{Loaded: loaded})
	if m.err != nil {
		t.Fatal(m.err)
	}
	return m
}

// pressAll presses each key and runs the Cmds it starts to the end before
// the next, as the program does when the user is slower than the work.
func pressAll(m *Model, keys ...string) {
	for _, k := range keys {
		feedAll(m, press(m, k))
	}
}

func analyzedCount(calls []int) int {
	n := 0
	for _, c := range calls {
		n += c
	}
	return n
}

// The list comes from summaries alone; a trace is analyzed when opened,
// once, and every screen is what the eager explorer shows.
func TestLazyTracesAreAnalyzedWhenOpened(t *testing.T) {
	eager, loaded, calls := lazyPair(t)
	cases := []struct {
		name     string
		keys     []string
		analyzed int // traces analyzed after the keys
	}{
		{"list", nil, 0},
		{"sorted", []string{"s"}, 0},
		// Pasted at once: typed, "s" would be a span word on its way.
		{"summary filter", []string{"f", "errors>0 spans>3", "enter"}, 0},
		{"open", []string{"enter"}, 1},
		{"open details", []string{"j", "enter", "e", "d"}, 1},
		{"reopen", []string{"enter", "esc", "enter"}, 1},
		{"two", []string{"enter", "esc", "j", "enter"}, 2},
		{"findings of one", []string{"j", "enter", "F"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clear(calls)
			want := drive(t, New(eager, Options{}), 100, 30, c.keys...)
			m := lazyModel(t, loaded, 100, 30)
			pressAll(m, c.keys...)
			if got, w := screenText(m), screenText(want); got != w {
				t.Errorf("lazy screen differs from the eager one\n got:\n%s\nwant:\n%s", got, w)
			}
			if n := analyzedCount(calls); n != c.analyzed {
				t.Errorf("%d analyses, want %d (calls per trace %v)", n, c.analyzed, calls)
			}
		})
	}
}

// What needs every trace's spans (a list filter on span words, panels
// across traces) analyzes all of them first, then answers as eagerly.
func TestLazyTracesAnalyzedForFiltersAndPanels(t *testing.T) {
	eager, loaded, calls := lazyPair(t)
	for _, keys := range [][]string{
		{"f", "type:payment", "enter"},
		{"f", `type:{ status = error }`, "enter"},
		{"T"},
		{"M"},
		{"F"},
		{"f", "type:payment", "enter", "enter"},
	} {
		t.Run(strings.Join(keys, " "), func(t *testing.T) {
			clear(calls)
			want := drive(t, New(eager, Options{}), 100, 30, keys...)
			m := lazyModel(t, loaded, 100, 30)
			pressAll(m, keys...)
			if got, w := screenText(m), screenText(want); got != w {
				t.Errorf("lazy screen differs from the eager one\n got:\n%s\nwant:\n%s", got, w)
			}
			for k, c := range calls {
				if c != 1 {
					t.Errorf("trace %d analyzed %d times, want once", k, c)
				}
			}
		})
	}
}

// While every trace is analyzed for a span filter, the list says how far
// it got and keeps what it showed.
func TestLazyAnalysisShowsProgress(t *testing.T) {
	_, loaded, _ := lazyPair(t)
	m := lazyModel(t, loaded, 120, 30)
	press(m, "f", "type:payment", "enter")
	s := screenText(m)
	if !strings.Contains(s, "analyzing 0 of 2 traces") || !strings.Contains(s, "(2 shown)") {
		t.Errorf("the filter waits for the analysis, the list stays:\n%s", s)
	}
}

// A trace over asyncSpans is analyzed in a Cmd; the list says so, and the
// trace opens when the analysis lands if the user is still on its row.
func TestBigLazyTraceIsAnalyzedOffTheUILoop(t *testing.T) {
	defer func(n int) { asyncSpans = n }(asyncSpans)
	asyncSpans = 1 // every trace counts as big
	eager, loaded, calls := lazyPair(t)
	want := drive(t, New(eager, Options{}), 100, 30, "enter")
	m := lazyModel(t, loaded, 100, 30)
	cmds := press(m, "enter")
	if s := screenText(m); m.screen != screenList || !strings.Contains(s, "analyzing trace "+eager[0].Summary.ID) {
		t.Fatalf("the list stays while the trace is analyzed:\n%s", s)
	}
	if analyzedCount(calls) != 0 {
		t.Fatal("a big trace must not be analyzed inside Update")
	}
	feedAll(m, cmds)
	if got, w := screenText(m), screenText(want); got != w {
		t.Errorf("opened after its analysis\n got:\n%s\nwant:\n%s", got, w)
	}

	// Moved off the row meanwhile: it is analyzed, not opened.
	m = lazyModel(t, loaded, 100, 30)
	cmds = press(m, "enter", "j")
	feedAll(m, cmds)
	if m.screen != screenList || m.traces[0].Tree == nil {
		t.Errorf("screen %v, trace analyzed %v: the user left the row", m.screen, m.traces[0].Tree != nil)
	}
	feedAll(m, []tea.Cmd{m.analyzeAll()}) // the rest only: trace 0 is not analyzed again
	if calls[0] != 2 || calls[1] != 1 {   // trace 0 once in each model above
		t.Errorf("analyses per trace over two models: %v", calls)
	}
}
