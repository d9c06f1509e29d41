package tui

import (
	"strings"
	"testing"
)

func caseModel(t *testing.T, name string) *Model {
	t.Helper()
	return New(caseTraces(t, name), Options{})
}

// Defect F in the explorer: at 112 columns the axis ended "37.5 ms" with
// no "50.0 ms".
func TestExplorerAxisSaysHowLongTheTraceIs(t *testing.T) {
	for _, w := range []int{100, 109, 110, 112, 130, 200} {
		m := drive(t, caseModel(t, "09-otlp-child-overflows-parent-both-sides.json"), w, 30, "d")
		if ruler := strings.Split(screenText(m), "\n")[3]; !strings.Contains(ruler, "50.0 ms duration") {
			t.Errorf("%d columns: the axis lacks its end: %q", w, ruler)
		}
	}
}

// Defect G in the explorer: the trace with no timed span (cart poll) read
// "start unknown · 0 ns" over "0 0 0 0 0".
func TestExplorerUntimedTraceSaysDurationUnknown(t *testing.T) {
	m := drive(t, caseModel(t, "otlp-nplus1-overflows-parent.json"), 100, 24)
	for k := 0; k < len(m.list.shown) && m.list.all[m.list.shown[m.list.cur]].RootName != "poll"; k++ {
		m = drive(t, m, 100, 24, "j")
	}
	s := screenText(drive(t, m, 100, 24, "enter"))
	lines := strings.Split(s, "\n")
	if !strings.Contains(s, "cart poll") || !strings.HasPrefix(lines[1], "duration unknown · 6 spans") {
		t.Errorf("the header of an untimed trace:\n%s", s)
	}
	if strings.ContainsAny(strings.TrimSuffix(lines[3], "duration"), "0123456789") {
		t.Errorf("an untimed trace has no axis: %q", lines[3])
	}
}
