package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

// The explorer's share of issue 13's kinds 1, 8 and 9: the same cases as
// print (cmd/tracetui/cases_answer_test.go), driven by keys.

func caseTraces(t testing.TB, name string) []trace.Analyzed {
	return loadTraces(t, load.Input{Name: "../testdata/cases/" + name})
}

// screenRow is the screen line whose text holds want, "" if none.
func screenRow(m *Model, want string) string {
	for _, line := range strings.Split(screenText(m), "\n") {
		if strings.Contains(line, want) {
			return line
		}
	}
	return ""
}

// A folded run holding the failure reads "×6, 2 errors" with the failure's
// mark, and the failing call and the failure point below it are rows of
// their own when the trace opens.
func TestExplorerOpensWithTheAnswerDrawn(t *testing.T) {
	m := drive(t, New(caseTraces(t, "nplus1-error-hidden.json"), Options{}), 120, 30, "d") // d: the details pane (on from 120 columns) off
	for _, want := range []string{"✗• ├─ ▸ orders SELECT items ×6, 2 errors", "↑• └─ ▾ orders SELECT items  ", "✗•   └─   orders lock wait"} {
		if screenRow(m, want) == "" {
			t.Errorf("no row %q:\n%s", want, screenText(m))
		}
	}

	// Made for tracetui: the failing call is the run's first; folding the
	// pinned call's parent hides it, and the folded row says so.
	traces := caseTraces(t, "jaeger-errors-in-folded-runs.json")
	m = drive(t, New(traces, Options{}), 120, 30, "d")
	for _, want := range []string{"✗• │ ├─   redis GET item  ", "✗• │ └─ ▸ redis GET item ×8, 1 error", "x•   ├─ ▸ pricing POST /price ×6, 1 error", " ◆   │ └─   ratesdb SELECT rates"} {
		if screenRow(m, want) == "" {
			t.Errorf("no row %q:\n%s", want, screenText(m))
		}
	}
	m = drive(t, m, 120, 30, "j", "space") // collapse "load cart"
	if got := screenRow(m, "web load cart"); !strings.HasPrefix(got, ">✗• ├─ ▸ web load cart [+8, 1 err]") {
		t.Errorf("the collapsed parent of the failure: %q\n%s", got, screenText(m))
	}
	// Space on a pinned call folds its own subtree, not the run it is in.
	m = drive(t, New(traces, Options{}), 120, 30, "d", "j", "j", "j", "j", "j", "j", "space")
	if got := screenRow(m, "pricing POST /price [+1]"); !strings.HasPrefix(got, "> ◆   ├─ ▸ pricing POST /price [+1]") || screenRow(m, "└─   ratesdb SELECT rates") != "" {
		t.Errorf("space on the call holding the bottleneck:\n%s", screenText(m))
	}
}

// Ten thousand levels deep, every row on screen still shows its service
// and name, and its depth once past the indentation limit.
func TestExplorerDeepChainKeepsNames(t *testing.T) {
	m := drive(t, New(caseTraces(t, "11-otlp-deep-chain-10000.jsonl.gz"), Options{}), 100, 30, "G")
	row := screenRow(m, "recurser step 9999")
	if !strings.Contains(row, "…9999 └─   recurser step 9999 ") {
		t.Errorf("the deepest row: %q\n%s", row, screenText(m))
	}
	checkScreen(t, m, 100, 30)
}

// Selecting a span that carries a huge value costs what selecting any
// other span costs, and the details pane keeps to its width. Before, the
// 200 KB attribute cost ~0.85 s a keypress and a 1 MB value ~9 s.
func TestExplorerHugeValueIsCheap(t *testing.T) {
	for _, c := range []struct {
		file string
		keys []string // to the span with the huge value
	}{
		{"16-otlp-huge-attribute-values.json", nil},
		// Made for tracetui: a 1 MB resource attribute and a 1 MB event
		// field, accented, wide and full of escape sequences.
		{"jaeger-huge-resource-and-event.json.gz", []string{"j"}},
	} {
		m := drive(t, New(caseTraces(t, c.file), Options{}), 160, 40, append([]string{"d"}, c.keys...)...)
		start := time.Now()
		press(m, "tab", "pgdown", "tab") // scroll the details, back to the rows
		_ = m.View()
		if d := time.Since(start); d > 300*time.Millisecond {
			t.Fatalf("%s: %v for three keypresses with the huge value selected", c.file, d)
		}
		// The value is cut in the pane a few pages down, the cut counted.
		press(m, "tab")
		for k := 0; k < 60 && !strings.Contains(detailsText(m), "B more not shown)"); k++ {
			press(m, "pgdown")
		}
		if !strings.Contains(detailsText(m), "B more not shown)") {
			t.Errorf("%s: the cut of the huge value is not counted:\n%s", c.file, detailsText(m))
		}
		press(m, "tab")
		start = time.Now()
		for range 5 {
			press(m, "tab", "down", "tab") // scroll the details, back to the rows
			_ = m.View()
		}
		if d := time.Since(start) / 5; d > 100*time.Millisecond {
			t.Errorf("%s: %v a keypress with the huge value selected", c.file, d)
		}
		for _, line := range strings.Split(screenText(m), "\n") {
			if ansi.StringWidth(line) > 160 {
				t.Errorf("%s: a line wider than the screen: %q", c.file, line)
			}
		}
	}
}

// detailsText is the details pane beside the waterfall as one line of
// words, however its lines were wrapped.
func detailsText(m *Model) string {
	var words []string
	for _, line := range strings.Split(screenText(m), "\n") {
		if _, right, ok := strings.Cut(line, "│"); ok {
			words = append(words, strings.Fields(right)...)
		}
	}
	return strings.Join(words, " ")
}

// e jumps to a pinned error inside a folded run without unfolding the run:
// the run keeps its one row and the error its own, as when the trace opened.
func TestNextErrorKeepsRunsFolded(t *testing.T) {
	runs := func(m *Model) (rows []string) {
		for _, line := range strings.Split(screenText(m), "\n") {
			if strings.Contains(line, " ×") {
				rows = append(rows, strings.TrimPrefix(line, ">"))
			}
		}
		return rows
	}
	for _, name := range []string{"nplus1-error-hidden.json", "jaeger-errors-in-folded-runs.json"} {
		m := drive(t, New(caseTraces(t, name), Options{}), 120, 30, "d")
		want := strings.Join(runs(m), "\n")
		for k := range 4 {
			m = drive(t, m, 120, 30, "e")
			if got := strings.Join(runs(m), "\n"); got != want {
				t.Fatalf("%s: after e ×%d the folded runs\n%s\nbecame\n%s\n%s", name, k+1, want, got, screenText(m))
			}
		}
	}
}
