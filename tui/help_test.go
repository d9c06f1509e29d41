package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
)

// helpPages scrolls help to its end with j, collecting every line shown.
func helpPages(t *testing.T, m *Model, w, h int) string {
	t.Helper()
	seen := []string{checkScreen(t, m, w, h)}
	for k := 0; k < 200; k++ {
		top := m.help.top
		if m = drive(t, m, w, h, "j"); m.help.top == top {
			break
		}
		seen = append(seen, checkScreen(t, m, w, h))
	}
	return strings.Join(seen, "\n")
}

// Defect B and issue 15 item 6: every key of the screen help was opened
// over, and the global ones, can be read at any size down to 40×10; a
// trace's help lists no list-only key, the list's lists its own.
func TestHelpFitsOrScrollsAndListsTheScreensKeys(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {80, 24}, {40, 10}} {
		w, h := size[0], size[1]
		m := drive(t, New(demoTraces(t), Options{}), w, h, "enter", "?")
		all := helpPages(t, m, w, h)
		for _, want := range []string{"F  findings", "M  service map", "T  statistics", "W  loader warnings",
			"q  quit", "esc  back / clear", "b  bottleneck", "tab  keys to details", "tab   back to waterfall"} {
			if !strings.Contains(squeeze(all), squeeze(want)) {
				t.Errorf("%dx%d: help from a trace never shows %q:\n%s", w, h, want, all)
			}
		}
		for _, not := range []string{"open trace", "s  sort"} {
			if strings.Contains(squeeze(all), squeeze(not)) {
				t.Errorf("%dx%d: help from a trace lists the list's %q", w, h, not)
			}
		}
		m = drive(t, New(demoTraces(t), Options{}), w, h, "?")
		all = helpPages(t, m, w, h)
		for _, want := range []string{"enter  open trace", "s  sort", "f  filter", "T  statistics"} {
			if !strings.Contains(squeeze(all), squeeze(want)) {
				t.Errorf("%dx%d: help from the list never shows %q:\n%s", w, h, want, all)
			}
		}
		if strings.Contains(all, "fold all") {
			t.Errorf("%dx%d: help from the list lists the waterfall's keys", w, h)
		}
	}
	m := drive(t, New(demoTraces(t), Options{}), 40, 10, "enter", "?")
	golden.AssertNamed(t, "TestHelpFitsOrScrollsAndListsTheScreensKeys/trace_40x10", checkScreen(t, m, 40, 10))
	m = drive(t, m, 40, 10, "j", "j")
	golden.AssertNamed(t, "TestHelpFitsOrScrollsAndListsTheScreensKeys/trace_40x10_jj", checkScreen(t, m, 40, 10))
	if m = drive(t, m, 40, 10, "G", "g"); m.help.top != 0 {
		t.Errorf("g returns to the top of help")
	}
	if m = drive(t, m, 40, 10, "esc"); m.help.shown {
		t.Errorf("esc closes help")
	}
}

// squeeze collapses runs of spaces, so a key and its words match however
// the columns pad them.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// Issue 15 item 8: loader warnings were cut in the status line with no
// way to read them; W (listed in help) shows them all, whole, scrolling.
func TestWarningsKeyListsEveryLoaderWarning(t *testing.T) {
	var warnings []string
	for k := 1; k <= 30; k++ {
		warnings = append(warnings, fmt.Sprintf("traces.jsonl:%d: invalid JSON: unexpected end of input after \"resourceSpans\" (rest of line skipped; the line's spans are lost, line %d)", k*7, k))
	}
	m := drive(t, New(demoTraces(t), Options{Warnings: warnings}), 80, 24)
	if s := screenText(m); !strings.Contains(s, "30 loader warnings (W lists them): traces.jsonl:7:") {
		t.Errorf("the status line says how many and which key lists them:\n%s", s)
	}
	m = drive(t, m, 80, 24, "W")
	golden.AssertNamed(t, "TestWarningsKeyListsEveryLoaderWarning/80x24", checkScreen(t, m, 80, 24))
	all := ""
	for k := 0; k < 40; k++ {
		all += screenText(m)
		m = drive(t, m, 80, 24, "pgdown")
	}
	for _, want := range []string{"line 1)", "line 30)", "traces.jsonl:210:"} {
		if !strings.Contains(all, want) {
			t.Errorf("scrolling the panel never shows %q", want)
		}
	}
	if m = drive(t, m, 80, 24, "esc"); m.panel.kind != panelNone {
		t.Error("esc closes the warnings")
	}
	if s := screenText(drive(t, New(demoTraces(t), Options{}), 80, 24, "W")); !strings.Contains(s, "no loader warnings") {
		t.Errorf("with none, the panel says so:\n%s", s)
	}
}
