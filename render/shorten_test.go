package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/rundiff"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// Three routes alike at both ends, different in the middle.
var routes = []string{
	"svc GET /api/v1/customers/{customer_id}/orders/{order_id}/items/{item_id}/details",
	"svc GET /api/v1/customers/{customer_id}/orders/{order_id}/lines/{item_id}/details",
	"svc GET /api/v1/customers/{customer_id}/invoices/{order_id}/items/{item_id}/details",
}

func assertDistinct(t *testing.T, what string, got []string, w int) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range got {
		if Width(s) > w {
			t.Errorf("%s: %q is %d columns, over %d", what, s, Width(s), w)
		}
		if seen[s] {
			t.Errorf("%s: two names read %q", what, s)
		}
		seen[s] = true
	}
}

func TestFitNamesKeepsWhereNamesDiffer(t *testing.T) {
	for _, w := range []int{14, 20, 29, 40, 60} {
		for _, g := range []*Glyphs{Unicode, ASCII} {
			got := FitNames(routes, w, g)
			assertDistinct(t, "FitNames", got, w)
		}
	}
	// A name that fits stays whole; one cut alone is cut at its end.
	got := FitNames([]string{"db SELECT", "api " + strings.Repeat("x", 40)}, 20, Unicode)
	if strings.TrimRight(got[0], " ") != "db SELECT" || !strings.HasPrefix(got[1], "api xxx") {
		t.Errorf("FitNames = %q", got)
	}
}

func TestStatsTableNamesDistinct(t *testing.T) {
	var rows []trace.OpStat
	for _, r := range routes {
		svc, name, _ := strings.Cut(r, " ")
		rows = append(rows, trace.OpStat{Service: svc, Name: name, Count: 3, Total: 30e6, Min: 10e6, Max: 10e6, Durations: []int64{10e6, 10e6, 10e6}})
	}
	for _, w := range []int{40, 60, 80, 120} {
		lines := StatsTable(rows, true, "total", Options{Width: w})
		assertDistinct(t, "stats", lines[1:4], w)
	}
}

// At 40 columns a run diff row takes two lines and shows the name whole.
func TestRunDiffNamesWholeWhenStacked(t *testing.T) {
	res := &rundiff.Result{}
	for _, r := range routes {
		svc, name, _ := strings.Cut(r, " ")
		res.Ops = append(res.Ops, rundiff.OpDiff{Key: rundiff.OpKey{Service: svc, Name: name},
			A: rundiff.Stat{Count: 5, P50: 5e6}, B: rundiff.Stat{Count: 5, P50: 6e6},
			Test: &rundiff.Test{P: 0.5, Q: 0.5, Alpha: 0.05, N1: 5, N2: 5}})
	}
	res.Overall.A.Count, res.Overall.B.Count = 5, 5
	for _, w := range []int{40, 60, 80, 120} {
		lines := RunDiffLines(res, 0, Options{Width: w})
		text := strings.Join(lines, "\n")
		for _, l := range lines {
			if Width(l) > w {
				t.Errorf("width %d: %d-column line %q", w, Width(l), l)
			}
		}
		if w == 40 {
			joined := strings.ReplaceAll(strings.ReplaceAll(text, "\n  ", ""), "\n", "")
			for _, r := range routes {
				if !strings.Contains(joined, r) {
					t.Errorf("width 40: %q not shown whole:\n%s", r, text)
				}
			}
			continue
		}
		var rows []string
		for _, l := range lines {
			if strings.Contains(l, "~ noise") && !strings.HasPrefix(l, "traces") {
				rows = append(rows, l)
			}
		}
		if len(rows) != 3 {
			t.Fatalf("width %d: rows %q\n%s", w, rows, text)
		}
		assertDistinct(t, "run diff", rows, w)
	}
}

// A trace diff gives up self Δ and % before it cuts a name, and names it
// cuts stay apart (they used to be cut at the end until three routes read
// "api GET /api/v1/customers/{customer_id}/…").
func TestTraceDiffNamesDistinct(t *testing.T) {
	side := func(slow int64) trace.Analyzed {
		specs := []spec{{1, 0, "api", "GET /", 0, 400, ""}}
		for k, r := range routes {
			_, name, _ := strings.Cut(r, " ")
			specs = append(specs, spec{byte(2 + k), 1, "api", name, int64(k) * 100, int64(k)*100 + 50 + slow, ""})
		}
		return build(specs...)
	}
	d := diff.Align(side(0), side(20))
	for _, w := range []int{70, 100, 120} {
		lines := TraceDiffLines(d, DiffView{}, Options{Width: w})
		var head string
		var rows []string
		for _, l := range lines {
			if strings.Contains(l, "span") && strings.Contains(l, "change") {
				head = l
			}
			if strings.Contains(l, "─ api") || strings.Contains(l, "─ …") {
				rows = append(rows, l)
			}
			if Width(l) > w {
				t.Errorf("width %d: %d-column line %q", w, Width(l), l)
			}
		}
		if strings.Contains(head, "self") || strings.Contains(head, "%") || !strings.Contains(head, " A ") {
			t.Errorf("width %d: head %q; want self Δ and %% gone before names are cut, A and B kept", w, head)
		}
		if len(rows) != 3 {
			t.Fatalf("width %d: rows %q", w, rows)
		}
		var names []string
		for _, r := range rows {
			names = append(names, strings.Fields(r)[1]+" "+strings.Join(strings.Fields(r)[2:len(strings.Fields(r))-3], " "))
		}
		assertDistinct(t, "trace diff", names, w)
	}
}

// The "N more operations" line wraps at 40 columns like every other line.
func TestRunDiffMoreLineWraps(t *testing.T) {
	res := &rundiff.Result{}
	for k := range 12 {
		res.Ops = append(res.Ops, rundiff.OpDiff{Key: rundiff.OpKey{Service: "svc", Name: "op" + strings.Repeat("x", k)},
			A: rundiff.Stat{Count: 5, P50: 5e6}, B: rundiff.Stat{Count: 5, P50: 6e6},
			Test: &rundiff.Test{P: 0.5, Q: 0.5, Alpha: 0.05, N1: 5, N2: 5}})
	}
	lines := RunDiffLines(res, 1, Options{Width: 40})
	text := strings.Join(lines, "\n")
	if !strings.Contains(strings.ReplaceAll(text, "\n", " "), "11 more operations, of less impact (--top 0 shows all)") {
		t.Errorf("no more-line:\n%s", text)
	}
	for _, l := range lines {
		if Width(l) > 40 {
			t.Errorf("%d-column line %q", Width(l), l)
		}
	}
}

// Short service names never push a stats line past the width (the name
// column had a floor of 12 whatever the width left).
func TestStatsTableShortNamesFit(t *testing.T) {
	var rows []trace.OpStat
	for _, svc := range []string{"api", "many", "ev|il"} {
		rows = append(rows, trace.OpStat{Service: svc, Count: 1800, Total: 13.5e9, Self: 13.5e9, Min: 5e6, Max: 10e6,
			Durations: []int64{5e6, 7e6, 10e6}})
	}
	for _, w := range []int{40, 60, 80} {
		for _, l := range StatsTable(rows, false, "total", Options{Width: w}) {
			if Width(l) > w {
				t.Errorf("width %d: %d-column line %q", w, Width(l), l)
			}
		}
	}
}
