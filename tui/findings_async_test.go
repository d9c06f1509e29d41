package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
)

// asyncOpen is the explorer handed one trace the way open hands over a
// trace it opens at once: only the folds found, the rest of the findings
// coming from Loaded.Find. It returns the Cmd that finds them.
func asyncOpen(t *testing.T, eager trace.Analyzed, w, h int, keys ...string) (*Model, tea.Cmd) {
	t.Helper()
	first, find := trace.AnalyzeFolded(eager.Tree.Trace, trace.PipelineOptions{Steps: trace.StepFindings})
	loaded := Loaded{Traces: []trace.Analyzed{first}, Find: find}
	m := drive(t, New(nil, Options{Title: "one.jsonl", Load: func(func(Progress)) (Loaded, error) { return loaded, nil }}), w, h)
	_, cmd := m.Update(loadedMsg{Loaded: loaded})
	if m.err != nil || cmd == nil {
		t.Fatalf("no Cmd to find the rest (error %v)", m.err)
	}
	return drive(t, m, w, h, keys...), cmd
}

// A trace opened at once is drawn before its findings are complete: the
// waterfall is already folded as it will stay, the header says the
// findings are on their way and the panel waits for them; once they land
// every screen is the one drawn with them from the start.
func TestFindingsLandAfterTheFirstFrame(t *testing.T) {
	checked := 0
	for _, eager := range demoTraces(t) {
		if len(trace.Fold(eager.Tree, trace.FindOptions{}).List) == len(eager.Findings.List) {
			continue // nothing left to find: nothing to see arrive
		}
		checked++
		for _, c := range []struct {
			name string
			keys []string
		}{
			{"waterfall", nil},
			{"moved", []string{"j", "j", "space"}},
			{"findings panel", []string{"F"}},
		} {
			want := screenText(drive(t, New([]trace.Analyzed{eager}, Options{}), 200, 30, c.keys...))
			m, cmd := asyncOpen(t, eager, 200, 30, c.keys...)
			before := screenText(m)
			switch {
			case c.name == "findings panel":
				if !strings.Contains(before, "findings · building…") {
					t.Errorf("the findings panel waits for all of them:\n%s", before)
				}
			case !strings.Contains(before, "· finding…") || strings.Contains(before, "findings (F)"):
				t.Errorf("%s: before the findings land the header says they are on their way:\n%s", c.name, before)
			case rowsOf(before) != rowsOf(want):
				t.Errorf("%s: the waterfall must be folded as it will stay:\n%s\nwant rows of\n%s", c.name, before, want)
			}
			feedMsgs(m, cmd)
			if got := screenText(m); got != want {
				t.Errorf("%s: once the findings land:\n%s\nwant the screen drawn with them from the start:\n%s", c.name, got, want)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no demo trace has findings past its folds: nothing arrives late")
	}
}

// rowsOf is the screen without its header's facts line (the second),
// the one line that waits for the findings.
func rowsOf(screen string) string {
	lines := strings.Split(screen, "\n")
	if len(lines) > 1 {
		lines = append(lines[:1], lines[2:]...)
	}
	return strings.Join(lines, "\n")
}
