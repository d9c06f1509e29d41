package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/trace"
)

// waterfallRows are the lines between the ruler and the breadcrumb of a
// trace screen with the details pane off: the rows, then any blank lines.
func waterfallRows(t *testing.T, m *Model) []string {
	t.Helper()
	lines := strings.Split(screenText(m), "\n")
	return lines[4 : len(lines)-3]
}

// blankBelowRows fails when the screen shows blank rows while rows exist
// above the first one shown (defect A, issue 15 item 3).
func blankBelowRows(t *testing.T, m *Model, what string) {
	t.Helper()
	rows := waterfallRows(t, m)
	if v := m.trace.view(); v.top > 0 && rows[len(rows)-1] == "" {
		t.Errorf("%s: blank rows below while %d rows start above the screen:\n%s", what, v.top, screenText(m))
	}
	sel := false
	for _, r := range rows {
		sel = sel || strings.HasPrefix(r, ">")
	}
	if !sel {
		t.Errorf("%s: the selected row is off screen:\n%s", what, screenText(m))
	}
}

// Defect A: at 80×12, enter, G, - (fold all) showed 3 of the 5 rows, the
// root and ValidateCart off screen above blank lines, and stayed so after
// a resize to 200×50.
func TestFoldAllAtTheBottomShowsEveryRow(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 80, 12, "enter", "G", "-")
	golden.AssertNamed(t, "TestFoldAllAtTheBottomShowsEveryRow/80x12", checkScreen(t, m, 80, 12))
	m = drive(t, m, 200, 50)
	rows := waterfallRows(t, m)
	if !strings.Contains(rows[0], "checkout POST /checkout") || !strings.Contains(rows[1], "ValidateCart") {
		t.Errorf("after a resize to 200×50 the root and ValidateCart are the first rows:\n%s", screenText(m))
	}
}

// Issue 15 item 3: at 80×24, G, resize to 60×12, then 100×30 left the
// root and five rows hidden above 18 blank rows; d, G, d did the same.
func TestResizeAndPaneToggleKeepTheScreenFull(t *testing.T) {
	open := func() *Model {
		return drive(t, New(demoTraces(t), Options{}), 80, 24, "j", "enter")
	}
	m := drive(t, open(), 80, 24, "G")
	blankBelowRows(t, drive(t, m, 60, 12), "G at 80×24, resize to 60×12")
	m = drive(t, m, 100, 30)
	blankBelowRows(t, m, "then 100×30")
	if !strings.Contains(waterfallRows(t, m)[0], "checkout POST /checkout") {
		t.Errorf("at 100×30 the 11 rows fit, the root first:\n%s", screenText(m))
	}
	m = drive(t, open(), 80, 24, "d", "G", "d")
	blankBelowRows(t, m, "d, G, d")
	// Folds and filters shorten what lies below the top too.
	m = drive(t, open(), 80, 12, "G", "g", "j", "space", "G")
	blankBelowRows(t, m, "G, fold")
	m = drive(t, open(), 80, 12, "G", "f", "type:service=payment", "enter")
	blankBelowRows(t, m, "G, filter")
}

// The same on a big trace: any resize keeps the selection on screen and
// the screen full.
func TestBigTraceResizeKeepsTheSelection(t *testing.T) {
	big := bigTrace(20_000)
	m := drive(t, New([]trace.Analyzed{big}, Options{NoColor: true}), 100, 30, "G", "-")
	for _, size := range [][2]int{{100, 30}, {60, 12}, {200, 50}, {40, 10}, {130, 40}} {
		m = drive(t, m, size[0], size[1], "d")
		blankBelowRows(t, m, "resize and d")
	}
}

// Defect C: at 150 columns the details pane is on; the first frame of an
// opened trace shows it, and the first d hides it. The width may arrive
// after the keys (a single trace opens before the terminal says its size):
// the pane follows the width until the user presses d.
func TestDetailsPaneFollowsTheWidthUntilD(t *testing.T) {
	hasPane := func(m *Model) bool { return strings.Contains(screenText(m), "details · tab") }
	m := drive(t, New(demoTraces(t), Options{}), 150, 40, "j", "enter")
	if !hasPane(m) {
		t.Fatalf("at 150×40 the opened trace shows the details pane:\n%s", screenText(m))
	}
	if m = drive(t, m, 150, 40, "d"); hasPane(m) {
		t.Errorf("the first d hides the pane that was shown:\n%s", screenText(m))
	}
	one := New(demoTraces(t)[1:], Options{}) // opened at once, before any size
	var tm tea.Model = one
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
	if !hasPane(tm.(*Model)) {
		t.Errorf("a trace opened before the size arrived shows the pane at 200 columns:\n%s", screenText(tm.(*Model)))
	}
	if m = drive(t, tm.(*Model), 80, 24); hasPane(m) {
		t.Errorf("narrowed to 80 columns, the pane the user never asked for goes:\n%s", screenText(m))
	}
}

// Defect D: tab gives the details pane the keys, and the screen says so:
// the pane's title bar and the hint line change, and j scrolls the pane.
func TestTabShowsWhichPaneHasTheKeys(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "j", "enter", "d")
	before := screenText(m)
	m = drive(t, m, 100, 30, "tab")
	golden.AssertNamed(t, "TestTabShowsWhichPaneHasTheKeys/focused_100x30", checkScreen(t, m, 100, 30))
	after := screenText(m)
	if !strings.Contains(after, "> details has the keys") || !strings.Contains(after, "tab back to waterfall") {
		t.Errorf("with the keys, the pane's title and the hints say so:\n%s", after)
	}
	if strings.Contains(before, "has the keys") {
		t.Errorf("without them, they do not:\n%s", before)
	}
	cur := m.trace.view().cur
	m = drive(t, m, 100, 30, "j")
	if m.trace.view().cur != cur || m.trace.view().detailTop != 1 {
		t.Errorf("j scrolls the details pane, not the waterfall")
	}
	m = drive(t, m, 100, 30, "tab", "j")
	if m.trace.view().cur == cur || strings.Contains(screenText(m), "has the keys") {
		t.Errorf("tab again gives the waterfall the keys back:\n%s", screenText(m))
	}
}
