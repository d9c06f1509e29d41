package trace

import (
	"slices"
	"testing"
)

const ms = int64(1e6)

// t0 is the moment test times count from: a time of 0 means "not
// recorded" (OTLP, Zipkin), so no test span may start there by accident.
const t0 = int64(1_795_168_800) * 1e9

// sp is a test span: id and parent are small numbers, times in ms from t0
// (an end of 0 ms is t0, not "no end": set End = 0 for that).
func sp(id, parent byte, start, end int64, name string) Span {
	s := Span{Name: name, Start: t0 + start*ms, End: t0 + end*ms}
	s.TraceID[15] = 1
	s.SpanID[7] = id
	if parent != 0 {
		s.ParentID[7] = parent
	}
	return s
}

func build(spans ...Span) (*Tree, *Analysis) {
	tr := Build(&Trace{Spans: spans})
	return tr, Analyze(tr)
}

func names(tr *Tree, idx []int32) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = tr.Span(i).Name
	}
	return out
}

func hasWarning(tr *Tree, w Warning) bool { return slices.Contains(tr.Warnings, w) }

func hasWarningKind(tr *Tree, k WarningKind) bool {
	return slices.ContainsFunc(tr.Warnings, func(w Warning) bool { return w.Kind == k })
}

func TestChildrenOrderedByStartWhateverTheInputOrder(t *testing.T) {
	tr, _ := build(sp(3, 1, 50, 60, "c"), sp(2, 1, 10, 20, "b"), sp(1, 0, 0, 100, "root"), sp(4, 2, 12, 15, "b1"))
	if got := names(tr, tr.Order); !slices.Equal(got, []string{"root", "b", "b1", "c"}) {
		t.Errorf("pre-order = %v", got)
	}
	if len(tr.Warnings) != 0 {
		t.Errorf("clean trace has warnings: %v", tr.Warnings)
	}
	if tr.Size[2] != 4 || tr.Depth[3] != 2 || tr.Start != t0 || tr.End != t0+100*ms {
		t.Errorf("size %d depth %d bounds %d..%d", tr.Size[2], tr.Depth[3], tr.Start, tr.End)
	}
}

func TestOrphansHangUnderOnePlaceholderPerMissingParent(t *testing.T) {
	tr, a := build(sp(1, 0, 0, 100, "root"), sp(2, 9, 10, 20, "o1"), sp(3, 9, 30, 50, "o2"), sp(4, 8, 5, 6, "o3"))
	if len(tr.Extra) != 2 {
		t.Fatalf("placeholders = %d, want 2", len(tr.Extra))
	}
	ph := tr.Parent[1]
	if ph < 4 || tr.Parent[2] != ph || !tr.Span(ph).Placeholder || tr.Span(ph).Start != t0+10*ms || tr.Span(ph).End != t0+50*ms {
		t.Errorf("o1, o2 must share a placeholder spanning 10..50ms")
	}
	if tr.Marks[1]&MarkOrphan == 0 || tr.Marks[ph]&MarkPlaceholder == 0 {
		t.Error("orphan and placeholder flags missing")
	}
	if !hasWarning(tr, Warning{Kind: WarnOrphans, Count: 3, Parents: 2}) {
		t.Errorf("warnings = %v", tr.Warnings)
	}
	if a.Bottleneck >= 4 {
		t.Error("a placeholder cannot be the bottleneck")
	}
}

func TestCyclesAndSelfParentsAreCut(t *testing.T) {
	self := sp(5, 5, 0, 10, "self")
	tr, _ := build(sp(1, 3, 0, 100, "a"), sp(2, 1, 10, 90, "b"), sp(3, 2, 20, 80, "c"), self)
	if len(tr.Order) != 4 {
		t.Fatalf("every span must be drawn once, order has %d", len(tr.Order))
	}
	if tr.Parent[0] != -1 || tr.Marks[0]&MarkCycle == 0 {
		t.Error("the cycle must be cut at its earliest span, a")
	}
	if tr.Parent[3] != -1 || tr.Marks[3]&MarkCycle == 0 {
		t.Error("a self-parent must become a root")
	}
	if !hasWarning(tr, Warning{Kind: WarnCycles, Count: 2}) {
		t.Errorf("warnings = %v", tr.Warnings)
	}
}

func TestZipkinSharedSpanGoesUnderItsClient(t *testing.T) {
	client := sp(2, 1, 10, 90, "client")
	client.Kind = KindClient
	server := sp(2, 1, 12, 88, "server")
	server.Kind = KindServer
	tr, _ := build(sp(1, 0, 0, 100, "root"), client, server, sp(3, 2, 20, 30, "db"))
	if tr.Parent[2] != 1 || tr.Marks[2]&MarkSharedRPC == 0 {
		t.Errorf("server half parent = %d, want the client half", tr.Parent[2])
	}
	if tr.Parent[3] != 2 {
		t.Errorf("a child of the shared ID belongs to the server half, got parent %d", tr.Parent[3])
	}
	if hasWarningKind(tr, WarnDuplicateIDs) {
		t.Error("a shared RPC is not a duplicate")
	}
}

func TestDuplicateIDsAreKept(t *testing.T) {
	tr, _ := build(sp(1, 0, 0, 100, "root"), sp(2, 1, 10, 20, "first"), sp(2, 1, 30, 40, "second"))
	if len(tr.Order) != 3 || tr.Marks[2]&MarkDuplicateID == 0 || tr.Parent[2] != 0 {
		t.Errorf("duplicate must stay, flagged, under its own parent")
	}
	if !hasWarning(tr, Warning{Kind: WarnDuplicateIDs, Count: 1}) {
		t.Errorf("warnings = %v", tr.Warnings)
	}
}

func TestBadTimesAndSkewAreFlaggedNotAdjusted(t *testing.T) {
	noEnd := sp(3, 1, 20, 0, "noend")
	noEnd.End = 0
	tr, _ := build(sp(1, 0, 100, 200, "root"), sp(2, 1, 35, 150, "early"), noEnd, sp(4, 1, 150, 140, "backwards"), sp(5, 1, 190, 260, "late"))
	if tr.Marks[1]&MarkStartsBeforeParent == 0 || tr.Span(1).Start != t0+35*ms {
		t.Error("skewed child must be flagged and keep its time")
	}
	if tr.Marks[4]&MarkEndsAfterParent == 0 {
		t.Error("child ending after its parent must be flagged")
	}
	if tr.Marks[2]&MarkNoEnd == 0 || tr.Marks[3]&MarkEndBeforeStart == 0 {
		t.Error("missing end / end before start not flagged")
	}
	// The span with no end takes no part in the extent, although its
	// start (20 ms) is the earliest.
	if tr.End != t0+260*ms || tr.Start != t0+35*ms {
		t.Errorf("bounds %d..%d ms: want 35..260, untimed spans left out", (tr.Start-t0)/ms, (tr.End-t0)/ms)
	}
	if notes := tr.Notes(1); !slices.Contains(notes, Note{Kind: MarkStartsBeforeParent, Amount: 65 * ms}) {
		t.Errorf("notes = %+v, want a start 65 ms before the parent", notes)
	}
	if notes := tr.Notes(4); !slices.Contains(notes, Note{Kind: MarkEndsAfterParent, Amount: 60 * ms}) {
		t.Errorf("notes = %+v, want an end 60 ms after the parent", notes)
	}
}

func TestDeepChainAndWideFanOut(t *testing.T) {
	const depth = 20000
	chain := make([]Span, depth)
	for i := range chain {
		chain[i] = Span{Start: int64(i + 1), End: int64(2*depth - i)}
		chain[i].SpanID[6], chain[i].SpanID[7] = byte((i+1)>>8), byte(i+1)
		chain[i].SpanID[5] = byte((i + 1) >> 16)
		if i > 0 {
			chain[i].ParentID = chain[i-1].SpanID
		}
	}
	tr := Build(&Trace{Spans: chain})
	a := Analyze(tr)
	if tr.Depth[depth-1] != depth-1 || tr.Size[0] != depth || a.Critical[depth-1] == 0 {
		t.Errorf("chain: depth %d size %d", tr.Depth[depth-1], tr.Size[0])
	}
	const width = 50000
	fan := make([]Span, width+1)
	fan[0] = Span{Start: 1, End: 10*width + 1}
	fan[0].SpanID[7] = 1
	for i := 1; i <= width; i++ {
		fan[i] = Span{Start: int64(10*(width-i) + 1), End: int64(10*(width-i) + 6), ParentID: fan[0].SpanID}
		fan[i].SpanID[4], fan[i].SpanID[5], fan[i].SpanID[6] = 1, byte(i>>8), byte(i)
		fan[i].SpanID[3] = byte(i >> 16)
	}
	tr = Build(&Trace{Spans: fan})
	a = Analyze(tr)
	if len(tr.Children(0)) != width || tr.Span(tr.Children(0)[0]).Start != 1 {
		t.Error("fan-out children not sorted by start")
	}
	if a.Self[0] != 10*width-5*width {
		t.Errorf("fan-out self = %d", a.Self[0])
	}
}

func TestAsyncWorkIsMarkedNotWarned(t *testing.T) {
	consumer := sp(2, 1, 10, 20, "consume")
	consumer.Kind = KindConsumer
	follows := sp(3, 1, 20, 30, "follows")
	follows.Attrs = []Attr{{Key: "jaeger.ref_type", Value: StringValue("follows_from")}}
	rootConsumer := sp(6, 0, 0, 5, "root consumer")
	rootConsumer.Kind = KindConsumer
	tr, _ := build(sp(1, 0, 0, 100, "root"), consumer, follows, sp(4, 1, 90, 150, "outlives"), sp(5, 1, 40, 50, "sync"), rootConsumer)
	for i, want := range []bool{false, true, true, true, false, false} {
		if got := tr.Marks[i]&MarkAsync != 0; got != want {
			t.Errorf("%s: async = %v, want %v", tr.Span(int32(i)).Name, got, want)
		}
	}
	if n := tr.Notes(1); n != nil {
		t.Errorf("async alone is no note: %+v", n)
	}
}
