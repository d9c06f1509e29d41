package trace_test

import (
	"reflect"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// The explorer draws a trace's first frame with Fold's findings and shows
// Complete's when they land: they must be Find's, and reading Fold's
// meanwhile must see them unchanged.
func TestFoldThenCompleteIsFind(t *testing.T) {
	grew := false
	for _, n := range []int{1, 30, 2_000, 20_000} {
		for seed := uint64(1); seed <= 3; seed++ {
			tr := trace.Build(tracegen.RandomTrace(n, seed))
			a := trace.Analyze(tr)
			opt := trace.FindOptions{RepeatThreshold: 3}
			want := trace.Find(tr, a, opt)
			fold := trace.Fold(tr, opt)
			before := append([]trace.Finding(nil), fold.List...)
			got := fold.Complete(tr, a, opt)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%d spans, seed %d: Fold then Complete gave %d findings, Find %d", n, seed, len(got.List), len(want.List))
			}
			if !reflect.DeepEqual(fold.List, before) || !reflect.DeepEqual(fold.Folded, want.Folded) {
				t.Fatalf("%d spans, seed %d: Complete changed Fold's findings", n, seed)
			}
			grew = grew || len(got.List) > len(fold.List)
		}
	}
	if !grew {
		t.Fatal("no trace had a finding past Fold's: the test compares nothing Complete adds")
	}
}

// A trace drawn at once is AnalyzeOne's, findings in two parts: the
// folds first (the waterfall's rows), then all of them.
func TestAnalyzeFoldedIsAnalyzeOne(t *testing.T) {
	tr := tracegen.RandomTrace(5_000, 3)
	opt := trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary, Find: trace.FindOptions{RepeatThreshold: 3}}
	eager := trace.AnalyzeOne(tr, opt)
	a, complete := trace.AnalyzeFolded(tr, opt)
	if !reflect.DeepEqual(a.Tree, eager.Tree) || !reflect.DeepEqual(a.Analysis, eager.Analysis) || !reflect.DeepEqual(a.Summary, eager.Summary) {
		t.Fatal("tree, analysis or list line differ from AnalyzeOne's")
	}
	if !reflect.DeepEqual(a.Findings.Folded, eager.Findings.Folded) || len(a.Findings.List) >= len(eager.Findings.List) {
		t.Fatalf("first: %d folded, %d findings; AnalyzeOne: %d folded, %d findings",
			len(a.Findings.Folded), len(a.Findings.List), len(eager.Findings.Folded), len(eager.Findings.List))
	}
	if got := complete(); !reflect.DeepEqual(got, eager.Findings) {
		t.Fatalf("completed: %d findings, AnalyzeOne's %d", len(got.List), len(eager.Findings.List))
	}
	if a, complete := trace.AnalyzeFolded(tr, trace.PipelineOptions{}); complete != nil || a.Findings != nil || a.Summary != nil {
		t.Error("steps made though not asked for")
	}
}
