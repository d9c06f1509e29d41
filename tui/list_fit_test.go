package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
)

// listRows are the list's trace rows on screen (title, heads, status
// and hints left out), and whether the selected one is among them.
func listRows(s string) (rows, blank int, selected bool) {
	lines := strings.Split(s, "\n")
	for _, l := range lines[2 : len(lines)-2] {
		switch {
		case strings.TrimSpace(l) == "":
			blank++
		default:
			rows++
			selected = selected || strings.HasPrefix(l, ">")
		}
	}
	return rows, blank, selected
}

// After any resize the selected trace stays on screen, and the list
// never shows blank lines while traces are hidden above.
func TestListKeepsTheCursorAcrossResizes(t *testing.T) {
	var traces []trace.Analyzed
	for k := 1; k <= 43; k++ {
		traces = append(traces, runTrace(t, byte(k), 2, false))
	}
	sizes := [][2]int{{120, 30}, {80, 24}, {120, 30}, {60, 10}, {200, 60}, {80, 24}}
	for _, baseline := range []bool{false, true} {
		t.Run(fmt.Sprintf("baseline=%v", baseline), func(t *testing.T) {
			opt := Options{}
			if baseline {
				opt = Options{BaselineTitle: "main.jsonl", Baseline: func() ([]trace.Summary, error) { return summaries(traces[:5]), nil }}
			}
			m := New(traces, opt)
			if baseline {
				m.Update(findMsg[runLoadedMsg](t, m.Init()))
			}
			for _, keys := range [][]string{{"G"}, {"G", "k", "k", "k"}, {"g"}, {"G", "pgup"}} {
				m = drive(t, m, sizes[0][0], sizes[0][1], keys...)
				for _, sz := range sizes {
					m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
					s := checkScreen(t, m, sz[0], sz[1])
					rows, blank, sel := listRows(s)
					if !sel {
						t.Fatalf("keys %v, resized to %dx%d: no selected row on screen:\n%s", keys, sz[0], sz[1], s)
					}
					if want := min(43, sz[1]-4); rows != want || blank != sz[1]-4-want {
						t.Fatalf("keys %v, resized to %dx%d: %d rows and %d blank lines, want %d rows:\n%s",
							keys, sz[0], sz[1], rows, blank, want, s)
					}
				}
			}
		})
	}
}
