package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// longIDTrace is runTrace with a trace ID that only its last digit tells
// apart from the others' (testdata/runs/pr.jsonl.gz's IDs are so).
func longIDTrace(t *testing.T, k byte, payFails bool) trace.Analyzed {
	t.Helper()
	tt := runTrace(t, k, 2, payFails).Tree.Trace
	tt.ID = trace.TraceID{0xb2, 0xb2, 0xb2, 0xb2, 15: k}
	for n := range tt.Spans {
		tt.Spans[n].TraceID = tt.ID
	}
	return trace.AnalyzeOne(tt, trace.PipelineOptions{Steps: trace.StepFindings})
}

// New-user sweep: at 40×10 the trace list's ERRORS head read "ERR…" and
// its counts "…", and with IDs needing all 32 digits at 60 columns the
// line was cut in SPANS. The error count stays whole at every width from
// 40; the root gives way first.
func TestListErrorCountStaysAtNarrowWidths(t *testing.T) {
	long := []trace.Analyzed{longIDTrace(t, 1, true), longIDTrace(t, 2, false), longIDTrace(t, 3, false)}
	for _, c := range []struct {
		name   string
		traces []trace.Analyzed
	}{{"demo", demoTraces(t)}, {"long_ids", long}} {
		for _, sz := range [][2]int{{40, 10}, {41, 10}, {50, 12}, {60, 15}, {70, 15}} {
			m := drive(t, New(c.traces, Options{}), sz[0], sz[1])
			s := checkScreen(t, m, sz[0], sz[1])
			lines := strings.Split(s, "\n")
			head := lineWith(s, "TRACE")
			if !strings.HasSuffix(strings.TrimRight(head, " "), "ERRORS") {
				t.Errorf("%s %dx%d: the ERRORS head is cut: %q\n%s", c.name, sz[0], sz[1], head, s)
			}
			// The rows come in start order, as c.traces are.
			for k, a := range c.traces {
				f := strings.Fields(lines[2+k])
				if want := fmt.Sprint(trace.Summarize(a.Tree, a.Analysis).Errors); len(f) == 0 || f[len(f)-1] != want {
					t.Errorf("%s %dx%d: row %d does not end in its %s errors: %q\n%s", c.name, sz[0], sz[1], k, want, lines[2+k], s)
				}
			}
			if c.name == "long_ids" && sz[0] >= 60 && !strings.Contains(s, "b2b2b2b2000000000000000000000001") {
				t.Errorf("%s %dx%d: at 60 columns the 32-digit IDs fit whole:\n%s", c.name, sz[0], sz[1], s)
			}
		}
	}
}
