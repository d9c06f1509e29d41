package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

// with is compareKeys then more keys.
func with(keys ...string) []string {
	return append(compareKeys[:len(compareKeys):len(compareKeys)], keys...)
}

// removedLines are the waterfall's "−" rows, words joined by single spaces.
func removedLines(m *Model) []string {
	var out []string
	for _, l := range waterfallArea(m, screenText(m)) {
		if f := fields(l); strings.HasSuffix(f, "removed") {
			out = append(out, f)
		}
	}
	return out
}

func someHas(lines []string, s string) bool {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// A filter hides the "−" rows that do not match, as it hides B's rows,
// and keeps a matching "−" row's callers, in A and in B.
func TestBaselineFilterHidesRemovedRows(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 30}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := drive(t, New(demoTraces(t), Options{}), size[0], size[1], with("f", "type:payment", "enter")...)
			golden.Assert(t, checkScreen(t, m, size[0], size[1]))
			rm := removedLines(m)
			for _, gone := range []string{"ValidateCart", "inventory", "INSERT orders", "SELECT rates"} {
				if someHas(rm, gone) {
					t.Errorf("filter payment keeps the − row %q: %q", gone, rm)
				}
			}
			// payment POST /v1/charges matches; its caller in A is kept.
			if !someHas(rm, "payment POST") || !someHas(rm, "checkout POST") {
				t.Errorf("filter payment lost the matching − row or its caller: %q", rm)
			}
		})
	}
	// SELECT rates is only in A, under B's shipping GET /v2/rates, which
	// does not match: B's callers stay as its context.
	m := drive(t, New(demoTraces(t), Options{}), 120, 30, with("f", "type:SELECT rates", "enter")...)
	area := strings.Join(waterfallArea(m, screenText(m)), "\n")
	for _, want := range []string{"checkout GET /v2/rates", "shipping GET /v2/rates", "shipping SELECT rates"} {
		if !strings.Contains(area, want) {
			t.Errorf("filter SELECT rates lacks %q:\n%s", want, area)
		}
	}
	if rm := removedLines(m); len(rm) != 1 {
		t.Errorf("filter SELECT rates keeps %d − rows, want 1: %q", len(rm), rm)
	}
	// Clearing the baseline runs the filter again without it: B's rows
	// kept only as the − row's context (the root and the two rates
	// calls) are hidden again.
	before := m.trace.view().hiddenN
	m = drive(t, m, 120, 30, "B")
	if v := m.trace.view(); v.hiddenN != before+3 || lineOf(m, "shipping GET /v2/rates") != "" || !v.filtered() {
		t.Errorf("after B: %d spans hidden (was %d), shipping drawn %q", v.hiddenN, before, lineOf(m, "shipping GET /v2/rates"))
	}
	// esc brings every − row back.
	m = drive(t, New(demoTraces(t), Options{}), 120, 30, with("f", "type:SELECT rates", "enter", "esc")...)
	if rm := removedLines(m); len(rm) != 11 {
		t.Errorf("after esc %d − rows, want 11: %q", len(rm), rm)
	}
}

// The cursor on a "−" row the filter hides does not stay on it; on one
// it keeps, it stays.
func TestBaselineFilterMovesTheCursorOffHiddenRemovedRows(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 120, 30, with("j")...)
	if l := cursorLine(m); !strings.Contains(l, "ValidateCart") {
		t.Fatalf("j: cursor on %q, want ValidateCart", l)
	}
	m = drive(t, New(demoTraces(t), Options{}), 120, 30, with("j", "f", "type:payment", "enter")...)
	if l := cursorLine(m); l == "" || strings.Contains(l, "ValidateCart") {
		t.Errorf("after the filter the cursor is on %q", l)
	}
	// ValidateCart's callee reserves stock: "stock" keeps ValidateCart.
	m = drive(t, New(demoTraces(t), Options{}), 120, 30, with("j", "f", "type:stock", "enter")...)
	if l := cursorLine(m); !strings.Contains(l, "ValidateCart") {
		t.Errorf("a filter keeping ValidateCart moved the cursor to %q", l)
	}
}

// / finds "−" rows too, and n and N move the cursor onto them, in the
// order the lines are drawn.
func TestBaselineSearchFindsRemovedRows(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 120, 30, with("/", "type:inventory", "enter")...)
	if strings.Contains(m.status, "no span matches") || !strings.Contains(m.status, "/3 for") {
		t.Fatalf("/inventory: status %q, want 3 matches", m.status)
	}
	// The − rows found wear the match mark B's rows wear; the others not.
	for name, marked := range map[string]bool{"inventory POST /v1/reserve": true, "inventory UPDATE stock": true, "cart HGETALL": false} {
		if l := lineOf(m, name); strings.Contains(l, m.glyphs.Match) != marked {
			t.Errorf("%s drawn %q, marked should be %v", name, l, marked)
		}
	}
	var got []string
	for _, k := range []string{"n", "n", "n", "N"} {
		m = drive(t, m, 120, 30, k)
		got = append(got, fields(cursorLine(m)))
	}
	for k, want := range []string{"inventory POST /v1/reserve", "inventory UPDATE stock", "checkout POST /v1/reserve", "inventory UPDATE stock"} {
		if !strings.Contains(got[k], want) || !strings.HasSuffix(got[k], "removed") {
			t.Errorf("key %d: cursor on %q, want the − row %q", k+1, got[k], want)
		}
	}
	// Folded away (fold all) or filtered out, a match is unfolded and
	// the filter cleared, as for B's rows.
	for _, keys := range [][]string{
		with("-", "/", "type:UPDATE", "enter"),
		with("f", "type:payment", "enter", "/", "type:UPDATE", "enter"),
	} {
		m := drive(t, New(demoTraces(t), Options{}), 120, 30, keys...)
		if l := fields(cursorLine(m)); !strings.Contains(l, "inventory UPDATE stock") {
			t.Errorf("%q: cursor on %q, want inventory UPDATE stock", keys[len(compareKeys):], l)
		}
	}
	m = drive(t, New(demoTraces(t), Options{}), 120, 30, with("-", "/", "type:UPDATE", "enter")...)
	golden.Assert(t, checkScreen(t, m, 120, 30))
}

// removedSiblings is a baseline whose root called x, y and z (z-kid
// under z; z-kid never ended) and a trace whose root called x only.
func removedSiblings(t testing.TB) []trace.Analyzed {
	return append(loadTraces(t, load.Input{Name: "../testdata/baseline/removed_siblings_a.json"}),
		loadTraces(t, load.Input{Name: "../testdata/baseline/removed_siblings_b.json"})...)
}

// lineOf is the waterfall line naming name.
func lineOf(m *Model, name string) string {
	for _, l := range waterfallArea(m, screenText(m)) {
		if strings.Contains(l, name+" ") || strings.HasSuffix(l, name) {
			return l
		}
	}
	return ""
}

// B's last call is followed by "−" calls at its level: its guide is a
// tee, as tracetui diff draws it; fold all folds the "−" call with a
// callee though no B call beside it has one, saying what it hides.
func TestBaselineRemovedSiblingsTreeGuides(t *testing.T) {
	m := drive(t, New(removedSiblings(t), Options{}), 100, 14, compareKeys...)
	golden.Assert(t, checkScreen(t, m, 100, 14))
	for name, guide := range map[string]string{"api x": "├─", "api y": "├─", "api z": "└─", "api z-kid": "└─"} {
		if l := lineOf(m, name); !strings.Contains(l, guide) {
			t.Errorf("%s drawn %q, want %s", name, l, guide)
		}
	}
	m = drive(t, New(removedSiblings(t), Options{}), 100, 14, with("-")...)
	if l := fields(lineOf(m, "api z")); !strings.Contains(l, "└─ ▸ api z [+1]") {
		t.Errorf("fold all: z drawn %q, want folded with [+1]", l)
	}
	if l := lineOf(m, "api z-kid"); l != "" {
		t.Errorf("fold all: z-kid still drawn: %q", l)
	}
	m = drive(t, m, 100, 14, "+")
	if l := lineOf(m, "api z-kid"); l == "" {
		t.Error("+ does not unfold z")
	}
	// A filter leaving y out makes x's guide a tee still (z follows),
	// and one leaving only x makes it an elbow.
	m = drive(t, New(removedSiblings(t), Options{}), 100, 14, with("f", "type:x", "enter")...)
	if l := lineOf(m, "api x"); !strings.Contains(l, "└─") || lineOf(m, "api y") != "" {
		t.Errorf("filter x: x drawn %q, y %q", l, lineOf(m, "api y"))
	}
}

// A "−" call placed among B calls a filter hides comes after their
// elision line: the line is ├─, the call └─.
func TestBaselineRemovedRowAfterAnElisionLine(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 120, 14, with("f", "type:INSERT orders", "enter")...)
	if l := lineOf(m, "hidden (3 errors)"); !strings.Contains(l, "├─") {
		t.Errorf("elision line drawn %q, want ├─", l)
	}
	if l := lineOf(m, "checkout INSERT orders"); !strings.Contains(l, "└─") {
		t.Errorf("INSERT orders drawn %q, want └─", l)
	}
}

// An untimed call only A made reads "untimed" in the details, the word
// tracetui diff uses, not a "?".
func TestBaselineRemovedUntimedDetails(t *testing.T) {
	m := drive(t, New(removedSiblings(t), Options{}), 170, 24, with("G")...)
	s := paneText(m, screenText(m))
	if !strings.Contains(s, "in A: untimed (no end time)") || strings.Contains(s, "in A: ?") {
		t.Errorf("z-kid's details:\n%s", s)
	}
}
