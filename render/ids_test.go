package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// Defect H, issue 15 item 2: the explorer's list cut IDs to 15 characters
// even at 200 columns, so zero-padded IDs all read "000000000000000…".
// Every row's ID tells it apart at every width, and is whole when there is
// room; the list has a START column.
func TestListIDsCanBeToldApart(t *testing.T) {
	var traces []trace.Summary
	for k := 1; k <= 12; k++ {
		traces = append(traces, trace.Summary{ID: fmt.Sprintf("%032x", k), RootService: "api", RootName: "GET /",
			Start: t0 + int64(k)*msec, Duration: 5 * msec, Spans: 3})
	}
	for _, w := range []int{40, 60, 80, 120, 200} {
		lines := ListLines(traces, ListView{Interactive: true}, Options{Width: w})
		seen := map[string]bool{}
		for _, l := range lines[1:] {
			id := strings.Fields(strings.TrimPrefix(l, "> "))[0]
			if seen[id] {
				t.Errorf("%d columns: two rows read %q:\n%s", w, id, strings.Join(lines, "\n"))
			}
			seen[id] = true
			if Width(l) > w {
				t.Errorf("%d columns: a row of %d: %q", w, Width(l), l)
			}
		}
	}
	random := []trace.Summary{{ID: "4bf92f3577b34da6a3ce929d0e0e4736", RootService: "checkout", RootName: "POST /checkout", Start: t0, Duration: msec},
		{ID: "0af7651916cd43dd8448eb211c80319c", RootService: "checkout", RootName: "POST /checkout", Start: t0 + msec, Duration: msec}}
	wide := strings.Join(ListLines(random, ListView{Interactive: true}, Options{Width: 200}), "\n")
	if !strings.Contains(wide, "4bf92f3577b34da6a3ce929d0e0e4736") || !strings.Contains(wide, "START") {
		t.Errorf("at 200 columns the IDs are whole and the list has a START column:\n%s", wide)
	}
	narrow := strings.Join(ListLines(random, ListView{Interactive: true}, Options{Width: 80}), "\n")
	if !strings.Contains(narrow, "> 4bf92f3 ") || !strings.Contains(narrow, "14:13:20.001") {
		t.Errorf("at 80 columns, git's 7-digit prefix and the start's time of day:\n%s", narrow)
	}
}

// Defect H in findings: the duplicate finding of case 16 listed
// "(spans 160000…, 160000…)", two IDs that read alike.
func TestFindingSpanIDsAreUniquePrefixes(t *testing.T) {
	a := build(spec{id: 1, svc: "api", name: "GET /", end: 10},
		spec{id: 2, parent: 1, svc: "db", name: "SELECT", end: 5}, spec{id: 3, parent: 1, svc: "db", name: "SELECT", start: 5, end: 10})
	for k := range a.Tree.Trace.Spans { // IDs that share their first 15 hex digits
		a.Tree.Trace.Spans[k].SpanID = [8]byte{0x16, 0, 0, 0, 0, 0, 0, byte(k + 1)}
	}
	got := spanIDs(a.Tree, []int32{1, 2}, Unicode)
	if got != "1600000000000002, 1600000000000003" {
		t.Errorf("span IDs that differ only at the end: %q", got)
	}
	a.Tree.Trace.Spans[0].SpanID = [8]byte{0xaa}
	a.Tree.Trace.Spans[2].SpanID = [8]byte{0x9e, 0x77, 0x69, 0xb4}
	if got := spanIDs(a.Tree, []int32{1, 2}, Unicode); got != "1600000, 9e7769b" {
		t.Errorf("IDs that differ early are git's 7 digits: %q", got)
	}
}

// A store result being fetched says so at every width: at 40 columns the
// ROOT column that carries "(fetching…)" is gone, so the row says it in
// the duration cell instead.
func TestListSaysFetchingAtEveryWidth(t *testing.T) {
	traces := []trace.Summary{
		{ID: "4bf92f3577b34da6a3ce929d0e0e4736", RootService: "checkout", RootName: "POST /cart", Start: 1, Duration: 5e6, Spans: 3, Errors: 0},
		{ID: "00f067aa0ba902b7a3ce929d0e0e4736", RootService: "checkout", RootName: "GET /cart", Start: 2, Duration: 7e6, Spans: 4, Errors: 0},
	}
	for _, w := range []int{40, 60, 120} {
		lines := ListLines(traces, ListView{Interactive: true, Fetching: map[int]bool{1: true}}, Options{Width: w})
		if !strings.Contains(lines[2], "fetching") {
			t.Errorf("width %d: the fetched row does not say so: %q", w, lines[2])
		}
		if strings.Contains(lines[1], "fetching") {
			t.Errorf("width %d: a row not being fetched says fetching: %q", w, lines[1])
		}
	}
}
