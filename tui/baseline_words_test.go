package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/trace"
)

// runTraceFailing is runTrace with the third SELECT items call failing
// too.
func runTraceFailing(t *testing.T, id byte, n int) trace.Analyzed {
	t.Helper()
	a := runTrace(t, id, n, true)
	tt := a.Tree.Trace
	seen := 0
	for k := range tt.Spans {
		if tt.Spans[k].Name == "SELECT items" {
			if seen++; seen == 3 {
				tt.Spans[k].Status = trace.StatusError
			}
		}
	}
	return trace.AnalyzeOne(tt, trace.PipelineOptions{Steps: trace.StepFindings})
}

// fields is a screen line's cells joined by single spaces.
func fields(s string) string { return strings.Join(strings.Fields(s), " ") }

// lineWith is the first line of s holding want, "" if none.
func lineWith(s, want string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, want) {
			return l
		}
	}
	return ""
}

// A folded run's B time, A time and change are the calls' total, as
// tracetui diff counts them: B − A = change.
func TestBaselineRunRowTimesAgree(t *testing.T) {
	traces := []trace.Analyzed{runTrace(t, 1, 6, false), runTrace(t, 2, 25, true)}
	m := drive(t, New(traces, Options{}), 100, 20, compareKeys...)
	row := fields(lineWith(screenText(m), "▸ db SELECT items"))
	// 25 calls of 4 ms (100 ms) against 6 (24.0 ms); the run spans 124 ms.
	if !strings.Contains(row, "100 ms 24.0 ms +76.0 ms") {
		t.Errorf("run row: %q, want B 100 ms, A 24.0 ms, change +76.0 ms", row)
	}
}

// A run that changed its calls and its status says both, and the %
// column stays on rows that changed status.
func TestBaselineRunCountAndStatusBothShown(t *testing.T) {
	traces := []trace.Analyzed{runTrace(t, 1, 6, false), runTraceFailing(t, 2, 25)}
	for _, size := range [][2]int{{120, 20}, {100, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := drive(t, New(traces, Options{}), size[0], size[1], compareKeys...)
			s := checkScreen(t, m, size[0], size[1])
			golden.Assert(t, s)
			if row := fields(lineWith(s, "▸ db SELECT items")); !strings.HasSuffix(row, "×6→×25 ok→error") {
				t.Errorf("run row: %q, want both ×6→×25 and ok→error", row)
			}
			if size[0] == 120 {
				if row := fields(lineWith(s, "▾ shop GET /order")); !strings.Contains(row, "+119% ok→error") {
					t.Errorf("root row: %q, want its %% beside ok→error", row)
				}
			}
		})
	}
}

// A baseline with a 3,000-character service: the label is cut in the
// middle and the verdict stays on screen.
func TestBaselineLongNameKeepsTheVerdict(t *testing.T) {
	a := runTrace(t, 1, 6, false)
	b := runTrace(t, 2, 25, true)
	long := strings.Repeat("svc-", 750) + "\x1b[31mend"
	for _, tr := range []trace.Analyzed{a, b} {
		for k := range tr.Tree.Trace.Spans {
			tr.Tree.Trace.Spans[k].Resource.Service = long
		}
	}
	for _, size := range [][2]int{{80, 24}, {60, 15}} {
		m := drive(t, New([]trace.Analyzed{a, b}, Options{}), size[0], size[1], compareKeys...)
		s := checkScreen(t, m, size[0], size[1])
		head := fields(strings.Join(strings.Split(s, "\n")[1:3], " "))
		if !strings.Contains(head, "B is 95.0 ms slower") || !strings.Contains(head, "…") {
			t.Errorf("%dx%d header: %q, want the label cut and the verdict", size[0], size[1], head)
		}
		if strings.Contains(s, "\x1b") {
			t.Errorf("escape sequence from a name reached the screen")
		}
	}
}

// Δ P95 is "new" only when the baseline run never ran the operation; from
// a p95 of 0 ms it is the change in time, a percent of nothing being
// undefined.
func TestListP95FromZeroIsAChangeNotNew(t *testing.T) {
	b := []trace.Analyzed{runTrace(t, 1, 2, false), runTrace(t, 2, 2, false)}
	var a []trace.Summary
	for range 3 {
		a = append(a, trace.Summary{RootService: "shop", RootName: "GET /order", Duration: 0})
	}
	m := New(b, Options{BaselineTitle: "main.jsonl", Baseline: func() ([]trace.Summary, error) { return a, nil }})
	m.Update(findMsg[runLoadedMsg](t, m.Init()))
	s := checkScreen(t, drive(t, m, 100, 12), 100, 12)
	// B's two traces take 60 ms each: p95 60.0 ms against 0.
	row := fields(lineWith(s, "shop GET /order"))
	if !strings.Contains(row, "+60.0 ms") || strings.Contains(row, "new") {
		t.Errorf("list row %q, want Δ P95 +60.0 ms (A had the operation, at 0 ms)", row)
	}
}

// The "−" rows count when the compared waterfall scrolls: at the bottom
// (G) and walking back up, no blank line shows while lines are hidden
// above, and the selected row stays on screen.
func TestBaselineRemovedRowsCountWhenScrolling(t *testing.T) {
	for _, c := range []struct {
		w, h int
		keys []string
	}{{80, 24, nil}, {120, 24, nil}, {60, 15, nil}, {80, 30, []string{"d"}}, {100, 16, nil}} {
		m := drive(t, New(demoTraces(t), Options{}), c.w, c.h, append(compareKeys, c.keys...)...)
		keys := []string{"G", "g", "G"}
		for range 14 {
			keys = append(keys, "k")
		}
		keys = append(keys, "G", "-", "G", "+", "G")
		for _, k := range keys {
			m = drive(t, m, c.w, c.h, k)
			s := checkScreen(t, m, c.w, c.h)
			lines := strings.Split(s, "\n")
			area := lines[4 : 4+m.trace.size().rows]
			if !strings.Contains(strings.Join(area, "\n"), "\n>") && !strings.HasPrefix(area[0], ">") {
				t.Fatalf("%dx%d %v after %q: the selected row is off screen:\n%s", c.w, c.h, c.keys, k, s)
			}
			if strings.Contains(area[0], "▾ checkout POST") || strings.Contains(area[0], "▸ checkout POST") {
				continue // the root is on screen: nothing is hidden above
			}
			for n, l := range area {
				if strings.TrimSpace(l) == "" {
					t.Fatalf("%dx%d %v after %q: blank line %d while lines are hidden above:\n%s", c.w, c.h, c.keys, k, n, s)
				}
			}
		}
	}
}

// Fold all (-) folds the calls only the baseline made too: a removed
// call's own removed callees hide with B's, and + shows them again.
func TestBaselineFoldAllFoldsRemovedRows(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 80, 24, append(compareKeys, "-")...)
	s := checkScreen(t, m, 80, 24)
	golden.Assert(t, s)
	// checkout Validate's removed callees (cart HGET among them) hide;
	// its row stays, folded.
	if strings.Contains(s, "cart HGET") || !strings.Contains(s, "▸ checkout Valida") {
		t.Errorf("after - the removed subtree is not folded:\n%s", s)
	}
	if s = screenText(drive(t, m, 80, 24, "+")); !strings.Contains(s, "cart HGET") {
		t.Errorf("after + the removed subtree is not shown again:\n%s", s)
	}
}

// Narrow, the change column goes before A's time: a removed row keeps
// its time.
func TestBaselineNarrowKeepsARemovedRowsTime(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 60, 15, compareKeys...)
	s := checkScreen(t, m, 60, 15)
	if row := fields(lineWith(s, "removed")); !regexp.MustCompile(`− [0-9.]+ m?s removed$`).MatchString(row) {
		t.Errorf("removed row at 60x15: %q, want its A time", row)
	}
}

func TestBaselineHelpAndSingleTrace(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 40, "?")
	if s := fields(screenText(m)); !strings.Contains(s, "esc clear filter, then baseline") {
		t.Errorf("list help does not say esc clears the baseline:\n%s", s)
	}
	m = drive(t, New(demoTraces(t)[:1], Options{}), 120, 24, "enter", "B")
	if !strings.Contains(m.status, "one trace loaded") || strings.Contains(m.status, "open another trace") {
		t.Errorf("B with one trace: status %q", m.status)
	}
}

// A run shown call by call (here every call failed, so none is folded)
// keeps its words on its first call's row, not times that would not add
// up with that one call's duration.
func TestBaselineUnfoldedRunRowSaysWordsOnly(t *testing.T) {
	b := runTrace(t, 2, 25, true)
	tt := b.Tree.Trace
	for k := range tt.Spans {
		if tt.Spans[k].Name == "SELECT items" {
			tt.Spans[k].Status = trace.StatusError
		}
	}
	b = trace.AnalyzeOne(tt, trace.PipelineOptions{Steps: trace.StepFindings})
	m := drive(t, New([]trace.Analyzed{runTrace(t, 1, 6, false), b}, Options{}), 120, 20, compareKeys...)
	row := fields(lineWith(screenText(m), "├─   db SELECT items"))
	if !strings.HasSuffix(row, "4.00 ms ! ×6→×25 ok→error") {
		t.Errorf("first call's row: %q, want its own 4.00 ms and the run's words only", row)
	}
}

// Resizes and the details pane going on and off keep the compared
// waterfall's selected row on screen and its lines full.
func TestBaselineComparedSurvivesResizes(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 120, 30, append(compareKeys, "G")...)
	sizes := [][2]int{{80, 24}, {120, 24}, {60, 15}, {200, 50}, {80, 24}, {100, 16}}
	for k, sz := range sizes {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		if k%2 == 1 {
			m = drive(t, m, sz[0], sz[1], "d")
		}
		s := checkScreen(t, m, sz[0], sz[1])
		lines := strings.Split(s, "\n")
		lay := m.trace.size()
		area := make([]string, lay.rows)
		for n, l := range lines[4 : 4+lay.rows] {
			area[n] = ansi.Truncate(l, lay.waterfallW, "") // the details pane beside it, if on
		}
		joined := "\n" + strings.Join(area, "\n")
		if !strings.Contains(joined, "\n>") {
			t.Fatalf("resized to %dx%d: the selected row is off screen:\n%s", sz[0], sz[1], s)
		}
		if strings.Contains(area[0], "▾ checkout POST") {
			continue
		}
		for n, l := range area {
			if strings.TrimSpace(l) == "" {
				t.Fatalf("resized to %dx%d: blank line %d while lines are hidden above:\n%s", sz[0], sz[1], n, s)
			}
		}
	}
}
