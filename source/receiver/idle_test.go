package receiver

import (
	"testing"
	"time"
)

// A trace that gets spans after it was reported comes back once more,
// saying how many spans it had at its first report.
func TestIdleReportsLateSpansAsAnUpdate(t *testing.T) {
	st := NewStore(0)
	now := time.Now()
	st.Add(spansOf(1, 0, 1), now)
	first := st.Idle(now.Add(3*time.Second), 2*time.Second, false)
	if len(first) != 1 || first[0].Earlier != 0 || len(first[0].Trace.Spans) != 1 {
		t.Fatalf("first report: %+v", first)
	}
	st.Add(spansOf(1, 1, 2), now.Add(4*time.Second))
	if early := st.Idle(now.Add(5*time.Second), 2*time.Second, false); len(early) != 0 {
		t.Errorf("reported again before --trace-timeout of quiet: %+v", early)
	}
	again := st.Idle(now.Add(7*time.Second), 2*time.Second, false)
	if len(again) != 1 || again[0].Earlier != 1 || len(again[0].Trace.Spans) != 3 {
		t.Errorf("update: %+v, want 3 spans, 1 at the earlier report", again)
	}
}
