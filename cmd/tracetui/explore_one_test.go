package main

import (
	"reflect"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// A trace opened at once arrives with its folds and gets the rest of its
// findings later: tree, analysis, list line and the completed findings
// are what the eager pipeline gives, and the folds are already the ones
// its waterfall draws with.
func TestFirstFrameThenFindIsTheEagerAnalysis(t *testing.T) {
	tr := tracegen.RandomTrace(5_000, 3)
	opt := trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary, Find: trace.FindOptions{RepeatThreshold: 3}}
	eager := trace.AnalyzeOne(tr, opt)
	var reports [][2]int
	opt.Progress = func(done, total int) { reports = append(reports, [2]int{done, total}) }
	l := firstFrame(tr, opt, []string{"w"})
	if len(l.Traces) != 1 || l.Find == nil || !reflect.DeepEqual(reports, [][2]int{{0, 1}, {1, 1}}) {
		t.Fatalf("%d traces, Find set: %v, progress %v", len(l.Traces), l.Find != nil, reports)
	}
	a := l.Traces[0]
	if !reflect.DeepEqual(a.Tree, eager.Tree) || !reflect.DeepEqual(a.Analysis, eager.Analysis) || !reflect.DeepEqual(a.Summary, eager.Summary) {
		t.Fatal("the first frame's trace differs from the eager analysis")
	}
	if !reflect.DeepEqual(a.Findings.Folded, eager.Findings.Folded) || len(a.Findings.List) >= len(eager.Findings.List) {
		t.Fatalf("first frame: %d folded, %d findings; eager %d folded, %d findings",
			len(a.Findings.Folded), len(a.Findings.List), len(eager.Findings.Folded), len(eager.Findings.List))
	}
	if got := l.Find(); !reflect.DeepEqual(got, eager.Findings) {
		t.Fatalf("completed findings: %d, eager %d", len(got.List), len(eager.Findings.List))
	}
	if l := firstFrame(tr, trace.PipelineOptions{Steps: trace.StepSummary}, nil); l.Find != nil || l.Traces[0].Findings != nil {
		t.Error("findings made though not asked for")
	}
}
