package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// repeatsFixture: an order service calling SELECT item six times in a row
// (a fold), the fourth call failing below, and an error elsewhere.
func repeatsFixture() trace.Analyzed {
	specs := []spec{
		{1, 0, "web", "GET /order", 0, 1000, "failed"},
		{2, 1, "orders", "load order", 10, 900, "failed"},
		{20, 1, "cart", "GET /cart", 910, 990, "no session"},
	}
	for k := range 6 {
		id := byte(3 + k)
		specs = append(specs, spec{id, 2, "orders", "SELECT item", int64(20 + 100*k), int64(100 + 100*k), ""})
	}
	specs = append(specs, spec{30, 6, "db", "lock wait", 330, 390, "timeout"})
	f := build(specs...)
	f.Findings = trace.Find(f.Tree, f.Analysis, trace.FindOptions{})
	return f
}

// randomStates are view states a viewer can reach: folds on or off and
// partly unfolded, random collapsed spans, a random filter, a budget.
func randomStates(t trace.Analyzed, r *rand.Rand) []ViewState {
	tr := t.Tree
	var repeats map[int32]*trace.Repeat
	if t.Findings != nil {
		repeats = t.Findings.Folded
	}
	var out []ViewState
	for range 40 {
		st := ViewState{Collapsed: map[int32]bool{}, Unfolded: map[*trace.Repeat]bool{}}
		if r.IntN(3) > 0 {
			st.Repeats = repeats
			for _, g := range repeats {
				if r.IntN(3) == 0 {
					st.Unfolded[g] = true
				}
			}
		}
		for range r.IntN(4) {
			st.Collapsed[int32(r.IntN(tr.Len()))] = true
		}
		if r.IntN(2) == 0 {
			seed := r.Uint64()
			st.Keep, _ = FilterKeep(tr, func(i int32) bool { return (uint64(i)*2654435761+seed)%7 == 0 })
		}
		if r.IntN(2) == 0 {
			st.Budget = SpanBudget(tr, t.Analysis, 1+r.IntN(tr.Len()), nil)
		}
		if r.IntN(2) == 0 {
			st.Pinned = PinnedSpans(tr, t.Analysis)
		}
		out = append(out, st)
	}
	return out
}

// Every row hides what it says it hides: the rows' own spans and hidden
// counts add up to the trace, hidden errors to its error spans, and the
// failure point and the bottleneck are on exactly one row each, shown or
// hidden. The explorer's lazy walk, both ways, meets print's rows.
func TestCursorAccountsForEverySpanOnce(t *testing.T) {
	traces := []trace.Analyzed{fixture(), repeatsFixture()}
	r := rand.New(rand.NewPCG(1, 2))
	for seed := range uint64(4) {
		tr := trace.Build(tracegen.RandomTrace(300, seed))
		a := trace.Analyze(tr)
		traces = append(traces, trace.Analyzed{Tree: tr, Analysis: a, Findings: trace.Find(tr, a, trace.FindOptions{RepeatThreshold: 2})})
	}
	for range 30 {
		f := repetitiveTrace(r)
		f.Findings = trace.Find(f.Tree, f.Analysis, trace.FindOptions{RepeatThreshold: 2})
		traces = append(traces, f)
	}
	for k, f := range traces {
		for s, st := range randomStates(f, r) {
			t.Run(fmt.Sprintf("trace%d/state%d", k, s), func(t *testing.T) {
				checkAccounts(t, f, st)
			})
		}
	}
}

func checkAccounts(t *testing.T, f trace.Analyzed, st ViewState) {
	tr, a := f.Tree, f.Analysis
	rows := Rows(tr, a, st)
	spans, errs, failures, bottlenecks := 0, 0, 0, 0
	for _, r := range rows {
		own := !r.Elided
		if own {
			spans++
			if a.Roles[r.Span] != trace.RoleNone {
				errs++
			}
		}
		spans += r.Hidden
		errs += r.HiddenErrors
		if r.HidesFailure || own && a.Failure != nil && a.Failure.Span == r.Span {
			failures++
		}
		if r.HidesBottleneck || own && a.Bottleneck == r.Span {
			bottlenecks++
		}
	}
	allErrs := 0
	for _, role := range a.Roles {
		if role != trace.RoleNone {
			allErrs++
		}
	}
	if spans != tr.Len() || errs != allErrs {
		t.Errorf("rows account for %d spans and %d errors, the trace has %d and %d", spans, errs, tr.Len(), allErrs)
	}
	if want := btoi(a.Failure != nil); failures != want {
		t.Errorf("failure point on %d rows, want %d", failures, want)
	}
	if want := btoi(a.Bottleneck >= 0); bottlenecks != want {
		t.Errorf("bottleneck on %d rows, want %d", bottlenecks, want)
	}

	c := NewCursor(tr, a, st)
	var down []int32
	for p := int32(0); p < c.Len(); p = c.Next(p) {
		if r, _ := c.Row(p); r != rows[len(down)] {
			t.Fatalf("row %d: lazy %+v, eager %+v", len(down), r, rows[len(down)])
		}
		if c.RowStart(p) != p {
			t.Errorf("RowStart(%d) = %d: a row start must map to itself", p, c.RowStart(p))
		}
		down = append(down, p)
	}
	if len(down) != len(rows) {
		t.Fatalf("lazy walk has %d rows, eager %d", len(down), len(rows))
	}
	up := []int32{c.Last()}
	for p := c.Last(); p > 0; {
		p = c.Prev(p)
		up = append(up, p)
	}
	slices.Reverse(up)
	if !slices.Equal(down, up) {
		t.Errorf("rows down %v, up %v", down, up)
	}
	for p := int32(0); p < c.Len(); p++ {
		if _, ok := slices.BinarySearch(down, c.RowStart(p)); !ok {
			t.Fatalf("RowStart(%d) = %d is not a row", p, c.RowStart(p))
		}
	}
	checkPinnedDrawn(t, f, st, c)
}

// checkPinnedDrawn: unless the viewer collapsed or filtered, every pinned
// span (the answer and its ancestors) is a row of its own, whatever folds
// or --max-spans leave out.
func checkPinnedDrawn(t *testing.T, f trace.Analyzed, st ViewState, c Cursor) {
	if st.Pinned == nil || len(st.Collapsed) > 0 || st.Keep != nil {
		return
	}
	for i, pinned := range st.Pinned {
		if !pinned {
			continue
		}
		p := f.Tree.Pos[i]
		if r, _ := c.Row(c.RowStart(p)); c.RowStart(p) != p || r.Elided || r.Group != nil || r.Span != int32(i) {
			t.Fatalf("pinned span %d (%s) is not a row of its own: drawn in %+v", i, f.Tree.Span(int32(i)).Name, r)
		}
	}
}

// repetitiveTrace is a random tree of few distinct calls, so runs of
// repeated calls (interleaved with other calls, nested, failing) are common.
func repetitiveTrace(r *rand.Rand) trace.Analyzed {
	n := 20 + r.IntN(120)
	specs := []spec{{1, 0, "api", "GET /", 0, 1 << 20, ""}}
	for k := 2; k <= n; k++ {
		p := specs[r.IntN(len(specs))]
		if r.IntN(3) > 0 { // prefer the last few spans: deeper trees
			p = specs[max(len(specs)-1-r.IntN(4), 0)]
		}
		width := (p.end - p.start) / 8
		start := p.start + r.Int64N(max(width*6, 1))
		err := ""
		if r.IntN(12) == 0 {
			err = "failed"
		}
		specs = append(specs, spec{byte(k), p.id, []string{"db", "cache"}[r.IntN(2)], []string{"SELECT", "GET", "PUT"}[r.IntN(3)],
			start, start + max(width, 1), err})
	}
	return build(specs...)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Rows that hide the failure point or the bottleneck wear their marks,
// and counts are words: "1 error", not "1 errors".
func TestHidingRowsMarkTheFailureAndTheBottleneck(t *testing.T) {
	f := fixture()
	opt := Options{Width: 100}
	// Collapse Charge (span 5): it hides the failing payment call.
	lines := Waterfall(f.Tree, f.Analysis, ViewState{Collapsed: map[int32]bool{5: true}}, opt)
	if got := lines[6]; got[:len("✗• └─ checkout Charge [+1, 1 err]")] != "✗• └─ checkout Charge [+1, 1 err]" {
		t.Errorf("collapsed row hiding the failure: %q", got)
	}
	// Filter to cart: everything else is elided, the bottleneck and the
	// failure point with it.
	keep, _ := FilterKeep(f.Tree, func(i int32) bool { return f.Tree.Span(i).Service() == "cart" })
	lines = Waterfall(f.Tree, f.Analysis, ViewState{Keep: keep}, opt)
	want := []string{
		"↑• checkout POST /checkout",
		// cart ran 10-20 ms before inventory started: on the critical path.
		" • ├─ cart GET /v1/cart",
		"✗◆ └─ … 5 hidden (2 errors)",
		"   … 2 hidden",
	}
	for k, w := range want {
		if got := lines[k+1]; len(got) < len(w) || got[:len(w)] != w {
			t.Errorf("row %d = %q, want it to start %q\n%s", k, got, w, strings.Join(lines, "\n"))
		}
	}
}
