package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// Defect E: the explorer's statistics at 100 columns cut the ERRORS
// column ("ERR…", values "…"). Below the width every column needs, the
// least important columns give way, the sorted one stays, ERRORS stays
// whole, a line says what went, and no two operations read alike.
func TestStatsTableFitsTheWidth(t *testing.T) {
	op := func(svc, name string, errs int) trace.OpStat {
		return trace.OpStat{Service: svc, Name: name, Count: 3, Errors: errs, Total: 9 * msec, Self: msec, Min: msec,
			Max: 5 * msec, Durations: []int64{msec, 3 * msec, 5 * msec}}
	}
	rows := []trace.OpStat{op("checkout", "GET /api/v1/customers/orders/list", 1), op("checkout", "GET /api/v1/customers/orders/detail", 0),
		op("payment", "POST /v1/charges", 2)}
	for _, w := range []int{40, 60, 80, 100, 120, 160} {
		lines := StatsTable(rows, true, "p50", Options{Width: w})
		table := strings.Join(lines, "\n")
		if !strings.Contains(lines[0], "ERRORS") || !strings.Contains(lines[0], "P50") {
			t.Errorf("%d columns: ERRORS and the sorted column stay:\n%s", w, table)
		}
		seen := map[string]bool{}
		for _, l := range lines[1:4] {
			if Width(l) > w {
				t.Errorf("%d columns: a line of %d: %q", w, Width(l), l)
			}
			if f := strings.Fields(l); f[len(f)-1] == "…" || strings.HasSuffix(l, "…") {
				t.Errorf("%d columns: a cut number: %q", w, l)
			}
			name := strings.TrimSpace(l[:strings.Index(l, "  ")])
			if seen[name] {
				t.Errorf("%d columns: two operations read %q:\n%s", w, name, table)
			}
			seen[name] = true
		}
		if w < 120 && !strings.Contains(table, "MIN") {
			if !strings.Contains(lines[len(lines)-1], "not shown at this width") {
				t.Errorf("%d columns: what was dropped is said:\n%s", w, table)
			}
		}
	}
	if wide := StatsTable(rows, true, "total", Options{Width: 160}); len(wide) != 4 || !strings.Contains(wide[0], "MIN") {
		t.Errorf("at 160 columns every column shows:\n%s", strings.Join(wide, "\n"))
	}
}
