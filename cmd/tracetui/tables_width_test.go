package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/render"
)

// Issue 15 item 9: list and stats kept a 90- and 105-column minimum at
// --width 40. Every line fits the width, piped or on a terminal; what the
// table leaves out is said; IDs stay long enough to paste into --trace and
// operation names never read alike.
func TestListAndStatsFitTheWidth(t *testing.T) {
	demo := repoFile("..", "source", "demo", "demo.jsonl")
	findings := repoFile("findings", "checkout_findings.jsonl")
	for _, w := range []int{40, 60, 120} {
		for _, c := range []struct {
			name string
			args []string
		}{
			{"list/demo", []string{"list", demo}},
			{"stats/demo", []string{"stats", demo}},
			{"stats/findings_p99", []string{"stats", "--sort", "p99", findings}},
		} {
			args := append([]string{c.args[0], "--width", fmt.Sprint(w)}, c.args[1:]...)
			for _, tty := range []bool{false, true} {
				r := runCLI(t, nil, tty, args...)
				if r.code != 0 {
					t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
				}
				for _, l := range strings.Split(strings.TrimRight(r.stdout, "\n"), "\n") {
					if render.Width(l) > w {
						t.Errorf("%v (tty %v): a line of %d columns: %q", args, tty, render.Width(l), l)
					}
				}
				if !tty {
					golden.AssertNamed(t, fmt.Sprintf("%s_w%d", c.name, w), r.stdout)
				}
			}
		}
	}
}

// Issue 15 item 6: a trace none of whose spans has times read "0 ns" in
// list's DURATION, a measurement it never had.
func TestListSaysUntimed(t *testing.T) {
	file := repoFile("list", "untimed.jsonl")
	r := runCLI(t, nil, false, "list", "--width", "100", file)
	golden.AssertNamed(t, "list/untimed_w100", r.stdout)
	if strings.Contains(r.stdout, "0 ns") || !strings.Contains(r.stdout, "untimed") {
		t.Errorf("an untimed trace in the list:\n%s", r.stdout)
	}
	md := runCLI(t, nil, false, "list", "--format", "markdown", file).stdout
	if strings.Contains(md, "0 ns") || !strings.Contains(md, "| untimed |") {
		t.Errorf("an untimed trace in the markdown list:\n%s", md)
	}
}
