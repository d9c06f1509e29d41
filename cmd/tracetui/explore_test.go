package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

// The explorer's list from summaries is the eager one: same traces, same
// order, same lines; a trace analyzed on open has the findings and tree
// the eager analysis gave it, and concurrent asks share one analysis.
func TestLazyTracesMatchTheEagerAnalysis(t *testing.T) {
	var buf bytes.Buffer
	if err := tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 3000, Traces: 300, Seed: 7, ErrorRate: 0.05}); err != nil {
		t.Fatal(err)
	}
	res, err := load.All([]load.Input{{Name: "gen.jsonl", Reader: &buf}}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opt := trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary}
	eager := trace.AnalyzeAll(res.Traces, opt)
	var reports []int
	opt.Progress = func(done, total int) { reports = append(reports, done) }
	lazy := lazyTraces(res.Traces, opt, nil)
	if len(lazy.Traces) != len(eager) || len(reports) == 0 || reports[len(reports)-1] != len(eager) {
		t.Fatalf("%d lazy traces for %d, progress %v", len(lazy.Traces), len(eager), reports)
	}
	for k, e := range eager {
		l := lazy.Traces[k]
		if l.Tree != nil || !reflect.DeepEqual(*l.Summary, *e.Summary) {
			t.Fatalf("trace %d: lazy line %+v (tree kept: %v), eager %+v", k, *l.Summary, l.Tree != nil, *e.Summary)
		}
	}
	var wg sync.WaitGroup
	got := make([]trace.Analyzed, 4)
	for i := range got {
		wg.Go(func() { got[i] = lazy.Analyze(5) })
	}
	wg.Wait()
	for _, g := range got[1:] {
		if g.Tree != got[0].Tree {
			t.Fatal("trace 5 was analyzed more than once")
		}
	}
	for _, k := range []int{0, 5, len(eager) - 1} {
		a, e := lazy.Analyze(k), eager[k]
		if a.Tree.Trace != e.Tree.Trace || !reflect.DeepEqual(a.Findings, e.Findings) || !reflect.DeepEqual(*a.Summary, *e.Summary) {
			t.Errorf("trace %d analyzed on open differs from the eager analysis", k)
		}
	}
}

// The explorer's list order is a stable sort by trace.CompareStart, also
// where starts and IDs repeat (a file listing one trace twice would).
func TestStartOrderIsTheStableSortByStart(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sums := make([]trace.Summary, 5000)
	for k := range sums {
		sums[k] = trace.Summary{Start: rng.Int64N(300), ID: fmt.Sprintf("%02x", rng.IntN(40)), Spans: k}
	}
	want := make([]int, len(sums))
	for k := range want {
		want[k] = k
	}
	slices.SortStableFunc(want, func(x, y int) int { return trace.CompareStart(sums[x], sums[y]) })
	if got := startOrder(sums); !slices.Equal(got, want) {
		t.Errorf("startOrder differs from the stable sort by start")
	}
}
