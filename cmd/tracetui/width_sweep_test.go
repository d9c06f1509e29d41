package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/render"
)

// Issue 15 new-user sweep: stats --by service was three columns too wide
// at a few widths in every eight (80 gave 81) and list at 60 gave 65. Every
// width from 40 to 160, every grouping and sort (each sort at three widths in ten), on a terminal or piped:
// no line is wider than --width.
func TestStatsAndListFitEveryWidth(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps 121 widths")
	}
	files := []string{repoFile("..", "source", "demo", "demo.jsonl"), repoFile("findings", "checkout_findings.jsonl")}
	sorts := []string{"total", "self", "count", "avg", "p50", "p95", "p99", "max", "errors", "name"}
	fits := func(args []string, tty bool) {
		t.Helper()
		r := runCLI(t, nil, tty, args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		w := 0
		fmt.Sscan(args[2], &w)
		for _, l := range strings.Split(strings.TrimRight(r.stdout, "\n"), "\n") {
			if render.Width(l) > w {
				t.Errorf("%v (tty %v): a line of %d columns: %q", args, tty, render.Width(l), l)
				return
			}
		}
	}
	for w := 40; w <= 160; w++ {
		// pr.jsonl.gz's trace IDs need all 32 digits to stay apart.
		fits([]string{"list", "--width", fmt.Sprint(w), repoFile("runs", "pr.jsonl.gz")}, w%2 == 0)
		for _, f := range files {
			fits([]string{"list", "--width", fmt.Sprint(w), f}, w%2 == 0)
			for _, by := range []string{"operation", "service"} {
				// Every width, each sort at one width in ten: the sorted
				// column stays, so which is sorted changes what fits.
				for i, s := range sorts {
					if (w+i)%len(sorts) < 3 {
						fits([]string{"stats", "--width", fmt.Sprint(w), "--by", by, "--sort", s, f}, (w+i)%2 == 1)
					}
				}
			}
		}
	}
}
