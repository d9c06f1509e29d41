package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/trace"
)

// waterfallArea is the screen's waterfall lines, cut to its width (the
// details pane may sit beside it).
func waterfallArea(m *Model, s string) []string {
	lay := m.trace.size()
	lines := strings.Split(s, "\n")[4 : 4+lay.rows]
	for k, l := range lines {
		lines[k] = strings.TrimRight(ansi.Truncate(l, lay.waterfallW, ""), " ")
	}
	return lines
}

// cursorLine is the waterfall line the cursor is on, without its mark;
// "" when it is off screen.
func cursorLine(m *Model) string {
	for _, l := range waterfallArea(m, screenText(m)) {
		if strings.HasPrefix(l, ">") {
			return l[1:]
		}
	}
	return ""
}

// paneText is the details pane's text, words joined by single spaces
// (beside the waterfall, or the whole screen when it is under it).
func paneText(m *Model, s string) string {
	lay := m.trace.size()
	if !lay.side {
		return fields(s)
	}
	var right []string
	for _, l := range strings.Split(s, "\n")[:4+lay.rows] {
		right = append(right, ansi.TruncateLeft(l, lay.waterfallW+1, ""))
	}
	return fields(strings.Join(right, "\n"))
}

// trailingPair is runTrace's pair where B never pays: A's pay call is a
// "−" row after B's last row. differentRoots is a pair whose roots differ:
// A's whole tree is "−" rows above B's first row.
func trailingPair(t testing.TB) []trace.Analyzed {
	b := runTrace(t, 2, 2, false)
	tt := b.Tree.Trace
	tt.Spans = slices.DeleteFunc(tt.Spans, func(s trace.Span) bool { return s.Name == "POST /charge" })
	return []trace.Analyzed{runTrace(t, 1, 6, false), trace.AnalyzeOne(tt, trace.PipelineOptions{Steps: trace.StepFindings})}
}

func differentRoots(t testing.TB) []trace.Analyzed {
	b := runTrace(t, 2, 2, false)
	b.Tree.Span(b.Tree.Roots[0]).Name = "GET /cart"
	return []trace.Analyzed{runTrace(t, 1, 6, false), b}
}

// j walks every line of the compared waterfall, "−" rows included, in the
// order they are drawn, and k walks back; on a screen too short for them
// the cursor's line stays on screen, the screen scrolls a line at a time
// and the walk is the same.
func TestBaselineCursorWalksEveryLine(t *testing.T) {
	pairs := map[string]func(testing.TB) []trace.Analyzed{
		"demo": demoTraces, "trailing": trailingPair, "roots": differentRoots,
	}
	// A filter leaves some "−" rows of a block out ("stock" keeps
	// ValidateCart's reserve calls, not its cart calls): the walk is the
	// lines drawn all the same.
	filters := map[string][]string{"": nil, "_stock": {"f", "type:stock", "enter"}, "_payment": {"f", "type:payment", "enter"}}
	for name, pair := range pairs {
		for fname, filter := range filters {
			if fname != "" && name != "demo" {
				continue
			}
			walkEveryLine(t, name+fname, pair, append(compareKeys[:len(compareKeys):len(compareKeys)], filter...))
		}
	}
}

func walkEveryLine(t *testing.T, name string, pair func(testing.TB) []trace.Analyzed, compareKeys []string) {
	{
		// Every line, on a screen tall enough for all.
		tall := drive(t, New(pair(t), Options{}), 100, 60, compareKeys...)
		var all []string
		for _, l := range waterfallArea(tall, screenText(tall)) {
			if l != "" {
				all = append(all, l[1:])
			}
		}
		for _, h := range []int{60, 12, 9} {
			t.Run(fmt.Sprintf("%s_100x%d", name, h), func(t *testing.T) {
				m := drive(t, New(pair(t), Options{}), 100, h, append(compareKeys, "g")...)
				// The screen shows a window of every line; a key moves it
				// by one line at most: scrolling never jumps.
				at := 0
				step := func(k string) string {
					drive(t, m, 100, h, k)
					var area []string
					for _, l := range waterfallArea(m, screenText(m)) {
						if l != "" {
							area = append(area, l[1:])
						}
					}
					o := -1
					for _, d := range []int{0, 1, -1} {
						if n := at + d; n >= 0 && n+len(area) <= len(all) && slices.Equal(all[n:n+len(area)], area) {
							o = n
							break
						}
					}
					if o < 0 {
						t.Fatalf("after %s the screen is not the window from line %d, or the next one:\n%s", k, at, screenText(m))
					}
					at = o
					return cursorLine(m)
				}
				walk := []string{cursorLine(m)}
				for range len(all) {
					walk = append(walk, step("j"))
				}
				if want := slices.Concat(all, all[len(all)-1:]); !slices.Equal(walk, want) { // j at the end stays
					t.Fatalf("j from g walked\n%s\nwant\n%s", strings.Join(walk, "\n"), strings.Join(want, "\n"))
				}
				back := []string{}
				for range len(all) - 1 {
					back = append(back, step("k"))
				}
				slices.Reverse(back)
				if !slices.Equal(back, all[:len(all)-1]) {
					t.Fatalf("k from the end walked back\n%s\nwant\n%s", strings.Join(back, "\n"), strings.Join(all, "\n"))
				}
			})
		}
	}
}

// G and g land on the waterfall's last and first lines, "−" rows there
// too: the call B never made after its last row, A's tree above B's root.
func TestBaselineEndsAreRemovedRows(t *testing.T) {
	m := drive(t, New(trailingPair(t), Options{}), 100, 9, append(compareKeys, "G")...)
	if l := fields(cursorLine(m)); !strings.HasSuffix(l, "pay POST /charge − 30.0 ms removed") {
		t.Errorf("G on the trailing pair: cursor on %q, want A's pay call", l)
	}
	area := waterfallArea(m, checkScreen(t, m, 100, 9))
	if !strings.HasPrefix(area[len(area)-1], ">") {
		t.Errorf("G: the cursor is not on the last line:\n%s", strings.Join(area, "\n"))
	}
	m = drive(t, New(differentRoots(t), Options{}), 100, 9, append(compareKeys, "G", "g")...)
	s := checkScreen(t, m, 100, 9)
	golden.Assert(t, s)
	if l := waterfallArea(m, s)[0]; !strings.HasPrefix(l, ">") || !strings.Contains(l, "shop GET /order") {
		t.Errorf("g on different roots: first line %q, want the cursor on A's root", l)
	}
}

// A run only A made says how many calls and their total, and that the
// details are the first call's.
func TestBaselineRemovedRunDetails(t *testing.T) {
	m := drive(t, New(differentRoots(t), Options{}), 170, 24, append(compareKeys, "g", "j")...)
	want := "only in the baseline (A): its caller shop GET /order is not in B either in A: ×6 calls, 24.0 ms in all; the first call's details follow"
	if s := paneText(m, screenText(m)); !strings.Contains(s, want) {
		t.Errorf("details of the removed run lack %q:\n%s", want, screenText(m))
	}
}

// The "−" row the cursor is on is drawn selected, as B's rows are, and
// B's row before it is not.
func TestBaselineRemovedRowIsDrawnSelected(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 140, 24, append(compareKeys, "j")...)
	if m.styles.Selected == "" {
		t.Skip("no styles in this environment")
	}
	n := 0
	for _, l := range strings.Split(m.View().Content, "\n") {
		if strings.Contains(l, m.styles.Selected) {
			n++
			if !strings.Contains(l, "ValidateCart") {
				t.Errorf("selected line %q, want the removed ValidateCart", ansi.Strip(l))
			}
		}
	}
	if n != 1 {
		t.Errorf("%d lines drawn selected, want 1", n)
	}
}

// On a "−" row the details pane shows the baseline's span, saying it is
// only in the baseline and why, and the path line is its path in A.
func TestBaselineRemovedRowShowsItsDetails(t *testing.T) {
	for _, c := range []struct {
		w, h int
		d    []string
	}{{80, 40, []string{"d"}}, {170, 30, nil}} {
		t.Run(fmt.Sprintf("%dx%d", c.w, c.h), func(t *testing.T) {
			size := [2]int{c.w, c.h}
			// The root, ValidateCart, GET /v1/cart, cart GET /v1/cart.
			m := drive(t, New(demoTraces(t), Options{}), size[0], size[1], append(append(compareKeys, c.d...), "j", "j", "j")...)
			s := checkScreen(t, m, size[0], size[1])
			golden.Assert(t, s)
			text := paneText(m, s) + " " + fields(strings.Split(s, "\n")[size[1]-3]) // and the path line
			for _, want := range []string{
				"only in the baseline (A): its caller checkout GET /v1/cart is not in B either",
				"in A: 22.0 ms, 1 call under it, none in B",
				"service: cart",
				"checkout ValidateCart › checkout GET /v1/cart › cart GET /v1/cart", // its path in A
			} {
				if !strings.Contains(text, want) {
					t.Errorf("screen lacks %q:\n%s", want, s)
				}
			}
			if l := fields(cursorLine(m)); !strings.Contains(l, "cart GET") || !strings.HasSuffix(l, "removed") {
				t.Errorf("cursor on %q, want the removed cart GET /v1/cart", l)
			}
		})
	}
	// A removed call whose caller is in B says B's caller made no such call.
	m := drive(t, New(demoTraces(t), Options{}), 170, 30, append(compareKeys, "j")...)
	if s := paneText(m, screenText(m)); !strings.Contains(s, "only in the baseline (A): B's checkout POST /checkout made no such call") ||
		!strings.Contains(s, "trace id: 4bf92f3577b34da6a3ce929d0e0e4736") { // A's
		t.Errorf("ValidateCart's details do not say why it is gone:\n%s", screenText(m))
	}
}

// A "−" block running past the screen's bottom edge: j scrolls into it a
// line at a time, the cursor on the last line, and the details follow.
func TestBaselineRemovedBlockAtTheBottomEdge(t *testing.T) {
	// 140x12: five waterfall lines, the root and four of ValidateCart's
	// seven "−" rows; the fifth is the first below the edge.
	m := drive(t, New(demoTraces(t), Options{}), 140, 12, append(compareKeys, "j", "j", "j", "j")...)
	for _, want := range []string{"checkout POST /v1/reserve", "inventory POST /v1/reserve", "inventory UPDATE stock", "checkout GET /v1/cart"} {
		m = drive(t, m, 140, 12, "j")
		s := checkScreen(t, m, 140, 12)
		if want == "checkout POST /v1/reserve" {
			golden.Assert(t, s)
		}
		area := waterfallArea(m, s)
		if last := area[len(area)-1]; !strings.HasPrefix(last, ">") || !strings.Contains(last, want) {
			t.Fatalf("j onto %s: last line %q, want the cursor there:\n%s", want, last, s)
		}
		if p := strings.Split(s, "\n")[9]; !strings.HasSuffix(p, want) {
			t.Errorf("path line %q, want it to end at %s", p, want)
		}
	}
}

// esc and B clear the baseline with the cursor on a "−" row: the cursor
// goes to the B row after it (or B's last row when none follows), on
// screen, and the details are that row's.
func TestBaselineClearingOnARemovedRow(t *testing.T) {
	for _, clear := range []string{"esc", "B"} {
		m := drive(t, New(demoTraces(t), Options{}), 100, 12, append(compareKeys, "j", "j", "j", clear)...)
		s := checkScreen(t, m, 100, 12)
		if clear == "esc" {
			golden.Assert(t, s)
		}
		if m.base.trace != nil {
			t.Fatalf("%s did not clear the baseline", clear)
		}
		if l := fields(cursorLine(m)); !strings.Contains(l, "checkout GET /v1/cart") || strings.Contains(l, "removed") {
			t.Errorf("after %s the cursor is on %q, want B's checkout GET /v1/cart (the row after the − block)", clear, l)
		}
	}
	m := drive(t, New(trailingPair(t), Options{}), 100, 12, append(compareKeys, "G", "esc")...)
	if l := fields(cursorLine(m)); !strings.Contains(l, "db SELECT items") {
		t.Errorf("esc on a trailing − row: cursor on %q, want B's last row", l)
	}
}

// Keys that act on B's span say why not on a "−" row, or act on A's
// span: h goes to the caller (a "−" row, or B's row), o follows A's links.
func TestBaselineKeysOnARemovedRow(t *testing.T) {
	on := func(keys ...string) *Model {
		// The cursor on cart GET /v1/cart, inside ValidateCart's block.
		return drive(t, New(demoTraces(t), Options{}), 140, 24, append(append(compareKeys, "j", "j", "j"), keys...)...)
	}
	for k, want := range map[string]string{
		"space": "folds with B's calls beside it",
		"z":     "its times are A's",
		"y":     "open the baseline trace to copy",
		"o":     "the selected span has no links",
	} {
		if m := on(k); !strings.Contains(m.status, want) || !strings.Contains(cursorLine(m), "cart GET") {
			t.Errorf("%s on a − row: status %q, cursor %q; want %q and the cursor kept", k, m.status, cursorLine(m), want)
		}
	}
	m := on("h")
	if l := fields(cursorLine(m)); !strings.Contains(l, "checkout GET /v1/cart − 26.0 ms removed") {
		t.Errorf("h: cursor on %q, want the removed caller checkout GET /v1/cart", l)
	}
	m = drive(t, m, 140, 24, "h", "h")
	if l := fields(cursorLine(m)); !strings.Contains(l, "checkout POST /checkout") {
		t.Errorf("h h h: cursor on %q, want B's root (ValidateCart's caller)", l)
	}
	// Fold all folds the block into its first row: the cursor goes to it.
	m = on("-")
	if l := fields(cursorLine(m)); !strings.Contains(l, "checkout ValidateCart") {
		t.Errorf("- with the cursor in a − block: cursor on %q, want the folded block's row", l)
	}
}

// The mouse wheel moves the cursor by lines too, "−" rows counted.
func TestBaselineWheelCountsRemovedRows(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 24, compareKeys...)
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if l := fields(cursorLine(m)); !strings.Contains(l, "cart GET /v1/cart − 22.0 ms removed") {
		t.Errorf("wheel down from the root: cursor on %q, want the third line, a − row", l)
	}
}
