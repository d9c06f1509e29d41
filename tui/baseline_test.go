package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source/load"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/trace"
)

// The demo's list starts with the slow checkout (4bf92f), then the failed
// one (0af765): enter B esc marks the slow one, j enter opens the other.
var compareKeys = []string{"enter", "B", "esc", "j", "enter"}

func TestBaselineScreens(t *testing.T) {
	cases := []struct {
		name string
		keys []string
	}{
		{"marked", []string{"enter", "B"}},
		{"list_with_baseline", []string{"enter", "B", "esc"}},
		{"compared", compareKeys},
		{"compared_details", append(compareKeys[:len(compareKeys):len(compareKeys)], "d")},
		{"cleared", append(compareKeys[:len(compareKeys):len(compareKeys)], "esc")},
		// Folding the root hides the removed calls under it with the rest.
		{"compared_root_folded", append(compareKeys[:len(compareKeys):len(compareKeys)], "space")},
	}
	for _, size := range [][2]int{{80, 24}, {120, 30}} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				m := drive(t, New(demoTraces(t), Options{}), size[0], size[1], c.keys...)
				golden.Assert(t, checkScreen(t, m, size[0], size[1]))
			})
		}
	}
}

func TestBaselineComparedShowsTheDiff(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 80, 24, compareKeys...)
	// Cells compared with single spaces between them, not by columns.
	s := strings.Join(strings.Fields(screenText(m)), " ")
	for _, want := range []string{
		"against baseline checkout POST /checkout 4bf92f3 5.60 s", // the baseline, named in the header
		"B is 4.26 s faster",                 // tracetui diff's verdict
		"1.34 s ! 5.60 s −4.26 s ok→error",   // the root: failed in B, not in A
		"checkout Valida… − 46.0 ms removed", // only in A, drawn in place
		"22.0 ms + added",                    // the cart call only B makes
		"282 ms 5.26 s −4.98 s −95%",         // the rates call: B, A, change, %
	} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
}

func TestBaselineEscClearsIt(t *testing.T) {
	// The same screen as never having had a baseline, but for the status
	// line saying it was cleared.
	withoutStatus := func(s string) string {
		l := strings.Split(s, "\n")
		return strings.Join(append(l[:len(l)-2:len(l)-2], l[len(l)-1]), "\n")
	}
	plain := withoutStatus(screenText(drive(t, New(demoTraces(t), Options{}), 80, 24, "j", "enter")))
	m := drive(t, New(demoTraces(t), Options{}), 80, 24, append(compareKeys, "esc")...)
	if got := withoutStatus(screenText(m)); got != plain {
		t.Errorf("after esc the waterfall is not the plain one:\n%s\nwant\n%s", got, plain)
	}
	if m.screen != screenTrace || m.base.trace != nil {
		t.Errorf("esc should clear the baseline and stay on the trace (screen %d, baseline %v)", m.screen, m.base.trace != nil)
	}
	// B on the baseline itself clears it too.
	m = drive(t, New(demoTraces(t), Options{}), 80, 24, "enter", "B", "B")
	if m.base.trace != nil || !strings.Contains(m.status, "cleared") {
		t.Errorf("B twice: baseline still set (status %q)", m.status)
	}
}

// Walking to the bottom and back through a diff whose "−" rows push the
// waterfall's rows down, the selected row never leaves the screen.
func TestBaselineCursorStaysOnScreen(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 16}, {60, 12}} {
		m := drive(t, New(demoTraces(t), Options{}), size[0], size[1], append(compareKeys, "d")...)
		keys := []string{"G", "g"}
		for range 12 {
			keys = append(keys, "j")
		}
		for range 12 {
			keys = append(keys, "k")
		}
		for _, k := range keys {
			m = drive(t, m, size[0], size[1], k)
			s := checkScreen(t, m, size[0], size[1])
			if !strings.Contains(s, "\n>") {
				t.Fatalf("%dx%d after %q: the selected row is off screen:\n%s", size[0], size[1], k, s)
			}
		}
	}
}

// run builds an analyzed trace: a request that calls SELECT items n times
// (an N+1 the findings fold), then pays; pay failing or not.
func runTrace(t testing.TB, id byte, n int, payFails bool) trace.Analyzed {
	t.Helper()
	tt := &trace.Trace{ID: trace.TraceID{id, 1}}
	res := map[string]*trace.Resource{}
	base := int64(1_790_000_000_000_000_000) + int64(id)*3600e9 // hours apart: not a change
	add := func(sid, parent int, svc, name string, start, end int64, err bool) {
		if res[svc] == nil {
			res[svc] = &trace.Resource{Service: svc}
		}
		s := trace.Span{TraceID: tt.ID, SpanID: trace.SpanID{byte(sid), 1}, Name: name, Resource: res[svc],
			Start: base + start*1e6, End: base + end*1e6}
		if parent > 0 {
			s.ParentID = trace.SpanID{byte(parent), 1}
		}
		if err {
			s.Status = trace.StatusError
		}
		tt.Spans = append(tt.Spans, s)
	}
	end := int64(10 + 5*n + 40)
	add(1, 0, "shop", "GET /order", 0, end, payFails)
	for k := 0; k < n; k++ {
		add(10+k, 1, "db", "SELECT items", int64(10+5*k), int64(14+5*k), false)
	}
	add(2, 1, "pay", "POST /charge", end-35, end-5, payFails)
	return trace.AnalyzeOne(tt, trace.PipelineOptions{Steps: trace.StepFindings})
}

func TestBaselineRunGrowsAndNewError(t *testing.T) {
	traces := []trace.Analyzed{runTrace(t, 1, 6, false), runTrace(t, 2, 25, true)}
	m := drive(t, New(traces, Options{}), 100, 20, "enter", "B", "esc", "j", "enter")
	s := checkScreen(t, m, 100, 20)
	golden.Assert(t, s)
	for _, want := range []string{"×6→×25", "ok→error", "B is 95.0 ms slower"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
}

// Over inlinePanelSpans the diff is built in a Cmd: the header says so
// until it lands, and a second open of the same pair is not built again.
func TestBaselineBigDiffIsBuiltOffTheLoop(t *testing.T) {
	defer func(n int) { inlinePanelSpans = n }(inlinePanelSpans)
	inlinePanelSpans = 0
	m := drive(t, New(demoTraces(t), Options{}), 80, 24, "enter", "B", "esc", "j")
	_, cmd := m.Update(keyMsg("enter"))
	if s := screenText(m); !strings.Contains(s, "comparing with the baseline…") {
		t.Fatalf("while the diff is built the header should say so:\n%s", s)
	}
	msg := findMsg[baselineDiffMsg](t, cmd)
	m.Update(msg)
	if s := screenText(m); !strings.Contains(s, "B is 4.26 s faster") {
		t.Fatalf("the built diff is not shown:\n%s", s)
	}
	// Back on the same pair (via the baseline and back), nothing is built again.
	m.trace.openTrace(0)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.trace.openTrace(1)
	if _, cmd = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24}); cmd != nil {
		t.Errorf("the pair's diff was built again")
	}
}

// findMsg runs cmd (and the Cmds of a batch) and returns the first
// message of type T.
func findMsg[T tea.Msg](t *testing.T, cmd tea.Cmd) T {
	t.Helper()
	var zero T
	if cmd == nil {
		t.Fatalf("no Cmd returned, want one making a %T", zero)
	}
	switch msg := cmd().(type) {
	case T:
		return msg
	case tea.BatchMsg:
		for _, c := range msg {
			if c == nil {
				continue
			}
			if x, ok := c().(T); ok {
				return x
			}
		}
	}
	t.Fatalf("no %T among the Cmd's messages", zero)
	return zero
}

func TestListP95ColumnAgainstABaselineRun(t *testing.T) {
	b := append(demoTraces(t), runTrace(t, 3, 2, false))
	// The baseline run: twenty checkouts of 100..2000 ms, p95 1.90 s; no
	// shop GET /order at all.
	var a []trace.Summary
	for k := 1; k <= 20; k++ {
		a = append(a, trace.Summary{RootService: "checkout", RootName: "POST /checkout", Duration: int64(k) * 100e6})
	}
	for _, size := range [][2]int{{80, 24}, {120, 30}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := New(b, Options{BaselineTitle: "main.jsonl", Baseline: func() ([]trace.Summary, error) { return a, nil }})
			m.Update(findMsg[runLoadedMsg](t, m.Init()))
			s := checkScreen(t, drive(t, m, size[0], size[1]), size[0], size[1])
			golden.Assert(t, s)
			// B's checkouts: 1.34 s and 5.60 s, p95 5.60 s against 1.90 s.
			for _, want := range []string{"Δ P95 against main.jsonl (20 traces)", "+195%", "new"} {
				if !strings.Contains(s, want) {
					t.Errorf("list lacks %q:\n%s", want, s)
				}
			}
		})
	}
}

func TestListBaselineRunThatFailsToLoadSaysSo(t *testing.T) {
	m := New(demoTraces(t), Options{BaselineTitle: "gone.jsonl", Baseline: func() ([]trace.Summary, error) {
		return nil, fmt.Errorf("open gone.jsonl: no such file or directory")
	}})
	m.Update(findMsg[runLoadedMsg](t, m.Init()))
	s := screenText(drive(t, m, 80, 24))
	if !strings.Contains(s, "baseline gone.jsonl not loaded") || strings.Contains(s, "Δ P95") {
		t.Errorf("a baseline that did not load should be said, with no column:\n%s", s)
	}
}

func TestHelpListsTheBaselineKey(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 120, 60, "enter", "?")
	if s := screenText(m); !strings.Contains(s, "B    baseline on/off") {
		t.Errorf("help does not list B:\n%s", s)
	}
}

func TestBaselineASCII(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{ASCII: true}), 80, 24, compareKeys...)
	s := checkScreen(t, m, 80, 24)
	golden.Assert(t, s)
	if !strings.Contains(s, "ok->error") || !strings.Contains(s, " - ") {
		t.Errorf("ASCII compare lacks ok->error or a - row:\n%s", s)
	}
	for _, r := range s {
		if r > 0x7e && r != '\n' {
			t.Fatalf("non-ASCII %q in --ascii output:\n%s", r, s)
		}
	}
}

// Two traces whose roots differ share no row: A's whole tree is removed,
// drawn above B's first row, and the cursor on B's root stays on screen.
func TestBaselineDifferentRootsShowAsRemovedAboveTheFirstRow(t *testing.T) {
	a := runTrace(t, 1, 6, false)
	b := runTrace(t, 2, 2, false)
	b.Tree.Span(b.Tree.Roots[0]).Name = "GET /cart"
	m := drive(t, New([]trace.Analyzed{a, b}, Options{}), 100, 12, compareKeys...)
	lines := strings.Split(checkScreen(t, m, 100, 12), "\n")
	if !strings.Contains(lines[4], "shop GET /order") || !strings.Contains(lines[4], "removed") {
		t.Errorf("first row: %q, want A's root removed", lines[4])
	}
	if !strings.Contains(strings.Join(lines, "\n"), "\n>") {
		t.Errorf("the cursor row is off screen:\n%s", strings.Join(lines, "\n"))
	}
}

// A span untimed on one side reads ? and "untimed", as tracetui diff
// says, never 0 ns and a −100% change that reads as measured.
func TestBaselineUntimedSpanIsNotZero(t *testing.T) {
	traces := append(loadTraces(t, load.Input{Name: "../testdata/diff/t_base.jsonl"}),
		loadTraces(t, load.Input{Name: "../testdata/diff/t_untimed.jsonl"})...)
	m := drive(t, New(traces, Options{}), 140, 24, "enter", "B", "esc", "j", "enter")
	s := screenText(m)
	row := screenRow(m, "untimed")
	if row == "" || !strings.Contains(row, "?") || strings.Contains(s, "−100%") || strings.Contains(s, "0 ns") {
		t.Errorf("the untimed span should read ? and untimed:\n%s", s)
	}
}
