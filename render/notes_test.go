package render

import (
	"testing"

	"github.com/tracetui/tracetui/trace"
)

func TestWarningsWordedWithTheirCounts(t *testing.T) {
	for _, c := range []struct {
		w    trace.Warning
		want string
	}{
		{trace.Warning{Kind: trace.WarnOrphans, Count: 3, Parents: 2},
			"3 spans whose parent never arrived (2 missing parents: the trace looks incomplete, sampled apart or still arriving)"},
		{trace.Warning{Kind: trace.WarnOrphans, Count: 1, Parents: 1},
			"1 span whose parent never arrived (1 missing parent: the trace looks incomplete, sampled apart or still arriving)"},
		{trace.Warning{Kind: trace.WarnRoots, Count: 2}, "2 root spans"},
		{trace.Warning{Kind: trace.WarnCycles, Count: 1}, "1 parent link cut to break a cycle"},
		{trace.Warning{Kind: trace.WarnDuplicateIDs, Count: 4}, "4 spans share a span ID with another span"},
		{trace.Warning{Kind: trace.WarnNoEnd, Count: 1}, "1 span has no end time"},
		{trace.Warning{Kind: trace.WarnEndBeforeStart, Count: 2}, "2 spans end before they start"},
		{trace.Warning{Kind: trace.WarnStartsBeforeParent, Count: 1}, "1 span starts before its parent (clock skew?)"},
		{trace.Warning{Kind: trace.WarnEndsAfterParent, Count: 5}, "5 spans end after their parent (async work or clock skew)"},
		{trace.Warning{Kind: trace.WarnDropped, Count: 3, Events: 1, Links: 0}, "producers dropped 3 attributes, 1 event, 0 links at their limits"},
		{trace.Warning{Kind: trace.WarnNoSpanID, Count: 7}, "7 spans have no span ID"},
		{trace.Warning{Kind: trace.WarnRepeats, Count: 1}, "dropped 1 repeated span (the same span ID and content arrived twice)"},
		{trace.Warning{Kind: trace.WarnRepeats, Count: 5}, "dropped 5 repeated spans (the same span IDs and content arrived more than once)"},
	} {
		if got := WarningText(c.w); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.w, got, c.want)
		}
	}
}

func TestSkewNotesUseTheDurationColumnsFormat(t *testing.T) {
	early := trace.Note{Kind: trace.MarkStartsBeforeParent, Amount: 10_000_000}
	late := trace.Note{Kind: trace.MarkEndsAfterParent, Amount: 1_500}
	if got := NoteText(early, Options{}); got != "starts 10.0 ms before parent (clock skew?)" {
		t.Errorf("got %q", got)
	}
	if got := NoteText(late, Options{}); got != "ends 1.50 µs after parent" {
		t.Errorf("got %q", got)
	}
	if got := NoteText(late, Options{Glyphs: ASCII}); got != "ends 1.50 us after parent" {
		t.Errorf("ASCII: got %q", got)
	}
}
