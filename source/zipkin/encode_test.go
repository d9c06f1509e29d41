package zipkin

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// The encoder is the decoder's mirror: the Zipkin UI's own test traces,
// decoded, encoded and decoded again, give the same model (attributes
// compared as a set: the endpoint and flag attributes Decode appends
// come back where Decode appends them).
func TestEncodeMirrorsDecode(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "zipkin-v2", "*.json"))
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		first, _, err := decodeString(t, string(fixture(t, filepath.Base(f))))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var spans []*trace.Span
		orig := first.Traces()
		for _, tr := range orig {
			for i := range tr.Spans {
				spans = append(spans, &tr.Spans[i])
			}
		}
		out, lost := AppendJSON(nil, spans)
		if !json.Valid(out) {
			t.Fatalf("%s: invalid JSON", f)
		}
		// Decoded Zipkin has nothing Zipkin cannot carry.
		for _, l := range lost {
			if !strings.HasPrefix(l, "attribute types other than string") {
				t.Errorf("%s: lost %s", filepath.Base(f), l)
			}
		}
		second, _, err := decodeString(t, string(out))
		if err != nil {
			t.Fatalf("%s: re-decode: %v", f, err)
		}
		back := second.Traces()
		for k := range orig {
			for i := range orig[k].Spans {
				if d := spanDiff(orig[k].Spans[i], back[k].Spans[i]); d != "" {
					t.Errorf("%s span %d: %s", filepath.Base(f), i, d)
				}
			}
		}
	}
}

func sortedAttrs(attrs []trace.Attr) []trace.Attr {
	out := slices.Clone(attrs)
	slices.SortStableFunc(out, func(a, b trace.Attr) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

func spanDiff(x, y trace.Span) string {
	if !x.Resource.Equal(y.Resource) {
		return fmt.Sprintf("resource %+v != %+v", x.Resource, y.Resource)
	}
	x.Attrs, y.Attrs = sortedAttrs(x.Attrs), sortedAttrs(y.Attrs)
	x.Resource, y.Resource = nil, nil
	if !x.Equal(&y) {
		return fmt.Sprintf("\n%+v\n%+v", x, y)
	}
	return ""
}

// A span shorter than a microsecond keeps an end (1 µs): Zipkin reads a
// zero duration as none.
func TestEncodeShortSpanKeepsItsEnd(t *testing.T) {
	s := &trace.Span{Name: "tiny", Start: 1_700_000_000_000_000_100, End: 1_700_000_000_000_000_400, Kind: trace.KindServer,
		Links: []trace.Link{{}}, Status: trace.StatusError, StatusMessage: "boom"}
	out, lost := AppendJSON(nil, []*trace.Span{s})
	got, _, err := decodeString(t, string(out))
	if err != nil {
		t.Fatal(err)
	}
	b := got.Traces()[0].Spans[0]
	if b.Start != 1_700_000_000_000_000_000 || b.End != 1_700_000_000_000_001_000 || b.Status != trace.StatusError || b.StatusMessage != "boom" {
		t.Errorf("read back %d..%d %v %q", b.Start, b.End, b.Status, b.StatusMessage)
	}
	if !slices.Contains(lost, "span links: 1 span (1 link)") {
		t.Errorf("links not reported lost: %q", lost)
	}
}

// A zero-length span keeps an end (1 µs), as a sub-µs one does; IDs that
// were not hex are written as hex (Zipkin refuses others) with the
// parent link kept; a span ending before it starts has no duration. Each
// is listed, in spans.
func TestEncodeZeroLengthOpaqueIDsAndBackwards(t *testing.T) {
	in := `[{"traceId":"trace-one","id":"root-span","name":"root","timestamp":1700000000000000,"duration":5},
	 {"traceId":"trace-one","id":"child-span","parentId":"root-span","name":"child","timestamp":1700000000000001,"duration":2}]`
	col, _, err := decodeString(t, in)
	if err != nil {
		t.Fatal(err)
	}
	var spans []*trace.Span
	for i := range col.Traces()[0].Spans {
		spans = append(spans, &col.Traces()[0].Spans[i])
	}
	zero := &trace.Span{Name: "zero", Start: 1_700_000_000_000_000_000, End: 1_700_000_000_000_000_000, Kind: trace.KindServer}
	back := &trace.Span{Name: "back", Start: 1_700_000_000_000_005_000, End: 1_700_000_000_000_001_000, Kind: trace.KindServer}
	zero.SpanID[7], back.SpanID[7] = 1, 2
	out, lost := AppendJSON(nil, append(spans, zero, back))
	var z []struct {
		TraceID  string `json:"traceId"`
		ID       string `json:"id"`
		ParentID string `json:"parentId"`
		Duration *int64 `json:"duration"`
	}
	if err := json.Unmarshal(out, &z); err != nil {
		t.Fatal(err)
	}
	hexID := regexp.MustCompile(`^[0-9a-f]{16}([0-9a-f]{16})?$`)
	for _, s := range z[:2] {
		if !hexID.MatchString(s.TraceID) || !hexID.MatchString(s.ID) {
			t.Errorf("IDs %q %q are not hex: Zipkin refuses them", s.TraceID, s.ID)
		}
	}
	if z[1].ParentID != z[0].ID {
		t.Errorf("child's parentId %q, want the root's id %q", z[1].ParentID, z[0].ID)
	}
	if z[2].Duration == nil || *z[2].Duration != 1 {
		t.Errorf("zero-length span: duration %v, want 1 µs", z[2].Duration)
	}
	if z[3].Duration != nil {
		t.Errorf("span ending before it starts: duration %d, want none", *z[3].Duration)
	}
	for _, w := range []string{
		"IDs that were not hex (written as the hex of the bytes tracetui hashed them to): 2 spans (5 IDs)",
		"spans shorter than 1 µs or of zero length (written as 1 µs: Zipkin reads no duration as not finished): 1 span",
		"spans ending before they start (written with no duration: Zipkin shows them as not finished): 1 span",
	} {
		if !slices.Contains(lost, w) {
			t.Errorf("not listed: %q\nin %q", w, lost)
		}
	}
}
